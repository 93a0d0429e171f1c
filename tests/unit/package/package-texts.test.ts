import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isRuntimeFile } from "../../../scripts/package/copy-runtime-files.ts";
import { extensionPolicyReg } from "../../../scripts/package/extension-policy-reg.ts";
import { installGuide } from "../../../scripts/package/install-guide.ts";
import { launchScripts } from "../../../scripts/package/launch-scripts.ts";
import { TARGETS } from "../../../scripts/package/targets.ts";

describe("the package's install scripts", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "hocba-scripts-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("install.sh runs the bundled node on hocba.js with the arguments given, from any working folder", () => {
    const pkg = path.join(dir, "goi co dau cách");
    mkdirSync(path.join(pkg, "node"), { recursive: true });
    for (const f of launchScripts(TARGETS["linux-x64"])) writeFileSync(path.join(pkg, f.path), f.content);
    // A stand-in for Node that prints what it was asked to run, left without its executable bit.
    writeFileSync(path.join(pkg, "node/node"), '#!/bin/sh\nprintf "%s|" "$@"\n');
    writeFileSync(path.join(pkg, "hocba.js"), "");
    for (const script of ["install.sh", "uninstall.sh", "hocba"]) {
      expect(spawnSync("sh", ["-n", path.join(pkg, script)]).status, script).toBe(0);
    }
    const run = (script: string, args: string[]) =>
      execFileSync("sh", [path.join(pkg, script), ...args], { cwd: tmpdir(), encoding: "utf8" });
    expect(run("install.sh", ["--system", "--extension-id", "a b"])).toBe(
      `${path.join(pkg, "hocba.js")}|install|--system|--extension-id|a b|`,
    );
    expect(run("uninstall.sh", [])).toBe(`${path.join(pkg, "hocba.js")}|uninstall|`);
    chmodSync(path.join(pkg, "hocba"), 0o755);
    expect(execFileSync(path.join(pkg, "hocba"), ["verify", "x.xml"], { encoding: "utf8" })).toBe(
      `${path.join(pkg, "hocba.js")}|verify|x.xml|`,
    );
  });

  it("install.sh stops with a Vietnamese message when the zip was not fully unzipped", () => {
    const lonely = path.join(dir, "chi-co-install");
    mkdirSync(lonely);
    const install = launchScripts(TARGETS["linux-x64"]).find((f) => f.path === "install.sh");
    writeFileSync(path.join(lonely, "install.sh"), install?.content ?? "");
    const run = spawnSync("sh", [path.join(lonely, "install.sh")], { encoding: "utf8" });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("hãy giải nén toàn bộ tệp zip");
  });

  it("the Windows scripts are CRLF batch files that call node\\node.exe on hocba.js beside them", () => {
    const scripts = launchScripts(TARGETS["win-x64"]);
    expect(scripts.map((s) => s.path)).toEqual(["install.cmd", "uninstall.cmd", "hocba.cmd"]);
    for (const s of scripts) {
      expect(s.content.startsWith("@echo off\r\n")).toBe(true);
      expect(s.content.replace(/\r\n/g, "")).not.toContain("\n");
      expect(s.content).toMatch(/node\\node\.exe" "%[^%]+%?hocba\.js"|node\\node\.exe" "%~dp0hocba\.js"/);
    }
    // No parentheses in echo lines outside a block: cmd.exe would take them for one.
    for (const line of (scripts[0]?.content ?? "").split("\r\n").filter((l) => l.startsWith("echo "))) {
      expect(line, line).not.toMatch(/[()]/);
    }
  });
});

describe("HUONG-DAN-CAI-DAT.txt", () => {
  it("tells Windows IT to unzip, run install.cmd, what the popup shows, the extension id, uninstalling, logs and archive", () => {
    const text = installGuide({ version: "0.1.0", target: TARGETS["win-x64"], nodeVersion: "22.23.3" });
    for (const phrase of [
      "Giải nén TOÀN BỘ tệp zip",
      "Nháy đúp vào install.cmd",
      "install.cmd --system",
      "«Trình ký trên máy» ghi «Đã cài phiên bản 0.1.0»",
      "install.cmd --extension-id <MÃ_TIỆN_ÍCH>",
      "uninstall.cmd",
      "%APPDATA%\\hocba-signer\\archive.sqlite",
      "%APPDATA%\\hocba-signer\\logs\\host.log",
      "không cần mạng Internet",
    ]) {
      expect(text, phrase).toContain(phrase);
    }
    expect(text).not.toContain("Visual C++");
    expect(text).not.toMatch(/undefined|\[object/);
    expect(text.includes("\r\n")).toBe(true);
  });

  it("asks for nothing to be installed first on Windows (no runtime library); Linux gets sh install.sh", () => {
    const win = installGuide({ version: "0.1.0", target: TARGETS["win-x64"], nodeVersion: "22.23.3" });
    expect(win).toContain("Node.js 22.23.3");
    expect(win).toContain("không cần cài Node.js hay thư viện");
    expect(win).toContain("Máy cần Windows 10 hoặc Windows 11, bản 64-bit");
    expect(win).not.toMatch(/Redistributable|vc_redist|Cần thêm/);
    const linux = installGuide({ version: "0.1.0", target: TARGETS["linux-x64"], nodeVersion: "22.23.5" });
    expect(linux).toContain("sh install.sh");
    expect(linux).toContain("~/.local/share/hocba-signer/archive.sqlite");
    expect(linux).not.toContain("install.cmd");
  });
});

describe("the rest of the package", () => {
  it("keeps code, addons, manifests and licences of node_modules, not sources, types, maps or docs", () => {
    for (const kept of [
      "index.js",
      "lib/a.cjs",
      "lib/b.mjs",
      "package.json",
      "x/koffi.node",
      "LICENSE",
      "LICENSE.txt",
      "lib/x.wasm",
    ]) {
      expect(isRuntimeFile(kept), kept).toBe(true);
    }
    for (const dropped of [
      "index.d.ts",
      "index.js.map",
      "README.md",
      "src/x.cc",
      "binding.gyp",
      "test/a.js",
      "docs/a.js",
    ]) {
      expect(isRuntimeFile(dropped), dropped).toBe(false);
    }
  });

  it("the policy template forces the store extension in Chrome and Edge, with placeholders to replace", () => {
    const reg = extensionPolicyReg();
    expect(reg.split("\r\n")[0]).toBe("Windows Registry Editor Version 5.00");
    expect(reg).toContain(
      "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome\\ExtensionInstallForcelist]",
    );
    expect(reg).toContain(
      "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Edge\\ExtensionInstallForcelist]",
    );
    expect(reg.match(/^"1"="THAY_BANG_MA_[A-Z_]+;https:\/\/[^"]+"$/gm)).toHaveLength(2);
  });
});

import { describe, expect, it } from "vitest";
import {
  EXTENSION_ID,
  FIREFOX_EXTENSION_ID,
  NATIVE_HOST_NAME,
} from "../../../shared/config/extension-identity.ts";
import { BROWSERS, type BrowserId, type TargetOs } from "../../../native-host/install/browser-targets.ts";
import { encodePlannedFile } from "../../../native-host/install/encode-planned-file.ts";
import { planInstall, type PlanInput } from "../../../native-host/install/plan-install.ts";

function input(over: Partial<PlanInput> = {}): PlanInput {
  const os = over.os ?? "linux";
  const win = os === "win32";
  return {
    os,
    scope: "user",
    browsers: [...BROWSERS],
    home: win ? "C:\\Users\\Nguyễn Văn A" : os === "darwin" ? "/Users/gv" : "/home/gv",
    env: win
      ? { LOCALAPPDATA: "C:\\Users\\Nguyễn Văn A\\AppData\\Local", ProgramFiles: "C:\\Program Files" }
      : {},
    nodePath: win ? "C:\\Program Files\\nodejs\\node.exe" : "/usr/bin/node",
    cliPath: win ? "C:\\hocba\\bin\\hocba.mjs" : "/opt/hocba/bin/hocba.mjs",
    dataFolder: win
      ? "C:\\Users\\Nguyễn Văn A\\AppData\\Roaming\\hocba-signer"
      : os === "darwin"
        ? "/Users/gv/Library/Application Support/hocba-signer"
        : "/home/gv/.local/share/hocba-signer",
    extraExtensionIds: [],
    ...over,
  };
}

function manifests(plan: ReturnType<typeof planInstall>): Map<string, Record<string, unknown>> {
  return new Map(
    plan.files
      .filter((f) => f.kind === "manifest")
      .map((f) => [f.path, JSON.parse(f.content) as Record<string, unknown>]),
  );
}

describe("planInstall: POSIX manifest folders", () => {
  it.each<[TargetOs, "user" | "system", BrowserId, string[]]>([
    ["linux", "user", "chrome", ["/home/gv/.config/google-chrome/NativeMessagingHosts/vn.hocba.signer.json"]],
    ["linux", "user", "chromium", ["/home/gv/.config/chromium/NativeMessagingHosts/vn.hocba.signer.json"]],
    ["linux", "user", "edge", ["/home/gv/.config/microsoft-edge/NativeMessagingHosts/vn.hocba.signer.json"]],
    [
      "linux",
      "user",
      "coccoc",
      ["/home/gv/.config/coccoc-browser/NativeMessagingHosts/vn.hocba.signer.json"],
    ],
    ["linux", "user", "firefox", ["/home/gv/.mozilla/native-messaging-hosts/vn.hocba.signer.json"]],
    ["linux", "system", "chrome", ["/etc/opt/chrome/native-messaging-hosts/vn.hocba.signer.json"]],
    ["linux", "system", "chromium", ["/etc/chromium/native-messaging-hosts/vn.hocba.signer.json"]],
    ["linux", "system", "edge", ["/etc/opt/edge/native-messaging-hosts/vn.hocba.signer.json"]],
    ["linux", "system", "coccoc", []],
    [
      "linux",
      "system",
      "firefox",
      [
        "/usr/lib/mozilla/native-messaging-hosts/vn.hocba.signer.json",
        "/usr/lib64/mozilla/native-messaging-hosts/vn.hocba.signer.json",
      ],
    ],
    [
      "darwin",
      "user",
      "chrome",
      ["/Users/gv/Library/Application Support/Google/Chrome/NativeMessagingHosts/vn.hocba.signer.json"],
    ],
    [
      "darwin",
      "user",
      "chromium",
      ["/Users/gv/Library/Application Support/Chromium/NativeMessagingHosts/vn.hocba.signer.json"],
    ],
    [
      "darwin",
      "user",
      "edge",
      ["/Users/gv/Library/Application Support/Microsoft Edge/NativeMessagingHosts/vn.hocba.signer.json"],
    ],
    [
      "darwin",
      "user",
      "coccoc",
      ["/Users/gv/Library/Application Support/CocCoc/Browser/NativeMessagingHosts/vn.hocba.signer.json"],
    ],
    [
      "darwin",
      "user",
      "firefox",
      ["/Users/gv/Library/Application Support/Mozilla/NativeMessagingHosts/vn.hocba.signer.json"],
    ],
    ["darwin", "system", "chrome", ["/Library/Google/Chrome/NativeMessagingHosts/vn.hocba.signer.json"]],
    ["darwin", "system", "edge", ["/Library/Microsoft/Edge/NativeMessagingHosts/vn.hocba.signer.json"]],
    [
      "darwin",
      "system",
      "firefox",
      ["/Library/Application Support/Mozilla/NativeMessagingHosts/vn.hocba.signer.json"],
    ],
  ])("%s %s %s", (os, scope, browser, expected) => {
    const plan = planInstall(input({ os, scope, browsers: [browser] }));
    expect([...manifests(plan).keys()]).toEqual(expected);
    if (expected.length === 0) expect(plan.notes.join(" ")).toContain("Cốc Cốc");
  });

  it("follows XDG_CONFIG_HOME for Chromium browsers but not for Firefox", () => {
    const plan = planInstall(input({ env: { XDG_CONFIG_HOME: "/cfg" }, browsers: ["chrome", "firefox"] }));
    expect([...manifests(plan).keys()]).toEqual([
      "/cfg/google-chrome/NativeMessagingHosts/vn.hocba.signer.json",
      "/home/gv/.mozilla/native-messaging-hosts/vn.hocba.signer.json",
    ]);
  });

  it("writes a Chromium manifest with trailing-slash origins and a Firefox one with allowed_extensions", () => {
    const plan = planInstall(
      input({
        browsers: ["chrome", "firefox"],
        extraExtensionIds: ["abcdefghijklmnopabcdefghijklmnop", "store@hocba.vn"],
      }),
    );
    const [chrome, firefox] = [...manifests(plan).values()];
    expect(chrome).toEqual({
      name: NATIVE_HOST_NAME,
      description: expect.any(String) as string,
      path: "/home/gv/.local/share/hocba-signer/bin/hocba-host",
      type: "stdio",
      allowed_origins: [
        `chrome-extension://${EXTENSION_ID}/`,
        "chrome-extension://abcdefghijklmnopabcdefghijklmnop/",
      ],
    });
    expect(firefox).toEqual({
      name: NATIVE_HOST_NAME,
      description: expect.any(String) as string,
      path: "/home/gv/.local/share/hocba-signer/bin/hocba-host",
      type: "stdio",
      allowed_extensions: [FIREFOX_EXTENSION_ID, "store@hocba.vn"],
    });
    expect(NATIVE_HOST_NAME).toMatch(/^[a-z0-9_.]+$/);
  });

  it("generates an executable sh launcher with quoted absolute paths and the extra ids", () => {
    const plan = planInstall(
      input({ nodePath: "/opt/it's node/bin/node", extraExtensionIds: ["abcdefghijklmnopabcdefghijklmnop"] }),
    );
    const launcher = plan.files.find((f) => f.kind === "launcher");
    expect(launcher?.path).toBe("/home/gv/.local/share/hocba-signer/bin/hocba-host");
    expect(launcher?.mode).toBe(0o755);
    expect(launcher?.content.split("\n")).toEqual([
      "#!/bin/sh",
      expect.stringContaining("hocba install") as string,
      "HOCBA_EXTRA_EXTENSION_IDS='abcdefghijklmnopabcdefghijklmnop'",
      "export HOCBA_EXTRA_EXTENSION_IDS",
      `exec '/opt/it'\\''s node/bin/node' '/opt/hocba/bin/hocba.mjs' host "$@"`,
      "",
    ]);
  });

  it("puts the launcher in a system folder for --system", () => {
    expect(planInstall(input({ scope: "system" })).launcherPath).toBe(
      "/usr/local/lib/hocba-signer/hocba-host",
    );
    expect(planInstall(input({ os: "darwin", scope: "system" })).launcherPath).toBe(
      "/Library/Application Support/hocba-signer/hocba-host",
    );
  });

  it("installs only into the profile with --user-data-dir", () => {
    const plan = planInstall(input({ userDataDir: "/tmp/profile" }));
    expect([...manifests(plan).keys()]).toEqual(["/tmp/profile/NativeMessagingHosts/vn.hocba.signer.json"]);
  });

  it.each([["not-an-id"], ["ABCDEFGHIJKLMNOPABCDEFGHIJKLMNOP"], ["abc"]])("refuses extension id %s", (id) => {
    expect(() => planInstall(input({ extraExtensionIds: [id] }))).toThrow(
      expect.objectContaining({ code: "INSTALL_BAD_EXTENSION_ID" }) as Error,
    );
  });
});

describe("planInstall: Windows", () => {
  it.each<[BrowserId, string[]]>([
    ["chrome", ["Software\\Google\\Chrome\\NativeMessagingHosts\\vn.hocba.signer"]],
    ["chromium", ["Software\\Chromium\\NativeMessagingHosts\\vn.hocba.signer"]],
    ["edge", ["Software\\Microsoft\\Edge\\NativeMessagingHosts\\vn.hocba.signer"]],
    [
      "coccoc",
      [
        "Software\\CocCoc\\Browser\\NativeMessagingHosts\\vn.hocba.signer",
        "Software\\Google\\Chrome\\NativeMessagingHosts\\vn.hocba.signer",
      ],
    ],
    ["firefox", ["Software\\Mozilla\\NativeMessagingHosts\\vn.hocba.signer"]],
  ])("registry keys for %s", (browser, keys) => {
    const plan = planInstall(input({ os: "win32", browsers: [browser] }));
    expect(plan.registry.map((r) => r.key)).toEqual(keys);
    expect(plan.registry.every((r) => r.hive === "HKCU")).toBe(true);
    const manifest = browser === "firefox" ? "vn.hocba.signer.firefox.json" : "vn.hocba.signer.chromium.json";
    expect(
      plan.registry.every(
        (r) => r.manifest === `C:\\Users\\Nguyễn Văn A\\AppData\\Local\\hocba-signer\\${manifest}`,
      ),
    ).toBe(true);
  });

  it("writes each key once, HKLM for --system, manifests and launcher under Program Files", () => {
    const plan = planInstall(input({ os: "win32", scope: "system", browsers: ["chrome", "coccoc", "edge"] }));
    expect(plan.registry.map((r) => `${r.hive}\\${r.key}`)).toEqual([
      "HKLM\\Software\\Google\\Chrome\\NativeMessagingHosts\\vn.hocba.signer",
      "HKLM\\Software\\CocCoc\\Browser\\NativeMessagingHosts\\vn.hocba.signer",
      "HKLM\\Software\\Microsoft\\Edge\\NativeMessagingHosts\\vn.hocba.signer",
    ]);
    expect(plan.launcherPath).toBe("C:\\Program Files\\hocba-signer\\hocba-host.cmd");
    expect(plan.files.map((f) => f.path.split("\\").pop())).toEqual([
      "hocba-host.cmd",
      "vn.hocba.signer.chromium.json",
      "install.reg",
      "uninstall.reg",
      "install.ps1",
      "uninstall.ps1",
    ]);
  });

  it("writes a .reg file regedit reads: UTF-16LE with BOM, CRLF, escaped backslashes", () => {
    const plan = planInstall(input({ os: "win32", browsers: ["chrome", "firefox"] }));
    const reg = plan.files.find((f) => f.path.endsWith("\\install.reg"));
    if (!reg) throw new Error("no install.reg");
    const bytes = encodePlannedFile(reg);
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    const text = bytes.subarray(2).toString("utf16le");
    expect(text).toBe(
      [
        "Windows Registry Editor Version 5.00",
        "",
        "[HKEY_CURRENT_USER\\Software\\Google\\Chrome\\NativeMessagingHosts\\vn.hocba.signer]",
        '@="C:\\\\Users\\\\Nguyễn Văn A\\\\AppData\\\\Local\\\\hocba-signer\\\\vn.hocba.signer.chromium.json"',
        "",
        "[HKEY_CURRENT_USER\\Software\\Mozilla\\NativeMessagingHosts\\vn.hocba.signer]",
        '@="C:\\\\Users\\\\Nguyễn Văn A\\\\AppData\\\\Local\\\\hocba-signer\\\\vn.hocba.signer.firefox.json"',
        "",
      ].join("\r\n"),
    );
    const uninstall = plan.files.find((f) => f.path.endsWith("\\uninstall.reg"));
    expect(uninstall?.content).toContain(
      "[-HKEY_CURRENT_USER\\Software\\Mozilla\\NativeMessagingHosts\\vn.hocba.signer]",
    );
  });

  it("writes PowerShell scripts with a BOM, literal paths and single quotes doubled", () => {
    const plan = planInstall(
      input({
        os: "win32",
        browsers: ["edge"],
        env: { LOCALAPPDATA: "C:\\Users\\O'Brien\\AppData\\Local" },
      }),
    );
    const ps1 = plan.files.find((f) => f.path.endsWith("\\install.ps1"));
    if (!ps1) throw new Error("no install.ps1");
    expect([...encodePlannedFile(ps1).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const key = "'HKCU:\\Software\\Microsoft\\Edge\\NativeMessagingHosts\\vn.hocba.signer'";
    expect(ps1.content.split("\r\n")).toEqual([
      expect.stringContaining("hocba install") as string,
      "$ErrorActionPreference = 'Stop'",
      `New-Item -Path ${key} -Force | Out-Null`,
      `Set-ItemProperty -LiteralPath ${key} -Name '(default)' -Value 'C:\\Users\\O''Brien\\AppData\\Local\\hocba-signer\\vn.hocba.signer.chromium.json'`,
      "",
    ]);
    const un = plan.files.find((f) => f.path.endsWith("\\uninstall.ps1"));
    expect(un?.content).toContain(
      `if (Test-Path -LiteralPath ${key}) { Remove-Item -LiteralPath ${key} -Recurse -Force }`,
    );
    expect(plan.registryScriptPath).toBe("C:\\Users\\O'Brien\\AppData\\Local\\hocba-signer\\install.ps1");
  });

  it("writes a .cmd launcher that switches to UTF-8 and forwards the browser's arguments", () => {
    const plan = planInstall(input({ os: "win32", extraExtensionIds: ["store@hocba.vn"] }));
    const launcher = plan.files.find((f) => f.kind === "launcher");
    expect(launcher?.content.split("\r\n")).toEqual([
      "@echo off",
      expect.stringContaining("hocba install") as string,
      "chcp 65001 >nul",
      'set "HOCBA_EXTRA_EXTENSION_IDS=store@hocba.vn"',
      '"C:\\Program Files\\nodejs\\node.exe" "C:\\hocba\\bin\\hocba.mjs" host %*',
      "",
    ]);
    const manifest = JSON.parse(
      plan.files.find((f) => f.path.endsWith("chromium.json"))?.content ?? "{}",
    ) as {
      path: string;
    };
    expect(manifest.path).toBe("C:\\Users\\Nguyễn Văn A\\AppData\\Local\\hocba-signer\\hocba-host.cmd");
  });
});

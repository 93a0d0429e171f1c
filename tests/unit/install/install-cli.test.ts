import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { beforeEach, describe, expect, it } from "vitest";
import { EXTENSION_ID } from "../../../shared/config/extension-identity.ts";
import { CHROME_ORIGIN, CLI, HostProcess } from "../host/host-process.ts";
import { scratchDir } from "../host/scratch-dir.ts";

const run = promisify(execFile);

let home: string;
let env: NodeJS.ProcessEnv;
beforeEach(() => {
  home = scratchDir("hocba-home");
  env = { PATH: process.env.PATH, HOME: home, LANG: "C.UTF-8" };
});

async function hocba(...args: string[]): Promise<{ stdout: string; stderr: string }> {
  return run(process.execPath, [CLI, ...args], { env, cwd: home });
}

const chromeManifest = (): string =>
  path.join(home, ".config/google-chrome/NativeMessagingHosts/vn.hocba.signer.json");
const firefoxManifest = (): string => path.join(home, ".mozilla/native-messaging-hosts/vn.hocba.signer.json");
const launcher = (): string => path.join(home, ".local/share/hocba-signer/bin/hocba-host");

describe("hocba install / uninstall (real files in a temporary HOME)", () => {
  it("installs manifests and an executable launcher that starts a working helper, then uninstalls", async () => {
    const { stdout } = await hocba("install", "--browser", "chrome,firefox");
    expect(stdout).toContain("Xong");
    const chrome = JSON.parse(readFileSync(chromeManifest(), "utf8")) as {
      path: string;
      allowed_origins: string[];
    };
    expect(chrome.path).toBe(launcher());
    expect(chrome.allowed_origins).toEqual([`chrome-extension://${EXTENSION_ID}/`]);
    const firefox = JSON.parse(readFileSync(firefoxManifest(), "utf8")) as { path: string };
    expect(firefox.path).toBe(launcher());
    expect(statSync(launcher()).mode & 0o777).toBe(0o755);
    expect(existsSync(path.join(home, ".config/chromium"))).toBe(false);

    // The browser would run the launcher with the caller origin; so do we.
    const host = new HostProcess([CHROME_ORIGIN], { ...env, HOCBA_DATA_DIR: path.join(home, "data") }, [
      launcher(),
    ]);
    const hello = await host.hello();
    expect(hello).toMatchObject({ type: "hello", protocolVersion: 1 });
    host.end();
    expect((await host.exited).code).toBe(0);
    expect(host.garbage).toBe("");

    // A foreign manifest next to ours, and a file at our name that is not ours, are left alone.
    const dir = path.dirname(chromeManifest());
    writeFileSync(path.join(dir, "other.host.json"), '{"name":"other.host"}');
    const { stdout: out } = await hocba("uninstall");
    expect(out).toContain("Đã xóa");
    expect(existsSync(chromeManifest())).toBe(false);
    expect(existsSync(firefoxManifest())).toBe(false);
    expect(existsSync(launcher())).toBe(false);
    expect(existsSync(path.dirname(launcher()))).toBe(false);
    expect(readdirSync(dir)).toEqual(["other.host.json"]);
  });

  it("keeps a manifest at our path that belongs to something else", async () => {
    mkdirSync(path.dirname(chromeManifest()), { recursive: true });
    writeFileSync(chromeManifest(), '{"name":"someone.else"}');
    await hocba("uninstall", "--browser", "chrome");
    expect(readFileSync(chromeManifest(), "utf8")).toBe('{"name":"someone.else"}');
  });

  it("writes the extra extension ids into manifests and launcher, and the helper accepts them", async () => {
    const storeId = "abcdefghijklmnopabcdefghijklmnop";
    await hocba("install", "--browser", "chromium", "--extension-id", storeId);
    const manifest = path.join(home, ".config/chromium/NativeMessagingHosts/vn.hocba.signer.json");
    expect(
      (JSON.parse(readFileSync(manifest, "utf8")) as { allowed_origins: string[] }).allowed_origins,
    ).toEqual([`chrome-extension://${EXTENSION_ID}/`, `chrome-extension://${storeId}/`]);
    const host = new HostProcess(
      [`chrome-extension://${storeId}/`],
      { ...env, HOCBA_DATA_DIR: path.join(home, "d") },
      [launcher()],
    );
    expect((await host.hello()).type).toBe("hello");
    host.end();
    await host.exited;
  });

  it("--user-data-dir installs only into that Chromium profile", async () => {
    const profile = path.join(home, "profile");
    await hocba("install", "--user-data-dir", profile);
    expect(readdirSync(path.join(profile, "NativeMessagingHosts"))).toEqual(["vn.hocba.signer.json"]);
    expect(existsSync(path.join(home, ".config"))).toBe(false);
    await hocba("uninstall", "--user-data-dir", profile);
    expect(readdirSync(path.join(profile, "NativeMessagingHosts"))).toEqual([]);
  });

  it("uninstalling one --user-data-dir profile keeps the launcher the installed browsers start", async () => {
    await hocba("install", "--browser", "chrome");
    const profile = path.join(home, "profile");
    await hocba("install", "--user-data-dir", profile);
    const { stdout } = await hocba("uninstall", "--user-data-dir", profile);
    expect(stdout).toContain(`Đã xóa ${path.join(profile, "NativeMessagingHosts", "vn.hocba.signer.json")}`);
    expect(existsSync(launcher())).toBe(true);
    expect(existsSync(chromeManifest())).toBe(true);
    // A profile folder that is a file: nothing of ours there, nothing else touched.
    writeFileSync(path.join(home, "la-tep"), "x");
    const none = await hocba("uninstall", "--user-data-dir", path.join(home, "la-tep"));
    expect(none.stdout).toContain("Không có gì để gỡ.");
    expect(existsSync(launcher())).toBe(true);
    expect(readFileSync(path.join(home, "la-tep"), "utf8")).toBe("x");
    await hocba("uninstall");
    expect(existsSync(launcher())).toBe(false);
  });

  it("--dry-run prints the plan and writes nothing", async () => {
    const { stdout } = await hocba("install", "--dry-run", "--browser", "edge");
    expect(stdout).toContain(
      path.join(home, ".config/microsoft-edge/NativeMessagingHosts/vn.hocba.signer.json"),
    );
    expect(stdout).toContain('"allowed_origins"');
    expect(readdirSync(home)).toEqual([]);
  });

  it("--system writes the system folders (under HOCBA_INSTALL_ROOT here) with real paths inside", async () => {
    const root = path.join(home, "root");
    env.HOCBA_INSTALL_ROOT = root;
    await hocba("install", "--system", "--browser", "chrome,firefox");
    const manifest = JSON.parse(
      readFileSync(path.join(root, "etc/opt/chrome/native-messaging-hosts/vn.hocba.signer.json"), "utf8"),
    ) as { path: string };
    expect(manifest.path).toBe("/usr/local/lib/hocba-signer/hocba-host");
    expect(existsSync(path.join(root, "usr/lib64/mozilla/native-messaging-hosts/vn.hocba.signer.json"))).toBe(
      true,
    );
    expect(statSync(path.join(root, "usr/local/lib/hocba-signer/hocba-host")).mode & 0o777).toBe(0o755);
  });

  it.each([
    [["install", "--browser", "safari"], "INSTALL_UNKNOWN_BROWSER", "safari"],
    [["install", "--extension-id", "bad id"], "INSTALL_BAD_EXTENSION_ID", "bad id"],
  ])("refuses %j with a Vietnamese message", async (args, _code, word) => {
    const err = (await hocba(...args).catch((e: unknown) => e)) as {
      code: number;
      stderr: string;
      stdout: string;
    };
    expect(err.code).toBe(1);
    expect(err.stderr).toMatch(/^Lỗi: /);
    expect(err.stderr).toContain(word);
    expect(err.stderr).not.toMatch(/\n\s+at /);
  });
});

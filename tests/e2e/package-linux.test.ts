import { execFileSync, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BuiltPackage } from "../../scripts/package/build-package.ts";
import { binaryFormat } from "../../scripts/package/binary-format.ts";
import { EXTENSION_ID } from "../../shared/config/extension-identity.ts";
import { Gradebook } from "../../shared/model/gradebook.ts";
import { startPortal, type RunningPortal } from "../portal-sim/start-portal.ts";
import { startPgCluster } from "../support/pg-cluster.ts";
import { useTestToken } from "../support/test-token.ts";
import { xmlsec1Verify } from "../support/xmlsec1.ts";
import { HostProcess } from "../unit/host/host-process.ts";
import { buildExtension, ExtensionBrowser, ROOT } from "./support/extension-browser.ts";
import {
  addPortalInOptions,
  classPagePath,
  downloadAndUnzip,
  loginToPortal,
  openReviewFromPanel,
  readClassWithPanel,
  signInReview,
} from "./support/flow.ts";
import {
  buildTestPackage,
  removeUnzipped,
  unzipPackage,
  type UnzippedPackage,
} from "./support/helper-package.ts";

/**
 * Issue 16's Linux package as IT gets it: `npm run package -- --target linux-x64` is built, unzipped
 * with unzip into an empty folder outside the repository, and used with nothing of the repository
 * around: its own Node, hocba.js and node_modules. The CLI signs and verifies on the SoftHSM token,
 * install.sh registers the packaged helper for a throw-away Chromium profile, the helper answers
 * through its launcher, and the extension reads a class in Chromium, signs it through the packaged
 * helper, and the files verify.
 */

const ARTIFACTS = path.join(ROOT, "test-artifacts/e2e");
const fixture = (name: string) =>
  Gradebook.parse(JSON.parse(readFileSync(path.join(ROOT, "tests/fixtures", name), "utf8")));
const LEARNERS = 4;
const VERSION = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string })
  .version;

describe("the linux-x64 helper package, unzipped outside the repository", () => {
  const token = useTestToken();
  let built: BuiltPackage;
  let unzipped: UnzippedPackage | undefined;
  let pkg: string;
  let work: string;

  beforeAll(async () => {
    built = await buildTestPackage("linux-x64");
    unzipped = unzipPackage(built);
    pkg = unzipped.dir;
    work = mkdtempSync(path.join(tmpdir(), "hocba-package-work-"));
  });

  afterAll(() => {
    removeUnzipped(unzipped);
    if (work) rmSync(work, { recursive: true, force: true });
  });

  /** Runs the package's CLI wrapper (./hocba: bundled Node on hocba.js) in `cwd`; `env` adds to it. */
  function hocba(args: string[], cwd: string, input = "", env: NodeJS.ProcessEnv = {}) {
    return spawnSync(path.join(pkg, "hocba"), args, {
      cwd,
      input,
      encoding: "utf8",
      env: { ...token.env, HOCBA_DATA_DIR: path.join(work, "cli-data"), HOCBA_DEBUG: "", ...env },
    });
  }

  it("holds the bundled Node for linux-x64, hocba.js, its linux native packages and the IT files", () => {
    const node = path.join(pkg, "node/node");
    expect(binaryFormat(readFileSync(node))).toEqual({ os: "linux", cpus: ["x64"] });
    expect(execFileSync(node, ["--version"], { encoding: "utf8" }).trim()).toBe(
      `v${built.info.node.version}`,
    );
    expect(built.info.node.version.split(".")[0]).toBe("22");
    // The archive runs on the bundled Node's node:sqlite: no SQLite addon is shipped.
    expect(Object.keys(built.info.nodeModules).filter((n) => /libsql/.test(n))).toEqual([]);
    for (const f of ["hocba.js", "install.sh", "uninstall.sh", "hocba", "node/node"]) {
      expect(statSync(path.join(pkg, f)).mode & 0o111, `${f} executable after unzip`).not.toBe(0);
    }
    // The helper's document worker runs from its own, smaller bundle.
    expect(statSync(path.join(pkg, "hocba-worker.js")).size).toBeLessThan(
      statSync(path.join(pkg, "hocba.js")).size / 2,
    );
    for (const f of [
      "HUONG-DAN-CAI-DAT.txt",
      "token-modules.json",
      "trust-store/README.md",
      "package.json",
    ]) {
      expect(existsSync(path.join(pkg, f)), f).toBe(true);
    }
    const addons = readdirSync(path.join(pkg, "node_modules"), { recursive: true })
      .map(String)
      .filter((f) => f.endsWith(".node"));
    expect(addons.length).toBeGreaterThan(0);
    for (const f of addons) {
      expect(binaryFormat(readFileSync(path.join(pkg, "node_modules", f))), f).toEqual({
        os: "linux",
        cpus: ["x64"],
      });
    }
    // Only what hocba.js loads at run time is beside it; everything else is inside hocba.js.
    expect(Object.keys(built.info.nodeModules).sort()).toEqual(
      readdirSync(path.join(pkg, "node_modules"))
        .flatMap((n) =>
          n.startsWith("@") ? readdirSync(path.join(pkg, "node_modules", n)).map((s) => `${n}/${s}`) : [n],
        )
        .sort(),
    );
    const guide = readFileSync(path.join(pkg, "HUONG-DAN-CAI-DAT.txt"), "utf8");
    expect(guide).toContain("HƯỚNG DẪN CÀI ĐẶT");
    expect(guide).toContain("sh install.sh");
  });

  it("hocba --version, build, sign on SoftHSM and verify run from an empty folder with the bundled Node", () => {
    const cwd = mkdtempSync(path.join(work, "cli-"));
    const version = hocba(["--version"], cwd);
    expect(version.status, version.stderr).toBe(0);
    expect(version.stdout.trim()).toBe(VERSION);

    const gradebook = path.join(cwd, "so-diem.json");
    const full = fixture("gradebook-gdtx-10.json");
    writeFileSync(gradebook, JSON.stringify({ ...full, learners: full.learners.slice(0, 3) }));
    const build = hocba(["build", gradebook, "--out", "chua-ky"], cwd);
    expect(build.status, build.stderr).toBe(0);
    const unsigned = readdirSync(path.join(cwd, "chua-ky")).map((f) => path.join(cwd, "chua-ky", f));
    expect(unsigned).toHaveLength(3);

    const sign = hocba(
      [
        "sign",
        ...unsigned,
        "--role",
        "gvcn",
        "--token",
        token.tokenLabel,
        "--cert",
        "gvcn",
        "--pin-stdin",
        "--out",
        "da-ky",
      ],
      cwd,
      `${token.pin}\n`,
    );
    expect(sign.status, `${sign.stdout}\n${sign.stderr}`).toBe(0);
    expect(sign.stdout).toContain("Đã ký 3/3 tệp");
    const signed = readdirSync(path.join(cwd, "da-ky")).map((f) => path.join(cwd, "da-ky", f));

    const verify = hocba(["verify", ...signed, "--trust", token.rootPem], cwd);
    expect(verify.status, verify.stdout + verify.stderr).toBe(0);
    expect(verify.stdout.match(/HỢP LỆ, đã có 1\/3 chữ ký/g)).toHaveLength(3);
    // Without the test root, the package's own trust store (empty) cannot confirm the signer.
    expect(hocba(["verify", signed[0] ?? ""], cwd).status).toBe(1);
    for (const file of signed) {
      const x = xmlsec1Verify(readFileSync(file), "sig-GVCN", {
        root: token.rootPem,
        intermediate: token.intermediatePem,
      });
      expect(x.ok, x.output).toBe(true);
    }
  });

  it("signs into the centre's shared PostgreSQL archive: the archive's worker runs from the bundle", () => {
    const pg = startPgCluster();
    try {
      const url = pg.createDatabase("kho_goi");
      const cwd = mkdtempSync(path.join(work, "pg-"));
      const gradebook = path.join(cwd, "so-diem.json");
      const full = fixture("gradebook-gdtx-10.json");
      writeFileSync(gradebook, JSON.stringify({ ...full, learners: full.learners.slice(0, 2) }));
      expect(hocba(["build", gradebook, "--out", "chua-ky"], cwd).status).toBe(0);
      const unsigned = readdirSync(path.join(cwd, "chua-ky")).map((f) => path.join(cwd, "chua-ky", f));
      const env = { HOCBA_ARCHIVE_URL: url };
      const signArgs = [
        "sign",
        ...unsigned,
        ...["--role", "gvcn", "--token", token.tokenLabel, "--cert", "gvcn", "--pin-stdin"],
        ...["--out", "da-ky"],
      ];
      const sign = hocba(signArgs, cwd, `${token.pin}\n`, env);
      expect(sign.status, `${sign.stdout}\n${sign.stderr}`).toBe(0);
      expect(sign.stdout).toContain("Đã ký 2/2 tệp");
      // Run again: both come from the shared archive, no new signature.
      const again = hocba([...signArgs.slice(0, -1), "da-ky-lai"], cwd, `${token.pin}\n`, env);
      expect(again.status, `${again.stdout}\n${again.stderr}`).toBe(0);
      expect(again.stdout).toContain("Trong đó 2 tệp đã ký trước đó, lấy từ kho");
      const check = hocba(["archive", "check"], cwd, "", env);
      expect(check.status, `${check.stdout}\n${check.stderr}`).toBe(0);
      expect(check.stdout).toContain(`Kho lưu trữ: PostgreSQL (máy chủ 127.0.0.1:${pg.port}`);
      expect(check.stdout).toContain("nguyên vẹn: 2 tài liệu");
      for (const r of [sign, again, check]) expect(`${r.stdout}${r.stderr}`).not.toContain(pg.password);
      // A server that cannot be reached is said in Vietnamese from the bundle too.
      const closed = url.replace(`:${pg.port}/`, ":1/");
      const refused = hocba(["archive", "list"], cwd, "", { HOCBA_ARCHIVE_URL: closed });
      expect(refused.status).not.toBe(0);
      expect(refused.stderr).toContain(
        "Không kết nối được tới máy chủ kho lưu trữ chung (PostgreSQL, 127.0.0.1:1/",
      );
    } finally {
      pg.destroy();
    }
  });

  it("reads token-modules.json from its own folder, where IT edits it", () => {
    const list = path.join(pkg, "token-modules.json");
    const original = readFileSync(list, "utf8");
    const cwd = mkdtempSync(path.join(work, "modules-"));
    try {
      expect(hocba(["tokens"], cwd).stdout).toContain(token.tokenLabel);
      writeFileSync(list, original.replaceAll("/libsofthsm2.so", "/khong-co-libsofthsm2.so"));
      const edited = hocba(["tokens"], cwd);
      expect(edited.stdout).not.toContain(token.tokenLabel);
      expect(`${edited.stdout}${edited.stderr}`).not.toContain("/libsofthsm2.so");
    } finally {
      writeFileSync(list, original);
    }
  });

  it("install.sh registers the packaged helper, which answers hello and status through its launcher; uninstall.sh removes its registration and keeps the shared launcher", async () => {
    const home = mkdtempSync(path.join(work, "home-"));
    const profile = path.join(home, "profile");
    const env = { ...token.env, HOME: home, XDG_DATA_HOME: "", HOCBA_DATA_DIR: path.join(home, "data") };
    const out = execFileSync("sh", [path.join(pkg, "install.sh"), "--user-data-dir", profile], {
      cwd: home,
      env,
      encoding: "utf8",
    });
    expect(out).toContain("Xong: trình ký đã được đăng ký");
    const manifest = JSON.parse(
      readFileSync(path.join(profile, "NativeMessagingHosts/vn.hocba.signer.json"), "utf8"),
    ) as { path: string; allowed_origins: string[] };
    expect(manifest.allowed_origins).toEqual([`chrome-extension://${EXTENSION_ID}/`]);
    // The launcher runs the package's own Node on the package's hocba.js.
    const launcher = readFileSync(manifest.path, "utf8");
    expect(launcher).toContain(`exec '${path.join(pkg, "node/node")}' '${path.join(pkg, "hocba.js")}' host`);

    const host = new HostProcess([`chrome-extension://${EXTENSION_ID}/`], env, [manifest.path]);
    const hello = await host.hello();
    expect(hello).toMatchObject({ type: "hello", protocolVersion: 1, hostVersion: VERSION });
    host.send({ type: "status", requestId: "st" });
    const status = await host.next((r) => r.requestId === "st");
    expect(status.type).toBe("status");
    expect((status.tokens as { label: string }[]).map((t) => t.label)).toContain(token.tokenLabel);
    host.end();
    expect((await host.exited).code).toBe(0);
    expect(host.garbage).toBe("");

    const removed = execFileSync("sh", [path.join(pkg, "uninstall.sh"), "--user-data-dir", profile], {
      cwd: home,
      env,
      encoding: "utf8",
    });
    expect(removed).toContain("Đã xóa");
    expect(existsSync(path.join(profile, "NativeMessagingHosts/vn.hocba.signer.json"))).toBe(false);
    // One profile's uninstall keeps the launcher: the browsers installed for the user start it too.
    expect(existsSync(manifest.path)).toBe(true);
  });

  describe("in Chromium: the extension reads a class and signs it through the packaged helper", () => {
    let portal: RunningPortal;
    let browser: ExtensionBrowser;

    beforeAll(async () => {
      buildExtension();
      mkdirSync(ARTIFACTS, { recursive: true });
      const full = fixture("gradebook-gdtx-10.json");
      portal = await startPortal({ gradebooks: [{ ...full, learners: full.learners.slice(0, LEARNERS) }] });
      browser = await ExtensionBrowser.launch({
        env: { ...token.env, HOCBA_DATA_DIR: path.join(work, "browser-helper-data") },
        artifacts: ARTIFACTS,
        shotPrefix: "package-",
        packagedHelper: pkg,
      });
    });

    afterAll(async () => {
      await browser?.close();
      await portal?.close();
    });

    it("the popup shows the packaged helper ready, with the token", async () => {
      expect(browser.installHelper()).toContain("NativeMessagingHosts");
      const popup = await browser.openExtensionPage("popup.html");
      const tokens = popup.getByTestId("helper-tokens");
      await tokens.waitFor({ timeout: 20_000 });
      expect(await tokens.innerText()).toContain(token.tokenLabel);
      expect(await popup.getByTestId("helper-status").innerText()).toContain(`phiên bản ${VERSION}`);
      await browser.shot(popup, "popup-helper-ready");
      await popup.close();
    });

    it(`reads the class, GVCN signs its ${LEARNERS} records, and the packaged hocba verify and xmlsec1 accept them`, async () => {
      await browser.preGrantHostPermission(
        `${new URL(portal.url).protocol}//${new URL(portal.url).hostname}/*`,
      );
      await addPortalInOptions(browser, portal.url);
      const page = await browser.context.newPage();
      await loginToPortal(page, portal.url, "smas");
      const read = await readClassWithPanel(
        browser,
        page,
        portal.url + classPagePath("smas", "1001"),
        "smas",
      );
      expect(read.errors).toEqual([]);
      // A fresh page starts on "Đọc sổ điểm": read again to get "Xem và ký".
      await readClassWithPanel(browser, page, portal.url + classPagePath("smas", "1001"), "smas-again");
      const review = await openReviewFromPanel(browser, page);
      const outcome = await signInReview(browser, review, {
        role: "GVCN",
        certName: "Trần Thị Thu Hằng",
        pin: token.pin,
        label: "gvcn",
        expectCount: LEARNERS,
      });
      expect(outcome.resultText).toBe(`Xong: đã ký ${LEARNERS}, lỗi 0.`);
      const zip = await downloadAndUnzip(browser, review, path.join(work, "zip"));
      expect(zip.files).toHaveLength(LEARNERS);
      const verify = hocba(["verify", ...zip.files, "--trust", token.rootPem], work);
      expect(verify.status, verify.stdout).toBe(0);
      for (const file of zip.files) {
        const x = xmlsec1Verify(readFileSync(file), "sig-GVCN", {
          root: token.rootPem,
          intermediate: token.intermediatePem,
        });
        expect(x.ok, x.output).toBe(true);
      }
      // What the packaged helper signed went into its own archive, in the browser's data folder.
      const archive = spawnSync(path.join(pkg, "hocba"), ["archive", "check"], {
        cwd: work,
        encoding: "utf8",
        env: { ...token.env, HOCBA_DATA_DIR: path.join(work, "browser-helper-data") },
      });
      expect(archive.status, archive.stderr).toBe(0);
      expect(archive.stdout).toContain(`${LEARNERS} tài liệu`);
      // node:sqlite's "experimental" warning is not shown to the user.
      expect(archive.stderr).toBe("");
    });
  });
});

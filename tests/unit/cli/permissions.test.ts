import { execFile } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

/**
 * Files and folders the user may not read or write: one Vietnamese reason, no stack trace, nothing
 * written. Root ignores permissions, so as root the CLI runs as «nobody» through setpriv.
 */
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const asRoot = process.getuid?.() === 0;
const canRun = !asRoot || existsSync("/usr/bin/setpriv");
const tmp = mkdtempSync(join(tmpdir(), "hocba-perm-"));
chmodSync(tmp, 0o777);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}
function hocba(...args: string[]): Promise<Run> {
  const node = [process.execPath, join(ROOT, "bin/hocba.mjs"), ...args];
  const [cmd, ...argv] = asRoot
    ? ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", ...node]
    : node;
  return new Promise((resolve) => {
    execFile(
      cmd ?? "",
      argv,
      { cwd: tmp, env: { ...process.env, HOME: tmp, HOCBA_DEBUG: "" }, encoding: "utf8" },
      (err, stdout, stderr) => {
        const code = err ? (err as { code?: unknown }).code : 0;
        resolve({ code: typeof code === "number" ? code : -1, stdout, stderr });
      },
    );
  });
}
function noTrace(r: Run): void {
  expect(r.stdout + r.stderr).not.toMatch(/\n\s+at |ConnectionFailed|EACCES/);
}

describe.skipIf(!canRun)("hocba with files it may not read or write", () => {
  const gradebook = join(tmp, "so-diem.json");
  copyFileSync(join(ROOT, "tests/fixtures/gradebook-gdtx-10.json"), gradebook);
  chmodSync(gradebook, 0o644);
  const readOnly = join(tmp, "chi-doc");
  mkdirSync(readOnly);
  chmodSync(readOnly, 0o555);

  it("a gradebook without read permission", async () => {
    const locked = join(tmp, "khoa.json");
    copyFileSync(gradebook, locked);
    chmodSync(locked, 0o000);
    const r = await hocba("check", "khoa.json");
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Lỗi: Không đọc được tệp khoa.json: không có quyền đọc");
    noTrace(r);
  });

  it("build into a folder it may not write: one line, exit 2, not a line per learner", async () => {
    const r = await hocba("build", "so-diem.json", "--out", "chi-doc", "--time", "2026-05-25T08:00:00+07:00");
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe("Lỗi: Không ghi được tệp chi-doc: không có quyền truy cập");
    expect(r.stdout).not.toContain("Sửa trên cổng");
    expect(readdirSync(readOnly)).toEqual([]);
    noTrace(r);
  });

  it("an archive in a folder it may not write: says which folder and why", async () => {
    const r = await hocba("check", "so-diem.json", "--archive", "chi-doc/kho.sqlite");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /Không mở được kho lưu học bạ đã ký .*chi-doc\/kho\.sqlite: không tạo được tệp kho trong thư mục .*chi-doc: không có quyền truy cập/,
    );
    noTrace(r);
  });
});

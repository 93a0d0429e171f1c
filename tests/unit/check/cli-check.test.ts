import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const FIXTURES = join(ROOT, "tests/fixtures");
const tmp = mkdtempSync(join(tmpdir(), "hocba-check-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}
function hocba(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(ROOT, "bin/hocba.mjs"), ...args],
      { cwd: ROOT, env: { ...process.env, HOCBA_DEBUG: "" }, encoding: "utf8" },
      (err, stdout, stderr) => {
        const code = err ? ((err as { code?: number }).code ?? -1) : 0;
        resolve({ code: typeof code === "number" ? code : -1, stdout, stderr });
      },
    );
  });
}
function noStackTrace(r: Run): void {
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stdout).not.toMatch(/\n\s+at /);
}
function write(name: string, content: string): string {
  const path = join(tmp, name);
  writeFileSync(path, content, "utf8");
  return path;
}

describe("hocba check", () => {
  it("exits 0 on a clean gradebook, with a readable Vietnamese report", async () => {
    const r = await hocba("check", "tests/fixtures/gradebook-gdtx-10.json");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Không có lỗi. 42 học viên sẵn sàng tạo học bạ.");
    expect(r.stdout).toContain("Lớp 10A1");
    expect(r.stderr).toBe("");
  });

  it("exits 1 and groups problems by learner", async () => {
    const r = await hocba("check", join(FIXTURES, "gradebook-errors.json"));
    expect(r.code).toBe(1);
    noStackTrace(r);
    expect(r.stdout).toMatch(
      /■ .+ \(\d+\), dòng 1: 1 lỗi, 0 cảnh báo\n {2}✗ LỖI: Học viên .+, môn Toán: .+ là 11, ngoài thang điểm 0–10\. \[CHECK_SCORE_RANGE\]/,
    );
    expect(r.stdout).toContain("Tổng kết: 13 lỗi, 0 cảnh báo. 10/12 học viên có lỗi");
  });

  it("--json prints UTF-8 JSON, not \\u-escaped", async () => {
    const r = await hocba("check", "tests/fixtures/gradebook-errors.json", "--json");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Toán");
    expect(r.stdout).not.toMatch(/\\u[0-9a-f]{4}/i);
    const report = JSON.parse(r.stdout) as { errorCount: number; items: { code: string; path: object }[] };
    expect(report.errorCount).toBe(13);
    expect(report.items[4]).toMatchObject({
      code: "CHECK_SCORE_RANGE",
      path: { learnerIndex: 0, maMon: "TO", field: "hk1.tx[1]" },
    });
  });

  it("--lang en reports in English", async () => {
    const r = await hocba("check", "tests/fixtures/gradebook-errors.json", "--lang", "en");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Summary: 13 errors, 0 warnings.");
    expect(r.stdout).toMatch(/outside the 0–10 scale/);
  });

  it("--profile-file applies a centre's corrected profile", async () => {
    const profile = JSON.parse(readFileSync(join(ROOT, "shared/rules/profiles/gdtx-tt43.json"), "utf8")) as {
      promotion: { maxAbsences: { value: number } };
    };
    profile.promotion.maxAbsences.value = 70;
    const file = write("trung-tam.json", JSON.stringify(profile));
    const r = await hocba("check", "tests/fixtures/gradebook-gdtx-10.json", "--profile-file", file);
    // With 70 sessions allowed, the learner held back for absences should have moved up.
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("[CHECK_DECISION_INCONSISTENT]");
  });

  it.each([
    [
      "a missing file",
      () => join(tmp, "khong-co.json"),
      /Lỗi: Không đọc được tệp .*khong-co\.json: không có tệp này/,
    ],
    ["a directory", () => tmp, /Lỗi: Không đọc được tệp .*: đây là thư mục/],
    [
      "not JSON",
      () => write("hong.json", "{ khong phai json"),
      /Lỗi: Tệp .*hong\.json không phải JSON hợp lệ/,
    ],
    ["an empty file", () => write("rong.json", ""), /Lỗi: Tệp .*rong\.json không phải JSON hợp lệ/],
    [
      "JSON that is not a gradebook",
      () => write("mang.json", JSON.stringify({ format: "hocba-gradebook/1", learners: [{}] })),
      /Lỗi: Tệp .*mang\.json không phải sổ điểm \(định dạng hocba-gradebook\/1\): school: thiếu/,
    ],
    [
      "a gradebook with an unknown profile",
      () => {
        const gb = JSON.parse(readFileSync(join(FIXTURES, "gradebook-thpt-11.json"), "utf8")) as {
          profile: string;
        };
        gb.profile = "thcs-tt22";
        return write("thcs.json", JSON.stringify(gb));
      },
      /Lỗi: Không có bộ quy tắc «thcs-tt22»\. Các bộ có sẵn: thpt-tt22, gdtx-tt43/,
    ],
  ])("exits 2 on %s, with a readable message", async (_name, file, message) => {
    const r = await hocba("check", file());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    noStackTrace(r);
  });

  it("exits 2 on a broken profile file and on bad arguments", async () => {
    const broken = write("profile-hong.json", JSON.stringify({ id: "x" }));
    const r1 = await hocba("check", "tests/fixtures/gradebook-gdtx-10.json", "--profile-file", broken);
    expect(r1.code).toBe(2);
    expect(r1.stderr).toMatch(/Tệp bộ quy tắc .*profile-hong\.json không hợp lệ/);
    const r2 = await hocba("check", "tests/fixtures/gradebook-gdtx-10.json", "--lang", "fr");
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain("--lang phải là vi hoặc en");
    const r3 = await hocba("check");
    expect(r3.code).toBe(2);
    noStackTrace(r3);
  });

  it("--json on an unusable file also prints a JSON error", async () => {
    const r = await hocba("check", join(tmp, "khong-co.json"), "--json");
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ error: { code: "CLI_FILE_UNREADABLE" } });
  });
});

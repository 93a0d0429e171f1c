import path from "node:path";
import { describe, expect, it } from "vitest";
import { runHocba } from "../../support/run-hocba.ts";

const DIR = path.resolve(import.meta.dirname, "../../fixtures/attacks");
const ROOT = path.join(DIR, "pki/root.pem");
const f = (name: string) => path.join(DIR, name);

describe("hocba verify", () => {
  it("exits 0 and prints a Vietnamese report for valid files", async () => {
    const r = await runHocba(["verify", f("valid-complete.xml"), f("valid-gvcn.xml"), "--trust", ROOT]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain("HỢP LỆ, đủ 3 chữ ký (GVCN, Thủ trưởng, Đơn vị)");
    expect(r.stdout).toContain("[2] Thủ trưởng (Giám đốc/Hiệu trưởng) (ThuTruong): HỢP LỆ");
    expect(r.stdout).toContain("Người ký: Trung tâm GDNN-GDTX Việt Trì (MST 0109876543)");
    expect(r.stdout).toContain("Tổng cộng: 2/2 tệp hợp lệ.");
  });

  it("exits 1 when any file is not fully valid, and says why", async () => {
    const r = await runHocba(["verify", f("valid-gvcn.xml"), f("changed-data.xml"), "--trust", ROOT]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("changed-data.xml: KHÔNG HỢP LỆ");
    expect(r.stdout).toContain("✗ Dữ liệu học bạ đã bị thay đổi sau khi GVCN ký");
    expect(r.stdout).toContain("Tổng cộng: 1/2 tệp hợp lệ.");
  });

  it("without --trust (and an empty trust store) nothing is valid", async () => {
    const r = await runHocba(["verify", f("valid-gvcn.xml")]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Chưa có chứng thư gốc tin cậy nào");
  });

  it("--json prints UTF-8 JSON with one report per file", async () => {
    const r = await runHocba(["verify", f("valid-gvcn.xml"), f("sha1.xml"), "--trust", ROOT, "--json"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Trần Thị Thu Hằng");
    const json = JSON.parse(r.stdout) as {
      ok: boolean;
      files: Array<{
        ok: boolean;
        signatures: Array<{ signer: { cccd: string }; issues: Array<{ code: string }> }>;
      }>;
    };
    expect(json.ok).toBe(false);
    expect(json.files.map((x) => x.ok)).toEqual([true, false]);
    expect(json.files[0]?.signatures[0]?.signer.cccd).toBe("001190012345");
    expect(json.files[1]?.signatures[0]?.issues.map((i) => i.code)).toEqual(["VERIFY_SIG_ALGORITHM"]);
  });

  it("a missing file is reported, not a crash", async () => {
    const r = await runHocba(["verify", f("khong-co.xml"), "--trust", ROOT]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Không đọc được tệp");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("a bad --trust file is an error naming it", async () => {
    const r = await runHocba(["verify", f("valid-gvcn.xml"), "--trust", f("valid-gvcn.xml")]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Không đọc được chứng thư gốc");
  });
});

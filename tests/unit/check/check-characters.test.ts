import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { checkGradebook } from "../../../shared/check/check-gradebook.ts";
import type { Gradebook } from "../../../shared/model/gradebook.ts";
import { loadProfile } from "../../../shared/rules/load-profile.ts";
import { createHocBaBuilder } from "../../../shared/xml/hocbaso-v1/build-hoc-ba-xml.ts";

/**
 * A control or invisible character that «hocba build» refuses is an error of «hocba check» too,
 * naming the learner, the subject and the field (check said «Không có lỗi» and build then skipped
 * the learner, telling the user to run check for the reasons).
 */
function fixture(): Gradebook {
  const url = new URL("../../fixtures/gradebook-gdtx-10.json", import.meta.url);
  return JSON.parse(readFileSync(url, "utf8")) as Gradebook;
}
const check = (gb: Gradebook) => checkGradebook(gb, loadProfile(gb.profile), { today: "2026-05-25" });

describe("checkGradebook: characters the format cannot carry", () => {
  it("a clean gradebook has none", () => {
    expect(check(fixture()).items.filter((i) => i.code.endsWith("INVALID_CHAR"))).toEqual([]);
  });

  it.each([
    ["a NUL in a name", "hocVien.hoTen", "Nguyễn\u0000Văn A", "0000"],
    ["a zero-width space in a name", "hocVien.hoTen", "Nguyễn\u200BVăn A", "200B"],
    ["a lone surrogate in a place", "hocVien.noiSinh", "Phú Thọ\uD800", "D800"],
  ])(
    "%s: an error naming the learner and the field, which build refuses too",
    (_, field, value, codePoint) => {
      const gb = fixture();
      const learner = gb.learners[0];
      if (!learner) throw new Error("fixture has learners");
      (learner.hocVien as unknown as Record<string, string>)[field.split(".")[1] ?? ""] = value;
      const items = check(gb).items.filter((i) => i.code === "CHECK_INVALID_CHAR");
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({
        severity: "error",
        path: { learnerIndex: 0, maHocVien: "2507510001", field },
      });
      expect(items[0]?.message).toContain(`(U+${codePoint}: ký tự điều khiển hoặc ký tự vô hình)`);
      const build = createHocBaBuilder(gb, { thoiGianLap: "2026-05-25T08:00:00+07:00" });
      expect(() => build(learner)).toThrow();
    },
  );

  it("in a subject's comment: names the subject", () => {
    const gb = fixture();
    const toan = gb.learners[0]?.ketQua.find((k) => k.maMon === "TO");
    if (!toan) throw new Error("fixture has Toán");
    toan.nhanXet = "Tiến bộ\u0007";
    const [item, ...more] = check(gb).items.filter((i) => i.code === "CHECK_INVALID_CHAR");
    expect(more).toEqual([]);
    expect(item).toMatchObject({ path: { maMon: "TO", field: "nhanXet" } });
    expect(item?.message).toMatch(
      /^Học viên Phạm Minh Châu \(2507510001\): .+, môn Toán chứa ký tự không được phép/,
    );
  });

  it("in the gradebook's own text (the GVCN): a gradebook-level error", () => {
    const gb = fixture();
    gb.gvcn = "Trần Thị\u202E Thu Hằng";
    const items = check(gb).items.filter((i) => i.code === "CHECK_GRADEBOOK_INVALID_CHAR");
    expect(items).toEqual([expect.objectContaining({ severity: "error", path: { field: "gvcn" } })]);
    expect(items[0]?.message).toContain("U+202E");
  });
});

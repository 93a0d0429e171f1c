import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { HocBaError } from "../../../shared/errors/hocba-error.ts";
import { parseGradebook } from "../../../shared/model/parse-gradebook.ts";

const text = readFileSync(new URL("../../fixtures/gradebook-gdtx-10.json", import.meta.url), "utf8");
/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-explicit-any -- these tests mutate raw JSON on purpose */
const fresh = () => JSON.parse(text) as Record<string, any>;

function errorOf(f: () => unknown): HocBaError {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(HocBaError);
    return err as HocBaError;
  }
  throw new Error("did not throw");
}

describe("parseGradebook", () => {
  it("reads a valid gradebook", () => {
    expect(parseGradebook(fresh(), "a.json").learners).toHaveLength(42);
  });

  it("NFC-normalises every string, so NFD text from a portal still matches", () => {
    const gb = fresh();
    gb.learners[0].hocVien.hoTen = "Nguyễn Thị Ánh".normalize("NFD");
    gb.learners[0].hocVien.gioiTinh = "Nữ".normalize("NFD");
    const parsed = parseGradebook(gb);
    expect(parsed.learners[0]?.hocVien.hoTen).toBe("Nguyễn Thị Ánh".normalize("NFC"));
    expect(parsed.learners[0]?.hocVien.hoTen).not.toBe(gb.learners[0].hocVien.hoTen);
    expect(parsed.learners[0]?.hocVien.gioiTinh).toBe("Nữ");
  });

  it("names the first bad paths in Vietnamese", () => {
    const gb = fresh();
    delete gb.learners[3].hocVien.ngaySinh;
    gb.learners[4].ketQua[1].hk1.tx[2] = "bảy";
    gb.learners[5].banGhi = { idBanGhi: "không-phải-uuid", suKien: "NEW", phienBan: 1 };
    const err = errorOf(() => parseGradebook(gb, "lop-10a1.json"));
    expect(err.code).toBe("CLI_NOT_GRADEBOOK");
    expect(err.params.file).toBe("lop-10a1.json");
    // Each path with whose it is (name, code, subject), as the file gives them.
    expect(err.message).toContain("learners[3].hocVien.ngaySinh (Lê Quốc Đạt, mã 2507510004): thiếu");
    expect(err.message).toContain(
      "learners[4].ketQua[1].hk1.tx[2] (Nguyễn Thanh Giang, mã 2507510005, môn TO): phải là điểm số, «Đ», «CĐ» hoặc null, đang là chuỗi «bảy»",
    );
    expect(err.message).toContain("learners[5].banGhi.idBanGhi (Đinh Khánh Hà, mã 2507510006): phải là UUID");
  });

  it("counts what it does not show", () => {
    const err = errorOf(() => parseGradebook({ format: "hocba-gradebook/1" }, "x.json"));
    expect(err.message).toMatch(/school: thiếu; namHoc: thiếu; khoi: thiếu; lop: thiếu; và \d+ lỗi khác/);
  });

  it.each([null, 42, "sổ điểm", [], [1, 2], { format: "hocba-gradebook/2" }, { __proto__: { format: "x" } }])(
    "refuses %j with CLI_NOT_GRADEBOOK",
    (value) => {
      expect(errorOf(() => parseGradebook(value, "x.json")).code).toBe("CLI_NOT_GRADEBOOK");
    },
  );

  it("is not fooled by a __proto__ key from JSON", () => {
    const gb = JSON.parse(text.replace('"format"', '"__proto__": {"polluted": true}, "format"')) as object;
    const parsed = parseGradebook(gb);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
  });

  it("survives absurdly deep nesting", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(errorOf(() => parseGradebook({ ...fresh(), learners: deep }, "x.json")).code).toBe(
      "CLI_NOT_GRADEBOOK",
    );
  });
});

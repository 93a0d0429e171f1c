import { describe, expect, it } from "vitest";
import type { MucXepLoai } from "../../../shared/model/gradebook.ts";
import { classifyRenLuyenYear } from "../../../shared/rules/classify-ren-luyen-year.ts";
import { TT22, TT43 } from "./helpers.ts";

// The full year table (TT22 Điều 8; clauses marked [unconfirmed] in docs/domain.md §2.1 are profile
// data with confirmed: false).
//            HK I:  T     K     Đ     CĐ
const TABLE: Record<MucXepLoai, Record<MucXepLoai, MucXepLoai>> = {
  /* HK II T  */ T: { T: "T", K: "T", Đ: "K", CĐ: "K" },
  /* HK II K  */ K: { T: "K", K: "K", Đ: "K", CĐ: "Đ" },
  /* HK II Đ  */ Đ: { T: "K", K: "Đ", Đ: "Đ", CĐ: "Đ" },
  /* HK II CĐ */ CĐ: { T: "CĐ", K: "CĐ", Đ: "CĐ", CĐ: "CĐ" },
};
const cases = Object.entries(TABLE).flatMap(([hk2, row]) =>
  Object.entries(row).map(([hk1, cn]) => [hk1 as MucXepLoai, hk2 as MucXepLoai, cn]),
);

describe("rèn luyện for the year from HK I and HK II", () => {
  it.each(cases)("HK I %s, HK II %s → %s", (hk1, hk2, cn) => {
    expect(classifyRenLuyenYear(hk1, hk2, TT22)).toBe(cn);
    expect(classifyRenLuyenYear(hk1, hk2, TT43)).toBe(cn);
  });

  it("marks the inferred clauses as unconfirmed in the profile", () => {
    const unconfirmed = TT22.renLuyenYear.filter((c) => !c.confirmed).map((c) => c.value);
    expect(unconfirmed).toContainEqual({ result: "K", hk2: ["T"], hk1: ["Đ", "CĐ"] });
    expect(unconfirmed).toContainEqual({ result: "Đ", hk2: ["Đ"], hk1: ["K", "Đ", "CĐ"] });
    expect(TT22.renLuyenYear.find((c) => c.value.result === "T")?.confirmed).toBe(true);
  });
});

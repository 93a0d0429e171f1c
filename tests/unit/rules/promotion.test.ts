import { describe, expect, it } from "vitest";
import type { KetQuaXet, MucXepLoai } from "../../../shared/model/gradebook.ts";
import { decideAfterRemedial, decidePromotion } from "../../../shared/rules/decide-promotion.ts";
import type { RulesProfile } from "../../../shared/rules/rules-profile.ts";
import { TT22, TT43 } from "./helpers.ts";

describe("end-of-year decision (TT22 Điều 12–14)", () => {
  it.each<[MucXepLoai, MucXepLoai, number, string, KetQuaXet]>([
    // học tập, rèn luyện, absences, khối → decision
    ["Đ", "Đ", 0, "10", "LenLop"],
    ["T", "T", 45, "10", "LenLop"],
    ["T", "T", 46, "10", "OLai"],
    ["Đ", "Đ", 45, "11", "LenLop"],
    ["Đ", "Đ", 46, "11", "OLai"],
    ["CĐ", "Đ", 10, "10", "KiemTraLai"],
    ["CĐ", "T", 46, "10", "OLai"],
    ["K", "CĐ", 10, "10", "RenLuyenHe"],
    ["CĐ", "CĐ", 10, "10", "RenLuyenHe"],
    ["K", "K", 3, "12", "HoanThanhChuongTrinh"],
    ["K", "K", 3, " 12 ", "HoanThanhChuongTrinh"],
    ["CĐ", "K", 3, "12", "KiemTraLai"],
  ])(
    "học tập %s, rèn luyện %s, %i buổi nghỉ, khối %s → %s",
    (hocTap, renLuyen, soBuoiNghi, khoi, expected) => {
      expect(decidePromotion({ hocTap, renLuyen, soBuoiNghi, khoi }, TT22)).toBe(expected);
      expect(decidePromotion({ hocTap, renLuyen, soBuoiNghi, khoi }, TT43)).toBe(expected);
    },
  );

  it("takes the absence limit and the both-Chưa-đạt decision from the profile", () => {
    const strict: RulesProfile = {
      ...TT43,
      promotion: {
        ...TT43.promotion,
        maxAbsences: { ...TT43.promotion.maxAbsences, value: 30 },
        bothChuaDat: { ...TT43.promotion.bothChuaDat, value: "OLai" },
      },
    };
    expect(decidePromotion({ hocTap: "K", renLuyen: "K", soBuoiNghi: 31, khoi: "10" }, strict)).toBe("OLai");
    expect(decidePromotion({ hocTap: "K", renLuyen: "K", soBuoiNghi: 30, khoi: "10" }, strict)).toBe(
      "LenLop",
    );
    expect(decidePromotion({ hocTap: "CĐ", renLuyen: "CĐ", soBuoiNghi: 0, khoi: "10" }, strict)).toBe("OLai");
    expect(TT43.promotion.maxAbsences.confirmed).toBe(false);
    expect(TT22.promotion.maxAbsences.confirmed).toBe(true);
  });
});

describe("decision after re-test or summer training", () => {
  it.each<[KetQuaXet, MucXepLoai | undefined, MucXepLoai | undefined, string, string | null | undefined]>([
    ["KiemTraLai", "Đ", "Đ", "10", "LenLop"],
    ["KiemTraLai", "CĐ", "Đ", "10", "OLai"],
    ["KiemTraLai", undefined, "Đ", "10", undefined],
    ["RenLuyenHe", "K", "Đ", "10", "LenLop"],
    ["RenLuyenHe", "K", "CĐ", "10", "OLai"],
    ["RenLuyenHe", undefined, "CĐ", "10", "OLai"],
    ["RenLuyenHe", "K", undefined, "10", undefined],
    ["KiemTraLai", "Đ", "K", "12", "HoanThanhChuongTrinh"],
    ["LenLop", "K", "K", "10", null],
    ["OLai", "CĐ", "K", "10", null],
  ])(
    "%s, học tập after %s, rèn luyện after %s, khối %s → %s",
    (ketQuaXet, hocTap, renLuyen, khoi, expected) => {
      expect(decideAfterRemedial({ ketQuaXet, hocTap, renLuyen, khoi }, TT22)).toBe(expected);
    },
  );
});

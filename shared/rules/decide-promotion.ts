import type { KetQuaXet, MucXepLoai } from "../model/gradebook.ts";
import { atLeast } from "./levels.ts";
import type { RulesProfile } from "./rules-profile.ts";

export interface PromotionInput {
  hocTap: MucXepLoai;
  renLuyen: MucXepLoai;
  soBuoiNghi: number;
  khoi: string;
}

/** LenLop, or HoanThanhChuongTrinh in the profile's final grade. */
export function passDecision(khoi: string, profile: RulesProfile): "LenLop" | "HoanThanhChuongTrinh" {
  const final = profile.promotion.finalGrade.value;
  return khoi.trim() === final.khoi ? final.decision : "LenLop";
}

/**
 * End-of-year decision (TT22 Điều 12–14):
 *   more than maxAbsences (45) sessions missed → OLai;
 *   rèn luyện CĐ and học tập CĐ → the profile's `bothChuaDat` (RenLuyenHe by default, [I]);
 *   rèn luyện CĐ → RenLuyenHe; học tập CĐ → KiemTraLai;
 *   otherwise LenLop (HoanThanhChuongTrinh in the final grade).
 */
export function decidePromotion(input: PromotionInput, profile: RulesProfile): KetQuaXet {
  if (input.soBuoiNghi > profile.promotion.maxAbsences.value) return "OLai";
  const renLuyenOk = atLeast(input.renLuyen, "Đ");
  const hocTapOk = atLeast(input.hocTap, "Đ");
  if (!renLuyenOk && !hocTapOk) return profile.promotion.bothChuaDat.value;
  if (!renLuyenOk) return "RenLuyenHe";
  if (!hocTapOk) return "KiemTraLai";
  return passDecision(input.khoi, profile);
}

export interface AfterRemedialInput {
  ketQuaXet: KetQuaXet;
  /** Học tập after re-test (or the year's when no re-test was needed); undefined = not known yet. */
  hocTap: MucXepLoai | undefined;
  /** Rèn luyện after summer training (or the year's when none was needed); undefined = not known yet. */
  renLuyen: MucXepLoai | undefined;
  khoi: string;
}

/**
 * Decision after re-test (Điều 14: the re-test result replaces the subject's year result, then
 * học tập is re-assessed) or after summer training (Điều 13: the new rèn luyện replaces the
 * year's). Null when the year's decision needs neither; undefined while a needed result is
 * missing and nothing already fails.
 */
export function decideAfterRemedial(
  input: AfterRemedialInput,
  profile: RulesProfile,
): "LenLop" | "HoanThanhChuongTrinh" | "OLai" | null | undefined {
  if (input.ketQuaXet !== "KiemTraLai" && input.ketQuaXet !== "RenLuyenHe") return null;
  const fails = (x: MucXepLoai | undefined) => x !== undefined && !atLeast(x, "Đ");
  if (fails(input.hocTap) || fails(input.renLuyen)) return "OLai";
  if (input.hocTap === undefined || input.renLuyen === undefined) return undefined;
  return passDecision(input.khoi, profile);
}

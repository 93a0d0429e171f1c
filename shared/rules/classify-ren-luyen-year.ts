import type { MucXepLoai } from "../model/gradebook.ts";
import type { RulesProfile } from "./rules-profile.ts";

/** Rèn luyện of the year from the two semesters, by the profile's clause table (TT22 Điều 8); else Chưa đạt. */
export function classifyRenLuyenYear(hk1: MucXepLoai, hk2: MucXepLoai, profile: RulesProfile): MucXepLoai {
  for (const clause of profile.renLuyenYear) {
    if (clause.value.hk2.includes(hk2) && clause.value.hk1.includes(hk1)) return clause.value.result;
  }
  return "CĐ";
}

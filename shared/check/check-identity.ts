import type { Gradebook } from "../model/gradebook.ts";
import { parseIsoDate } from "./check-dates.ts";
import type { LearnerScope } from "./findings.ts";

/** Fields printed on the học bạ's cover page: empty is allowed (never invented) but worth a look. */
const COVER_FIELDS = ["danToc", "quocTich", "noiSinh", "noiO"] as const;
const ADULT_AGE = 18;

/**
 * Identity of one learner: names, số định danh (12 digits), date of birth (a real date, not in the
 * future, an age that fits the grade), optional fields left empty.
 */
export function checkIdentity(scope: LearnerScope, gb: Gradebook, today: string): void {
  const hv = scope.learner.hocVien;
  if (hv.hoTen.trim() === "") scope.error("CHECK_MISSING_FIELD", "hocVien.hoTen");
  if (hv.maHocVien.trim() === "") scope.error("CHECK_MISSING_FIELD", "hocVien.maHocVien");

  if (hv.soDinhDanh.trim() === "") scope.error("CHECK_MISSING_FIELD", "hocVien.soDinhDanh");
  else if (!/^\d{12}$/.test(hv.soDinhDanh)) {
    scope.error("CHECK_SO_DINH_DANH", "hocVien.soDinhDanh", { actual: hv.soDinhDanh });
  }

  let age: number | undefined;
  if (hv.ngaySinh.trim() === "") scope.error("CHECK_MISSING_FIELD", "hocVien.ngaySinh");
  else {
    const date = parseIsoDate(hv.ngaySinh);
    if (!date) scope.error("CHECK_DATE_INVALID", "hocVien.ngaySinh", { actual: hv.ngaySinh });
    else if (hv.ngaySinh > today) {
      scope.error("CHECK_DATE_FUTURE", "hocVien.ngaySinh", { actual: hv.ngaySinh });
    } else {
      // Age in the calendar year the school year starts: what enrolment rules use.
      age = Number(gb.namHoc.slice(0, 4)) - date.year;
      const khoi = Number(gb.khoi);
      if (Number.isInteger(khoi)) {
        const rule = scope.profile.age.value;
        const expected = khoi + rule.entryAgeOffset;
        if (age < expected - rule.youngerBy || age > expected + rule.olderBy) {
          scope.warning("CHECK_AGE_IMPLAUSIBLE", "hocVien.ngaySinh", { age, expected, khoi: gb.khoi });
        }
      }
    }
  }

  for (const f of COVER_FIELDS) {
    if (hv[f].trim() === "") scope.warning("CHECK_EMPTY_OPTIONAL_FIELD", `hocVien.${f}`);
  }
  const noGuardian = [hv.hoTenCha, hv.hoTenMe, hv.hoTenNguoiGiamHo].every((s) => s.trim() === "");
  if (noGuardian && (age === undefined || age < ADULT_AGE)) {
    scope.warning("CHECK_EMPTY_OPTIONAL_FIELD", "hocVien.hoTenCha");
  }
  if (scope.learner.nhanXetGVCN.trim() === "") scope.warning("CHECK_EMPTY_OPTIONAL_FIELD", "nhanXetGVCN");
}

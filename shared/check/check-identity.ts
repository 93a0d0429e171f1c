import type { Gradebook } from "../model/gradebook.ts";
import { parseIsoDate } from "./check-dates.ts";
import { decodeSoDinhDanh } from "./decode-so-dinh-danh.ts";
import type { LearnerScope } from "./findings.ts";

/** Fields printed on the học bạ's cover page: empty is allowed (never invented) but worth a look. */
const COVER_FIELDS = ["danToc", "quocTich", "noiSinh", "noiO"] as const;
const ADULT_AGE = 18;

/**
 * What a 12-digit số định danh encodes against the learner's record: the province code must be one
 * of the 63, digit 4 must match the sex and with digits 5–6 the birth year. Warnings, not errors:
 * a typo may sit in either the number or the record, only a person can tell which, and a birth
 * registered abroad carries a country code instead of a province code.
 */
function checkSoDinhDanhParts(scope: LearnerScope, namSinh: number | undefined): void {
  const hv = scope.learner.hocVien;
  const parts = decodeSoDinhDanh(hv.soDinhDanh);
  if (!parts) return;
  const field = "hocVien.soDinhDanh";
  const actual = hv.soDinhDanh;
  if (parts.tenTinh === undefined) {
    scope.warning("CHECK_SO_DINH_DANH_PROVINCE", field, { actual, maTinh: parts.maTinh });
  }
  if (parts.gioiTinh !== hv.gioiTinh) {
    scope.warning("CHECK_SO_DINH_DANH_SEX", field, {
      actual,
      digit: parts.maTheKyGioiTinh,
      gioiTinhSo: parts.gioiTinh,
      gioiTinh: hv.gioiTinh,
    });
  }
  if (namSinh !== undefined && parts.namSinh !== namSinh) {
    scope.warning("CHECK_SO_DINH_DANH_YEAR", field, {
      actual,
      digits: hv.soDinhDanh.slice(3, 6),
      namSinhSo: parts.namSinh,
      namSinh,
      ngaySinh: hv.ngaySinh,
    });
  }
}

/**
 * Identity of one learner: names, số định danh (12 digits, and what they encode), date of birth (a
 * real date, not in the future, an age that fits the grade), optional fields left empty.
 */
export function checkIdentity(scope: LearnerScope, gb: Gradebook, today: string): void {
  const hv = scope.learner.hocVien;
  if (hv.hoTen.trim() === "") scope.error("CHECK_MISSING_FIELD", "hocVien.hoTen");
  if (hv.maHocVien.trim() === "") scope.error("CHECK_MISSING_FIELD", "hocVien.maHocVien");

  const date = parseIsoDate(hv.ngaySinh);
  if (hv.soDinhDanh.trim() === "") scope.error("CHECK_MISSING_FIELD", "hocVien.soDinhDanh");
  else if (!/^\d{12}$/.test(hv.soDinhDanh)) {
    scope.error("CHECK_SO_DINH_DANH", "hocVien.soDinhDanh", { actual: hv.soDinhDanh });
  } else checkSoDinhDanhParts(scope, date?.year);

  let age: number | undefined;
  if (hv.ngaySinh.trim() === "") scope.error("CHECK_MISSING_FIELD", "hocVien.ngaySinh");
  else {
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

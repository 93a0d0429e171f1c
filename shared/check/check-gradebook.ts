import type { Gradebook, Learner } from "../model/gradebook.ts";
import { evaluateLearner, type LearnerEvaluation } from "../rules/evaluate-learner.ts";
import type { RulesProfile } from "../rules/rules-profile.ts";
import type { CheckReport } from "./check-report.ts";
import { isIsoDateTime, todayInVietnam } from "./check-dates.ts";
import { checkGradebookCharacters, checkLearnerCharacters } from "./check-characters.ts";
import { checkIdentity } from "./check-identity.ts";
import { checkLearnerResults } from "./check-learner-results.ts";
import { checkSubject } from "./check-subject.ts";
import { Findings, LearnerScope } from "./findings.ts";
import { capitalize, fieldLabel } from "./labels.ts";

export interface CheckOptions {
  /** YYYY-MM-DD used for "date in the future"; defaults to today in Vietnam. */
  today?: string;
}

/**
 * Every problem of a gradebook, per learner and subject, against a rules profile.
 *
 * Severity: an **error** is something that must not go into a signed học bạ (a wrong, missing or
 * impossible value, a value that contradicts the rules, an average rounded wrongly); it blocks
 * that learner. A **warning** is worth a look but may be right: an empty optional field, more
 * ĐĐGtx than required, an unusual age, a số định danh that disagrees with the birth date or sex,
 * a result after re-test not entered yet, a head's title or subject form that differs from the
 * profile.
 *
 * Values computed from bad input are not compared (the bad input is reported once, not again as
 * every average and level it feeds).
 */
export function checkGradebook(
  gb: Gradebook,
  profile: RulesProfile,
  options: CheckOptions = {},
): CheckReport {
  const today = options.today ?? todayInVietnam();
  const findings = new Findings();
  checkGradebookFields(gb, profile, findings);
  checkGradebookCharacters(gb, findings);
  checkDuplicates(gb, profile, findings);

  const subjectByCode = new Map(gb.subjects.map((s) => [s.ma, s]));
  gb.learners.forEach((learner, index) => {
    const scope = new LearnerScope(findings, learner, index, profile);
    checkIdentity(scope, gb, today);
    checkLearnerCharacters(scope, learner, (ma) => subjectByCode.get(ma)?.ten ?? ma);

    const seen = new Set<string>();
    for (const k of learner.ketQua) {
      const subject = subjectByCode.get(k.maMon);
      if (!subject) scope.error("CHECK_SUBJECT_UNKNOWN", undefined, { maMon: k.maMon });
      else if (seen.has(k.maMon)) scope.forSubject(k.maMon, subject.ten).error("CHECK_SUBJECT_REPEATED");
      seen.add(k.maMon);
    }
    for (const s of gb.subjects) {
      if (!seen.has(s.ma)) scope.forSubject(s.ma, s.ten).error("CHECK_SUBJECT_MISSING");
    }

    const ev = evaluateLearner(gb, learner, profile);
    const retest = {
      applies: retestApplies(learner, ev),
      decided: learner.ketQuaXetLai !== null,
    };
    // A learner who left is checked on the semesters completed only: nothing after them goes into the record.
    const completed = learner.roiTruong?.hocKyHoanThanh ?? 2;
    for (const s of ev.subjects) {
      if (s.result) {
        checkSubject(scope.forSubject(s.subject.ma, s.subject.ten), s, s.result, { ...retest, completed });
      }
    }
    checkLearnerResults(scope, learner, ev, gb.khoi, completed);
    checkMovement(scope, learner);
  });

  const items = findings.items;
  const blocked = new Set<string>();
  for (const item of items) {
    if (item.severity === "error" && item.path.maHocVien !== undefined) blocked.add(item.path.maHocVien);
  }
  const errorCount = items.filter((i) => i.severity === "error").length;
  return {
    profile: profile.id,
    learnerCount: gb.learners.length,
    items,
    errorCount,
    warningCount: items.length - errorCount,
    blockedLearners: [...blocked],
  };
}

/** The learner's arrival, departure and learning history: dates, and where a transfer goes. */
function checkMovement(scope: LearnerScope, learner: Learner): void {
  const isDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));
  const roi = learner.roiTruong;
  if (roi) {
    if (!isDate(roi.ngay)) scope.error("CHECK_MISSING_FIELD", "roiTruong.ngay");
    if (roi.trangThai === "ChuyenDi" && !roi.truongChuyenDen?.trim()) {
      scope.error("CHECK_MISSING_FIELD", "roiTruong.truongChuyenDen");
    }
  }
  if (learner.chuyenDen && !isDate(learner.chuyenDen.ngay)) {
    scope.error("CHECK_MISSING_FIELD", "chuyenDen.ngay");
  }
  if ((learner.quaTrinhHocTap ?? []).some((n) => !isDate(n.ngay))) {
    scope.error("CHECK_MISSING_FIELD", "quaTrinhHocTap");
  }
}

/** Whether the re-test applies, as far as the recomputed values tell (undefined: they cannot). */
function retestApplies(learner: Learner, ev: LearnerEvaluation): boolean | undefined {
  if (ev.hocTap.sauKiemTraLai === null) return false;
  if (ev.ketQuaXet === undefined) return learner.ketQuaXet === "LenLop" ? false : undefined;
  return true;
}

function checkGradebookFields(gb: Gradebook, profile: RulesProfile, findings: Findings): void {
  const field = (f: string) => ({ field: f, truong: fieldLabel(f) });
  if (gb.profile !== profile.id) {
    findings.warning(
      "CHECK_PROFILE_MISMATCH",
      { gradebookProfile: gb.profile, profile: profile.id },
      { field: "profile" },
    );
  }
  if (gb.school.capHoc !== profile.capHoc) {
    findings.warning(
      "CHECK_CAPHOC_MISMATCH",
      { actual: gb.school.capHoc, expected: profile.capHoc, profile: profile.id },
      { field: "school.capHoc" },
    );
  }
  if (gb.gvcn.trim() === "") {
    findings.error("CHECK_GRADEBOOK_FIELD_MISSING", field("gvcn"), { field: "gvcn" });
  }
  if (gb.thuTruong.hoTen.trim() === "") {
    findings.error("CHECK_GRADEBOOK_FIELD_MISSING", field("thuTruong.hoTen"), { field: "thuTruong.hoTen" });
  }
  const labels = profile.labels.value;
  const titles = [labels.head, ...labels.headAlternatives].map((t) => t.toLocaleLowerCase("vi"));
  const chucVu = gb.thuTruong.chucVu.trim().toLocaleLowerCase("vi");
  if (!titles.includes(chucVu)) {
    findings.warning(
      "CHECK_HEAD_TITLE",
      { actual: gb.thuTruong.chucVu, expected: [labels.head, ...labels.headAlternatives].join(" / ") },
      { field: "thuTruong.chucVu" },
    );
  }
  if (gb.thoiGianLap !== undefined && !isIsoDateTime(gb.thoiGianLap)) {
    findings.error(
      "CHECK_BAD_DATETIME",
      { ...field("thoiGianLap"), actual: gb.thoiGianLap },
      { field: "thoiGianLap" },
    );
  }
  const catalogue = new Map(profile.subjects.value.map((s) => [s.ma, s]));
  const seen = new Set<string>();
  for (const s of gb.subjects) {
    if (seen.has(s.ma)) findings.error("CHECK_SUBJECT_DUPLICATE", { maMon: s.ma }, { maMon: s.ma });
    seen.add(s.ma);
    const known = catalogue.get(s.ma);
    const params = { mon: s.ten, maMon: s.ma, profile: profile.id };
    if (!known) findings.warning("CHECK_SUBJECT_NOT_IN_PROGRAMME", params, { maMon: s.ma });
    else if (known.hinhThuc !== s.hinhThuc) {
      const form = (h: string) => (h === "DiemSo" ? "bằng điểm số" : "bằng nhận xét");
      findings.warning(
        "CHECK_SUBJECT_FORM",
        { ...params, actual: form(s.hinhThuc), expected: form(known.hinhThuc) },
        { maMon: s.ma, field: "hinhThuc" },
      );
    }
  }
  if (gb.learners.length === 0) {
    findings.warning("CHECK_NO_LEARNERS", { nguoiHoc: capitalize(labels.learner) }, {});
  }
}

/** The same mã học viên or số định danh twice: both rows are reported (either could be the wrong one). */
function checkDuplicates(gb: Gradebook, profile: RulesProfile, findings: Findings): void {
  const byKey = (key: (l: Learner) => string) => {
    const map = new Map<string, number[]>();
    gb.learners.forEach((l, i) => {
      const k = key(l).trim();
      if (k !== "") map.set(k, [...(map.get(k) ?? []), i]);
    });
    return [...map.entries()].filter(([, rows]) => rows.length > 1);
  };
  const report = (
    code: "CHECK_DUPLICATE_MA_HOC_VIEN" | "CHECK_DUPLICATE_SO_DINH_DANH",
    field: string,
    dup: [string, number[]][],
  ) => {
    for (const [value, rows] of dup) {
      for (const i of rows) {
        const other = rows.find((r) => r !== i) ?? i;
        const learner = gb.learners[i];
        const otherLearner = gb.learners[other];
        if (!learner || !otherLearner) continue;
        new LearnerScope(findings, learner, i, profile).error(code, field, {
          actual: value,
          otherName: otherLearner.hocVien.hoTen,
          otherRow: other + 1,
        });
      }
    }
  };
  report(
    "CHECK_DUPLICATE_MA_HOC_VIEN",
    "hocVien.maHocVien",
    byKey((l) => l.hocVien.maHocVien),
  );
  report(
    "CHECK_DUPLICATE_SO_DINH_DANH",
    "hocVien.soDinhDanh",
    byKey((l) => l.hocVien.soDinhDanh),
  );
}

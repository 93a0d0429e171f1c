import type {
  DanhHieu,
  Gradebook,
  KetQuaHocKy,
  KetQuaMon,
  KetQuaXet,
  Learner,
  MucDanhGia,
  MucXepLoai,
  Subject,
} from "../model/gradebook.ts";
import { classifyHocTap, type SubjectOutcome } from "./classify-hoc-tap.ts";
import { classifyRenLuyenYear } from "./classify-ren-luyen-year.ts";
import { computeSemesterAverage, computeYearAverage, roundAverage } from "./compute-averages.ts";
import { compare, fromNumber, type Decimal } from "./decimal.ts";
import { decideAfterRemedial, decidePromotion } from "./decide-promotion.ts";
import { decideAward } from "./decide-award.ts";
import { evaluateCommentSemester, evaluateCommentYear } from "./evaluate-comment-subject.ts";
import { atLeast } from "./levels.ts";
import { requiredTxCount } from "./required-tx-count.ts";
import type { RulesProfile } from "./rules-profile.ts";
import { readMuc, readScore } from "./score-value.ts";

/**
 * Everything the portal shows that the rules determine, recomputed from the raw assessments.
 * `undefined` means "cannot be computed": an input is missing or invalid (check reports that
 * input; comparing a value computed from bad data would only repeat the same problem).
 */
export interface SemesterEvaluation {
  txRequired: number;
  /** ĐTBmhk before rounding (scored subjects). */
  tbmExact: Decimal | undefined;
  /** ĐTBmhk rounded as the profile says. */
  tbm: Decimal | undefined;
  /** Semester result of a comment subject. */
  mucDanhGia: MucDanhGia | undefined;
}

export interface YearEvaluation {
  /** ĐTBmcn before rounding, by the profile's variant (from rounded or exact ĐTBmhk). */
  tbmExact: Decimal | undefined;
  tbm: Decimal | undefined;
  /**
   * ĐTBmcn computed from the unrounded ĐTBmhk, then rounded: what a portal that skips the
   * semester rounding shows. Wrong under TT22 Điều 9 (ĐTBmhk is by definition the rounded number);
   * kept so that check can name that mistake. Undefined when the profile itself uses exact ĐTBmhk.
   */
  tbmFromUnroundedSemesters: Decimal | undefined;
  mucDanhGia: MucDanhGia | undefined;
}

export interface SubjectEvaluation {
  subject: Subject;
  /** The learner's results for this subject, when present (the first, if repeated). */
  result: KetQuaMon | undefined;
  txRequired: number;
  hk1: SemesterEvaluation;
  hk2: SemesterEvaluation;
  cn: YearEvaluation;
  /** Whether the subject must be re-tested (ĐTBmcn < 5,0 or CN Chưa đạt), when the learner is re-tested. */
  retestRequired: boolean;
  /** The re-test result as read (ktLai), when given and valid. */
  retest: SubjectOutcome | undefined;
}

export interface LearnerEvaluation {
  subjects: SubjectEvaluation[];
  hocTap: {
    hk1: MucXepLoai | undefined;
    hk2: MucXepLoai | undefined;
    cn: MucXepLoai | undefined;
    /** After the re-test; null when no re-test applies. */
    sauKiemTraLai: MucXepLoai | null | undefined;
  };
  renLuyen: { cn: MucXepLoai | undefined };
  ketQuaXet: KetQuaXet | undefined;
  ketQuaXetLai: "LenLop" | "HoanThanhChuongTrinh" | "OLai" | null | undefined;
  danhHieu: DanhHieu | null | undefined;
}

function evaluateSemester(
  subject: Subject,
  hk: KetQuaHocKy | undefined,
  profile: RulesProfile,
): SemesterEvaluation {
  const txRequired = requiredTxCount(subject.soTietNam, profile);
  const out: SemesterEvaluation = { txRequired, tbmExact: undefined, tbm: undefined, mucDanhGia: undefined };
  if (!hk) return out;
  if (subject.hinhThuc === "NhanXet") {
    if ([...hk.tx, hk.gk, hk.ck].some((e) => readMuc(e).kind === "wrongKind")) return out;
    out.mucDanhGia = evaluateCommentSemester(hk.tx, hk.gk, hk.ck, txRequired);
    return out;
  }
  // The average uses the ĐĐGtx actually entered (n in the formula); a shortfall is reported separately.
  const readings = [...hk.tx, hk.gk, hk.ck].map((e) => readScore(e, profile));
  const values: Decimal[] = [];
  for (const r of readings) {
    if (r.kind !== "score") return out;
    values.push(r.value);
  }
  const ck = values.pop();
  const gk = values.pop();
  if (gk === undefined || ck === undefined) return out;
  out.tbmExact = computeSemesterAverage(values, gk, ck, profile);
  out.tbm = roundAverage(out.tbmExact, profile);
  return out;
}

function evaluateYear(
  subject: Subject,
  hk1: SemesterEvaluation,
  hk2: SemesterEvaluation,
  profile: RulesProfile,
) {
  const out: YearEvaluation = {
    tbmExact: undefined,
    tbm: undefined,
    tbmFromUnroundedSemesters: undefined,
    mucDanhGia: undefined,
  };
  if (subject.hinhThuc === "NhanXet") {
    out.mucDanhGia = evaluateCommentYear(hk2.mucDanhGia);
    return out;
  }
  if (!hk1.tbm || !hk2.tbm || !hk1.tbmExact || !hk2.tbmExact) return out;
  const fromRounded = computeYearAverage(hk1.tbm, hk2.tbm, profile);
  const fromExact = computeYearAverage(hk1.tbmExact, hk2.tbmExact, profile);
  const useRounded = profile.yearAverageFromRoundedSemesters.value;
  out.tbmExact = useRounded ? fromRounded : fromExact;
  out.tbm = roundAverage(out.tbmExact, profile);
  if (useRounded) out.tbmFromUnroundedSemesters = roundAverage(fromExact, profile);
  return out;
}

function readRetest(
  subject: Subject,
  result: KetQuaMon | undefined,
  profile: RulesProfile,
): SubjectOutcome | undefined {
  const kt = result?.ktLai;
  if (!kt) return undefined;
  if (subject.hinhThuc === "NhanXet") {
    return kt.mucDanhGia === null ? undefined : { kind: "comment", value: kt.mucDanhGia };
  }
  const r = readScore(kt.tbm, profile);
  return r.kind === "score" ? { kind: "score", value: roundAverage(r.value, profile) } : undefined;
}

function yearOutcome(s: SubjectEvaluation): SubjectOutcome | undefined {
  if (s.subject.hinhThuc === "NhanXet") return s.cn.mucDanhGia && { kind: "comment", value: s.cn.mucDanhGia };
  return s.cn.tbm && { kind: "score", value: s.cn.tbm };
}

function semesterOutcome(s: SubjectEvaluation, which: "hk1" | "hk2"): SubjectOutcome | undefined {
  const e = s[which];
  if (s.subject.hinhThuc === "NhanXet") return e.mucDanhGia && { kind: "comment", value: e.mucDanhGia };
  return e.tbm && { kind: "score", value: e.tbm };
}

function allDefined<T>(xs: readonly (T | undefined)[]): T[] | undefined {
  return xs.every((x) => x !== undefined) ? (xs as T[]) : undefined;
}

/** Whether a year outcome must be re-tested (TT22 Điều 14): ĐTBmcn below 5,0, or CN Chưa đạt. */
export function needsRetest(outcome: SubjectOutcome, profile: RulesProfile): boolean {
  if (outcome.kind === "comment") return outcome.value === "CĐ";
  return compare(outcome.value, fromNumber(profile.promotion.retestBelow.value)) < 0;
}

/** Recomputes every rule-determined value of one learner from the raw assessments. */
export function evaluateLearner(gb: Gradebook, learner: Learner, profile: RulesProfile): LearnerEvaluation {
  const subjects: SubjectEvaluation[] = gb.subjects.map((subject) => {
    const result = learner.ketQua.find((k) => k.maMon === subject.ma);
    const hk1 = evaluateSemester(subject, result?.hk1, profile);
    const hk2 = evaluateSemester(subject, result?.hk2, profile);
    return {
      subject,
      result,
      txRequired: hk1.txRequired,
      hk1,
      hk2,
      cn: evaluateYear(subject, hk1, hk2, profile),
      retestRequired: false,
      retest: readRetest(subject, result, profile),
    };
  });

  const classify = (outcomes: (SubjectOutcome | undefined)[]) => {
    const all = allDefined(outcomes);
    return all && classifyHocTap(all, profile);
  };
  const yearOutcomes = subjects.map(yearOutcome);
  const hocTap: LearnerEvaluation["hocTap"] = {
    hk1: classify(subjects.map((s) => semesterOutcome(s, "hk1"))),
    hk2: classify(subjects.map((s) => semesterOutcome(s, "hk2"))),
    cn: classify(yearOutcomes),
    sauKiemTraLai: undefined,
  };
  const rl = learner.renLuyen;
  const renLuyenCn = rl.hk1 && rl.hk2 ? classifyRenLuyenYear(rl.hk1, rl.hk2, profile) : undefined;

  const khoi = gb.khoi;
  const soBuoiNghi = learner.soBuoiNghi;
  const ketQuaXet =
    hocTap.cn && renLuyenCn && soBuoiNghi !== null && soBuoiNghi >= 0
      ? decidePromotion({ hocTap: hocTap.cn, renLuyen: renLuyenCn, soBuoiNghi, khoi }, profile)
      : undefined;

  // Re-test: only when học tập CN is Chưa đạt and the learner was not held back outright.
  const retestApplies =
    (ketQuaXet === "KiemTraLai" || ketQuaXet === "RenLuyenHe") &&
    hocTap.cn !== undefined &&
    !atLeast(hocTap.cn, "Đ");
  if (ketQuaXet === undefined) hocTap.sauKiemTraLai = undefined;
  else if (!retestApplies) hocTap.sauKiemTraLai = null;
  else {
    const replaced: (SubjectOutcome | undefined)[] = subjects.map((s, i) => {
      const year = yearOutcomes[i];
      if (!year || !needsRetest(year, profile)) return year;
      s.retestRequired = true;
      return s.retest;
    });
    hocTap.sauKiemTraLai = classify(replaced);
  }

  let ketQuaXetLai: LearnerEvaluation["ketQuaXetLai"] = undefined;
  if (ketQuaXet !== undefined && renLuyenCn !== undefined && hocTap.cn !== undefined) {
    const summerApplies = !atLeast(renLuyenCn, "Đ");
    ketQuaXetLai = decideAfterRemedial(
      {
        ketQuaXet,
        hocTap: retestApplies ? (hocTap.sauKiemTraLai ?? undefined) : hocTap.cn,
        renLuyen: summerApplies ? (rl.sauRenLuyenHe ?? undefined) : renLuyenCn,
        khoi,
      },
      profile,
    );
  }

  const yearScores = allDefined(subjects.filter((s) => s.subject.hinhThuc === "DiemSo").map((s) => s.cn.tbm));
  const danhHieu =
    hocTap.cn && renLuyenCn && yearScores
      ? decideAward(hocTap.cn, renLuyenCn, yearScores, profile)
      : undefined;

  return { subjects, hocTap, renLuyen: { cn: renLuyenCn }, ketQuaXet, ketQuaXetLai, danhHieu };
}

import type { Diem, KetQuaHocKy, KetQuaMon, MucDanhGia, Subject } from "../model/gradebook.ts";
import { compare, decimalPlaces, fromNumber, parseDecimal, type Decimal } from "../rules/decimal.ts";
import type { SemesterEvaluation, SubjectEvaluation } from "../rules/evaluate-learner.ts";
import { readMuc, readScore } from "../rules/score-value.ts";
import type { LearnerScope } from "./findings.ts";
import { formatDiem, formatMuc, formatTbm, hocKyLabel } from "./labels.ts";

const BY_SCORE = "điểm số";
const BY_COMMENT = "nhận xét (Đ/CĐ)";

function show(entry: number | string): string {
  return typeof entry === "number" ? formatDiem(entry) : String(entry);
}

/** One scored entry: present, a number, on the scale, not too many decimals. */
function checkScoreEntry(scope: LearnerScope, field: string, entry: Diem | undefined): void {
  const r = readScore(entry, scope.profile);
  const { min, max, maxDecimals } = scope.profile.scores.value;
  switch (r.kind) {
    case "missing":
      return scope.error("CHECK_SCORE_MISSING", field);
    case "wrongKind":
      return scope.error("CHECK_SCORE_KIND", field, { actual: show(r.value), expected: BY_SCORE });
    case "outOfRange":
      return scope.error("CHECK_SCORE_RANGE", field, { actual: formatDiem(r.value), min, max });
    case "tooManyDecimals":
      return scope.error("CHECK_SCORE_DECIMALS", field, { actual: formatDiem(r.value), maxDecimals });
    default:
      return;
  }
}

/**
 * One comment entry: Đ or CĐ. A missing check is an error, except when the portal already rates
 * the semester Chưa đạt: "not all checks done" is then the rule at work, not missing data.
 */
function checkMucEntry(
  scope: LearnerScope,
  field: string,
  entry: Diem | undefined,
  portalSaysCD: boolean,
): void {
  const r = readMuc(entry);
  if (r.kind === "missing") {
    if (portalSaysCD) scope.warning("CHECK_SCORE_MISSING", field);
    else scope.error("CHECK_SCORE_MISSING", field);
  } else if (r.kind === "wrongKind") {
    scope.error("CHECK_SCORE_KIND", field, { actual: show(r.value), expected: BY_COMMENT });
  }
}

/** What a year average computed from the unrounded semester averages is made of. */
interface UnroundedYear {
  fromUnrounded: Decimal;
  hk1: Decimal;
  hk2: Decimal;
  hk1Exact: Decimal;
  hk2Exact: Decimal;
}

/**
 * A portal average against the recomputed one. TT22 Điều 9 defines ĐTBmhk and ĐTBmcn as numbers
 * rounded half-up to the profile's decimals, so exactly one value is right and any other is an
 * error that blocks the learner: a wrongly rounded value (7,95 shown as 7,9) may sit on the other
 * side of a threshold (8,0 for Tốt) and the signed học bạ would contradict itself. The message
 * names the shown value, the exact one and the right one; a year average computed from the
 * unrounded semester averages, or off by less than one rounding unit, gets its own explanation.
 */
function compareAverage(
  scope: LearnerScope,
  field: string,
  portal: number,
  computed: Decimal,
  exact: Decimal,
  year?: UnroundedYear,
): void {
  const { min, max } = scope.profile.scores.value;
  const places = scope.profile.rounding.value.decimals;
  if (!Number.isFinite(portal) || portal < min || portal > max) {
    return scope.error("CHECK_SCORE_RANGE", field, { actual: formatDiem(portal), min, max });
  }
  // An average is shown rounded (1 decimal): 7,55 is not a value a học bạ may carry.
  if (decimalPlaces(portal) > places) {
    return scope.error("CHECK_SCORE_DECIMALS", field, { actual: formatDiem(portal), maxDecimals: places });
  }
  const shown = fromNumber(portal);
  if (compare(shown, computed) === 0) return;
  const params = {
    actual: formatTbm(portal, places),
    expected: formatTbm(computed, places),
    exact: formatDiem(exact),
    decimals: places,
  };
  if (year && compare(shown, year.fromUnrounded) === 0) {
    return scope.error("CHECK_TBM_YEAR_UNROUNDED", field, {
      ...params,
      hk1: formatTbm(year.hk1, places),
      hk2: formatTbm(year.hk2, places),
      hk1Exact: formatDiem(year.hk1Exact),
      hk2Exact: formatDiem(year.hk2Exact),
    });
  }
  const unit = parseDecimal(`1e-${places}`);
  const roundingOnly = unit !== undefined && compare(absDiff(shown, exact), unit) < 0;
  scope.error(roundingOnly ? "CHECK_TBM_ROUNDING" : "CHECK_TBM_MISMATCH", field, params);
}

function absDiff(a: Decimal, b: Decimal): Decimal {
  const n = a.n * b.d - b.n * a.d;
  return { n: n < 0n ? -n : n, d: a.d * b.d };
}

function checkSemester(
  scope: LearnerScope,
  subject: Subject,
  hk: "hk1" | "hk2",
  data: KetQuaHocKy,
  ev: SemesterEvaluation,
): void {
  const scored = subject.hinhThuc === "DiemSo";
  const portalSaysCD = data.mucDanhGia === "CĐ";
  const checkEntry = (field: string, entry: Diem | undefined) =>
    scored ? checkScoreEntry(scope, field, entry) : checkMucEntry(scope, field, entry, portalSaysCD);
  data.tx.forEach((entry, i) => checkEntry(`${hk}.tx[${i}]`, entry));
  checkEntry(`${hk}.gk`, data.gk);
  checkEntry(`${hk}.ck`, data.ck);

  const txParams = {
    hocKy: hocKyLabel(hk),
    actual: data.tx.length,
    expected: ev.txRequired,
    soTiet: subject.soTietNam,
  };
  if (data.tx.length < ev.txRequired) scope.error("CHECK_TX_COUNT", `${hk}.tx`, txParams);
  else if (data.tx.length > ev.txRequired) scope.warning("CHECK_TX_EXTRA", `${hk}.tx`, txParams);

  if (scored) {
    if (data.mucDanhGia !== null) {
      scope.error("CHECK_RESULT_KIND", `${hk}.mucDanhGia`, { actual: data.mucDanhGia, expected: BY_SCORE });
    }
    if (data.tbm === null) scope.error("CHECK_SCORE_MISSING", `${hk}.tbm`);
    else if (ev.tbm && ev.tbmExact) compareAverage(scope, `${hk}.tbm`, data.tbm, ev.tbm, ev.tbmExact);
  } else {
    if (data.tbm !== null) {
      scope.error("CHECK_RESULT_KIND", `${hk}.tbm`, { actual: formatDiem(data.tbm), expected: BY_COMMENT });
    }
    // With a check missing the rules say Chưa đạt; the missing check is the problem already reported.
    const incomplete =
      [...data.tx, data.gk, data.ck].some((e) => e === null) || data.tx.length < ev.txRequired;
    compareMuc(scope, `${hk}.mucDanhGia`, data.mucDanhGia, incomplete ? undefined : ev.mucDanhGia);
  }
}

function compareMuc(
  scope: LearnerScope,
  field: string,
  portal: MucDanhGia | null,
  computed: MucDanhGia | undefined,
) {
  if (portal === null) scope.error("CHECK_SCORE_MISSING", field);
  else if (computed !== undefined && portal !== computed) {
    scope.error("CHECK_MUC_MISMATCH", field, { actual: formatMuc(portal), expected: formatMuc(computed) });
  }
}

function checkYear(scope: LearnerScope, subject: Subject, data: KetQuaMon, ev: SubjectEvaluation): void {
  const year = ev.cn;
  if (subject.hinhThuc === "DiemSo") {
    if (data.cn.mucDanhGia !== null) {
      scope.error("CHECK_RESULT_KIND", "cn.mucDanhGia", { actual: data.cn.mucDanhGia, expected: BY_SCORE });
    }
    if (data.cn.tbm === null) scope.error("CHECK_SCORE_MISSING", "cn.tbm");
    else if (year.tbm && year.tbmExact) {
      const [fromUnrounded, hk1, hk2] = [year.tbmFromUnroundedSemesters, ev.hk1, ev.hk2];
      const unrounded =
        fromUnrounded && hk1.tbm && hk1.tbmExact && hk2.tbm && hk2.tbmExact
          ? { fromUnrounded, hk1: hk1.tbm, hk2: hk2.tbm, hk1Exact: hk1.tbmExact, hk2Exact: hk2.tbmExact }
          : undefined;
      compareAverage(scope, "cn.tbm", data.cn.tbm, year.tbm, year.tbmExact, unrounded);
    }
  } else {
    if (data.cn.tbm !== null) {
      scope.error("CHECK_RESULT_KIND", "cn.tbm", { actual: formatDiem(data.cn.tbm), expected: BY_COMMENT });
    }
    compareMuc(scope, "cn.mucDanhGia", data.cn.mucDanhGia, year.mucDanhGia);
  }
}

export interface RetestContext {
  /** Whether the learner's re-test is known to apply (undefined: cannot tell from the data). */
  applies: boolean | undefined;
  /** The portal already shows a decision after re-test/summer. */
  decided: boolean;
  /** Semesters the learner completed (2 unless they left during the year): later ones are not checked. */
  completed?: number;
}

function checkRetest(
  scope: LearnerScope,
  subject: Subject,
  data: KetQuaMon,
  ev: SubjectEvaluation,
  ctx: RetestContext,
) {
  const kt = data.ktLai;
  if (kt) {
    if (subject.hinhThuc === "DiemSo") {
      if (kt.mucDanhGia !== null) {
        scope.error("CHECK_RESULT_KIND", "ktLai.mucDanhGia", { actual: kt.mucDanhGia, expected: BY_SCORE });
      }
      checkScoreEntry(scope, "ktLai.tbm", kt.tbm);
    } else {
      if (kt.tbm !== null) {
        scope.error("CHECK_RESULT_KIND", "ktLai.tbm", { actual: formatDiem(kt.tbm), expected: BY_COMMENT });
      }
      if (kt.mucDanhGia === null) scope.error("CHECK_SCORE_MISSING", "ktLai.mucDanhGia");
    }
    if (ctx.applies === false || (ctx.applies === true && !ev.retestRequired)) {
      scope.error("CHECK_RETEST_UNEXPECTED", "ktLai");
    }
  } else if (ctx.applies === true && ev.retestRequired && ctx.decided) {
    scope.error("CHECK_RETEST_MISSING", "ktLai");
  }
}

/** Every problem of one subject of one learner: entries, counts, averages, results, re-test. */
export function checkSubject(
  scope: LearnerScope,
  ev: SubjectEvaluation,
  data: KetQuaMon,
  ctx: RetestContext,
): void {
  const subject = ev.subject;
  const completed = ctx.completed ?? 2;
  if (completed >= 1) checkSemester(scope, subject, "hk1", data.hk1, ev.hk1);
  if (completed >= 2) {
    checkSemester(scope, subject, "hk2", data.hk2, ev.hk2);
    checkYear(scope, subject, data, ev);
    checkRetest(scope, subject, data, ev, ctx);
  }
  if (data.giaoVien.trim() === "") scope.warning("CHECK_EMPTY_OPTIONAL_FIELD", "giaoVien");
}

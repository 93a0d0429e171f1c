import type { KetQuaXet, Learner, MucXepLoai } from "../model/gradebook.ts";
import { decidePromotion } from "../rules/decide-promotion.ts";
import type { LearnerEvaluation } from "../rules/evaluate-learner.ts";
import type { LearnerScope } from "./findings.ts";
import { formatDanhHieu, formatMuc, formatXet } from "./labels.ts";

const REMEDIAL: readonly KetQuaXet[] = ["KiemTraLai", "RenLuyenHe"];

function compareLevel(
  scope: LearnerScope,
  code: "CHECK_HOCTAP_MISMATCH" | "CHECK_RENLUYEN_MISMATCH",
  field: string,
  portal: MucXepLoai | null,
  computed: MucXepLoai | undefined,
): void {
  if (portal === null) scope.error("CHECK_MISSING_FIELD", field);
  else if (computed !== undefined && portal !== computed) {
    scope.error(code, field, { actual: formatMuc(portal), expected: formatMuc(computed) });
  }
}

/**
 * Levels, decision and award of one learner against the recomputed ones. The decision is first
 * checked against the portal's own levels and absences (CHECK_DECISION_INCONSISTENT: the portal
 * contradicts itself), then against the recomputed values (CHECK_DECISION_MISMATCH: it follows
 * from a wrong level, which is reported too).
 */
export function checkLearnerResults(
  scope: LearnerScope,
  learner: Learner,
  ev: LearnerEvaluation,
  khoi: string,
  /** Semesters completed (2 unless the learner left during the year): the year's results need both. */
  completed = 2,
): void {
  const { hocTap, renLuyen } = learner;
  if (completed < 2) {
    if (completed === 1) {
      compareLevel(scope, "CHECK_HOCTAP_MISMATCH", "hocTap.hk1", hocTap.hk1, ev.hocTap.hk1);
      if (renLuyen.hk1 === null) scope.error("CHECK_MISSING_FIELD", "renLuyen.hk1");
    }
    return;
  }
  compareLevel(scope, "CHECK_HOCTAP_MISMATCH", "hocTap.hk1", hocTap.hk1, ev.hocTap.hk1);
  compareLevel(scope, "CHECK_HOCTAP_MISMATCH", "hocTap.hk2", hocTap.hk2, ev.hocTap.hk2);
  compareLevel(scope, "CHECK_HOCTAP_MISMATCH", "hocTap.cn", hocTap.cn, ev.hocTap.cn);
  if (renLuyen.hk1 === null) scope.error("CHECK_MISSING_FIELD", "renLuyen.hk1");
  if (renLuyen.hk2 === null) scope.error("CHECK_MISSING_FIELD", "renLuyen.hk2");
  compareLevel(scope, "CHECK_RENLUYEN_MISMATCH", "renLuyen.cn", renLuyen.cn, ev.renLuyen.cn);

  const nghi = learner.soBuoiNghi;
  if (nghi === null) scope.error("CHECK_MISSING_FIELD", "soBuoiNghi");
  else if (nghi < 0) scope.error("CHECK_ABSENCES_INVALID", "soBuoiNghi", { actual: nghi });

  const xet = learner.ketQuaXet;
  if (xet === null) scope.error("CHECK_MISSING_FIELD", "ketQuaXet");
  else {
    const own =
      hocTap.cn && renLuyen.cn && nghi !== null && nghi >= 0
        ? decidePromotion({ hocTap: hocTap.cn, renLuyen: renLuyen.cn, soBuoiNghi: nghi, khoi }, scope.profile)
        : undefined;
    if (own !== undefined && own !== xet) {
      const reason = `học tập cả năm ${formatMuc(hocTap.cn)}, rèn luyện cả năm ${formatMuc(renLuyen.cn)}, nghỉ ${nghi} buổi`;
      scope.error("CHECK_DECISION_INCONSISTENT", "ketQuaXet", {
        actual: formatXet(xet),
        expected: formatXet(own),
        reason,
      });
    } else if (ev.ketQuaXet !== undefined && ev.ketQuaXet !== xet) {
      scope.error("CHECK_DECISION_MISMATCH", "ketQuaXet", {
        actual: formatXet(xet),
        expected: formatXet(ev.ketQuaXet),
      });
    }
  }

  // After re-test / summer training.
  const remedial = xet !== null && REMEDIAL.includes(xet);
  const sau = hocTap.sauKiemTraLai;
  if (sau !== null) {
    if (ev.hocTap.sauKiemTraLai === null) {
      scope.error("CHECK_AFTER_UNEXPECTED", "hocTap.sauKiemTraLai", { actual: formatMuc(sau) });
    } else if (ev.hocTap.sauKiemTraLai !== undefined && sau !== ev.hocTap.sauKiemTraLai) {
      scope.error("CHECK_HOCTAP_MISMATCH", "hocTap.sauKiemTraLai", {
        actual: formatMuc(sau),
        expected: formatMuc(ev.hocTap.sauKiemTraLai),
      });
    }
  } else if (ev.hocTap.sauKiemTraLai && learner.ketQuaXetLai !== null) {
    scope.error("CHECK_MISSING_FIELD", "hocTap.sauKiemTraLai");
  }
  const sauHe = renLuyen.sauRenLuyenHe;
  if (sauHe !== null && ev.renLuyen.cn !== undefined && ev.renLuyen.cn !== "CĐ") {
    scope.error("CHECK_AFTER_UNEXPECTED", "renLuyen.sauRenLuyenHe", { actual: formatMuc(sauHe) });
  } else if (
    sauHe === null &&
    ev.renLuyen.cn === "CĐ" &&
    learner.ketQuaXetLai !== null &&
    xet === "RenLuyenHe"
  ) {
    scope.error("CHECK_MISSING_FIELD", "renLuyen.sauRenLuyenHe");
  }

  const lai = learner.ketQuaXetLai;
  if (!remedial) {
    if (lai !== null) scope.error("CHECK_AFTER_UNEXPECTED", "ketQuaXetLai", { actual: formatXet(lai) });
  } else if (lai === null) {
    scope.warning("CHECK_AFTER_PENDING", "ketQuaXetLai", { actual: formatXet(xet) });
  } else if (
    ev.ketQuaXet === xet &&
    ev.ketQuaXetLai !== undefined &&
    ev.ketQuaXetLai !== null &&
    ev.ketQuaXetLai !== lai
  ) {
    scope.error("CHECK_AFTER_MISMATCH", "ketQuaXetLai", {
      actual: formatXet(lai),
      expected: formatXet(ev.ketQuaXetLai),
    });
  }

  if (ev.danhHieu !== undefined && ev.danhHieu !== learner.danhHieu) {
    scope.error("CHECK_AWARD_MISMATCH", "danhHieu", {
      actual: formatDanhHieu(learner.danhHieu, scope.profile),
      expected: formatDanhHieu(ev.danhHieu, scope.profile),
    });
  }
}

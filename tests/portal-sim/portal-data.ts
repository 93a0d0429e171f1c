import type { Gradebook, KetQuaMon, Learner, Subject } from "../../shared/model/gradebook.ts";

/** The classes a simulated portal serves: one per gradebook, with stable ids (1001, 1002, ...). */
export interface PortalClass {
  id: string;
  gradebook: Gradebook;
}

export function makeClasses(gradebooks: readonly Gradebook[]): PortalClass[] {
  return gradebooks.map((gradebook, i) => ({ id: String(1001 + i), gradebook }));
}

/** A learner's id inside the portal (distinct from the CSDL code, as on real portals). */
export function learnerId(cls: PortalClass, index: number): string {
  return `${cls.id}${String(index + 1).padStart(3, "0")}`;
}

/** The learners taking a subject, with their results (a learner without the subject is not listed). */
export function subjectRows(
  gb: Gradebook,
  subject: Subject,
): { learner: Learner; index: number; kq: KetQuaMon }[] {
  const rows: { learner: Learner; index: number; kq: KetQuaMon }[] = [];
  gb.learners.forEach((learner, index) => {
    const kq = learner.ketQua.find((k) => k.maMon === subject.ma);
    if (kq) rows.push({ learner, index, kq });
  });
  return rows;
}

/**
 * Which columns a subject's sổ điểm shows, decided from the subject and its data so that every value
 * the model holds is visible: TX columns as many as the longest list, TBm for scored subjects,
 * "mức đánh giá" for comment subjects, and either one whenever some learner has a value in it.
 */
export interface SoDiemPlan {
  tx: { hk1: number; hk2: number };
  tbm: { hk1: boolean; hk2: boolean; cn: boolean; lai: boolean };
  muc: { hk1: boolean; hk2: boolean; cn: boolean; lai: boolean };
  lai: boolean;
}

export function soDiemPlan(gb: Gradebook, subject: Subject): SoDiemPlan {
  const rows = subjectRows(gb, subject).map((r) => r.kq);
  const scored = subject.hinhThuc === "DiemSo";
  const lai = rows.some((k) => k.ktLai !== null);
  const any = (pick: (k: KetQuaMon) => unknown) =>
    rows.some((k) => pick(k) !== null && pick(k) !== undefined);
  return {
    tx: {
      hk1: Math.max(0, ...rows.map((k) => k.hk1.tx.length)),
      hk2: Math.max(0, ...rows.map((k) => k.hk2.tx.length)),
    },
    tbm: {
      hk1: scored || any((k) => k.hk1.tbm),
      hk2: scored || any((k) => k.hk2.tbm),
      cn: scored || any((k) => k.cn.tbm),
      lai: lai && (scored || any((k) => k.ktLai?.tbm ?? null)),
    },
    muc: {
      hk1: !scored || any((k) => k.hk1.mucDanhGia),
      hk2: !scored || any((k) => k.hk2.mucDanhGia),
      cn: !scored || any((k) => k.cn.mucDanhGia),
      lai: lai && (!scored || any((k) => k.ktLai?.mucDanhGia ?? null)),
    },
    lai,
  };
}

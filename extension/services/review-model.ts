import type { CheckItem, CheckReport } from "../../shared/check/check-report.ts";
import type { Gradebook } from "../../shared/model/gradebook.ts";
import { SIGNER_ROLES, type SignerRole, type WireError } from "../models/wire.ts";
import { documentIdOf, type StoredDocument } from "./hocba-db.ts";

/** One learner of one class, with everything the review page shows and signs. */
export interface LearnerRow {
  /** documentIdOf(classKey, maHocVien). */
  id: string;
  classKey: string;
  lop: string;
  namHoc: string;
  /** 1-based position in the class list. */
  stt: number;
  maHocVien: string;
  hoTen: string;
  ngaySinh: string;
  /** Check errors of this learner: any one blocks building and signing. */
  errors: CheckItem[];
  warnings: CheckItem[];
  /** Why the unsigned document could not be built, if it could not. */
  buildError?: WireError;
  /** The unsigned document built from the gradebook: the exact bytes GVCN signs (UTF-8 text). */
  built?: { fileName: string; xml: string };
  /** The latest signed version, from the extension's store. */
  stored?: StoredDocument;
}

export interface ClassReview {
  classKey: string;
  gradebook: Gradebook;
  report: CheckReport;
  /** Check could not run (e.g. unknown profile). */
  reportError?: WireError;
}

/** Roles already on the row's current document. */
export function signedRoles(row: LearnerRow): SignerRole[] {
  return row.stored?.signedRoles ?? [];
}

/** The document a role signs now: the latest signed version, or (for GVCN) the unsigned build. */
export function currentDocument(row: LearnerRow): { fileName: string; xml: string } | undefined {
  if (row.stored) return { fileName: row.stored.fileName, xml: row.stored.xml };
  return row.built;
}

/**
 * Whether `role` can sign this row now: the document exists, has every earlier role's signature
 * and not this role's (the format's order GVCN → ThuTruong → DonVi).
 */
export function canSign(row: LearnerRow, role: SignerRole): boolean {
  const signed = signedRoles(row);
  if (signed.includes(role)) return false;
  const earlier = SIGNER_ROLES.slice(0, SIGNER_ROLES.indexOf(role));
  if (!earlier.every((r) => signed.includes(r))) return false;
  if (role === "GVCN") return row.errors.length === 0 && row.built !== undefined;
  return row.stored !== undefined;
}

/** The role most of the rows wait for (the page opens on it unless the URL names one). */
export function suggestedRole(rows: readonly LearnerRow[]): SignerRole {
  let best: SignerRole = "GVCN";
  let bestCount = -1;
  for (const role of SIGNER_ROLES) {
    const count = rows.filter((r) => canSign(r, role)).length;
    if (count > bestCount) {
      best = role;
      bestCount = count;
    }
  }
  return best;
}

/** The rows of the given classes, in class order then list order, with their check findings. */
export function buildRows(
  classes: readonly ClassReview[],
  stored: ReadonlyMap<string, StoredDocument>,
  build: (
    classReview: ClassReview,
    learnerIndex: number,
  ) => { fileName: string; xml: string } | { error: WireError },
): LearnerRow[] {
  const rows: LearnerRow[] = [];
  for (const c of classes) {
    c.gradebook.learners.forEach((learner, index) => {
      const hv = learner.hocVien;
      const mine = (item: CheckItem) =>
        item.path.learnerIndex === index ||
        (item.path.learnerIndex === undefined && item.path.maHocVien === hv.maHocVien);
      const items = c.report.items.filter(mine);
      const errors = items.filter((i) => i.severity === "error");
      const id = documentIdOf(c.classKey, hv.maHocVien);
      const row: LearnerRow = {
        id,
        classKey: c.classKey,
        lop: c.gradebook.lop,
        namHoc: c.gradebook.namHoc,
        stt: index + 1,
        maHocVien: hv.maHocVien,
        hoTen: hv.hoTen,
        ngaySinh: hv.ngaySinh,
        errors,
        warnings: items.filter((i) => i.severity === "warning"),
        stored: stored.get(id),
      };
      if (errors.length === 0 && !c.reportError) {
        const result = build(c, index);
        if ("error" in result) row.buildError = result.error;
        else row.built = result;
      }
      rows.push(row);
    });
  }
  return rows;
}

import type { CheckItem, CheckReport } from "../../shared/check/check-report.ts";
import type { Gradebook } from "../../shared/model/gradebook.ts";
import type { SuaDoiView } from "../../shared/xml/hocbaso-v1/hoc-ba-view.ts";
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
  /** The signed copy of the row's current version, from the extension's store. */
  stored?: StoredDocument;
  /** PhienBanBanGhi of the row's current document (1 unless the data changed after signing). */
  version?: number;
  /** The data read now differs from the latest signed version: that version and what changed. */
  change?: RowChange;
  /** The record was cancelled in this version: nothing more is built or signed for it. */
  cancelledVersion?: number;
}

/** A learner whose signed record no longer matches the data: the next version replaces it. */
export interface RowChange {
  signedVersion: number;
  /** The signed version, kept as it is (it is never overwritten). */
  signed: StoredDocument;
  changes: SuaDoiView[];
  /** No reason given yet: the next version is not built, nothing can be signed. */
  needsReason: boolean;
}

/** What building one learner gives, knowing what was signed (load-review.ts). */
export type RowBuild =
  /** A document to sign: the first version, or (`change`) the next version of a signed record. */
  | { fileName: string; xml: string; version?: number; change?: Omit<RowChange, "needsReason"> }
  | { error: WireError }
  /** The same data as the signed version: that version stands, nothing new to sign. */
  | { unchanged: true }
  /** Changed, and no reason yet. */
  | { pending: Omit<RowChange, "needsReason"> }
  | { cancelled: number };

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
  if (row.change?.needsReason || row.cancelledVersion !== undefined) return false;
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
  build: (classReview: ClassReview, learnerIndex: number) => RowBuild,
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
        else if ("pending" in result) row.change = { ...result.pending, needsReason: true };
        else if ("cancelled" in result) row.cancelledVersion = result.cancelled;
        else if (!("unchanged" in result)) {
          row.built = { fileName: result.fileName, xml: result.xml };
          if (result.change) {
            // The next version is signed from the start: the signed one stays in `change.signed`.
            row.change = { ...result.change, needsReason: false };
            delete row.stored;
          }
          if (result.version !== undefined) row.version = result.version;
        }
      }
      row.version ??= row.stored?.phienBan ?? 1;
      rows.push(row);
    });
  }
  return rows;
}

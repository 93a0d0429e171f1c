import { namedSignersOfHocBa } from "../../shared/authority/named-signers-of-hoc-ba.ts";
import type { NamedSigners } from "../../shared/authority/signer-authority.ts";
import { readHocBa } from "../../shared/xml/hocbaso-v1/read-hoc-ba.ts";
import type { ArchiveClassRef, ArchivedDocument, SignerRole } from "../models/wire.ts";
import { documentIdOf, type StoredDocument } from "./hocba-db.ts";
import type { LearnerRow } from "./review-model.ts";

/** A class whose records come from the helper's archive (a package imported from another PC). */
export interface ArchiveClassView {
  ref: ArchiveClassRef;
  classKey: string;
  lop: string;
  namHoc: string;
  maTruong: string;
  tenTruong: string;
  /** Documents fetched (waiting for the roles asked). */
  count: number;
  /** Who the records name as signers: the sign panel marks and preselects certificates by it. */
  namedSigners?: NamedSigners;
}

export interface ArchiveReview {
  classes: ArchiveClassView[];
  rows: LearnerRow[];
  signedDocuments: StoredDocument[];
}

/** The roles a page opened on `role` asks the archive for: that role, or (no role) both queues. */
function rolesFor(role: SignerRole | undefined): ("ThuTruong" | "DonVi")[] {
  if (role === "ThuTruong" || role === "DonVi") return [role];
  return ["ThuTruong", "DonVi"];
}

/**
 * The review rows of classes known only from the helper's archive: each archived document waiting
 * for the role becomes a row whose current document is exactly the archived bytes (the next role
 * signs them). There is no gradebook here, so no check and nothing to build: the GVCN signed it.
 */
export async function loadArchiveReview(
  refs: readonly ArchiveClassRef[],
  role: SignerRole | undefined,
  fetchDocuments: (ref: ArchiveClassRef, forRole: "ThuTruong" | "DonVi") => Promise<ArchivedDocument[]>,
): Promise<ArchiveReview> {
  const classes: ArchiveClassView[] = [];
  const rows: LearnerRow[] = [];
  const signedDocuments: StoredDocument[] = [];
  for (const ref of refs) {
    const docs: ArchivedDocument[] = [];
    for (const forRole of rolesFor(role)) docs.push(...(await fetchDocuments(ref, forRole)));
    let tenTruong = "";
    let namedSigners: NamedSigners | undefined;
    let maTruong = ref.maTruong ?? "";
    const classKey = () => `${maTruong}/${ref.namHoc}/${ref.lop}`.normalize("NFC");
    const seen = new Set<string>();
    for (const doc of docs) {
      if (seen.has(doc.maHocVien)) continue;
      seen.add(doc.maHocVien);
      let ngaySinh = "";
      try {
        const view = readHocBa(doc.xml);
        ngaySinh = view.hocVien.ngaySinh;
        tenTruong ||= view.ttChung.tenTruong;
        namedSigners ??= namedSignersOfHocBa(view);
        maTruong ||= view.ttChung.maTruong;
      } catch {
        // Display only: the helper verified the document when it was archived.
      }
      const key = classKey();
      const stored: StoredDocument = {
        id: documentIdOf(key, doc.maHocVien, doc.phienBan),
        phienBan: doc.phienBan,
        classKey: key,
        maHocVien: doc.maHocVien,
        hoTen: doc.hoTen,
        fileName: doc.fileName,
        xml: doc.xml,
        signedRoles: doc.roles.map((r) => r.role),
        updatedAt: doc.roles.at(-1)?.signingTime ?? "",
      };
      signedDocuments.push(stored);
      rows.push({
        id: documentIdOf(key, doc.maHocVien),
        classKey: key,
        lop: ref.lop,
        namHoc: ref.namHoc,
        stt: rows.filter((r) => r.classKey === key).length + 1,
        maHocVien: doc.maHocVien,
        hoTen: doc.hoTen,
        ngaySinh,
        errors: [],
        warnings: [],
        stored,
        version: doc.phienBan,
      });
    }
    classes.push({
      ref,
      classKey: classKey(),
      lop: ref.lop,
      namHoc: ref.namHoc,
      maTruong,
      tenTruong,
      count: seen.size,
      ...(namedSigners ? { namedSigners } : {}),
    });
  }
  return { classes, rows, signedDocuments };
}

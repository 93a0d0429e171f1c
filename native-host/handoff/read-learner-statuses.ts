import { SIGNING_ROLES, type SigningRole } from "../../shared/xml/hocbaso-v1/signature-profile.ts";
import type { QueueClass } from "../../shared/protocol/responses.ts";
import type { HocBaArchive, StoredDocument } from "../archive/hocba-archive.ts";
import { latestVersion, readRecordVersions, type RecordVersion } from "../archive/read-record-versions.ts";

/** Where one learner's latest record version stands, from the archive. */
export interface LearnerStatus {
  namHoc: string;
  maTruong: string;
  tenTruong: string;
  lop: string;
  maHocVien: string;
  hoTen: string;
  version: RecordVersion;
  /** Roles signed on the latest version, in signing order (the roles of its most-signed document). */
  roles: SigningRole[];
  /** The archived document of the latest version that carries `roles` (the most recently archived). */
  document: StoredDocument;
}

/**
 * Every learner of the archive (of one school year, when given) with their latest version and the
 * roles signed on it. Signing order is enforced when signing and verifying, so a version whose
 * archive holds a ThuTruong-signed document is signed by the GVCN too.
 */
export function readLearnerStatuses(archive: HocBaArchive, namHoc?: string): LearnerStatus[] {
  const learners = new Map<string, { namHoc: string; maHocVien: string }>();
  for (const e of archive.list(namHoc !== undefined ? { namHoc } : {}).entries) {
    learners.set(`${e.namHoc}\u0000${e.maHocVien}`, { namHoc: e.namHoc, maHocVien: e.maHocVien });
  }
  const out: LearnerStatus[] = [];
  for (const who of learners.values()) {
    const version = latestVersion(readRecordVersions(archive, who));
    if (!version) continue;
    let top = -1;
    let document = version.documents[version.documents.length - 1] as StoredDocument;
    for (const d of version.documents) {
      const at = SIGNING_ROLES.indexOf(d.role);
      if (at >= top) {
        top = at;
        document = d;
      }
    }
    const ordered = version.roles.length > 0 ? version.roles : [document.role];
    const roles = version.suKien === "CANCEL" ? ordered : SIGNING_ROLES.slice(0, top + 1);
    const tt = version.view.ttChung;
    out.push({
      namHoc: tt.namHoc,
      maTruong: tt.maTruong,
      tenTruong: tt.tenTruong,
      lop: tt.lop,
      maHocVien: version.view.hocVien.maHocVien,
      hoTen: version.view.hocVien.hoTen,
      version,
      roles: [...roles],
      document,
    });
  }
  return out.sort(
    (a, b) =>
      a.namHoc.localeCompare(b.namHoc) ||
      a.lop.localeCompare(b.lop, "vi") ||
      a.maHocVien.localeCompare(b.maHocVien),
  );
}

/** A class's key: year, institution, class. */
export function classKey(s: { namHoc: string; maTruong: string; lop: string }): string {
  return `${s.namHoc}\u0000${s.maTruong}\u0000${s.lop}`;
}

/** The "Chờ Giám đốc ký" / "Chờ đóng dấu" counts per class; cancelled records are left out. */
export function classQueues(statuses: readonly LearnerStatus[]): QueueClass[] {
  const classes = new Map<string, QueueClass>();
  for (const s of statuses) {
    if (s.version.suKien === "CANCEL") continue;
    const key = classKey(s);
    const c = classes.get(key) ?? {
      namHoc: s.namHoc,
      maTruong: s.maTruong,
      tenTruong: s.tenTruong,
      lop: s.lop,
      learners: 0,
      signedGvcn: 0,
      signedThuTruong: 0,
      sealed: 0,
      waitingThuTruong: 0,
      waitingDonVi: 0,
    };
    classes.set(key, c);
    const has = (r: SigningRole) => s.roles.includes(r);
    c.learners++;
    if (has("GVCN")) c.signedGvcn++;
    if (has("ThuTruong")) c.signedThuTruong++;
    if (has("DonVi")) c.sealed++;
    if (has("GVCN") && !has("ThuTruong")) c.waitingThuTruong++;
    if (has("ThuTruong") && !has("DonVi")) c.waitingDonVi++;
  }
  return [...classes.values()];
}

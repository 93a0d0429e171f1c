import { HocBaError } from "../../shared/errors/hocba-error.ts";
import { formatMessage } from "../../shared/errors/message-table.ts";
import type { HocBaView } from "../../shared/xml/hocbaso-v1/hoc-ba-view.ts";
import { readHocBa } from "../../shared/xml/hocbaso-v1/read-hoc-ba.ts";
import {
  SIGNING_ROLES,
  signingRolesFor,
  type SigningRole,
} from "../../shared/xml/hocbaso-v1/signature-profile.ts";
import { unsignedHocBa } from "../../shared/xml/hocbaso-v1/unsigned-hoc-ba.ts";
import type { SignedVersion } from "../../shared/versions/plan-record-version.ts";
import { sha256Hex } from "./audit-chain.ts";
import type { HocBaArchive, StoredDocument } from "./hocba-archive.ts";

/*
 * The versions of one learner's record for one school year, as the archive holds them. The archive
 * stores signed documents; a version's unsigned form is derived from any of them by emptying DSCKS
 * (unsigned-hoc-ba.ts), and where the first signature (GVCN; the head's for a CANCEL) is archived its
 * input SHA-256 confirms it.
 * One version may have been archived from different data (documents built and signed twice before
 * versions existed, both as version 1): the latest archived one is that version.
 */

/** One version: its envelope and data, and the archived documents signed from it. */
export interface RecordVersion extends SignedVersion {
  idBanGhi: string;
  phienBan: number;
  suKien: HocBaView["ttChung"]["suKien"];
  /** The archived documents of this version (same unsigned form), oldest first. */
  documents: StoredDocument[];
}

export interface RecordVersions {
  /** Oldest version first (by PhienBanBanGhi, then by archiving order). */
  versions: RecordVersion[];
  /** Archived documents that could not be read as a version (the reason, per document). */
  unreadable: Array<{ document: StoredDocument; detail: string }>;
}

/**
 * Every archived version of the learner's record at school `maTruong` (and of record `idBanGhi` when
 * given: another record of the same learner and year is left out).
 */
export function readRecordVersions(
  archive: HocBaArchive,
  who: { namHoc: string; maHocVien: string; maTruong?: string; idBanGhi?: string },
): RecordVersions {
  /** IdBanGhi and version → the candidates by SHA-256 of their unsigned form. */
  const byVersion = new Map<string, Map<string, RecordVersion>>();
  const unreadable: RecordVersions["unreadable"] = [];
  const views = new Map<string, HocBaView>();
  for (const document of archive.documentsOf(who.namHoc, who.maHocVien)) {
    const unsigned = unsignedHocBa(document.bytes);
    if (unsigned === null) {
      unreadable.push({ document, detail: "DSCKS" });
      continue;
    }
    const sha256 = sha256Hex(unsigned);
    // The roles' documents of one version share its unsigned form: read it once.
    let view = views.get(sha256);
    if (!view) {
      try {
        view = readHocBa(unsigned);
      } catch (err) {
        unreadable.push({ document, detail: err instanceof HocBaError ? err.message : String(err) });
        continue;
      }
      views.set(sha256, view);
    }
    const tt = view.ttChung;
    if (who.maTruong !== undefined && tt.maTruong !== who.maTruong) continue;
    if (who.idBanGhi !== undefined && tt.idBanGhi.toLowerCase() !== who.idBanGhi.toLowerCase()) continue;
    // The first role's input is the unsigned form (the head's, for a CANCEL).
    if (document.role === signingRolesFor(tt.suKien)[0] && document.inputSha256 !== sha256) {
      unreadable.push({ document, detail: formatMessage("VERSION_UNSIGNED_MISMATCH", { id: document.id }) });
      continue;
    }
    const key = `${tt.idBanGhi.toLowerCase()}#${tt.phienBanBanGhi}`;
    const candidates = byVersion.get(key) ?? new Map<string, RecordVersion>();
    byVersion.set(key, candidates);
    const known = candidates.get(sha256);
    if (known) {
      known.documents.push(document);
      continue;
    }
    candidates.set(sha256, {
      idBanGhi: tt.idBanGhi,
      phienBan: tt.phienBanBanGhi,
      suKien: tt.suKien,
      unsigned,
      sha256,
      view,
      roles: [],
      documents: [document],
    });
  }
  const lastId = (v: RecordVersion) => v.documents[v.documents.length - 1]?.id ?? 0;
  // The same number built from other data and signed again: the most recently archived one counts.
  const versions = [...byVersion.values()].map(
    (candidates) => [...candidates.values()].sort((a, b) => lastId(b) - lastId(a))[0] as RecordVersion,
  );
  for (const v of versions) {
    const signed = new Set<SigningRole>(v.documents.map((d) => d.role));
    v.roles = SIGNING_ROLES.filter((r) => signed.has(r));
  }
  versions.sort((a, b) => a.phienBan - b.phienBan || lastId(a) - lastId(b));
  return { versions, unreadable };
}

/** The highest version (the most recently archived among records of the same number). */
export function latestVersion(versions: RecordVersions): RecordVersion | null {
  return versions.versions[versions.versions.length - 1] ?? null;
}

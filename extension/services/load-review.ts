import type { CheckReport } from "../../shared/check/check-report.ts";
import { vietnamDateTime } from "../../shared/check/check-dates.ts";
import { HocBaError } from "../../shared/errors/hocba-error.ts";
import { planRecordVersion, type SignedVersion } from "../../shared/versions/plan-record-version.ts";
import { createHocBaBuilder } from "../../shared/xml/hocbaso-v1/build-hoc-ba-xml.ts";
import { readHocBa } from "../../shared/xml/hocbaso-v1/read-hoc-ba.ts";
import { unsignedHocBa } from "../../shared/xml/hocbaso-v1/unsigned-hoc-ba.ts";
import { toWireError } from "../models/wire-error.ts";
import type { WireError } from "../models/wire.ts";
import type { LearnerRecordVersion } from "../../shared/protocol/record-versions.ts";
import { documentIdOf, type HocBaDb, type StoredDocument } from "./hocba-db.ts";
import { buildRows, type ClassReview, type LearnerRow, type RowBuild } from "./review-model.ts";
import { runCheck } from "./run-check.ts";
import { signedRolesOf } from "./signed-roles.ts";

export interface ReviewData {
  classes: ClassReview[];
  rows: LearnerRow[];
  /** Every signed document of the classes, each version of each record (for the ZIP). */
  signedDocuments: StoredDocument[];
  /** Class keys asked for but not stored. */
  missing: string[];
  /**
   * Why the helper's archive could not be asked for the signed versions (versions were then
   * counted from this browser's store only); absent when it answered or was not asked.
   */
  archiveError?: WireError;
}

/** Asks the helper's archive for each learner's latest version (the "record-versions" action). */
export type ArchivedVersionsLookup = (request: {
  namHoc: string;
  maTruong?: string;
  maHocVien: string[];
}) => Promise<LearnerRecordVersion[]>;

const EMPTY_REPORT = (profile: string, learnerCount: number): CheckReport => ({
  profile,
  learnerCount,
  items: [],
  errorCount: 0,
  warningCount: 0,
  blockedLearners: [],
});

export interface LoadReviewOptions {
  /** Why signed records changed, typed once for the batch: their next version is built with it. */
  lyDo?: string | undefined;
  /** Now, ISO 8601 with +07:00: ThoiGianLap of a next version when the gradebook's is not later. */
  now?: string | undefined;
  /**
   * The helper's archive, asked first: a version signed on another PC, or before this browser
   * profile was cleared, counts, and is kept in the store (for the ZIP and the popup's counts).
   * The store alone is used when absent or when the helper cannot answer.
   */
  archivedVersions?: ArchivedVersionsLookup | undefined;
}

/** The stored (signed) version as the planner compares it: unsigned form, its SHA-256, its data. */
export async function signedVersionOf(doc: StoredDocument): Promise<SignedVersion> {
  const unsigned = unsignedHocBa(new TextEncoder().encode(doc.xml));
  if (unsigned === null) {
    throw new HocBaError("XML_READ_STRUCTURE", { path: "/HocBaSo/DSCKS", detail: doc.fileName });
  }
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new Uint8Array(unsigned)));
  const sha256 = Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
  return { unsigned, sha256, view: readHocBa(unsigned), roles: doc.signedRoles };
}

/**
 * Loads the classes, checks each against its rules profile and builds every learner's unsigned
 * document once: these bytes are what the preview shows and what GVCN signs. A learner whose record
 * was signed (in any role) is compared with its latest signed version: the same data keeps that
 * version; other data gives the next version (with `lyDo`), never a rebuilt version 1.
 */
export async function loadReview(
  db: HocBaDb,
  classKeys: readonly string[],
  options: LoadReviewOptions = {},
): Promise<ReviewData> {
  const classes: ClassReview[] = [];
  const missing: string[] = [];
  /** The latest stored version of each learner, by row id. */
  const stored = new Map<string, StoredDocument>();
  const signedDocuments: StoredDocument[] = [];
  for (const classKey of classKeys) {
    const entry = await db.getGradebook(classKey);
    if (!entry) {
      missing.push(classKey);
      continue;
    }
    let report: CheckReport;
    let reportError: WireError | undefined;
    try {
      report = runCheck(entry.gradebook);
    } catch (err) {
      report = EMPTY_REPORT(entry.gradebook.profile, entry.gradebook.learners.length);
      reportError = toWireError(err);
    }
    classes.push({ classKey, gradebook: entry.gradebook, report, reportError });
    for (const doc of await db.listDocuments(classKey)) {
      signedDocuments.push(doc);
      const rowId = documentIdOf(classKey, doc.maHocVien);
      const known = stored.get(rowId);
      if (!known || (known.phienBan ?? 1) < (doc.phienBan ?? 1)) stored.set(rowId, doc);
    }
  }
  let archiveError: WireError | undefined;
  if (options.archivedVersions) {
    try {
      for (const c of classes) {
        const found = await archivedDocumentsOf(c, options.archivedVersions);
        for (const doc of found) {
          const rowId = documentIdOf(c.classKey, doc.maHocVien);
          const known = stored.get(rowId);
          const knownVersion = known?.phienBan ?? 1;
          const version = doc.phienBan ?? 1;
          // The store's copy stays when it is as far along (a later version, or more signatures).
          if (known && (knownVersion > version || (knownVersion === version && !signedFurther(doc, known)))) {
            continue;
          }
          stored.set(rowId, doc);
          const same = signedDocuments.findIndex((d) => d.id === doc.id);
          if (same >= 0) signedDocuments[same] = doc;
          else signedDocuments.push(doc);
          // Kept in this browser's store too: the ZIP and the popup count it; never over a copy
          // of the same version signed further (checked just above).
          await db.putDocument(doc);
        }
      }
    } catch (err) {
      archiveError = toWireError(err);
    }
  }
  const signed = new Map<string, SignedVersion | WireError>();
  for (const [rowId, doc] of stored) {
    try {
      signed.set(rowId, await signedVersionOf(doc));
    } catch (err) {
      signed.set(rowId, toWireError(err));
    }
  }
  const now = options.now ?? vietnamDateTime();
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const builders = new Map<string, ReturnType<typeof createHocBaBuilder> | WireError>();
  const rows = buildRows(classes, stored, (c, index) => {
    let builder = builders.get(c.classKey);
    if (!builder) {
      try {
        builder = createHocBaBuilder(c.gradebook);
      } catch (err) {
        builder = toWireError(err);
      }
      builders.set(c.classKey, builder);
    }
    if (typeof builder !== "function") return { error: builder };
    const learner = c.gradebook.learners[index];
    if (!learner) return { error: new HocBaError("EXT_INTERNAL", { detail: "learner index" }).toJSON() };
    const rowId = documentIdOf(c.classKey, learner.hocVien.maHocVien);
    const previous = signed.get(rowId);
    const doc = stored.get(rowId);
    if (previous !== undefined && !("view" in previous)) return { error: previous };
    try {
      const plan = planRecordVersion({
        build: builder,
        learner,
        previous: previous ?? null,
        lyDo: options.lyDo,
        thoiGianLap: { build: c.gradebook.thoiGianLap ?? "", now },
      });
      return rowBuildOf(plan, doc, (bytes) => decoder.decode(bytes), learner.banGhi?.phienBan);
    } catch (err) {
      return { error: toWireError(err) };
    }
  });
  return { classes, rows, missing, signedDocuments, ...(archiveError ? { archiveError } : {}) };
}

/** The archive's latest version of each learner of the class, as store entries. */
async function archivedDocumentsOf(
  c: ClassReview,
  lookup: ArchivedVersionsLookup,
): Promise<StoredDocument[]> {
  const learners = new Map(c.gradebook.learners.map((l) => [l.hocVien.maHocVien, l.hocVien.hoTen]));
  if (learners.size === 0) return [];
  const answers = await lookup({
    namHoc: c.gradebook.namHoc,
    maTruong: c.gradebook.school.maTruong,
    maHocVien: [...learners.keys()],
  });
  const now = new Date().toISOString();
  return answers.flatMap(({ maHocVien, latest }) => {
    const hoTen = learners.get(maHocVien);
    if (!latest || hoTen === undefined) return [];
    return [
      {
        id: documentIdOf(c.classKey, maHocVien, latest.phienBan),
        classKey: c.classKey,
        maHocVien,
        hoTen,
        fileName: latest.fileName,
        xml: latest.xml,
        signedRoles: signedRolesOf(latest.xml),
        updatedAt: now,
        phienBan: latest.phienBan,
      },
    ];
  });
}

/** `a` carries every signature `b` does and more. */
function signedFurther(a: StoredDocument, b: StoredDocument): boolean {
  return a.signedRoles.length > b.signedRoles.length && b.signedRoles.every((r) => a.signedRoles.includes(r));
}

/** The review row's view of a plan (plan-record-version.ts). */
function rowBuildOf(
  plan: ReturnType<typeof planRecordVersion>,
  signedDoc: StoredDocument | undefined,
  text: (bytes: Uint8Array) => string,
  portalVersion: number | undefined,
): RowBuild {
  switch (plan.kind) {
    case "first":
      return { fileName: plan.built.fileName, xml: text(plan.built.bytes), version: portalVersion ?? 1 };
    case "unchanged":
      return { unchanged: true };
    case "cancelled":
      return { cancelled: plan.previous.view.ttChung.phienBanBanGhi };
    case "needs-reason":
    case "new-version": {
      if (!signedDoc) throw new HocBaError("EXT_INTERNAL", { detail: "signed version without document" });
      const signedVersion = plan.previous.view.ttChung.phienBanBanGhi;
      const change = { signedVersion, signed: signedDoc, changes: plan.changes };
      if (plan.kind === "needs-reason") return { pending: change };
      return {
        fileName: plan.built.fileName,
        xml: text(plan.built.bytes),
        version: signedVersion + 1,
        change,
      };
    }
  }
}

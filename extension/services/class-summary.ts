import type { ClassSummary } from "../models/wire.ts";
import type { HocBaDb, StoredDocument } from "./hocba-db.ts";

/**
 * Every stored class with how many of its learners' records carry each signature, counted on each
 * learner's latest version (a corrected version 2 signed by the GVCN waits for the head even though
 * version 1 was signed by all), and how many learners are on a later version.
 */
export async function summarizeClasses(db: HocBaDb): Promise<ClassSummary[]> {
  const classes = await db.listGradebooks();
  return Promise.all(
    classes.map(async ({ classKey, gradebook, extractedAt }) => {
      const latest = new Map<string, StoredDocument>();
      for (const d of await db.listDocuments(classKey)) {
        const known = latest.get(d.maHocVien);
        if (!known || (known.phienBan ?? 1) < (d.phienBan ?? 1)) latest.set(d.maHocVien, d);
      }
      const docs = [...latest.values()];
      const count = (role: "GVCN" | "ThuTruong" | "DonVi") =>
        docs.filter((d) => d.signedRoles.includes(role)).length;
      return {
        classKey,
        lop: gradebook.lop,
        namHoc: gradebook.namHoc,
        tenTruong: gradebook.school.tenTruong,
        learnerCount: gradebook.learners.length,
        signedBy: { GVCN: count("GVCN"), ThuTruong: count("ThuTruong"), DonVi: count("DonVi") },
        laterVersions: docs.filter((d) => (d.phienBan ?? 1) > 1).length,
        extractedAt,
      };
    }),
  );
}

/** Records signed by the GVCN and still waiting for the head's signature. */
export function waitingForThuTruong(summary: ClassSummary): number {
  return summary.signedBy.GVCN - summary.signedBy.ThuTruong;
}

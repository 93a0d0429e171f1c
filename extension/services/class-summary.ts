import type { ClassSummary } from "../models/wire.ts";
import type { HocBaDb } from "./hocba-db.ts";

/** Every stored class with how many of its learners' records carry each signature. */
export async function summarizeClasses(db: HocBaDb): Promise<ClassSummary[]> {
  const classes = await db.listGradebooks();
  return Promise.all(
    classes.map(async ({ classKey, gradebook, extractedAt }) => {
      const docs = await db.listDocuments(classKey);
      const count = (role: "GVCN" | "ThuTruong" | "DonVi") =>
        docs.filter((d) => d.signedRoles.includes(role)).length;
      return {
        classKey,
        lop: gradebook.lop,
        namHoc: gradebook.namHoc,
        tenTruong: gradebook.school.tenTruong,
        learnerCount: gradebook.learners.length,
        signedBy: { GVCN: count("GVCN"), ThuTruong: count("ThuTruong"), DonVi: count("DonVi") },
        extractedAt,
      };
    }),
  );
}

/** Records signed by the GVCN and still waiting for the head's signature. */
export function waitingForThuTruong(summary: ClassSummary): number {
  return summary.signedBy.GVCN - summary.signedBy.ThuTruong;
}

import type { BuiltHandoffPackage } from "../../shared/handoff/build-handoff-package.ts";
import type { SignerRole } from "../models/wire.ts";
import type { StoredDocument } from "./hocba-db.ts";
import { readSignatureBlocks } from "./read-signature-blocks.ts";

/** The two hand-offs the pages offer: after the GVCN (to the head), after the head (to the seal). */
export type HandoffStep = "gvcn" | "thu-truong";

const STEP_ROLE: Readonly<Record<HandoffStep, { signed: SignerRole; next: SignerRole }>> = {
  gvcn: { signed: "GVCN", next: "ThuTruong" },
  "thu-truong": { signed: "ThuTruong", next: "DonVi" },
};

/** Documents a step hands on: signed in the step's role, not yet in the next one. */
export function documentsForStep(docs: readonly StoredDocument[], step: HandoffStep): StoredDocument[] {
  const { signed, next } = STEP_ROLE[step];
  return docs.filter((d) => d.signedRoles.includes(signed) && !d.signedRoles.includes(next));
}

/**
 * One hand-off package per class (`<Lop>_<NamHoc>_<Buoc>.hocba.zip`, shared/handoff): the signed
 * bytes exactly as stored, with who signed each role and when, read from the documents themselves.
 * The builder (and the zod schema it checks its manifest with) is loaded only when a package is
 * made, so the review page stays small.
 */
export async function buildHandoffPackages(
  docs: readonly StoredDocument[],
  step: HandoffStep,
  createdAt: Date = new Date(),
): Promise<BuiltHandoffPackage[]> {
  const { buildHandoffPackage } = await import("../../shared/handoff/build-handoff-package.ts");
  const encoder = new TextEncoder();
  const byClass = new Map<string, StoredDocument[]>();
  for (const doc of documentsForStep(docs, step)) {
    byClass.set(doc.classKey, [...(byClass.get(doc.classKey) ?? []), doc]);
  }
  return [...byClass.values()].map((classDocs) =>
    buildHandoffPackage({
      buoc: step,
      createdAt,
      documents: classDocs.map((d) => ({
        fileName: d.fileName,
        bytes: encoder.encode(d.xml),
        roles: readSignatureBlocks(d.xml).map((b) => ({
          role: b.role,
          signer: b.commonName,
          signingTime: b.signingTime,
        })),
      })),
    }),
  );
}

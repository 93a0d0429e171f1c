import type { SigningRole } from "../../shared/xml/hocbaso-v1/signature-profile.ts";
import { examineSignature } from "../xmldsig/examine-signature.ts";
import { inspectHocBa } from "../xmldsig/inspect-hocba.ts";

export type SignatureLevel = "B-B" | "B-T" | "B-LT";

/**
 * The level a document already signed for `role` carries, read from its bytes (a timestamp: B-T;
 * validation data after it: B-LT). For a run that took every document from the archive, whose
 * level is that of the earlier run, not of this run's settings. Undefined when `role` has not signed.
 */
export function signedLevel(bytes: Uint8Array, role: SigningRole): SignatureLevel | undefined {
  const doc = inspectHocBa(bytes).document;
  const index = doc?.containers.findIndex((c) => c.role === role) ?? -1;
  if (!doc || index < 0) return undefined;
  const facts = examineSignature(doc, index, new Map());
  if (!facts.signatureTimeStamp) return "B-B";
  return facts.validationData ? "B-LT" : "B-T";
}

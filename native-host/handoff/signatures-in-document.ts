import type { HandoffRoleSigned } from "../../shared/handoff/handoff-manifest.ts";
import { examineSignature, type C14nCache } from "../xmldsig/examine-signature.ts";
import { inspectHocBa } from "../xmldsig/inspect-hocba.ts";

/**
 * Who signed each role of a document and when, as written in it (certificate CN, SigningTime),
 * without judging the signatures: for documents taken from the archive, which holds only
 * documents verified when they were signed or imported.
 */
export function signaturesInDocument(bytes: Uint8Array): HandoffRoleSigned[] {
  const { document } = inspectHocBa(bytes);
  if (!document) return [];
  const cache: C14nCache = new Map();
  return document.containers.map((c, i) => {
    const f = examineSignature(document, i, cache);
    return { role: c.role, signer: f.certInfo?.commonName ?? "", signingTime: f.signingTimeText ?? "" };
  });
}

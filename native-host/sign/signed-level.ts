import type { SigningRole } from "../../shared/xml/hocbaso-v1/signature-profile.ts";
import { readUnsignedPropertiesOf } from "../xmldsig/examine-signature.ts";
import { inspectHocBa } from "../xmldsig/inspect-hocba.ts";

export type SignatureLevel = "B-B" | "B-T" | "B-LT";

/**
 * The level a document already signed for `role` carries, read from its bytes (a timestamp: B-T;
 * validation data after it: B-LT). For a run that took every document from the archive, whose
 * level is that of the earlier run, not of this run's settings. Undefined when `role` has no
 * container; B-B when its container holds no usable signature.
 *
 * A light read, no digest, signature value or certificate checked (these documents are the
 * helper's own output, taken back from its archive): only the path to the unsigned properties and
 * their content, with examineSignature's own rules (readUnsignedPropertiesOf). Anywhere else or in
 * any other shape they count for nothing, as there: never a higher level than it reads from them.
 */
export function signedLevel(bytes: Uint8Array, role: SigningRole): SignatureLevel | undefined {
  const doc = inspectHocBa(bytes).document;
  const container = doc?.containers.find((c) => c.role === role);
  if (!container) return undefined;
  const unsigned = container.signature ? readUnsignedPropertiesOf(container.signature, role) : null;
  if (!unsigned) return "B-B";
  return unsigned.validationData ? "B-LT" : "B-T";
}

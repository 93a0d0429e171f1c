import { createHash } from "node:crypto";
import type { NamedSigners } from "../../shared/authority/signer-authority.ts";
import type { PlainHocBa } from "./plain-hocba.ts";

/** What one libxml2 parse of a plain unsigned document gives the signer: its facts and named signers. */
export type PlainSignable = PlainHocBa & { named: NamedSigners };

/**
 * The facts of plain documents checked before the login (checkSignable), kept for the signing that
 * follows in the same batch, so the document is parsed and validated against the XSD once, not
 * twice. Kept by the SHA-256 of the exact bytes checked: bytes read again later that differ (the
 * file changed in between) find nothing and are checked again in full. Each entry is used once.
 */
export class CheckedDocuments {
  private readonly facts = new Map<string, PlainSignable>();

  remember(bytes: Uint8Array, facts: PlainSignable): void {
    this.facts.set(sha256(bytes), facts);
  }

  /** The facts checked for exactly these bytes, if any (then forgotten). */
  take(bytes: Uint8Array): PlainSignable | undefined {
    const key = sha256(bytes);
    const facts = this.facts.get(key);
    this.facts.delete(key);
    return facts;
  }
}

function sha256(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

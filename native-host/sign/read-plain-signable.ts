import type { XmlDocument } from "libxml2-wasm";
import type { PlainSignable } from "./checked-documents.ts";
import { readPlainHocBa } from "./plain-hocba.ts";
import { readPlainNamedSigners } from "./plain-named-signers.ts";

/**
 * The signer's fast path on a document libxml2 has just parsed and validated (plain-hocba.ts), with
 * who the record names (signer authority); null sends the document to the full path.
 */
export function readPlainSignable(doc: XmlDocument, text: string, byteLength: number): PlainSignable | null {
  const plain = readPlainHocBa(doc, text, byteLength);
  const named = plain && readPlainNamedSigners(doc, text);
  return plain && named ? { ...plain, named } : null;
}

import type { SigningRole } from "../../shared/xml/hocbaso-v1/signature-profile.ts";
import { unsignedHocBa } from "../../shared/xml/hocbaso-v1/unsigned-hoc-ba.ts";

/**
 * The bytes a document had before its last signature (in `role`) was added: what that signature
 * was made over, so the archive can record it as the input of that role (as signing on this PC
 * does). The signer inserts each role's container as `<Role>…</Role>\n` just before `</DSCKS>`
 * (the first one turning `<DSCKS/>` into `<DSCKS>\n…</DSCKS>`), so taking it out again gives the
 * earlier bytes exactly. `first`: it is the document's only signature. Null when the document is not laid out that way.
 */
export function previousSignedForm(
  bytes: Uint8Array,
  role: SigningRole,
  options: { first: boolean },
): Uint8Array | null {
  // The first signature (GVCN; the head's in a CANCEL) was made over the unsigned form.
  if (options.first) return unsignedHocBa(bytes);
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const close = b.lastIndexOf("</DSCKS>");
  if (close === -1) return null;
  const end = `</${role}>\n`;
  if (b.subarray(close - end.length, close).toString("latin1") !== end) return null;
  const start = b.lastIndexOf(`<${role}>`, close);
  if (start === -1) return null;
  return Buffer.concat([b.subarray(0, start), b.subarray(close)]);
}

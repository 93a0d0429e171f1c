import type { HocBaValidation } from "../xml/validate-hocba-xml.ts";
import type { PlainSignable } from "./checked-documents.ts";

/**
 * validateHocBaXml with, for a plain unsigned document, the facts signing needs (read-plain-signable.ts),
 * from one libxml2 parse. libxml2 is loaded only now: a document written the usual way never needs it
 * (read-plain-signable-tree.ts), and loading it costs each thread about 0.1 s and 13 MB.
 */
export async function readPlainSignableWithLibxml2(
  bytes: Uint8Array,
): Promise<HocBaValidation & { value?: PlainSignable | null }> {
  const [{ validateHocBaXmlWith }, { readPlainSignable }] = await Promise.all([
    import("../xml/validate-hocba-xml.ts"),
    import("./read-plain-signable.ts"),
  ]);
  return validateHocBaXmlWith(bytes, (doc, text) => readPlainSignable(doc, text, bytes.length));
}

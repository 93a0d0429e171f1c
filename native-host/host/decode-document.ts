import { HocBaError } from "../../shared/errors/hocba-error.ts";
import type { DocumentInput } from "../../shared/protocol/common.ts";

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * The exact bytes of a document as sent: the UTF-8 encoding of `xml`, or its base64 decoding.
 * Refuses text with lone surrogates (they would silently become U+FFFD) and loose base64.
 */
export function decodeDocument(doc: DocumentInput): Buffer {
  if (doc.encoding === "base64") {
    if (!BASE64.test(doc.xml)) throw new HocBaError("HOST_DOCUMENT_NOT_BASE64", { file: doc.fileName });
    return Buffer.from(doc.xml, "base64");
  }
  if (!doc.xml.isWellFormed()) throw new HocBaError("HOST_DOCUMENT_NOT_UTF8", { file: doc.fileName });
  return Buffer.from(doc.xml, "utf8");
}

/** The signed bytes as reply text; they are UTF-8 XML, so the text re-encodes to the same bytes. */
export function documentText(bytes: Uint8Array, fileName: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new HocBaError("HOST_DOCUMENT_NOT_UTF8", { file: fileName });
  }
}

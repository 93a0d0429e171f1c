import { createHash } from "node:crypto";
import { XmlC14NMode, XmlXPath, type XmlDocument } from "libxml2-wasm";
import { isPlainText } from "./plain-text.ts";

/*
 * The signer's fast path for the common case: an unsigned document written the plain way (what
 * `hocba build` and the extension produce). The validator has just parsed it with libxml2 and
 * checked the byte rules and the XSD; for such a document that already implies every structural
 * rule the verifier's inspection enforces (root HocBaSo with PhienBan="1.0" and only that, DLHocBa
 * then DSCKS, no signatures, no foreign elements or attributes, unique Ids), except two, checked
 * here: DLHocBa's Id written exactly "DLHocBa" (the XSD collapses spaces in an xs:ID) and the
 * declaration's version and encoding. Everything else falls back to the full path (the verifier's
 * strict parse, inspection, earlier signatures), so the result never depends on which path ran:
 *   - namespace declarations, character references, CR, NEL, LS, PS and U+FFFD (characters two
 *     parsers have read differently before: xmldom, the verifier's earlier parser, treated NEL, LS
 *     and PS as line ends and warned on U+FFFD);
 *   - an XML declaration other than the plain one;
 *   - a signed document (DSCKS not empty), or anything large.
 * tests/unit/sign/plain-hocba.test.ts checks, on documents varied at random, that both paths
 * accept the same documents and produce the same canonical bytes.
 */

/** What the signer needs from a plain unsigned document. */
export interface PlainHocBa {
  /** SHA-256 (base64) of the exclusive canonical form of DLHocBa: the digest of Reference #DLHocBa. */
  dlHocBaDigest: string;
  /** Learner code and school year (for the archive's index). */
  ids: { maHocVien: string; namHoc: string } | undefined;
  /** ThoiGianLap and NamHoc as written: a SigningTime must not contradict them; SuKien (who signs). */
  record: { thoiGianLap?: string; namHoc?: string; suKien?: string };
}

/**
 * The facts the fast path needs, read by one XPath evaluation that yields a string: walking
 * libxml2-wasm's node objects instead costs more than the whole XPath (its wrappers keep V8
 * recompiling their accessors on background threads, a third of a millisecond per document).
 */
const FACTS = XmlXPath.compile(
  "concat(name(/*), '|', count(/*/*), '|', count(/HocBaSo/DSCKS/*), '|', /HocBaSo/DLHocBa/TTChung/NamHoc, '|', " +
    "/HocBaSo/DLHocBa/HocVien/MaHocVien, '|', /HocBaSo/DLHocBa/@Id, '|', /HocBaSo/DLHocBa/TTChung/ThoiGianLap, '|', " +
    "/HocBaSo/DLHocBa/TTChung/SuKien)",
);

/**
 * Reads a plain unsigned document from its libxml2 parse (schema-valid, byte rules passed).
 * Returns null when the document is not in the plain class: the caller then takes the full path.
 */
export function readPlainHocBa(doc: XmlDocument, text: string, byteLength: number): PlainHocBa | null {
  if (!isPlainText(text, byteLength)) return null;
  const facts = doc.eval(FACTS);
  const [
    rootName,
    rootChildren,
    signatures,
    namHocText,
    maHocVienText,
    dataId,
    thoiGianLapText,
    suKienText,
    ...rest
  ] = typeof facts === "string" ? facts.split("|") : [];
  if (rootName !== "HocBaSo" || rootChildren !== "2" || signatures !== "0" || rest.length > 0) return null;
  if (dataId !== "DLHocBa") return null;

  // Without namespaces (and xml:* attributes, which the XSD does not allow here), DLHocBa's
  // exclusive canonical form is exactly its part of the whole document's, which libxml2 writes
  // without calling back into JavaScript for every node. In canonical text `<` only starts tags,
  // and DLHocBa does not nest, so its part runs from "<DLHocBa" to the first "</DLHocBa>".
  const chunks: Buffer[] = [];
  doc.canonicalize(
    {
      write(buf: Uint8Array): number {
        chunks.push(Buffer.from(buf));
        return buf.length;
      },
      close: () => true,
    },
    { mode: XmlC14NMode.XML_C14N_EXCLUSIVE_1_0 },
  );
  const canonical = Buffer.concat(chunks);
  const start = canonical.indexOf("<DLHocBa");
  const endTag = "</DLHocBa>";
  const end = canonical.indexOf(endTag, start);
  if (start === -1 || end === -1) return null;
  const dlHocBaDigest = createHash("sha256")
    .update(canonical.subarray(start, end + endTag.length))
    .digest("base64");

  const namHoc = namHocText?.trim();
  const maHocVien = maHocVienText?.trim();
  return {
    dlHocBaDigest,
    ids: namHoc && maHocVien ? { maHocVien: maHocVien.normalize("NFC"), namHoc } : undefined,
    record: { thoiGianLap: thoiGianLapText?.trim(), namHoc, suKien: suKienText?.trim() },
  };
}

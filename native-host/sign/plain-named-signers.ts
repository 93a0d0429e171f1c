import { XmlXPath, type XmlDocument } from "libxml2-wasm";
import type { NamedSigners } from "../../shared/authority/signer-authority.ts";

/** Between the values of one XPath result: a private-use character a record never needs. */
const SEP = "\uE000";
const TT = "/HocBaSo/DLHocBa/TTChung";
const FIELDS = [
  `${TT}/TenTruong`,
  `${TT}/GVCN`,
  `${TT}/CCCDGVCN`,
  `${TT}/ThuTruong/HoTen`,
  `${TT}/ThuTruong/ChucVu`,
  `${TT}/ThuTruong/CCCD`,
  `count(${TT}/KyThay)`,
  `${TT}/KyThay/HoTen`,
  `${TT}/KyThay/ChucVu`,
  `${TT}/KyThay/CCCD`,
];
/** One evaluation for all of them, as plain-hocba.ts reads its facts (cheaper than walking nodes). */
const SIGNERS = XmlXPath.compile(`concat(${FIELDS.join(`, '${SEP}', `)})`);

/**
 * Who a plain unsigned document names as its signers (signer authority), from the libxml2 parse
 * the signer's fast path already holds (plain-hocba.ts). The document is schema-valid, so a CCCD
 * element is 12 digits or absent, and the empty string means absent. Null when the text holds the
 * separator: the caller then takes the full path, which reads the names from its own parse.
 */
export function readPlainNamedSigners(doc: XmlDocument, text: string): NamedSigners | null {
  if (text.includes(SEP)) return null;
  const result = doc.eval(SIGNERS);
  if (typeof result !== "string") return null;
  const values = result.split(SEP);
  if (values.length !== FIELDS.length) return null;
  const [tenTruong = "", gvcn = "", gvcnCccd = "", hoTen = "", chucVu = "", cccd = "", kyThayCount = "0"] =
    values;
  const [kyThayHoTen = "", kyThayChucVu = "", kyThayCccd = ""] = values.slice(7);
  const optionalCccd = (v: string) => (v !== "" ? { cccd: v } : {});
  return {
    tenTruong,
    gvcn: { hoTen: gvcn, ...optionalCccd(gvcnCccd) },
    thuTruong: { hoTen, chucVu, ...optionalCccd(cccd) },
    ...(kyThayCount !== "0"
      ? { kyThay: { hoTen: kyThayHoTen, chucVu: kyThayChucVu, ...optionalCccd(kyThayCccd) } }
      : {}),
  };
}

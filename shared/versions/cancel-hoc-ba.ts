import { HocBaError } from "../errors/hocba-error.ts";
import type { BuiltHocBa } from "../xml/hocbaso-v1/build-hoc-ba-xml.ts";
import { PATTERNS } from "../xml/hocbaso-v1/format.ts";
import { hocBaFileName } from "../xml/hocbaso-v1/hoc-ba-file-name.ts";
import { decodeUtf8 } from "../xml/hocbaso-v1/markup-rules.ts";
import { textRuleViolation } from "../xml/hocbaso-v1/text-rules.ts";
import { escapeText } from "../xml/hocbaso-v1/xml-out.ts";
import type { SignedVersion } from "./plan-record-version.ts";

/*
 * The CANCEL of a record issued in error (docs/format-hocbaso.md, "Cancelling a record"): the next
 * version of the same IdBanGhi, SuKien CANCEL, naming the version it withdraws, its SHA-256 and the
 * reason, and carrying that version's data unchanged (no SuaDoi). It is made from the signed
 * version's unsigned form itself, so that the data cannot differ from what is withdrawn: only the
 * envelope that the builder writes as one run at the end of TTChung is replaced.
 */

const ENVELOPE_TAIL =
  /<SuKien>(?:NEW|UPDATE)<\/SuKien><PhienBanBanGhi>([1-9][0-9]{0,8})<\/PhienBanBanGhi><ThoiGianLap>[^<]*<\/ThoiGianLap>(?:<ThayThe>[\s\S]*?<\/ThayThe>)?<\/TTChung>/g;

export function cancelHocBa(
  previous: SignedVersion,
  input: { lyDo: string; thoiGianLap: string },
): BuiltHocBa {
  const tt = previous.view.ttChung;
  const who = { hoTen: previous.view.hocVien.hoTen, maHocVien: previous.view.hocVien.maHocVien };
  if (tt.suKien === "CANCEL") {
    throw new HocBaError("VERSION_RECORD_CANCELLED", {
      ...who,
      idBanGhi: tt.idBanGhi,
      phienBan: tt.phienBanBanGhi,
    });
  }
  const lyDo = input.lyDo.normalize("NFC").replace(/\r\n?/g, "\n");
  if (!/\S/.test(lyDo) || textRuleViolation(lyDo)) throw new HocBaError("VERSION_CANCEL_REASON", who);
  if (!PATTERNS.thoiDiem.test(input.thoiGianLap)) {
    throw new HocBaError("XML_BAD_THOI_GIAN_LAP", { value: input.thoiGianLap });
  }
  const text = decodeUtf8(previous.unsigned);
  const found = text === null ? [] : [...text.matchAll(ENVELOPE_TAIL)];
  const match = found[0];
  if (text === null || found.length !== 1 || !match || Number(match[1]) !== tt.phienBanBanGhi) {
    throw new HocBaError("VERSION_CANCEL_NOT_BUILT_HERE", { ...who, phienBan: tt.phienBanBanGhi });
  }
  const phienBan = tt.phienBanBanGhi + 1;
  const envelope =
    `<SuKien>CANCEL</SuKien><PhienBanBanGhi>${phienBan}</PhienBanBanGhi>` +
    `<ThoiGianLap>${input.thoiGianLap}</ThoiGianLap><ThayThe><PhienBanTruoc>${tt.phienBanBanGhi}</PhienBanTruoc>` +
    `<SHA256BanTruoc>${previous.sha256}</SHA256BanTruoc><LyDo>${escapeText(lyDo)}</LyDo></ThayThe></TTChung>`;
  const xml = text.slice(0, match.index) + envelope + text.slice(match.index + match[0].length);
  return {
    fileName: hocBaFileName(previous.view.hocVien.maHocVien, tt.namHoc, phienBan),
    bytes: new TextEncoder().encode(xml),
  };
}

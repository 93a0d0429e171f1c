import { HocBaError } from "../../errors/hocba-error.ts";
import type { MessageCode } from "../../errors/message-table.ts";
import type {
  Gradebook,
  KetQuaHocKy,
  KetQuaNam,
  Learner,
  MucXepLoai,
  Subject,
} from "../../model/gradebook.ts";
import { isCapHoc } from "../../model/cap-hoc.ts";
import { UUID_NAMESPACE_URL, uuidV5 } from "../uuid-v5.ts";
import { DATA_ELEMENT, DATA_ID, PATTERNS, PHIEN_BAN, ROOT_ELEMENT, SIGNATURES_ELEMENT } from "./format.ts";
import { hocBaFileName } from "./hoc-ba-file-name.ts";
import type { ThayTheView } from "./hoc-ba-view.ts";
import { isValidNgay, isValidThoiDiem } from "./xml-dates.ts";
import { createStringXmlOut, type XmlOut } from "./xml-out.ts";
import { INVISIBLE_CHARACTER } from "./text-rules.ts";

/**
 * The one mapping from the gradebook model to học bạ số XML 1.0 (docs/format-hocbaso.md).
 * Output is compact (no indentation: whitespace would be signed content, and re-indenting a signed
 * document would break it): the XML declaration, a newline, the root element, a newline. Every text
 * is NFC with "\n" line ends. The same gradebook, learner and time always give the same bytes.
 */

export interface BuildHocBaOptions {
  /** ThoiGianLap, ISO 8601 with a time zone; overrides gb.thoiGianLap. */
  thoiGianLap?: string;
  /** Another writer with the same output (tests pass xmlbuilder2 to cross-check the bytes). */
  createOut?: () => XmlOut;
}

/**
 * The record envelope of one document (docs/format-hocbaso.md, "Versions"): which record, which
 * version, what it replaces. Given to the per-learner builder, it overrides the learner's banGhi.
 */
export interface RecordEnvelope {
  idBanGhi: string;
  suKien: "NEW" | "UPDATE" | "CANCEL";
  phienBan: number;
  /** TTChung/ThayThe: only in a later version. */
  thayThe?: ThayTheView;
  /** ThoiGianLap of this document (an archived version is rebuilt with its own); default the builder's. */
  thoiGianLap?: string;
}

export interface BuiltHocBa {
  /** `<MaHocVien>_<NamHoc>.xml`, `<MaHocVien>_<NamHoc>_v<N>.xml` for a version N other than 1 */
  fileName: string;
  /** UTF-8 bytes of the document: exactly what gets signed. */
  bytes: Uint8Array;
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/** Namespace of the name-based IdBanGhi used when the learner has no sync envelope yet. */
const ID_BAN_GHI_NAMESPACE = uuidV5("urn:hocba-signer:IdBanGhi", UUID_NAMESPACE_URL);

/** IdBanGhi of a learner's yearly record when the portal gave none: stable across rebuilds. */
export function defaultIdBanGhi(maTruong: string, maHocVien: string, namHoc: string): string {
  return uuidV5(`${maTruong}/${maHocVien}/${namHoc}`, ID_BAN_GHI_NAMESPACE);
}

/** Builds one learner's document. For many learners of one gradebook use createHocBaBuilder. */
export function buildHocBaXml(
  gb: Gradebook,
  learner: Learner,
  options: BuildHocBaOptions = {},
  envelope?: RecordEnvelope,
): BuiltHocBa {
  return createHocBaBuilder(gb, options)(learner, envelope);
}

/**
 * Checks what the whole gradebook contributes (school, year, time, subjects) once, then returns the
 * per-learner builder. Throws HocBaError: here for gradebook problems (nothing can be built), from
 * the returned function for one learner's problems (that learner is skipped).
 */
export function createHocBaBuilder(
  gb: Gradebook,
  options: BuildHocBaOptions = {},
): (learner: Learner, envelope?: RecordEnvelope) => BuiltHocBa {
  const header = prepareHeader(gb, options);
  const createOut = options.createOut ?? createStringXmlOut;
  const encoder = new TextEncoder();
  return (learner, envelope) => {
    const out = createOut();
    const phienBan = writeDocument(out, header, learner, envelope);
    const xml = `${XML_DECLARATION}\n${out.finish()}\n`;
    return {
      fileName: hocBaFileName(learner.hocVien.maHocVien, gb.namHoc, phienBan),
      bytes: encoder.encode(xml),
    };
  };
}

// ---------------------------------------------------------------------------------------------
// Text rules

/** Characters XML 1.0 cannot carry at all (C0 controls but tab/newline, U+FFFE/F, lone surrogates). */
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|\p{Cs}/u;
const PLAIN_ASCII = /^[\u0020-\u007E]*$/;

/**
 * NFC, "\n" line ends; a bad character when the text holds one XML cannot carry or one the format
 * refuses as invisible (text-rules.ts: the signer and the verifier refuse it too).
 */
function cleanText(value: string): { text: string } | { badChar: string } {
  if (PLAIN_ASCII.test(value)) return { text: value };
  const text = value.normalize("NFC").replace(/\r\n?/g, "\n");
  const bad = FORBIDDEN_CHAR.exec(text) ?? INVISIBLE_CHARACTER.exec(text);
  if (bad) return { badChar: (bad[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0") };
  return { text };
}

function isBlank(text: string): boolean {
  return !/\S/.test(text);
}

// ---------------------------------------------------------------------------------------------
// Gradebook level

interface Header {
  gb: Gradebook;
  texts: {
    maSo: string;
    maTruong: string;
    tenTruong: string;
    capHoc: string;
    chuongTrinh: string;
    namHoc: string;
    khoi: string;
    lop: string;
    gvcn: string;
    gvcnCccd?: string;
    thuTruongHoTen: string;
    thuTruongChucVu: string;
    thuTruongCccd?: string;
    /** The deputy signing "KT." for the head, when the centre names one. */
    kyThay?: { hoTen: string; chucVu: string; cccd?: string };
    diaDanh: string;
    thoiGianLap: string;
  };
  subjects: { subject: Subject; ma: string; ten: string }[];
}

function gradebookText(value: string, field: string, required: boolean): string {
  const cleaned = cleanText(value);
  if ("badChar" in cleaned) {
    throw new HocBaError("XML_GRADEBOOK_INVALID_CHAR", { field, codePoint: cleaned.badChar });
  }
  if (required && isBlank(cleaned.text)) throw new HocBaError("XML_GRADEBOOK_REQUIRED", { field });
  return cleaned.text;
}

function gradebookCode(value: string, field: string): string {
  if (!PATTERNS.ma.test(value)) throw new HocBaError("XML_BAD_CODE", { field, value });
  return value;
}

/**
 * The model's code (04 THPT, 05 GDTX). A gradebook read before 04 was used may still carry 03
 * (kept in a browser's storage, not re-validated): 03 is THCS, so a new document never gets it.
 */
function gradebookCapHoc(value: string): string {
  if (!isCapHoc(value)) throw new HocBaError("XML_BAD_CAP_HOC", { value });
  return value;
}

function prepareHeader(gb: Gradebook, options: BuildHocBaOptions): Header {
  const namHoc = PATTERNS.namHoc.exec(gb.namHoc);
  if (!namHoc || Number(namHoc[2]) !== Number(namHoc[1]) + 1) {
    throw new HocBaError("XML_BAD_NAM_HOC", { value: gb.namHoc });
  }
  const thoiGianLap = options.thoiGianLap ?? gb.thoiGianLap;
  if (thoiGianLap === undefined) throw new HocBaError("XML_NO_THOI_GIAN_LAP");
  if (!isValidThoiDiem(thoiGianLap)) throw new HocBaError("XML_BAD_THOI_GIAN_LAP", { value: thoiGianLap });

  const seen = new Set<string>();
  const subjects = gb.subjects.map((subject) => {
    const ma = gradebookCode(subject.ma, "KetQua/Mon/Ma");
    if (seen.has(ma)) throw new HocBaError("XML_GRADEBOOK_DUPLICATE_SUBJECT", { maMon: ma });
    seen.add(ma);
    return { subject, ma, ten: gradebookText(subject.ten, `KetQua/Mon[${ma}]/Ten`, true) };
  });

  return {
    gb,
    subjects,
    texts: {
      maSo: gradebookCode(gb.school.maSo, "TTChung/MaSo"),
      maTruong: gradebookCode(gb.school.maTruong, "TTChung/MaTruong"),
      tenTruong: gradebookText(gb.school.tenTruong, "TTChung/TenTruong", true),
      capHoc: gradebookCapHoc(gb.school.capHoc),
      chuongTrinh: gradebookCode(gb.profile, "TTChung/ChuongTrinh"),
      namHoc: gb.namHoc,
      khoi: gradebookText(gb.khoi, "TTChung/Khoi", true),
      lop: gradebookText(gb.lop, "TTChung/Lop", true),
      gvcn: gradebookText(gb.gvcn, "TTChung/GVCN", true),
      thuTruongHoTen: gradebookText(gb.thuTruong.hoTen, "TTChung/ThuTruong/HoTen", false),
      thuTruongChucVu: gradebookText(gb.thuTruong.chucVu, "TTChung/ThuTruong/ChucVu", false),
      ...optionalCccd("gvcnCccd", gb.gvcnCccd, "TTChung/CCCDGVCN"),
      ...optionalCccd("thuTruongCccd", gb.thuTruong.cccd, "TTChung/ThuTruong/CCCD"),
      ...(gb.kyThay
        ? {
            kyThay: {
              hoTen: gradebookText(gb.kyThay.hoTen, "TTChung/KyThay/HoTen", true),
              chucVu: gradebookText(gb.kyThay.chucVu, "TTChung/KyThay/ChucVu", true),
              ...optionalCccd("cccd", gb.kyThay.cccd, "TTChung/KyThay/CCCD"),
            },
          }
        : {}),
      diaDanh: gradebookText(gb.school.diaDanh, "TTChung/DiaDanh", false),
      thoiGianLap,
    },
  };
}

/** A CCCD the record names a signer by (signer authority compares it with the certificate's). */
function optionalCccd<K extends string>(
  key: K,
  value: string | undefined,
  field: string,
): Partial<Record<K, string>> {
  if (value === undefined || isBlank(value)) return {};
  if (!PATTERNS.cccd.test(value)) throw new HocBaError("XML_BAD_CCCD", { field, value });
  return { [key]: value } as Partial<Record<K, string>>;
}

// ---------------------------------------------------------------------------------------------
// Learner level

/** Raises one learner's problems with their name, code and the XML path of the field. */
class LearnerScope {
  readonly hoTen: string;
  readonly maHocVien: string;
  constructor(learner: Learner) {
    const cleanedName = cleanText(learner.hocVien.hoTen);
    this.hoTen = "text" in cleanedName ? cleanedName.text : learner.hocVien.hoTen;
    this.maHocVien = learner.hocVien.maHocVien;
  }

  fail(code: MessageCode, params: Readonly<Record<string, string | number>> = {}): never {
    throw new HocBaError(code, { hoTen: this.hoTen, maHocVien: this.maHocVien, ...params });
  }

  text(value: string, field: string, required = false): string {
    const cleaned = cleanText(value);
    if ("badChar" in cleaned) this.fail("XML_INVALID_CHAR", { field, codePoint: cleaned.badChar });
    if (required && isBlank(cleaned.text)) this.fail("XML_REQUIRED", { field });
    return cleaned.text;
  }
}

function formatTbm(scope: LearnerScope, value: number, maMon: string, field: string): string {
  const tenths = Math.round(value * 10);
  if (!Number.isFinite(value) || value < 0 || value > 10 || Math.abs(value * 10 - tenths) > 1e-6) {
    scope.fail("XML_BAD_SCORE", { maMon, field, value: String(value) });
  }
  return (tenths / 10).toFixed(1);
}

/** The result element's content: a TBM or a MucDanhGia matching the subject's kind, or nothing. */
function resultContent(
  scope: LearnerScope,
  subject: Subject,
  result: Pick<KetQuaHocKy | KetQuaNam, "tbm" | "mucDanhGia">,
  field: string,
): { name: "TBM" | "MucDanhGia"; text: string } | null {
  if (subject.hinhThuc === "DiemSo") {
    if (result.mucDanhGia !== null) {
      scope.fail("XML_RESULT_NOT_SCORE", { maMon: subject.ma, field, value: result.mucDanhGia });
    }
    return result.tbm === null
      ? null
      : { name: "TBM", text: formatTbm(scope, result.tbm, subject.ma, field) };
  }
  if (result.tbm !== null) {
    scope.fail("XML_RESULT_NOT_LEVEL", { maMon: subject.ma, field, value: String(result.tbm) });
  }
  return result.mucDanhGia === null ? null : { name: "MucDanhGia", text: result.mucDanhGia };
}

function writeResult(out: XmlOut, name: string, content: { name: string; text: string } | null): void {
  if (content === null) {
    out.leaf(name, "");
    return;
  }
  out.open(name);
  out.leaf(content.name, content.text);
  out.close();
}

/** Writes the document; returns its PhienBanBanGhi (for the file name). */
function writeDocument(out: XmlOut, header: Header, learner: Learner, envelope?: RecordEnvelope): number {
  const scope = new LearnerScope(learner);
  const hv = learner.hocVien;
  if (!PATTERNS.maHocVien.test(hv.maHocVien)) scope.fail("XML_UNSAFE_MA_HOC_VIEN");
  const t = header.texts;
  const banGhi: RecordEnvelope = envelope ??
    learner.banGhi ?? {
      idBanGhi: defaultIdBanGhi(t.maTruong, hv.maHocVien, t.namHoc),
      suKien: "NEW" as const,
      phienBan: 1,
    };
  const thoiGianLap = banGhi.thoiGianLap ?? t.thoiGianLap;
  if (!isValidThoiDiem(thoiGianLap)) scope.fail("XML_BAD_THOI_GIAN_LAP", { value: thoiGianLap });
  if (!PATTERNS.uuid.test(banGhi.idBanGhi)) scope.fail("VERSION_BAD_ID_BAN_GHI", { value: banGhi.idBanGhi });
  if (!Number.isInteger(banGhi.phienBan) || banGhi.phienBan < 1) {
    scope.fail("VERSION_BAD_PHIEN_BAN", { value: String(banGhi.phienBan) });
  }

  out.open(ROOT_ELEMENT, { PhienBan: PHIEN_BAN });
  out.open(DATA_ELEMENT, { Id: DATA_ID });

  out.open("TTChung");
  out.leaf("MaSo", t.maSo);
  out.leaf("MaTruong", t.maTruong);
  out.leaf("TenTruong", t.tenTruong);
  out.leaf("CapHoc", t.capHoc);
  out.leaf("ChuongTrinh", t.chuongTrinh);
  out.leaf("NamHoc", t.namHoc);
  out.leaf("Khoi", t.khoi);
  out.leaf("Lop", t.lop);
  out.leaf("GVCN", t.gvcn);
  if (t.gvcnCccd !== undefined) out.leaf("CCCDGVCN", t.gvcnCccd);
  out.open("ThuTruong");
  out.leaf("HoTen", t.thuTruongHoTen);
  out.leaf("ChucVu", t.thuTruongChucVu);
  if (t.thuTruongCccd !== undefined) out.leaf("CCCD", t.thuTruongCccd);
  out.close();
  if (t.kyThay) {
    out.open("KyThay");
    out.leaf("HoTen", t.kyThay.hoTen);
    out.leaf("ChucVu", t.kyThay.chucVu);
    if (t.kyThay.cccd !== undefined) out.leaf("CCCD", t.kyThay.cccd);
    out.close();
  }
  out.leaf("DiaDanh", t.diaDanh);
  out.leaf("IdBanGhi", banGhi.idBanGhi);
  out.leaf("SuKien", banGhi.suKien);
  out.leaf("PhienBanBanGhi", String(banGhi.phienBan));
  out.leaf("ThoiGianLap", thoiGianLap);
  if (banGhi.thayThe) writeThayThe(out, scope, banGhi, banGhi.thayThe);
  out.close();

  out.open("HocVien");
  out.leaf("MaHocVien", hv.maHocVien);
  if (!PATTERNS.soDinhDanh.test(hv.soDinhDanh)) scope.fail("XML_BAD_SO_DINH_DANH", { value: hv.soDinhDanh });
  out.leaf("SoDinhDanh", hv.soDinhDanh);
  out.leaf("HoTen", scope.text(hv.hoTen, "HocVien/HoTen", true));
  if (!isValidNgay(hv.ngaySinh)) scope.fail("XML_BAD_NGAY_SINH", { value: hv.ngaySinh });
  out.leaf("NgaySinh", hv.ngaySinh);
  out.leaf("GioiTinh", hv.gioiTinh.normalize("NFC"));
  out.leaf("DanToc", scope.text(hv.danToc, "HocVien/DanToc"));
  out.leaf("QuocTich", scope.text(hv.quocTich, "HocVien/QuocTich"));
  out.leaf("NoiSinh", scope.text(hv.noiSinh, "HocVien/NoiSinh"));
  out.leaf("NoiO", scope.text(hv.noiO, "HocVien/NoiO"));
  out.leaf("HoTenCha", scope.text(hv.hoTenCha, "HocVien/HoTenCha"));
  out.leaf("HoTenMe", scope.text(hv.hoTenMe, "HocVien/HoTenMe"));
  out.leaf("HoTenNguoiGiamHo", scope.text(hv.hoTenNguoiGiamHo, "HocVien/HoTenNguoiGiamHo"));
  out.leaf("DoiTuongChinhSach", scope.text(hv.doiTuongChinhSach, "HocVien/DoiTuongChinhSach"));
  out.close();

  writeMovement(out, scope, learner);
  // A learner who left gets the semesters completed only; everyone else the whole year.
  const completed = learner.roiTruong?.hocKyHoanThanh ?? 2;
  writeKetQua(out, header, learner, scope, completed);
  writeLevels(out, scope, "HocTap", learner.hocTap, "SauKiemTraLai", learner.hocTap.sauKiemTraLai, completed);
  writeLevels(
    out,
    scope,
    "RenLuyen",
    learner.renLuyen,
    "SauRenLuyenHe",
    learner.renLuyen.sauRenLuyenHe,
    completed,
  );

  const soBuoiNghi = learner.soBuoiNghi;
  if (soBuoiNghi !== null && (!Number.isInteger(soBuoiNghi) || soBuoiNghi < 0 || soBuoiNghi > 999)) {
    scope.fail("XML_BAD_SO_BUOI_NGHI", { value: String(soBuoiNghi) });
  }
  out.leaf("SoBuoiNghi", soBuoiNghi === null ? "" : String(soBuoiNghi));
  if (completed === 2) {
    out.leaf("KetQuaXet", learner.ketQuaXet ?? scope.fail("XML_REQUIRED", { field: "KetQuaXet" }));
    if (learner.ketQuaXetLai !== null) out.leaf("KetQuaXetLai", learner.ketQuaXetLai);
    if (learner.danhHieu !== null) out.leaf("DanhHieu", learner.danhHieu);
  }
  out.leaf("NhanXetGVCN", scope.text(learner.nhanXetGVCN, "NhanXetGVCN"));

  out.close();
  // Empty until signed: the signing helper adds GVCN, ThuTruong, DonVi in that order.
  out.leaf(SIGNATURES_ELEMENT, "");
  out.close();
  return banGhi.phienBan;
}

/** TTChung/ThayThe: a later version names the one it replaces, why, and what changed. */
function writeThayThe(out: XmlOut, scope: LearnerScope, banGhi: RecordEnvelope, thayThe: ThayTheView): void {
  const { phienBanTruoc, sha256BanTruoc } = thayThe;
  if (banGhi.suKien === "NEW" || !Number.isInteger(phienBanTruoc) || phienBanTruoc < 1) {
    scope.fail("VERSION_BAD_THAY_THE", { phienBan: banGhi.phienBan, phienBanTruoc, suKien: banGhi.suKien });
  }
  if (phienBanTruoc >= banGhi.phienBan) {
    scope.fail("VERSION_BAD_THAY_THE", { phienBan: banGhi.phienBan, phienBanTruoc, suKien: banGhi.suKien });
  }
  if (!PATTERNS.sha256.test(sha256BanTruoc)) scope.fail("VERSION_BAD_SHA256", { value: sha256BanTruoc });
  out.open("ThayThe");
  out.leaf("PhienBanTruoc", String(phienBanTruoc));
  out.leaf("SHA256BanTruoc", sha256BanTruoc);
  out.leaf("LyDo", scope.text(thayThe.lyDo, "TTChung/ThayThe/LyDo", true));
  if (thayThe.suaDoi.length > 0) {
    out.open("SuaDoi");
    thayThe.suaDoi.forEach((muc, i) => {
      const path = `TTChung/ThayThe/SuaDoi/Muc[${i + 1}]`;
      out.open("Muc");
      out.leaf("TruongDuLieu", scope.text(muc.truong, `${path}/TruongDuLieu`, true));
      out.leaf("GiaTriCu", scope.text(muc.cu, `${path}/GiaTriCu`));
      out.leaf("GiaTriMoi", scope.text(muc.moi, `${path}/GiaTriMoi`));
      out.close();
    });
    out.close();
  }
  out.close();
}

/** QuaTrinhHocTap, ChuyenDen, RoiTruong: the learning history and the learner's arrival or departure. */
function writeMovement(out: XmlOut, scope: LearnerScope, learner: Learner): void {
  const date = (value: string, field: string) =>
    isValidNgay(value) ? value : scope.fail("VERSION_MOVE_BAD_DATE", { field, value });
  const history = learner.quaTrinhHocTap ?? [];
  if (history.length > 0) {
    out.open("QuaTrinhHocTap");
    history.forEach((nam, i) => {
      const path = `QuaTrinhHocTap/Nam[${i + 1}]`;
      if (!PATTERNS.namHoc.test(nam.namHoc)) scope.fail("XML_BAD_NAM_HOC", { value: nam.namHoc });
      out.open("Nam");
      out.leaf("NamHoc", nam.namHoc);
      out.leaf("Lop", scope.text(nam.lop, `${path}/Lop`, true));
      out.leaf("TenTruong", scope.text(nam.truong, `${path}/TenTruong`, true));
      out.leaf("Ngay", date(nam.ngay, `${path}/Ngay`));
      out.close();
    });
    out.close();
  }
  if (learner.chuyenDen) {
    out.open("ChuyenDen");
    out.leaf("Ngay", date(learner.chuyenDen.ngay, "ChuyenDen/Ngay"));
    out.leaf("TruongCu", scope.text(learner.chuyenDen.truongCu, "ChuyenDen/TruongCu", true));
    out.close();
  }
  const roi = learner.roiTruong;
  if (roi) {
    if (roi.trangThai === "ChuyenDi" && (roi.truongChuyenDen === undefined || isBlank(roi.truongChuyenDen))) {
      scope.fail("VERSION_MOVE_NO_DESTINATION");
    }
    if (![0, 1, 2].includes(roi.hocKyHoanThanh)) {
      scope.fail("VERSION_MOVE_BAD_DATE", {
        field: "RoiTruong/HocKyHoanThanh",
        value: String(roi.hocKyHoanThanh),
      });
    }
    out.open("RoiTruong");
    out.leaf("TrangThai", roi.trangThai);
    out.leaf("Ngay", date(roi.ngay, "RoiTruong/Ngay"));
    out.leaf("HocKyHoanThanh", String(roi.hocKyHoanThanh));
    if (roi.truongChuyenDen !== undefined && !isBlank(roi.truongChuyenDen)) {
      out.leaf("TruongChuyenDen", scope.text(roi.truongChuyenDen, "RoiTruong/TruongChuyenDen", true));
    }
    out.close();
  }
}

function writeKetQua(
  out: XmlOut,
  header: Header,
  learner: Learner,
  scope: LearnerScope,
  completed: number,
): void {
  const byMa = new Map<string, Learner["ketQua"][number]>();
  const known = new Set(header.subjects.map((s) => s.ma));
  for (const kq of learner.ketQua) {
    if (!known.has(kq.maMon)) scope.fail("XML_UNKNOWN_SUBJECT", { maMon: kq.maMon });
    if (byMa.has(kq.maMon)) scope.fail("XML_DUPLICATE_SUBJECT", { maMon: kq.maMon });
    byMa.set(kq.maMon, kq);
  }
  if (byMa.size === 0) scope.fail("XML_NO_SUBJECT");

  out.open("KetQua");
  // The gradebook's subject order, so that every learner's document lists subjects alike.
  for (const { subject, ma, ten } of header.subjects) {
    const kq = byMa.get(ma);
    if (!kq) continue;
    const path = `KetQua/Mon[${ma}]`;
    out.open("Mon");
    out.leaf("Ma", ma);
    out.leaf("Ten", ten);
    out.leaf("HinhThuc", subject.hinhThuc);
    writeResult(out, "HK1", completed >= 1 ? resultContent(scope, subject, kq.hk1, "HK1") : null);
    writeResult(out, "HK2", completed >= 2 ? resultContent(scope, subject, kq.hk2, "HK2") : null);
    if (completed === 2) {
      const cn =
        resultContent(scope, subject, kq.cn, "CN") ??
        scope.fail("XML_RESULT_MISSING", { maMon: ma, field: "CN" });
      writeResult(out, "CN", cn);
      const ktLai = kq.ktLai === null ? null : resultContent(scope, subject, kq.ktLai, "KTLai");
      if (ktLai !== null) writeResult(out, "KTLai", ktLai);
    } else {
      writeResult(out, "CN", null);
    }
    out.leaf("GiaoVien", scope.text(kq.giaoVien, `${path}/GiaoVien`));
    out.leaf("NhanXet", scope.text(kq.nhanXet, `${path}/NhanXet`));
    out.close();
  }
  out.close();
}

function writeLevels(
  out: XmlOut,
  scope: LearnerScope,
  name: "HocTap" | "RenLuyen",
  levels: { hk1: MucXepLoai | null; hk2: MucXepLoai | null; cn: MucXepLoai | null },
  afterName: "SauKiemTraLai" | "SauRenLuyenHe",
  after: MucXepLoai | null,
  completed: number,
): void {
  const cn = completed < 2 ? "" : (levels.cn ?? scope.fail("XML_REQUIRED", { field: `${name}/CN` }));
  out.open(name);
  out.leaf("HK1", completed >= 1 ? (levels.hk1 ?? "") : "");
  out.leaf("HK2", completed >= 2 ? (levels.hk2 ?? "") : "");
  out.leaf("CN", cn);
  if (after !== null && completed === 2) out.leaf(afterName, after);
  out.close();
}

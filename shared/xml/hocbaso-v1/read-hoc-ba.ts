import { DOMParser, onWarningStopParsing, type Element, type Node } from "@xmldom/xmldom";
import { HocBaError } from "../../errors/hocba-error.ts";
import type { MucDanhGia, MucXepLoai } from "../../model/gradebook.ts";
import {
  CAP_HOC,
  DATA_ELEMENT,
  DATA_ID,
  PATTERNS,
  PHIEN_BAN,
  ROOT_ELEMENT,
  SIGNATURES_ELEMENT,
} from "./format.ts";
import type { HocBaView, KetQuaView, MonView, SuaDoiView, ThayTheView } from "./hoc-ba-view.ts";
import { isSigningOrder, SIGNING_ROLES, type SigningRole } from "./signature-profile.ts";
import { decodeUtf8, findForbiddenMarkup } from "./markup-rules.ts";

/**
 * Reads a học bạ số 1.0 document (built or signed) into a typed view. Accepts the whole document
 * (root HocBaSo) or DLHocBa alone (what a verifier gets back as the signed reference). Strict about
 * structure: element names and order as in the XSD, no unexpected text or namespaced elements in
 * the data, so that a preview never shows a value the schema would not accept in that place.
 * It does not validate against the XSD (validateHocBaXml does) nor check signatures.
 * A verifier that already holds the document parsed gives its DLHocBa element: the same tree its
 * canonical form (the signed bytes) was computed from, read without a second parse.
 */
export function readHocBa(input: Uint8Array | string | Element): HocBaView {
  const root = typeof input === "string" || input instanceof Uint8Array ? parseRoot(input) : input;
  if (isNamed(root, DATA_ELEMENT)) return readData(root, PHIEN_BAN, []);
  if (!isNamed(root, ROOT_ELEMENT)) {
    structureError("/", `expected ${ROOT_ELEMENT} or ${DATA_ELEMENT}, found ${root.nodeName}`);
  }
  const phienBan = root.getAttribute("PhienBan") ?? "";
  if (phienBan !== PHIEN_BAN) {
    throw new HocBaError("XML_READ_VERSION", { version: phienBan, known: PHIEN_BAN });
  }

  const top = new Children(root, `/${ROOT_ELEMENT}`);
  const data = top.next(DATA_ELEMENT);
  const signatures = top.next(SIGNATURES_ELEMENT);
  top.end();
  const roles = readRoles(signatures);
  const view = readData(data, phienBan, roles);
  if (!isSigningOrder(roles, view.ttChung.suKien)) {
    const path = `/${ROOT_ELEMENT}/${SIGNATURES_ELEMENT}`;
    structureError(path, `signatures out of order for SuKien ${view.ttChung.suKien}: ${roles.join(", ")}`);
  }
  return view;
}

/** The document element of a document or a DLHocBa given as bytes or text. */
function parseRoot(input: Uint8Array | string): Element {
  const text = typeof input === "string" ? input : decodeUtf8(input);
  if (text === null) throw new HocBaError("XML_READ_NOT_UTF8");
  const forbidden = findForbiddenMarkup(text, 1)[0];
  if (forbidden) {
    throw new HocBaError("XML_READ_FORBIDDEN_MARKUP", { kind: forbidden.kind, line: forbidden.line });
  }

  let root: Element | null;
  try {
    root = new DOMParser({ onError: onWarningStopParsing }).parseFromString(text, "text/xml").documentElement;
  } catch (err) {
    throw new HocBaError(
      "XML_READ_MALFORMED",
      { detail: err instanceof Error ? err.message : String(err) },
      { cause: err },
    );
  }
  if (!root) throw new HocBaError("XML_READ_MALFORMED", { detail: "no root element" });
  return root;
}

function structureError(path: string, detail: string): never {
  throw new HocBaError("XML_READ_STRUCTURE", { path, detail });
}

function isNamed(el: Element, name: string): boolean {
  return el.namespaceURI === null && el.localName === name;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/** A cursor over an element's children, in order, that refuses anything the format does not have. */
class Children {
  private readonly elements: Element[] = [];
  private index = 0;
  /** The element's path, for messages. */
  readonly where: string;

  constructor(
    el: Element,
    private readonly path: string,
  ) {
    this.where = path;
    for (let n: Node | null = el.firstChild; n !== null; n = n.nextSibling) {
      if (n.nodeType === ELEMENT_NODE) {
        const child = n as Element;
        if (child.namespaceURI !== null) {
          structureError(path, `unexpected element {${child.namespaceURI}}${child.localName}`);
        }
        this.elements.push(child);
      } else if (n.nodeType === TEXT_NODE && /\S/.test(n.nodeValue ?? "")) {
        structureError(path, `unexpected text «${(n.nodeValue ?? "").trim().slice(0, 40)}»`);
      }
    }
  }

  get remaining(): readonly Element[] {
    return this.elements.slice(this.index);
  }

  optional(name: string): Element | null {
    const el = this.elements[this.index];
    if (el && el.namespaceURI === null && el.localName === name) {
      this.index++;
      return el;
    }
    return null;
  }

  next(name: string): Element {
    const el = this.optional(name);
    if (el) return el;
    const found = this.elements[this.index];
    return structureError(`${this.path}/${name}`, found ? `found ${found.nodeName} instead` : "missing");
  }

  /** Text of a required leaf element. */
  text(name: string): string {
    return leafText(this.next(name), `${this.path}/${name}`);
  }

  optionalText(name: string): string | null {
    const el = this.optional(name);
    return el === null ? null : leafText(el, `${this.path}/${name}`);
  }

  children(name: string): Children {
    return new Children(this.next(name), `${this.path}/${name}`);
  }

  end(): void {
    const extra = this.elements[this.index];
    if (extra) structureError(this.path, `unexpected element ${extra.nodeName}`);
  }
}

function leafText(el: Element, path: string): string {
  let text = "";
  for (let n: Node | null = el.firstChild; n !== null; n = n.nextSibling) {
    if (n.nodeType !== TEXT_NODE) structureError(path, "expected text only");
    text += n.nodeValue ?? "";
  }
  return text;
}

function oneOf<T extends string>(value: string, allowed: readonly T[], path: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  return structureError(path, `«${value}» is not one of ${allowed.join(", ")}`);
}

function matching(value: string, pattern: RegExp, path: string): string {
  if (!pattern.test(value)) structureError(path, `«${value}» has the wrong form`);
  return value;
}

/** An optional CCCD element (signer authority): 12 digits when present. */
function optionalCccd(c: Children, name: string): string | null {
  const value = c.optionalText(name);
  return value === null ? null : matching(value, PATTERNS.cccd, `${c.where}/${name}`);
}

function cccdField(cccd: string | null): { cccd?: string } {
  return cccd === null ? {} : { cccd };
}

const MUC_DANH_GIA: readonly MucDanhGia[] = ["Đ", "CĐ"];
const MUC_XEP_LOAI: readonly MucXepLoai[] = ["T", "K", "Đ", "CĐ"];

function readResult(el: Element, path: string, required: boolean): KetQuaView | null {
  const c = new Children(el, path);
  const tbm = c.optionalText("TBM");
  const muc = tbm === null ? c.optionalText("MucDanhGia") : null;
  c.end();
  if (tbm !== null) return { tbm: Number(matching(tbm, PATTERNS.tbm, `${path}/TBM`)), mucDanhGia: null };
  if (muc !== null) return { tbm: null, mucDanhGia: oneOf(muc, MUC_DANH_GIA, `${path}/MucDanhGia`) };
  if (required) structureError(path, "missing TBM or MucDanhGia");
  return null;
}

function level(value: string | null, path: string): MucXepLoai | null {
  return value === null || value === "" ? null : oneOf(value, MUC_XEP_LOAI, path);
}

function requiredLevel(value: string, path: string): MucXepLoai {
  return oneOf(value, MUC_XEP_LOAI, path);
}

function readRoles(dscks: Element): SigningRole[] {
  const path = `/${ROOT_ELEMENT}/${SIGNATURES_ELEMENT}`;
  const roles = new Children(dscks, path).remaining.map((el) =>
    oneOf(el.localName ?? "", SIGNING_ROLES, `${path}/${el.nodeName}`),
  );
  // Their order depends on SuKien (a CANCEL is signed by the head): checked after the data.
  return roles;
}

/** CN of HocTap or RenLuyen: required for a whole year, empty when the learner left before its end. */
function yearLevel(value: string, path: string, completed: number): MucXepLoai | null {
  return completed === 2 ? requiredLevel(value, path) : level(value, path);
}

/** QuaTrinhHocTap, ChuyenDen and RoiTruong, after HocVien (all optional). */
function readMovement(
  d: Children,
  path: string,
): Pick<HocBaView, "quaTrinhHocTap" | "chuyenDen" | "roiTruong"> {
  const quaTrinhHocTap: HocBaView["quaTrinhHocTap"] = [];
  const qt = d.optional("QuaTrinhHocTap");
  if (qt !== null) {
    const list = new Children(qt, `${path}/QuaTrinhHocTap`);
    for (let nam = list.optional("Nam"); nam !== null; nam = list.optional("Nam")) {
      const where = `${path}/QuaTrinhHocTap/Nam[${quaTrinhHocTap.length + 1}]`;
      const n = new Children(nam, where);
      quaTrinhHocTap.push({
        namHoc: matching(n.text("NamHoc"), PATTERNS.namHoc, `${where}/NamHoc`),
        lop: n.text("Lop"),
        truong: n.text("TenTruong"),
        ngay: matching(n.text("Ngay"), PATTERNS.ngay, `${where}/Ngay`),
      });
      n.end();
    }
    list.end();
    if (quaTrinhHocTap.length === 0) structureError(`${path}/QuaTrinhHocTap`, "no Nam");
  }
  const out: Pick<HocBaView, "quaTrinhHocTap" | "chuyenDen" | "roiTruong"> =
    quaTrinhHocTap.length > 0 ? { quaTrinhHocTap } : {};
  const den = d.optional("ChuyenDen");
  if (den !== null) {
    const c = new Children(den, `${path}/ChuyenDen`);
    out.chuyenDen = {
      ngay: matching(c.text("Ngay"), PATTERNS.ngay, `${path}/ChuyenDen/Ngay`),
      truongCu: c.text("TruongCu"),
    };
    c.end();
  }
  const roi = d.optional("RoiTruong");
  if (roi !== null) {
    const where = `${path}/RoiTruong`;
    const r = new Children(roi, where);
    const trangThai = oneOf(r.text("TrangThai"), ["ChuyenDi", "ThoiHoc"] as const, `${where}/TrangThai`);
    const ngay = matching(r.text("Ngay"), PATTERNS.ngay, `${where}/Ngay`);
    const hocKyHoanThanh = Number(
      oneOf(r.text("HocKyHoanThanh"), ["0", "1", "2"] as const, `${where}/HocKyHoanThanh`),
    );
    const truongChuyenDen = r.optionalText("TruongChuyenDen");
    r.end();
    out.roiTruong = {
      trangThai,
      ngay,
      hocKyHoanThanh,
      ...(truongChuyenDen !== null ? { truongChuyenDen } : {}),
    };
  }
  return out;
}

/** TTChung/ThayThe of a later version (docs/format-hocbaso.md, "Versions"). */
function readThayThe(el: Element, path: string): ThayTheView {
  const c = new Children(el, path);
  const phienBanTruoc = Number(
    matching(c.text("PhienBanTruoc"), /^[1-9][0-9]{0,8}$/, `${path}/PhienBanTruoc`),
  );
  const sha256BanTruoc = matching(c.text("SHA256BanTruoc"), PATTERNS.sha256, `${path}/SHA256BanTruoc`);
  const lyDo = c.text("LyDo");
  const suaDoi: SuaDoiView[] = [];
  const suaDoiEl = c.optional("SuaDoi");
  c.end();
  if (suaDoiEl !== null) {
    const list = new Children(suaDoiEl, `${path}/SuaDoi`);
    for (let muc = list.optional("Muc"); muc !== null; muc = list.optional("Muc")) {
      const m = new Children(muc, `${path}/SuaDoi/Muc[${suaDoi.length + 1}]`);
      suaDoi.push({ truong: m.text("TruongDuLieu"), cu: m.text("GiaTriCu"), moi: m.text("GiaTriMoi") });
      m.end();
    }
    list.end();
    if (suaDoi.length === 0) structureError(`${path}/SuaDoi`, "no Muc");
  }
  return { phienBanTruoc, sha256BanTruoc, lyDo, suaDoi };
}

function readData(el: Element, phienBan: string, vaiTroCoChuKy: SigningRole[]): HocBaView {
  const path = `/${ROOT_ELEMENT}/${DATA_ELEMENT}`;
  if (el.getAttribute("Id") !== DATA_ID) structureError(path, `Id must be «${DATA_ID}»`);
  const d = new Children(el, path);

  const tt = d.children("TTChung");
  const ttPath = `${path}/TTChung`;
  const maSo = tt.text("MaSo");
  const maTruong = tt.text("MaTruong");
  const tenTruong = tt.text("TenTruong");
  const capHoc = oneOf(tt.text("CapHoc"), CAP_HOC, `${ttPath}/CapHoc`);
  const chuongTrinh = tt.text("ChuongTrinh");
  const namHoc = matching(tt.text("NamHoc"), PATTERNS.namHoc, `${ttPath}/NamHoc`);
  const khoi = tt.text("Khoi");
  const lop = tt.text("Lop");
  const gvcn = tt.text("GVCN");
  const gvcnCccd = optionalCccd(tt, "CCCDGVCN");
  const thuTruongEl = tt.children("ThuTruong");
  const thuTruong = {
    hoTen: thuTruongEl.text("HoTen"),
    chucVu: thuTruongEl.text("ChucVu"),
    ...cccdField(optionalCccd(thuTruongEl, "CCCD")),
  };
  thuTruongEl.end();
  const kyThayEl = tt.optional("KyThay");
  let kyThay: HocBaView["ttChung"]["kyThay"];
  if (kyThayEl) {
    const k = new Children(kyThayEl, `${ttPath}/KyThay`);
    kyThay = { hoTen: k.text("HoTen"), chucVu: k.text("ChucVu"), ...cccdField(optionalCccd(k, "CCCD")) };
    k.end();
  }
  const diaDanh = tt.text("DiaDanh");
  const idBanGhi = matching(tt.text("IdBanGhi"), PATTERNS.uuid, `${ttPath}/IdBanGhi`);
  const suKien = oneOf(tt.text("SuKien"), ["NEW", "UPDATE", "CANCEL"] as const, `${ttPath}/SuKien`);
  const phienBanBanGhi = Number(
    matching(tt.text("PhienBanBanGhi"), /^[1-9][0-9]{0,8}$/, `${ttPath}/PhienBanBanGhi`),
  );
  const thoiGianLap = matching(tt.text("ThoiGianLap"), PATTERNS.thoiDiem, `${ttPath}/ThoiGianLap`);
  const thayTheEl = tt.optional("ThayThe");
  const thayThe = thayTheEl === null ? null : readThayThe(thayTheEl, `${ttPath}/ThayThe`);
  tt.end();

  const hv = d.children("HocVien");
  const hvPath = `${path}/HocVien`;
  const hocVien = {
    maHocVien: matching(hv.text("MaHocVien"), PATTERNS.maHocVien, `${hvPath}/MaHocVien`),
    soDinhDanh: matching(hv.text("SoDinhDanh"), PATTERNS.soDinhDanh, `${hvPath}/SoDinhDanh`),
    hoTen: hv.text("HoTen"),
    ngaySinh: matching(hv.text("NgaySinh"), PATTERNS.ngay, `${hvPath}/NgaySinh`),
    gioiTinh: oneOf(hv.text("GioiTinh"), ["Nam", "Nữ"] as const, `${hvPath}/GioiTinh`),
    danToc: hv.text("DanToc"),
    quocTich: hv.text("QuocTich"),
    noiSinh: hv.text("NoiSinh"),
    noiO: hv.text("NoiO"),
    hoTenCha: hv.text("HoTenCha"),
    hoTenMe: hv.text("HoTenMe"),
    hoTenNguoiGiamHo: hv.text("HoTenNguoiGiamHo"),
    doiTuongChinhSach: hv.text("DoiTuongChinhSach"),
  };
  hv.end();

  const movement = readMovement(d, path);
  // A learner who left holds only the semesters completed; everyone else a whole year.
  const completed = movement.roiTruong?.hocKyHoanThanh ?? 2;
  const emptyAfter = (value: unknown, semester: number, where: string) => {
    if (completed < semester && value !== null) {
      structureError(where, `must be empty: the learner left after ${completed} semester(s)`);
    }
  };

  const kq = d.children("KetQua");
  const ketQua: MonView[] = [];
  for (let mon = kq.optional("Mon"); mon !== null; mon = kq.optional("Mon")) {
    const monPath = `${path}/KetQua/Mon[${ketQua.length + 1}]`;
    const m = new Children(mon, monPath);
    const view: MonView = {
      ma: m.text("Ma"),
      ten: m.text("Ten"),
      hinhThuc: oneOf(m.text("HinhThuc"), ["DiemSo", "NhanXet"] as const, `${monPath}/HinhThuc`),
      hk1: readResult(m.next("HK1"), `${monPath}/HK1`, false),
      hk2: readResult(m.next("HK2"), `${monPath}/HK2`, false),
      cn: readResult(m.next("CN"), `${monPath}/CN`, completed === 2),
      ktLai: null,
      giaoVien: "",
      nhanXet: "",
    };
    const ktLai = m.optional("KTLai");
    view.ktLai = ktLai === null ? null : readResult(ktLai, `${monPath}/KTLai`, true);
    view.giaoVien = m.text("GiaoVien");
    view.nhanXet = m.text("NhanXet");
    m.end();
    emptyAfter(view.hk1, 1, `${monPath}/HK1`);
    emptyAfter(view.hk2, 2, `${monPath}/HK2`);
    emptyAfter(view.cn, 2, `${monPath}/CN`);
    emptyAfter(view.ktLai, 2, `${monPath}/KTLai`);
    ketQua.push(view);
  }
  kq.end();
  if (ketQua.length === 0) structureError(`${path}/KetQua`, "no Mon");

  const ht = d.children("HocTap");
  const htPath = `${path}/HocTap`;
  const hocTap = {
    hk1: level(ht.text("HK1"), `${htPath}/HK1`),
    hk2: level(ht.text("HK2"), `${htPath}/HK2`),
    cn: yearLevel(ht.text("CN"), `${htPath}/CN`, completed),
    sauKiemTraLai: level(ht.optionalText("SauKiemTraLai"), `${htPath}/SauKiemTraLai`),
  };
  ht.end();
  const rl = d.children("RenLuyen");
  const rlPath = `${path}/RenLuyen`;
  const renLuyen = {
    hk1: level(rl.text("HK1"), `${rlPath}/HK1`),
    hk2: level(rl.text("HK2"), `${rlPath}/HK2`),
    cn: yearLevel(rl.text("CN"), `${rlPath}/CN`, completed),
    sauRenLuyenHe: level(rl.optionalText("SauRenLuyenHe"), `${rlPath}/SauRenLuyenHe`),
  };
  rl.end();
  for (const [name, levels] of [
    ["HocTap", hocTap],
    ["RenLuyen", renLuyen],
  ] as const) {
    emptyAfter(levels.hk1, 1, `${path}/${name}/HK1`);
    emptyAfter(levels.hk2, 2, `${path}/${name}/HK2`);
  }
  emptyAfter(hocTap.sauKiemTraLai, 2, `${htPath}/SauKiemTraLai`);
  emptyAfter(renLuyen.sauRenLuyenHe, 2, `${rlPath}/SauRenLuyenHe`);

  const soBuoiNghiText = matching(d.text("SoBuoiNghi"), /^([0-9]|[1-9][0-9]{1,2})?$/, `${path}/SoBuoiNghi`);
  const ketQuaXetText = completed === 2 ? d.text("KetQuaXet") : d.optionalText("KetQuaXet");
  const ketQuaXet =
    ketQuaXetText === null
      ? null
      : oneOf(
          ketQuaXetText,
          ["LenLop", "HoanThanhChuongTrinh", "KiemTraLai", "RenLuyenHe", "OLai"] as const,
          `${path}/KetQuaXet`,
        );
  const ketQuaXetLaiText = d.optionalText("KetQuaXetLai");
  const danhHieuText = d.optionalText("DanhHieu");
  emptyAfter(ketQuaXet, 2, `${path}/KetQuaXet`);
  emptyAfter(ketQuaXetLaiText, 2, `${path}/KetQuaXetLai`);
  emptyAfter(danhHieuText, 2, `${path}/DanhHieu`);
  const nhanXetGVCN = d.text("NhanXetGVCN");
  d.end();

  return {
    phienBan,
    ttChung: {
      maSo,
      maTruong,
      tenTruong,
      capHoc,
      chuongTrinh,
      namHoc,
      khoi,
      lop,
      gvcn,
      ...(gvcnCccd !== null ? { gvcnCccd } : {}),
      thuTruong,
      ...(kyThay ? { kyThay } : {}),
      diaDanh,
      idBanGhi,
      suKien,
      phienBanBanGhi,
      thoiGianLap,
      ...(thayThe ? { thayThe } : {}),
    },
    hocVien,
    ...movement,
    ketQua,
    hocTap,
    renLuyen,
    soBuoiNghi: soBuoiNghiText === "" ? null : Number(soBuoiNghiText),
    ketQuaXet,
    ketQuaXetLai:
      ketQuaXetLaiText === null
        ? null
        : oneOf(
            ketQuaXetLaiText,
            ["LenLop", "HoanThanhChuongTrinh", "OLai"] as const,
            `${path}/KetQuaXetLai`,
          ),
    danhHieu:
      danhHieuText === null ? null : oneOf(danhHieuText, ["XuatSac", "Gioi"] as const, `${path}/DanhHieu`),
    nhanXetGVCN,
    vaiTroCoChuKy,
  };
}

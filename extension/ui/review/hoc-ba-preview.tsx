import { useMemo } from "react";
import { normaliseName } from "../../../shared/authority/normalise-name.ts";
import type { MucXepLoai } from "../../../shared/model/gradebook.ts";
import type { HocBaView, KetQuaView } from "../../../shared/xml/hocbaso-v1/hoc-ba-view.ts";
import { readHocBa } from "../../../shared/xml/hocbaso-v1/read-hoc-ba.ts";
import { SIGNER_ROLES } from "../../models/wire.ts";
import { toWireError } from "../../models/wire-error.ts";
import { formatDate, formatDateTime } from "../../services/i18n.ts";
import { readSignatureBlocks } from "../../services/read-signature-blocks.ts";
import { currentDocument, type LearnerRow } from "../../services/review-model.ts";
import { suaDoiLabel } from "../../services/sua-doi-label.ts";
import { ErrorBox } from "../components/error-box.tsx";
import { useI18n, type I18n } from "../locale-context.tsx";
import { ROLE_LABEL } from "./roles.ts";

/** The level the signature is written at (read from its bytes, as the rest of the block). */
const LEVEL_TEXT = {
  "B-B": "EXT_UI_PAPER_LEVEL_BB",
  "B-T": "EXT_UI_PAPER_LEVEL_BT",
  "B-LT": "EXT_UI_PAPER_LEVEL_BLT",
} as const;

const MUC = { T: "EXT_UI_MUC_T", K: "EXT_UI_MUC_K", Đ: "EXT_UI_MUC_D", CĐ: "EXT_UI_MUC_CD" } as const;
const XET = {
  LenLop: "EXT_UI_XET_LEN_LOP",
  HoanThanhChuongTrinh: "EXT_UI_XET_HOAN_THANH",
  KiemTraLai: "EXT_UI_XET_KIEM_TRA_LAI",
  RenLuyenHe: "EXT_UI_XET_REN_LUYEN_HE",
  OLai: "EXT_UI_XET_O_LAI",
} as const;

function muc(i18n: I18n, value: MucXepLoai | null | undefined): string {
  return value ? i18n.t(MUC[value]) : "";
}

function ketQua(i18n: I18n, value: KetQuaView | null | undefined): string {
  if (!value) return "";
  if (value.tbm !== null) return i18n.score(value.tbm);
  return value.mucDanhGia ? i18n.t(MUC[value.mucDanhGia]) : "";
}

/**
 * The learner's document laid out like the paper học bạ, rendered from the exact bytes that are
 * (or were) signed: what you see is what you sign.
 */
export function HocBaPreview({ row }: { row: LearnerRow }) {
  const i18n = useI18n();
  const { t } = i18n;
  const doc = currentDocument(row);
  const xml = doc?.xml;
  const parsed = useMemo(() => {
    if (xml === undefined) return undefined;
    try {
      return { view: readHocBa(xml), blocks: readSignatureBlocks(xml) };
    } catch (err) {
      return { error: toWireError(err) };
    }
  }, [xml]);

  if (!doc) {
    return (
      <section className="preview-empty" data-testid="preview">
        <p className="muted">{t("EXT_UI_PREVIEW_NONE", { hoTen: row.hoTen })}</p>
      </section>
    );
  }
  if (!parsed || "error" in parsed) {
    return parsed?.error ? <ErrorBox error={parsed.error} testId="preview-error" /> : null;
  }
  const { view, blocks } = parsed;
  return <Paper view={view} blocks={blocks} fileName={doc.fileName} i18n={i18n} />;
}

function Paper({
  view,
  blocks,
  fileName,
  i18n,
}: {
  view: HocBaView;
  blocks: ReturnType<typeof readSignatureBlocks>;
  fileName: string;
  i18n: I18n;
}) {
  const { t } = i18n;
  const tt = view.ttChung;
  const hv = view.hocVien;
  const learnerWord = tt.capHoc === "05" ? t("EXT_UI_HOC_VIEN") : t("EXT_UI_HOC_SINH");
  const LearnerWord = learnerWord.charAt(0).toLocaleUpperCase(i18n.locale) + learnerWord.slice(1);
  const field = (label: string, value: string, testId?: string) => (
    <div className="paper-field">
      <span className="paper-label">{label}:</span> <span data-testid={testId}>{value}</span>
    </div>
  );
  const xet = view.ketQuaXet ? t(XET[view.ketQuaXet]) : "—";
  const xetLai = view.ketQuaXetLai ? t(XET[view.ketQuaXetLai]) : "";
  return (
    <article
      className="paper"
      data-testid="preview"
      data-file-name={fileName}
      data-ma-hoc-vien={hv.maHocVien}
    >
      <header className="paper-head">
        <div className="paper-school">
          <p>{t("EXT_UI_PAPER_SO", { maSo: tt.maSo })}</p>
          <p className="strong">{tt.tenTruong.toLocaleUpperCase("vi")}</p>
          <p className="small">{t("EXT_UI_PAPER_MA_TRUONG", { maTruong: tt.maTruong })}</p>
        </div>
        <div className="paper-nation">
          <p className="strong">CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</p>
          <p className="underline">Độc lập - Tự do - Hạnh phúc</p>
        </div>
      </header>
      <VersionBanner view={view} i18n={i18n} />
      <h2 className="paper-title">{t("EXT_UI_PAPER_TITLE")}</h2>
      <p className="paper-subtitle">
        {t(tt.capHoc === "05" ? "EXT_UI_PAPER_SUB_GDTX" : "EXT_UI_PAPER_SUB_THPT")} ·{" "}
        {t("EXT_UI_PAPER_YEAR_CLASS", { namHoc: tt.namHoc, lop: tt.lop, khoi: tt.khoi })}
      </p>

      <section className="paper-section paper-hoc-vien">
        <h3>{t("EXT_UI_PAPER_HOC_VIEN", { nguoiHoc: learnerWord })}</h3>
        <div className="paper-fields">
          {field(t("EXT_UI_PAPER_HO_TEN"), hv.hoTen, "preview-ho-ten")}
          {field(t("EXT_UI_PAPER_GIOI_TINH"), hv.gioiTinh)}
          {field(t("EXT_UI_PAPER_NGAY_SINH"), formatDate(hv.ngaySinh))}
          {field(t("EXT_UI_PAPER_NOI_SINH"), hv.noiSinh)}
          {field(t("EXT_UI_PAPER_DAN_TOC"), hv.danToc)}
          {field(t("EXT_UI_PAPER_QUOC_TICH"), hv.quocTich)}
          {field(t("EXT_UI_PAPER_NOI_O"), hv.noiO)}
          {field(t("EXT_UI_PAPER_MA_HOC_VIEN"), hv.maHocVien)}
          {field(t("EXT_UI_PAPER_SO_DINH_DANH"), hv.soDinhDanh)}
          {hv.hoTenCha && field(t("EXT_UI_PAPER_CHA"), hv.hoTenCha)}
          {hv.hoTenMe && field(t("EXT_UI_PAPER_ME"), hv.hoTenMe)}
          {hv.hoTenNguoiGiamHo && field(t("EXT_UI_PAPER_GIAM_HO"), hv.hoTenNguoiGiamHo)}
          {hv.doiTuongChinhSach && field(t("EXT_UI_PAPER_CHINH_SACH"), hv.doiTuongChinhSach)}
        </div>
        <Movement view={view} i18n={i18n} />
      </section>

      <section className="paper-section">
        <table className="paper-table" data-testid="preview-subjects">
          <thead>
            <tr>
              <th>{t("EXT_UI_PAPER_MON")}</th>
              <th>{t("EXT_UI_PAPER_HK1")}</th>
              <th>{t("EXT_UI_PAPER_HK2")}</th>
              <th>{t("EXT_UI_PAPER_CN")}</th>
              <th>{t("EXT_UI_PAPER_KT_LAI")}</th>
              <th>{t("EXT_UI_PAPER_GIAO_VIEN")}</th>
            </tr>
          </thead>
          <tbody>
            {view.ketQua.map((mon) => (
              <tr key={mon.ma} data-ma-mon={mon.ma}>
                <td>{mon.ten}</td>
                <td className="num">{ketQua(i18n, mon.hk1)}</td>
                <td className="num">{ketQua(i18n, mon.hk2)}</td>
                <td className="num strong">{ketQua(i18n, mon.cn)}</td>
                <td className="num">{ketQua(i18n, mon.ktLai)}</td>
                <td>
                  {mon.giaoVien}
                  {mon.nhanXet && <div className="small muted">{mon.nhanXet}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section className="paper-section">
        <table className="paper-table paper-summary">
          <thead>
            <tr>
              <th />
              <th>{t("EXT_UI_PAPER_HK1")}</th>
              <th>{t("EXT_UI_PAPER_HK2")}</th>
              <th>{t("EXT_UI_PAPER_CN")}</th>
              <th>{t("EXT_UI_PAPER_SAU_LAI")}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th>{t("EXT_UI_PAPER_HOC_TAP")}</th>
              <td>{muc(i18n, view.hocTap.hk1)}</td>
              <td>{muc(i18n, view.hocTap.hk2)}</td>
              <td className="strong">{muc(i18n, view.hocTap.cn)}</td>
              <td>{muc(i18n, view.hocTap.sauKiemTraLai)}</td>
            </tr>
            <tr>
              <th>{t("EXT_UI_PAPER_REN_LUYEN")}</th>
              <td>{muc(i18n, view.renLuyen.hk1)}</td>
              <td>{muc(i18n, view.renLuyen.hk2)}</td>
              <td className="strong">{muc(i18n, view.renLuyen.cn)}</td>
              <td>{muc(i18n, view.renLuyen.sauRenLuyenHe)}</td>
            </tr>
          </tbody>
        </table>
        <div className="paper-fields">
          {field(t("EXT_UI_PAPER_SO_BUOI_NGHI"), view.soBuoiNghi === null ? "" : String(view.soBuoiNghi))}
          {field(t("EXT_UI_PAPER_QUYET_DINH"), xetLai ? `${xet} → ${xetLai}` : xet, "preview-quyet-dinh")}
          {field(
            t("EXT_UI_PAPER_DANH_HIEU"),
            view.danhHieu
              ? t(view.danhHieu === "XuatSac" ? "EXT_UI_DANH_HIEU_XUAT_SAC" : "EXT_UI_DANH_HIEU_GIOI", {
                  nguoiHoc: i18n.locale === "vi" ? LearnerWord : learnerWord,
                })
              : "—",
          )}
        </div>
        <div className="paper-comment">
          <span className="paper-label">{t("EXT_UI_PAPER_NHAN_XET_GVCN")}:</span>
          <p data-testid="preview-nhan-xet">{view.nhanXetGVCN}</p>
        </div>
      </section>

      <p className="paper-place">
        {t("EXT_UI_PAPER_PLACE_DATE", { diaDanh: tt.diaDanh, ngay: formatDate(tt.thoiGianLap) })}
      </p>
      <section className="paper-signatures" data-testid="preview-signatures">
        {SIGNER_ROLES.map((role) => {
          const block = blocks.find((b) => b.role === role);
          const kyThay = role === "ThuTruong" ? deputySigning(tt, block?.commonName) : undefined;
          const printed =
            role === "GVCN"
              ? tt.gvcn
              : role === "ThuTruong"
                ? (kyThay?.hoTen ?? tt.thuTruong.hoTen)
                : tt.tenTruong;
          const title =
            role === "ThuTruong" && tt.thuTruong.chucVu ? tt.thuTruong.chucVu : t(ROLE_LABEL[role]);
          return (
            <div
              key={role}
              className={block ? "sig signed" : "sig"}
              data-role={role}
              data-signed={String(Boolean(block))}
            >
              {kyThay ? (
                <>
                  <p className="strong" data-testid="preview-kt">{`KT. ${title.toLocaleUpperCase("vi")}`}</p>
                  <p className="strong">{kyThay.chucVu.toLocaleUpperCase("vi")}</p>
                </>
              ) : (
                <p className="strong">{title.toLocaleUpperCase("vi")}</p>
              )}
              {block ? (
                <div className="sig-stamp" data-serial={block.serialNumber}>
                  <p className="strong">{t("EXT_UI_PAPER_DIGITALLY_SIGNED")}</p>
                  <p>{t("EXT_UI_PAPER_SIGNER", { name: block.commonName || "?" })}</p>
                  <p className="small">
                    {t("EXT_UI_PAPER_SIGNED_AT", { time: formatDateTime(block.signingTime) })}
                  </p>
                  {block.serialNumber && (
                    <p className="small sig-serial">
                      {t("EXT_UI_PAPER_CERT_SERIAL", { serial: block.serialNumber })}
                    </p>
                  )}
                  <p className="small sig-level" data-level={block.level}>
                    {t(LEVEL_TEXT[block.level])}
                  </p>
                </div>
              ) : (
                <p className="sig-empty">{t("EXT_UI_PAPER_NOT_SIGNED")}</p>
              )}
              <p className="strong">{printed}</p>
            </div>
          );
        })}
      </section>
      <footer className="paper-foot small muted">
        {t("EXT_UI_PAPER_FOOT", { file: fileName, id: tt.idBanGhi, version: tt.phienBanBanGhi })}
      </footer>
    </article>
  );
}

/** TTChung/ThayThe: a later version says what it replaces, why, and each correction, old beside new. */
function VersionBanner({ view, i18n }: { view: HocBaView; i18n: I18n }) {
  const { t } = i18n;
  const tt = view.ttChung;
  const thayThe = tt.thayThe;
  if (!thayThe) return null;
  if (tt.suKien === "CANCEL") {
    return (
      <div className="paper-version cancel" data-testid="preview-version" data-su-kien="CANCEL">
        <p className="strong">
          {t("EXT_UI_VERSION_CANCELS", { phienBanTruoc: thayThe.phienBanTruoc, lyDo: thayThe.lyDo })}
        </p>
      </div>
    );
  }
  const empty = t("EXT_UI_VERSION_EMPTY");
  return (
    <div className="paper-version" data-testid="preview-version" data-su-kien={tt.suKien}>
      <p className="strong">
        {t("EXT_UI_VERSION_REPLACES", {
          phienBan: tt.phienBanBanGhi,
          phienBanTruoc: thayThe.phienBanTruoc,
          lyDo: thayThe.lyDo,
          count: thayThe.suaDoi.length,
        })}
      </p>
      <table className="paper-table small" data-testid="preview-changes">
        <tbody>
          {thayThe.suaDoi.map((c) => (
            <tr key={c.truong} data-truong={c.truong}>
              <th>{suaDoiLabel(c.truong, view.ketQua, t)}</th>
              <td className="old">{c.cu === "" ? empty : c.cu}</td>
              <td className="new">{c.moi === "" ? empty : c.moi}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Quá trình học tập, and the learner's arrival or departure during the year. */
function Movement({ view, i18n }: { view: HocBaView; i18n: I18n }) {
  const { t } = i18n;
  const history = view.quaTrinhHocTap ?? [];
  const roi = view.roiTruong;
  return (
    <>
      {history.length > 0 && (
        <table className="paper-table small" data-testid="preview-qua-trinh">
          <caption>{t("EXT_UI_QUA_TRINH")}</caption>
          <thead>
            <tr>
              <th>{t("EXT_UI_QUA_TRINH_NAM_HOC")}</th>
              <th>{t("EXT_UI_QUA_TRINH_LOP")}</th>
              <th>{t("EXT_UI_QUA_TRINH_TRUONG")}</th>
              <th>{t("EXT_UI_QUA_TRINH_NGAY")}</th>
            </tr>
          </thead>
          <tbody>
            {history.map((n) => (
              <tr key={`${n.namHoc}/${n.lop}/${n.ngay}`}>
                <td>{n.namHoc}</td>
                <td>{n.lop}</td>
                <td>{n.truong}</td>
                <td>{formatDate(n.ngay)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {view.chuyenDen && (
        <p className="paper-movement" data-testid="preview-chuyen-den">
          {t("EXT_UI_CHUYEN_DEN", {
            ngay: formatDate(view.chuyenDen.ngay),
            truongCu: view.chuyenDen.truongCu,
          })}
        </p>
      )}
      {roi && (
        <p className="paper-movement strong" data-testid="preview-roi-truong" data-trang-thai={roi.trangThai}>
          {roi.trangThai === "ChuyenDi"
            ? t("EXT_UI_CHUYEN_DI", {
                ngay: formatDate(roi.ngay),
                truongChuyenDen: roi.truongChuyenDen ?? "",
                hocKy: roi.hocKyHoanThanh,
              })
            : t("EXT_UI_THOI_HOC", { ngay: formatDate(roi.ngay), hocKy: roi.hocKyHoanThanh })}
        </p>
      )}
    </>
  );
}

/**
 * The deputy's "KT." block, as on paper: when the record names a deputy signing for the head and
 * the ThuTruong signature is not the head's own (or not made yet: a deputy is named to sign).
 */
function deputySigning(
  tt: HocBaView["ttChung"],
  signerName: string | undefined,
): { hoTen: string; chucVu: string } | undefined {
  if (!tt.kyThay) return undefined;
  if (signerName && normaliseName(signerName) === normaliseName(tt.thuTruong.hoTen)) return undefined;
  return tt.kyThay;
}

import { z } from "zod";
import { HocBaError } from "../../errors/hocba-error.ts";
import type { Diem, KetQuaHocKy, KetQuaNam, Subject } from "../../model/gradebook.ts";
import { CellReader } from "../common/cell-reader.ts";
import { cleanMultiline, cleanText } from "../common/normalize-text.ts";
import {
  emptyPageData,
  pageName,
  type KetQuaMonRow,
  type LearnerRef,
  type PageData,
  type PageKind,
  type PageRef,
  type TongKetValues,
} from "../common/page-data.ts";
import {
  CellValueError,
  parseCapHoc,
  parseDanhHieu,
  parseDate,
  parseDateTime,
  parseDiem,
  parseGioiTinh,
  parseHinhThuc,
  parseInteger,
  parseKetQuaXet,
  parseKetQuaXetLai,
  parseMucDanhGia,
  parseMucXepLoai,
  parseNamHoc,
  parseProfile,
  parseScore,
} from "../common/parse-values.ts";

/**
 * vnEdu-style JSON API responses (ExtJS stores) to PageData. Values arrive as the grid shows them
 * ("7,5", "Đ", "Lên lớp"), sometimes as numbers or null; both go through the same parsers as HTML
 * cells, so the same text gives the same value whichever way it was read.
 */

const Value = z.union([z.string(), z.number(), z.null()]).optional();
const Row = z.record(z.string(), z.unknown());
const Store = z.looseObject({
  success: z.literal(true).optional(),
  rows: z.array(Row),
  metaData: z.looseObject({ columns: z.array(z.looseObject({ dataIndex: z.string() })) }).optional(),
});
const LopResponse = z.looseObject({
  data: z.looseObject({
    ten_lop: Value,
    mon_hoc: z.array(z.looseObject({ ma_mon: Value, ten_mon: Value, kieu_mon: Value, so_tiet: Value })),
  }),
});
type Store = z.infer<typeof Store>;

export type VneduApi = "dslop" | "lop" | "hocba" | "sodiem" | "tongket" | "nhanxet";
export const API_KINDS: Readonly<Record<VneduApi, PageKind>> = {
  dslop: "danhSachLop",
  lop: "lop",
  hocba: "hoSo",
  sodiem: "soDiem",
  tongket: "tongKet",
  nhanxet: "nhanXet",
};
const API_TITLES: Readonly<Record<VneduApi, string>> = {
  dslop: "Danh sách lớp",
  lop: "Thông tin lớp",
  hocba: "Sổ học bạ",
  sodiem: "Sổ điểm",
  tongket: "Tổng kết",
  nhanxet: "Nhận xét của GVCN",
};

/** A cell as text; an unexpected object is kept visible (as JSON) so that its parser reports it. */
const text = (v: unknown): string =>
  v === null || v === undefined
    ? ""
    : typeof v === "string"
      ? v
      : typeof v === "number" || typeof v === "boolean"
        ? String(v)
        : JSON.stringify(v);

/** Which API answered, from the shape of the body (a saved .json file has no address). */
export function apiFromShape(json: unknown): VneduApi | undefined {
  if (LopResponse.safeParse(json).success) return "lop";
  const store = Store.safeParse(json);
  if (!store.success) return undefined;
  if ((json as Record<string, unknown>).mon !== undefined) return "sodiem";
  const keys = new Set([
    ...(store.data.metaData?.columns.map((c) => c.dataIndex) ?? []),
    ...store.data.rows.flatMap((r) => Object.keys(r)),
  ]);
  if (keys.has("nhan_xet_gvcn")) return "nhanxet";
  if (keys.has("ht_cn") || keys.has("ket_qua")) return "tongket";
  if (keys.has("so_dinh_danh") || keys.has("gioi_tinh")) return "hocba";
  if (keys.has("si_so") || keys.has("ten_lop")) return "dslop";
  return undefined;
}

class JsonTable {
  readonly cells: CellReader;
  readonly keys: Set<string>;
  constructor(
    readonly page: PageRef,
    readonly store: Store,
    table: string,
  ) {
    this.cells = new CellReader(page, table);
    this.keys = new Set([
      ...(store.metaData?.columns.map((c) => c.dataIndex) ?? []),
      ...store.rows.flatMap((r) => Object.keys(r)),
    ]);
  }

  require(key: string): void {
    if (this.store.rows.length > 0 && !this.keys.has(key)) {
      throw new HocBaError("EXTRACT_COLUMN_MISSING", {
        page: pageName(this.page),
        table: this.cells.table,
        column: key,
      });
    }
  }

  ref(row: Record<string, unknown>, n: number, reportDate = false): { ref: LearnerRef; name: string } | null {
    const hoTen = cleanText(text(row.ho_ten));
    const maHocVien = cleanText(text(row.ma_hoc_sinh));
    if (hoTen === "") {
      this.cells.problems.push(
        new HocBaError("EXTRACT_ROW_NO_NAME", { page: pageName(this.page), table: this.cells.table, row: n }),
      );
      return null;
    }
    const ref: LearnerRef = { row: n, hoTen };
    if (maHocVien) ref.maHocVien = maHocVien;
    if (row.ngay_sinh !== undefined) {
      // Outside the sổ học bạ the birth date only helps to match rows: a bad one is reported there.
      let d: string | undefined;
      if (reportDate) d = this.read(row, "ngay_sinh", n, hoTen, parseDate, "");
      else {
        try {
          d = parseDate(text(row.ngay_sinh));
        } catch {
          d = undefined;
        }
      }
      if (d) ref.ngaySinh = d;
    }
    return { ref, name: hoTen };
  }

  read<T>(
    row: Record<string, unknown>,
    key: string,
    n: number,
    learner: string,
    parse: (t: string) => T,
    fallback: T,
  ): T {
    return this.cells.read(text(row[key]), parse, { row: n, learner, column: key }, fallback);
  }
}

function txCount(t: JsonTable, g: string, json: Record<string, unknown>): number {
  const declared = (json.so_cot_tx as Record<string, unknown> | undefined)?.[g];
  if (typeof declared === "number" && Number.isInteger(declared) && declared >= 0) return declared;
  let max = 0;
  for (const key of t.keys) {
    const m = new RegExp(`^tx(\\d+)_${g}$`).exec(key);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return max;
}

function readResult(
  t: JsonTable,
  row: Record<string, unknown>,
  suffix: string,
  n: number,
  name: string,
): KetQuaNam {
  return {
    tbm: t.keys.has(`tbm_${suffix}`) ? t.read(row, `tbm_${suffix}`, n, name, parseScore, null) : null,
    mucDanhGia: t.keys.has(`xl_${suffix}`)
      ? t.read(row, `xl_${suffix}`, n, name, parseMucDanhGia, null)
      : null,
  };
}

function readSoDiem(
  page: PageRef,
  store: Store,
  json: Record<string, unknown>,
  data: PageData,
  problems: HocBaError[],
): void {
  const mon = z.looseObject({ ma_mon: Value, ten_mon: Value }).safeParse(json.mon);
  const code = mon.success ? cleanText(text(mon.data.ma_mon)) : "";
  const ten = mon.success ? cleanText(text(mon.data.ten_mon)) : "";
  const t = new JsonTable(page, store, `Sổ điểm môn ${ten || code}`);
  for (const g of ["hk1", "hk2"]) {
    t.require(`gk_${g}`);
    t.require(`ck_${g}`);
  }
  if (!t.keys.has("tbm_cn") && !t.keys.has("xl_cn")) t.require("tbm_cn");
  const counts = { hk1: txCount(t, "hk1", json), hk2: txCount(t, "hk2", json) };
  const rows: { ref: LearnerRef; ketQua: KetQuaMonRow }[] = [];
  store.rows.forEach((row, i) => {
    const who = t.ref(row, i + 1);
    if (!who) return;
    const sem = (g: "hk1" | "hk2"): KetQuaHocKy => ({
      tx: Array.from({ length: counts[g] }, (_, j) =>
        t.read<Diem>(row, `tx${j + 1}_${g}`, i + 1, who.name, parseDiem, null),
      ),
      gk: t.read<Diem>(row, `gk_${g}`, i + 1, who.name, parseDiem, null),
      ck: t.read<Diem>(row, `ck_${g}`, i + 1, who.name, parseDiem, null),
      ...readResult(t, row, g, i + 1, who.name),
    });
    const lai = readResult(t, row, "ktl", i + 1, who.name);
    rows.push({
      ref: who.ref,
      ketQua: {
        hk1: sem("hk1"),
        hk2: sem("hk2"),
        cn: readResult(t, row, "cn", i + 1, who.name),
        ktLai: lai.tbm !== null || lai.mucDanhGia !== null ? lai : null,
        giaoVien: cleanText(text(row.gv_bo_mon)),
        nhanXet: cleanMultiline(text(row.nhan_xet)),
      },
    });
  });
  problems.push(...t.cells.problems);
  data.soDiem.push({
    page,
    table: t.cells.table,
    subjectHints: [ten],
    ...(code ? { subjectCode: code } : {}),
    rows,
  });
}

const PROFILE_KEYS: ReadonlyArray<readonly [string, string, (t: string) => unknown]> = [
  ["so_dinh_danh", "soDinhDanh", (t) => cleanText(t).replace(/\s+/g, "")],
  ["gioi_tinh", "gioiTinh", parseGioiTinh],
  ["dan_toc", "danToc", cleanText],
  ["quoc_tich", "quocTich", cleanText],
  ["noi_sinh", "noiSinh", cleanText],
  ["noi_o", "noiO", cleanText],
  ["ho_ten_cha", "hoTenCha", cleanText],
  ["ho_ten_me", "hoTenMe", cleanText],
  ["ho_ten_giam_ho", "hoTenNguoiGiamHo", cleanText],
  ["doi_tuong_cs", "doiTuongChinhSach", cleanText],
];

function readHocBa(page: PageRef, store: Store, data: PageData, problems: HocBaError[]): void {
  const t = new JsonTable(page, store, "Sổ học bạ");
  for (const key of ["ma_hoc_sinh", "ho_ten", "ngay_sinh", "gioi_tinh"]) t.require(key);
  store.rows.forEach((row, i) => {
    const who = t.ref(row, i + 1, true);
    if (!who) return;
    const hocVien: Record<string, unknown> = {
      maHocVien: who.ref.maHocVien ?? "",
      hoTen: who.name,
      ngaySinh: who.ref.ngaySinh ?? "",
    };
    for (const [key, field, parse] of PROFILE_KEYS) {
      if (t.keys.has(key)) hocVien[field] = t.read<unknown>(row, key, i + 1, who.name, parse, undefined);
    }
    const banGhi: Record<string, unknown> = {};
    if (text(row.id_ban_ghi) !== "") {
      banGhi.idBanGhi = cleanText(text(row.id_ban_ghi)).toLowerCase();
      banGhi.suKien = cleanText(text(row.su_kien)).toUpperCase();
      banGhi.phienBan = t.read(row, "phien_ban", i + 1, who.name, parseInteger, null) ?? undefined;
    }
    data.profiles.push({ ref: who.ref, hocVien, banGhi, fromList: true, page });
  });
  problems.push(...t.cells.problems);
}

function readTongKet(page: PageRef, store: Store, data: PageData, problems: HocBaError[]): void {
  const t = new JsonTable(page, store, "Tổng kết");
  for (const key of ["ht_hk1", "rl_hk1", "ht_hk2", "rl_hk2", "ht_cn", "rl_cn", "ket_qua"]) t.require(key);
  const rows: { ref: LearnerRef; values: TongKetValues }[] = [];
  store.rows.forEach((row, i) => {
    const who = t.ref(row, i + 1);
    if (!who) return;
    const n = i + 1;
    const level = (key: string) => t.read(row, key, n, who.name, parseMucXepLoai, null);
    rows.push({
      ref: who.ref,
      values: {
        hocTap: {
          hk1: level("ht_hk1"),
          hk2: level("ht_hk2"),
          cn: level("ht_cn"),
          sauKiemTraLai: level("ht_ktl"),
        },
        renLuyen: {
          hk1: level("rl_hk1"),
          hk2: level("rl_hk2"),
          cn: level("rl_cn"),
          sauRenLuyenHe: level("rl_rlh"),
        },
        soBuoiNghi: t.read(row, "so_buoi_nghi", n, who.name, parseInteger, null),
        ketQuaXet: t.read(row, "ket_qua", n, who.name, parseKetQuaXet, null),
        ketQuaXetLai: t.read(row, "ket_qua_lai", n, who.name, parseKetQuaXetLai, null),
        danhHieu: t.read(row, "danh_hieu", n, who.name, parseDanhHieu, null),
      },
    });
  });
  problems.push(...t.cells.problems);
  data.tongKet.push({ page, table: t.cells.table, rows });
}

function readNhanXet(page: PageRef, store: Store, data: PageData, problems: HocBaError[]): void {
  const t = new JsonTable(page, store, "Nhận xét của GVCN");
  t.require("nhan_xet_gvcn");
  const rows: { ref: LearnerRef; text: string }[] = [];
  store.rows.forEach((row, i) => {
    const who = t.ref(row, i + 1);
    if (who) rows.push({ ref: who.ref, text: cleanMultiline(text(row.nhan_xet_gvcn)) });
  });
  problems.push(...t.cells.problems);
  data.nhanXet.push({ page, table: t.cells.table, rows });
}

const INFO_KEYS: ReadonlyArray<readonly [string, keyof PageData["info"], (t: string) => string]> = [
  ["ma_so", "maSo", cleanText],
  ["ma_truong", "maTruong", cleanText],
  ["ten_truong", "tenTruong", cleanText],
  ["cap_hoc", "capHoc", parseCapHoc],
  ["dia_danh", "diaDanh", cleanText],
  ["nam_hoc", "namHoc", parseNamHoc],
  ["khoi", "khoi", cleanText],
  ["ten_lop", "lop", cleanText],
  ["gvcn", "gvcn", cleanText],
  ["thu_truong", "thuTruongHoTen", cleanText],
  ["chuc_vu_thu_truong", "thuTruongChucVu", cleanText],
  ["quy_che", "profile", parseProfile],
  ["thoi_gian_lap", "thoiGianLap", parseDateTime],
];

function readLop(
  page: PageRef,
  json: z.infer<typeof LopResponse>,
  data: PageData,
  problems: HocBaError[],
): void {
  const d = json.data as Record<string, unknown>;
  for (const [key, field, parse] of INFO_KEYS) {
    const value = d[key];
    if (value === undefined || value === null) continue;
    try {
      (data.info as Record<string, string>)[field] = parse(text(value));
    } catch (err) {
      if (!(err instanceof CellValueError)) throw err;
      problems.push(
        new HocBaError("EXTRACT_BAD_INFO_VALUE", {
          page: pageName(page),
          field: key,
          value: text(value),
          expected: err.expected || "?",
        }),
      );
    }
  }
  const cells = new CellReader(page, "Danh sách môn học");
  json.data.mon_hoc.forEach((m, i) => {
    const ma = cleanText(text(m.ma_mon));
    const ten = cleanText(text(m.ten_mon));
    const label = ten || ma || `#${i + 1}`;
    const where = (column: string) => ({ row: i + 1, learner: label, column });
    const kieu = text(m.kieu_mon);
    const hinhThuc =
      kieu === "0"
        ? "DiemSo"
        : kieu === "1"
          ? "NhanXet"
          : cells.read(kieu, parseHinhThuc, where("kieu_mon"), "DiemSo" as const);
    const soTiet = cells.read(text(m.so_tiet), parseInteger, where("so_tiet"), null);
    if (!ma || !ten || soTiet === null || soTiet < 1) {
      const column = !ma ? "ma_mon" : !ten ? "ten_mon" : "so_tiet";
      cells.problems.push(
        new HocBaError("EXTRACT_BAD_VALUE", {
          page: pageName(page),
          table: cells.table,
          row: i + 1,
          learner: label,
          column,
          value: text(m[column]),
          expected: "bắt buộc",
        }),
      );
      return;
    }
    data.subjects.push({ ma, ten, hinhThuc, soTietNam: soTiet } satisfies Subject);
  });
  problems.push(...cells.problems);
}

/** Reads one API response. `api` comes from the URL when known, else from the body's shape. */
export function readVneduJson(
  page: PageRef,
  json: unknown,
  api: VneduApi | undefined,
): { data: PageData; problems: HocBaError[] } {
  const which = api ?? apiFromShape(json);
  if (!which) {
    const message = (json as { message?: unknown } | null)?.message;
    throw new HocBaError("EXTRACT_BAD_JSON_PAGE", {
      page: pageName(page),
      detail:
        typeof message === "string" ? message : "không phải dữ liệu sổ điểm, hồ sơ, tổng kết hay nhận xét",
    });
  }
  const ref: PageRef = { url: page.url, title: page.title || API_TITLES[which] };
  const data = emptyPageData(ref, API_KINDS[which]);
  const problems: HocBaError[] = [];
  if (which === "dslop") return { data, problems };
  if (which === "lop") {
    const parsed = LopResponse.safeParse(json);
    if (!parsed.success) throw badShape(ref, parsed.error);
    readLop(ref, parsed.data, data, problems);
    return { data, problems };
  }
  const store = Store.safeParse(json);
  if (!store.success) throw badShape(ref, store.error);
  try {
    if (which === "sodiem") readSoDiem(ref, store.data, json as Record<string, unknown>, data, problems);
    else if (which === "hocba") readHocBa(ref, store.data, data, problems);
    else if (which === "tongket") readTongKet(ref, store.data, data, problems);
    else readNhanXet(ref, store.data, data, problems);
  } catch (err) {
    if (!(err instanceof HocBaError)) throw err;
    problems.push(err);
  }
  return { data, problems };
}

function badShape(page: PageRef, error: z.ZodError): HocBaError {
  const issue = error.issues[0];
  return new HocBaError("EXTRACT_BAD_JSON_PAGE", {
    page: pageName(page),
    detail: issue ? `${issue.path.join(".") || "(gốc)"}: ${issue.message}` : "?",
  });
}

import { HocBaError } from "../../errors/hocba-error.ts";
import type { Diem, HocVien, KetQuaHocKy, KetQuaNam, Subject } from "../../model/gradebook.ts";
import { CellReader } from "./cell-reader.ts";
import { documentTitle } from "./dom-text.ts";
import {
  TABLE_KINDS,
  type ColumnField,
  type GroupName,
  type MappingMatcher,
  type TableKind,
} from "./header-mapping.ts";
import { cleanMultiline, cleanText } from "./normalize-text.ts";
import {
  emptyPageData,
  pageName,
  type ClassInfo,
  type KetQuaMonRow,
  type LearnerRef,
  type PageData,
  type PageKind,
  type PageRef,
  type ProfileRecord,
  type TongKetValues,
} from "./page-data.ts";
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
} from "./parse-values.ts";
import { readGrids, type Grid, type GridRow } from "./read-grid.ts";
import { readKeyValues } from "./read-key-values.ts";

/**
 * Reads an HTML page through a header mapping: classifies each data table (sổ điểm, tổng kết,
 * nhận xét, môn học, hồ sơ), reads its rows into model values, and collects the page's
 * "label: value" class information and learner profile. Shared by the SMAS-style and the generic
 * adapters; vnEdu-style JSON goes through its own reader into the same PageData.
 */

interface Column {
  index: number;
  label: string;
  field: ColumnField;
  group?: GroupName;
}

interface ClassifiedGrid {
  grid: Grid;
  kind: TableKind;
  columns: Column[];
}

const SIGNATURES: Readonly<Record<TableKind, (has: (f: ColumnField) => boolean) => boolean>> = {
  soDiem: (has) => (has("hoTen") || has("maHocVien")) && (has("tx") || has("gk") || has("ck")),
  tongKet: (has) =>
    (has("hoTen") || has("maHocVien")) && (has("hocTap") || has("renLuyen") || has("ketQuaXet")),
  nhanXet: (has) => (has("hoTen") || has("maHocVien")) && has("nhanXetGVCN"),
  monHoc: (has) => has("tenMon") && (has("maMon") || has("hinhThuc") || has("soTietNam")),
  hoSo: (has) => has("hoTen") || (has("hoDem") && has("ten")),
};

export function classifyGrid(grid: Grid, matcher: MappingMatcher, pageTitle: string): ClassifiedGrid | null {
  const byTitle = [...matcher.kindsByTitle(grid.title), ...matcher.kindsByTitle(pageTitle)];
  const order = [...new Set([...byTitle, ...TABLE_KINDS])];
  for (const kind of order) {
    const columns: Column[] = [];
    grid.columns.forEach((col, index) => {
      const resolved = matcher.resolve(col, kind);
      if (resolved) columns.push({ index, label: col.label, ...resolved });
    });
    if (SIGNATURES[kind]((f) => columns.some((c) => c.field === f))) return { grid, kind, columns };
  }
  return null;
}

/** The value, or undefined when it does not parse. */
function quietly<T>(parse: () => T): T | undefined {
  try {
    return parse();
  } catch (err) {
    if (err instanceof CellValueError) return undefined;
    throw err;
  }
}

/** The single column for a field (and group): the first one when a portal repeats it. */
function column(columns: Column[], field: ColumnField, group?: GroupName): Column | undefined {
  return columns.find((c) => c.field === field && (group === undefined || c.group === group));
}

class TableReader {
  readonly cells: CellReader;
  constructor(
    readonly page: PageRef,
    readonly grid: Grid,
    readonly columns: Column[],
    readonly matcher: MappingMatcher,
  ) {
    this.cells = new CellReader(page, grid.title || "(không tên)");
  }

  get table(): string {
    return this.cells.table;
  }

  require(field: ColumnField, group?: GroupName): Column {
    const col = column(this.columns, field, group);
    if (!col) {
      throw new HocBaError("EXTRACT_COLUMN_MISSING", {
        page: pageName(this.page),
        table: this.table,
        column: this.matcher.displayName(field, group),
      });
    }
    return col;
  }

  text(row: GridRow, col: Column | undefined): string {
    return col ? (row.cells[col.index] ?? "") : "";
  }

  /** The learner named by a row; a row without a name is an error (it would be silently lost). */
  ref(row: GridRow, reportDate = false): { ref: LearnerRef; name: string } | null {
    const one = (f: ColumnField) => cleanText(this.text(row, column(this.columns, f)));
    const hoTen = one("hoTen") || [one("hoDem"), one("ten")].filter(Boolean).join(" ");
    const maHocVien = one("maHocVien");
    const hasName = column(this.columns, "hoTen") || column(this.columns, "ten");
    if ((hasName && hoTen === "") || (!hasName && maHocVien === "")) {
      this.cells.problems.push(
        new HocBaError("EXTRACT_ROW_NO_NAME", {
          page: pageName(this.page),
          table: this.table,
          row: row.rowNumber,
        }),
      );
      return null;
    }
    const ref: LearnerRef = { row: row.rowNumber };
    if (hoTen) ref.hoTen = hoTen;
    if (maHocVien) ref.maHocVien = maHocVien;
    const ngaySinhCol = column(this.columns, "ngaySinh");
    if (ngaySinhCol) {
      // Outside the profile the birth date only helps to match rows: a bad one is reported once, there.
      const ngaySinh = reportDate
        ? this.parse(row, ngaySinhCol, hoTen || maHocVien, parseDate, "")
        : quietly(() => parseDate(this.text(row, ngaySinhCol)));
      if (ngaySinh) ref.ngaySinh = ngaySinh;
    }
    return { ref, name: hoTen || maHocVien };
  }

  parse<T>(row: GridRow, col: Column | undefined, learner: string, parse: (t: string) => T, fallback: T): T {
    if (!col) return fallback;
    return this.cells.read(
      this.text(row, col),
      parse,
      { row: row.rowNumber, learner, column: col.label },
      fallback,
    );
  }
}

function readSemester(t: TableReader, row: GridRow, name: string, g: "hk1" | "hk2"): KetQuaHocKy {
  // Left to right, so that problems come out in the order the user reads the row.
  const tx = t.columns
    .filter((c) => c.field === "tx" && c.group === g)
    .map((c) => t.parse<Diem>(row, c, name, parseDiem, null));
  const gk = t.parse<Diem>(row, column(t.columns, "gk", g), name, parseDiem, null);
  const ck = t.parse<Diem>(row, column(t.columns, "ck", g), name, parseDiem, null);
  return { tx, gk, ck, ...routeKetQua(t, row, name, g) };
}

/** TBm and mức đánh giá of a group; a lone "Cả năm" column holds either, told apart by its value. */
function routeKetQua(t: TableReader, row: GridRow, name: string, g: GroupName): KetQuaNam {
  const tbmCol = column(t.columns, "tbm", g);
  const mucCol = column(t.columns, "mucDanhGia", g);
  let tbm = t.parse(row, tbmCol, name, parseScore, null);
  let mucDanhGia = t.parse(row, mucCol, name, parseMucDanhGia, null);
  const kq = column(t.columns, "ketQua", g);
  if (kq) {
    const value = t.parse<Diem>(row, kq, name, parseDiem, null);
    if (typeof value === "number" && !tbmCol) tbm = value;
    else if ((value === "Đ" || value === "CĐ") && !mucCol) mucDanhGia = value;
  }
  return { tbm, mucDanhGia };
}

function hasGroupResult(t: TableReader, g: GroupName): boolean {
  return ["tbm", "mucDanhGia", "ketQua"].some((f) => column(t.columns, f as ColumnField, g) !== undefined);
}

function readSoDiem(t: TableReader): { ref: LearnerRef; ketQua: KetQuaMonRow }[] {
  for (const g of ["hk1", "hk2"] as const) {
    t.require("gk", g);
    t.require("ck", g);
  }
  if (!hasGroupResult(t, "cn")) t.require("tbm", "cn");
  const hasLai = hasGroupResult(t, "lai");
  const rows: { ref: LearnerRef; ketQua: KetQuaMonRow }[] = [];
  for (const row of t.grid.rows) {
    const who = t.ref(row);
    if (!who) continue;
    const lai = hasLai ? routeKetQua(t, row, who.name, "lai") : null;
    rows.push({
      ref: who.ref,
      ketQua: {
        hk1: readSemester(t, row, who.name, "hk1"),
        hk2: readSemester(t, row, who.name, "hk2"),
        cn: routeKetQua(t, row, who.name, "cn"),
        ktLai: lai && (lai.tbm !== null || lai.mucDanhGia !== null) ? lai : null,
        giaoVien: cleanText(t.text(row, column(t.columns, "giaoVien"))),
        nhanXet: cleanMultiline(t.text(row, column(t.columns, "nhanXet"))),
      },
    });
  }
  return rows;
}

function readTongKet(t: TableReader): { ref: LearnerRef; values: TongKetValues }[] {
  for (const f of ["hocTap", "renLuyen"] as const) {
    for (const g of ["hk1", "hk2", "cn"] as const) t.require(f, g);
  }
  t.require("ketQuaXet");
  const rows: { ref: LearnerRef; values: TongKetValues }[] = [];
  for (const row of t.grid.rows) {
    const who = t.ref(row);
    if (!who) continue;
    const n = who.name;
    const level = (f: "hocTap" | "renLuyen", g: GroupName) =>
      t.parse(row, column(t.columns, f, g), n, parseMucXepLoai, null);
    rows.push({
      ref: who.ref,
      values: {
        hocTap: {
          hk1: level("hocTap", "hk1"),
          hk2: level("hocTap", "hk2"),
          cn: level("hocTap", "cn"),
          sauKiemTraLai: level("hocTap", "lai"),
        },
        renLuyen: {
          hk1: level("renLuyen", "hk1"),
          hk2: level("renLuyen", "hk2"),
          cn: level("renLuyen", "cn"),
          sauRenLuyenHe: level("renLuyen", "lai"),
        },
        soBuoiNghi: t.parse(row, column(t.columns, "soBuoiNghi"), n, parseInteger, null),
        ketQuaXet: t.parse(row, column(t.columns, "ketQuaXet"), n, parseKetQuaXet, null),
        ketQuaXetLai: t.parse(row, column(t.columns, "ketQuaXetLai"), n, parseKetQuaXetLai, null),
        danhHieu: t.parse(row, column(t.columns, "danhHieu"), n, parseDanhHieu, null),
      },
    });
  }
  return rows;
}

function readNhanXet(t: TableReader): { ref: LearnerRef; text: string }[] {
  const col = t.require("nhanXetGVCN");
  const rows: { ref: LearnerRef; text: string }[] = [];
  for (const row of t.grid.rows) {
    const who = t.ref(row);
    if (who) rows.push({ ref: who.ref, text: cleanMultiline(t.text(row, col)) });
  }
  return rows;
}

function readMonHoc(t: TableReader): Subject[] {
  const cols = {
    ma: t.require("maMon"),
    ten: t.require("tenMon"),
    hinhThuc: t.require("hinhThuc"),
    soTietNam: t.require("soTietNam"),
  };
  const subjects: Subject[] = [];
  for (const row of t.grid.rows) {
    const ten = cleanText(t.text(row, cols.ten));
    const ma = cleanText(t.text(row, cols.ma));
    const label = ten || ma || `#${row.rowNumber}`;
    const hinhThuc = t.parse(row, cols.hinhThuc, label, parseHinhThuc, "DiemSo");
    const soTietNam = t.parse(row, cols.soTietNam, label, parseInteger, null);
    if (ten === "" || ma === "" || soTietNam === null || soTietNam < 1) {
      const missing = ma === "" ? cols.ma : ten === "" ? cols.ten : cols.soTietNam;
      t.cells.problems.push(
        new HocBaError("EXTRACT_BAD_VALUE", {
          page: pageName(t.page),
          table: t.table,
          row: row.rowNumber,
          learner: label,
          column: missing.label,
          value: t.text(row, missing),
          expected: "bắt buộc",
        }),
      );
      continue;
    }
    subjects.push({ ma, ten, hinhThuc, soTietNam });
  }
  return subjects;
}

type ProfileValues = { hocVien: Partial<HocVien>; banGhi: ProfileRecord["banGhi"] };

const PROFILE_PARSERS: Readonly<Record<string, (text: string) => unknown>> = {
  maHocVien: cleanText,
  hoTen: cleanText,
  ngaySinh: parseDate,
  soDinhDanh: (t) => cleanText(t).replace(/\s+/g, ""),
  gioiTinh: parseGioiTinh,
  idBanGhi: (t) => cleanText(t).toLowerCase(),
  suKien: (t) => {
    const v = cleanText(t).toUpperCase();
    if (v !== "NEW" && v !== "UPDATE" && v !== "CANCEL") {
      throw new CellValueError("EXTRACT_BAD_VALUE", "NEW / UPDATE / CANCEL");
    }
    return v;
  },
  phienBan: (t) => {
    const v = parseInteger(t);
    if (v === null || v < 1) throw new CellValueError("EXTRACT_BAD_INTEGER");
    return v;
  },
};

function setProfileValue(out: ProfileValues, field: string, value: unknown): void {
  if (field === "idBanGhi" || field === "suKien" || field === "phienBan") {
    (out.banGhi as Record<string, unknown>)[field] = value;
  } else if (field !== "stt" && field !== "hoDem" && field !== "ten") {
    (out.hocVien as Record<string, unknown>)[field] = value;
  }
}

function readHoSo(t: TableReader): ProfileRecord[] {
  const records: ProfileRecord[] = [];
  for (const row of t.grid.rows) {
    const who = t.ref(row, true);
    if (!who) continue;
    const values: ProfileValues = { hocVien: {}, banGhi: {} };
    if (who.ref.hoTen) values.hocVien.hoTen = who.ref.hoTen;
    for (const col of t.columns) {
      if (col.field === "hoTen" || col.field === "stt" || col.field === "hoDem" || col.field === "ten") {
        continue;
      }
      const parse = PROFILE_PARSERS[col.field] ?? cleanText;
      const text = t.text(row, col);
      if (
        cleanText(text) === "" &&
        (col.field === "gioiTinh" || col.field === "suKien" || col.field === "phienBan")
      ) {
        continue;
      }
      setProfileValue(values, col.field, t.parse<unknown>(row, col, who.name, parse, undefined));
    }
    records.push({ ref: who.ref, ...values, fromList: true, page: t.page });
  }
  return records;
}

const INFO_PARSERS: Partial<Record<keyof ClassInfo, (text: string) => string>> = {
  capHoc: parseCapHoc,
  namHoc: parseNamHoc,
  profile: parseProfile,
  thoiGianLap: parseDateTime,
};

/** Class information, the subject named on the page, and (on a profile page) one learner. */
function readPageKeyValues(
  doc: Document,
  page: PageRef,
  matcher: MappingMatcher,
  data: PageData,
  problems: HocBaError[],
  subjectHints: string[],
): void {
  const values: ProfileValues = { hocVien: {}, banGhi: {} };
  const seen = new Set<string>();
  const reader = new CellReader(page, "thông tin");
  for (const { label, value } of readKeyValues(doc)) {
    const named = matcher.label(label);
    if (!named) continue;
    if ("info" in named) {
      const info = named.info;
      if (info === "monHoc") {
        subjectHints.push(cleanText(value));
        continue;
      }
      if (Object.hasOwn(data.info, info)) continue;
      const parse = INFO_PARSERS[info] ?? cleanText;
      try {
        data.info[info] = parse(value) as never;
      } catch (err) {
        if (!(err instanceof CellValueError)) throw err;
        problems.push(
          new HocBaError("EXTRACT_BAD_INFO_VALUE", {
            page: pageName(page),
            field: label,
            value,
            expected: err.expected || "?",
          }),
        );
      }
      continue;
    }
    const field = named.profile;
    if (seen.has(field)) continue;
    seen.add(field);
    const parse = PROFILE_PARSERS[field] ?? cleanText;
    const parsed = reader.read<unknown>(value, parse, { row: 1, learner: "", column: label }, undefined);
    if (parsed !== undefined) setProfileValue(values, field, parsed);
  }
  problems.push(...reader.problems);
  const hv = values.hocVien;
  if (hv.hoTen && (hv.ngaySinh !== undefined || hv.maHocVien || hv.soDinhDanh !== undefined)) {
    const ref: LearnerRef = { row: 1, hoTen: hv.hoTen };
    if (hv.maHocVien) ref.maHocVien = hv.maHocVien;
    if (hv.ngaySinh) ref.ngaySinh = hv.ngaySinh;
    data.profiles.push({ ref, hocVien: hv, banGhi: values.banGhi, fromList: false, page });
  }
}

export interface TablePageResult {
  data: PageData;
  problems: HocBaError[];
}

/** Reads every table and label of an HTML page. Structural problems (a missing column) are collected too. */
export function extractTablesPage(
  doc: Document,
  url: string,
  matcher: MappingMatcher,
  kindHint?: PageKind,
): TablePageResult {
  const page: PageRef = { url, title: documentTitle(doc) };
  const data = emptyPageData(page, kindHint ?? "khac");
  const problems: HocBaError[] = [];
  const subjectHints: string[] = [];
  readPageKeyValues(doc, page, matcher, data, problems, subjectHints);
  const kinds = new Set<TableKind>();
  for (const grid of readGrids(doc)) {
    const classified = classifyGrid(grid, matcher, page.title);
    if (!classified) continue;
    kinds.add(classified.kind);
    const t = new TableReader(page, grid, classified.columns, matcher);
    try {
      switch (classified.kind) {
        case "soDiem":
          data.soDiem.push({
            page,
            table: t.table,
            subjectHints: [...subjectHints, grid.title, page.title].filter(Boolean),
            rows: readSoDiem(t),
          });
          break;
        case "tongKet":
          data.tongKet.push({ page, table: t.table, rows: readTongKet(t) });
          break;
        case "nhanXet":
          data.nhanXet.push({ page, table: t.table, rows: readNhanXet(t) });
          break;
        case "monHoc":
          data.subjects.push(...readMonHoc(t));
          break;
        case "hoSo":
          data.profiles.push(...readHoSo(t));
          break;
      }
    } catch (err) {
      if (!(err instanceof HocBaError)) throw err;
      problems.push(err);
    }
    problems.push(...t.cells.problems);
  }
  if (!kindHint) {
    data.kind = kinds.has("soDiem")
      ? "soDiem"
      : kinds.has("tongKet")
        ? "tongKet"
        : kinds.has("nhanXet")
          ? "nhanXet"
          : kinds.has("monHoc")
            ? "lop"
            : data.profiles.length > 0
              ? data.profiles.some((p) => p.fromList)
                ? "lop"
                : "hoSo"
              : "khac";
  }
  return { data, problems };
}

import { HocBaError } from "../../errors/hocba-error.ts";
import type { Diem, KetQuaHocKy, KetQuaNam, Subject } from "../../model/gradebook.ts";
import { CellReader } from "./cell-reader.ts";
import type { ColumnField, GroupName, ResolvedField, TableKind } from "./header-mapping.ts";
import { cleanMultiline, cleanText } from "./normalize-text.ts";
import {
  pageName,
  type KetQuaMonRow,
  type LearnerRef,
  type PageData,
  type PageRef,
  type ProfileRecord,
  type TongKetValues,
} from "./page-data.ts";
import {
  CellValueError,
  parseDate,
  parseDanhHieu,
  parseDiem,
  parseHinhThuc,
  parseInteger,
  parseKetQuaXet,
  parseKetQuaXetLai,
  parseMucDanhGia,
  parseMucXepLoai,
  parseScore,
} from "./parse-values.ts";
import {
  OPTIONAL_PROFILE_FIELDS,
  PROFILE_PARSERS,
  setProfileValue,
  type ProfileValues,
} from "./profile-values.ts";
import type { GridRow } from "./read-grid.ts";

/**
 * The one reader of a portal's data tables. An HTML table or ExtJS grid (read-grid.ts, columns
 * named through a header mapping) and a vnEdu JSON store (vnedu-style/store-table.ts, columns
 * named by their keys) both arrive here as rows of cells with columns resolved to fields; this
 * reads them into model values, collecting every bad cell as a located problem.
 */

/** A column resolved to a gradebook field (and group). */
export interface Column {
  /** Position of the column's text in each row's cells. */
  index: number;
  /** How messages name the column: the header path ("Học kỳ I › TX1") or the JSON key. */
  label: string;
  field: ColumnField;
  group?: GroupName;
}

export interface TableToRead {
  page: PageRef;
  /** The table's name in messages ("" for an untitled table). */
  title: string;
  kind: TableKind;
  columns: Column[];
  rows: readonly GridRow[];
  /** How messages name the column of a field that is missing. */
  columnName: (field: ColumnField, group?: GroupName) => string;
  /** Columns this portal always has, besides the ones every table of the kind needs. */
  required?: readonly ResolvedField[];
  /** For a sổ điểm: texts that may name its subject (best first), or its code, or the portal's id of it. */
  subjectHints?: string[];
  subjectCode?: string;
  portalSubjectId?: string;
  /** A sổ điểm of one semester (see SoDiemTable.semester); its grouped columns carry that semester. */
  semester?: "hk1" | "hk2";
  /** A subject's results only (a year summary's HK I / HK II / CN columns): no assessments to require. */
  summary?: boolean;
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
  readonly page: PageRef;
  readonly columns: Column[];
  readonly rows: readonly GridRow[];
  constructor(readonly source: TableToRead) {
    this.page = source.page;
    this.columns = source.columns;
    this.rows = source.rows;
    this.cells = new CellReader(source.page, source.title || "(không tên)");
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
        column: this.source.columnName(field, group),
      });
    }
    return col;
  }

  text(row: GridRow, col: Column | undefined): string {
    return col ? (row.cells[col.index] ?? "") : "";
  }

  /** The learner named by a row; a row without a name is an error (it would be silently lost). */
  ref(row: GridRow, reportDate = false): { ref: LearnerRef; name: string; ngaySinh?: string } | null {
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
    if (!ngaySinhCol) return { ref, name: hoTen || maHocVien };
    // Outside the profile the birth date only helps to match rows: a bad one is reported once, there.
    const ngaySinh = reportDate
      ? this.parse(row, ngaySinhCol, hoTen || maHocVien, parseDate, "")
      : (quietly(() => parseDate(this.text(row, ngaySinhCol))) ?? "");
    if (ngaySinh) ref.ngaySinh = ngaySinh;
    return { ref, name: hoTen || maHocVien, ngaySinh };
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

const notInTable = (): KetQuaHocKy => ({ tx: [], gk: null, ck: null, tbm: null, mucDanhGia: null });

/**
 * A whole sổ điểm (both semesters and the year), or one semester's: the first semester's table
 * holds its assessments only; the second's also the year and the re-test (they are shown there).
 */
function readSoDiem(
  t: TableReader,
  semester?: "hk1" | "hk2",
  summary = false,
): { ref: LearnerRef; ketQua: KetQuaMonRow }[] {
  const semesters = semester ? [semester] : (["hk1", "hk2"] as const);
  for (const g of summary ? [] : semesters) {
    t.require("gk", g);
    t.require("ck", g);
  }
  const hasYear = semester !== "hk1";
  if (hasYear && !hasGroupResult(t, "cn")) t.require("tbm", "cn");
  const hasLai = hasYear && hasGroupResult(t, "lai");
  const rows: { ref: LearnerRef; ketQua: KetQuaMonRow }[] = [];
  for (const row of t.rows) {
    const who = t.ref(row);
    if (!who) continue;
    const lai = hasLai ? routeKetQua(t, row, who.name, "lai") : null;
    rows.push({
      ref: who.ref,
      ketQua: {
        hk1: semester === "hk2" ? notInTable() : readSemester(t, row, who.name, "hk1"),
        hk2: semester === "hk1" ? notInTable() : readSemester(t, row, who.name, "hk2"),
        cn: hasYear ? routeKetQua(t, row, who.name, "cn") : { tbm: null, mucDanhGia: null },
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
  for (const row of t.rows) {
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
  for (const row of t.rows) {
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
  for (const row of t.rows) {
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

function readHoSo(t: TableReader): ProfileRecord[] {
  const records: ProfileRecord[] = [];
  for (const row of t.rows) {
    const who = t.ref(row, true);
    if (!who) continue;
    const values: ProfileValues = { hocVien: {}, banGhi: {} };
    if (who.ref.hoTen) values.hocVien.hoTen = who.ref.hoTen;
    // Read (and reported) once, with the learner: an empty or unreadable one is kept empty for check.
    if (who.ngaySinh !== undefined) values.hocVien.ngaySinh = who.ngaySinh;
    for (const col of t.columns) {
      if (["hoTen", "ngaySinh", "stt", "hoDem", "ten"].includes(col.field)) continue;
      const text = t.text(row, col);
      if (cleanText(text) === "" && OPTIONAL_PROFILE_FIELDS.has(col.field)) continue;
      const parse = PROFILE_PARSERS[col.field] ?? cleanText;
      setProfileValue(values, col.field, t.parse<unknown>(row, col, who.name, parse, undefined));
    }
    records.push({ ref: who.ref, ...values, fromList: true, page: t.page });
  }
  return records;
}

/**
 * Reads one table into the page's data. Returns its problems: every bad cell, or the one missing
 * column that stops the table from being read.
 */
export function readTable(table: TableToRead, data: PageData): HocBaError[] {
  const t = new TableReader(table);
  const problems: HocBaError[] = [];
  try {
    for (const { field, group } of table.required ?? []) t.require(field, group);
    switch (table.kind) {
      case "soDiem":
        data.soDiem.push({
          page: table.page,
          table: t.table,
          subjectHints: table.subjectHints ?? [],
          ...(table.subjectCode ? { subjectCode: table.subjectCode } : {}),
          ...(table.portalSubjectId ? { portalSubjectId: table.portalSubjectId } : {}),
          ...(table.semester ? { semester: table.semester } : {}),
          ...(table.summary ? { summary: true } : {}),
          rows: readSoDiem(t, table.semester, table.summary),
        });
        break;
      case "tongKet":
        data.tongKet.push({ page: table.page, table: t.table, rows: readTongKet(t) });
        break;
      case "nhanXet":
        data.nhanXet.push({ page: table.page, table: t.table, rows: readNhanXet(t) });
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
  return problems;
}

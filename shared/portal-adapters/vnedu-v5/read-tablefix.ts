import { HocBaError } from "../../errors/hocba-error.ts";
import { DEFAULT_MAPPING } from "../common/default-mapping.ts";
import {
  MappingMatcher,
  type ColumnField,
  type GroupName,
  type TableKind,
} from "../common/header-mapping.ts";
import { savedInputText, unsavedEdit } from "../common/input-values.ts";
import { cleanText } from "../common/normalize-text.ts";
import { pageName, type PageRef } from "../common/page-data.ts";
import { readHtmlTable, type Grid, type GridRow } from "../common/read-grid.ts";
import type { Column, TableToRead } from "../common/read-table.ts";

/**
 * vnEdu v5's `table.tablefix` (sổ điểm, tổng kết): two header rows, rows keyed by the learner's
 * code (`tr id`), the name in two cells (họ đệm, tên), every grade in an input under a
 * `td[data-cot]`. A grade column is known by its data-cot, and its header must still say the
 * same thing (through the header mapping): a renamed header or a cell under another column's
 * header stops the table with an error naming the page and the column, so that a changed layout
 * never gives a wrong value. Identity columns are found by their headers.
 */

const matcher = new MappingMatcher(DEFAULT_MAPPING);

/** What a data-cot holds: the field, its group ("sem" = the fragment's semester), the kind of table. */
interface CotMeaning {
  field: ColumnField;
  group?: GroupName | "sem";
  kind: TableKind;
}

const COTS: Readonly<Record<string, CotMeaning>> = {
  gk: { field: "gk", group: "sem", kind: "soDiem" },
  ck: { field: "ck", group: "sem", kind: "soDiem" },
  tbhk: { field: "tbm", group: "sem", kind: "soDiem" },
  xlhk: { field: "mucDanhGia", group: "sem", kind: "soDiem" },
  tbcn: { field: "tbm", group: "cn", kind: "soDiem" },
  xlcn: { field: "mucDanhGia", group: "cn", kind: "soDiem" },
  tbktl: { field: "tbm", group: "lai", kind: "soDiem" },
  xlktl: { field: "mucDanhGia", group: "lai", kind: "soDiem" },
  nx: { field: "nhanXet", kind: "soDiem" },
  ht_hk1: { field: "hocTap", group: "hk1", kind: "tongKet" },
  rl_hk1: { field: "renLuyen", group: "hk1", kind: "tongKet" },
  ht_hk2: { field: "hocTap", group: "hk2", kind: "tongKet" },
  rl_hk2: { field: "renLuyen", group: "hk2", kind: "tongKet" },
  ht_cn: { field: "hocTap", group: "cn", kind: "tongKet" },
  rl_cn: { field: "renLuyen", group: "cn", kind: "tongKet" },
  ht_ktl: { field: "hocTap", group: "lai", kind: "tongKet" },
  rl_rlh: { field: "renLuyen", group: "lai", kind: "tongKet" },
  nghi: { field: "soBuoiNghi", kind: "tongKet" },
  ket_qua: { field: "ketQuaXet", kind: "tongKet" },
  ket_qua_lai: { field: "ketQuaXetLai", kind: "tongKet" },
  danh_hieu: { field: "danhHieu", kind: "tongKet" },
  nx_gvcn: { field: "nhanXetGVCN", kind: "nhanXet" },
};

function cotMeaning(cot: string): CotMeaning | undefined {
  const tx = /^tx(\d{1,2})$/.exec(cot);
  return tx ? { field: "tx", group: "sem", kind: "soDiem" } : COTS[cot];
}

/** Whether a header still names what its data-cot holds (TX columns: "Điểm ĐG thường xuyên" over their number). */
function headerAgrees(
  path: readonly string[],
  cot: string,
  meaning: CotMeaning,
  semester?: GroupName,
): boolean {
  const tx = /^tx(\d{1,2})$/.exec(cot);
  if (tx) {
    const leaf = cleanText(path[path.length - 1] ?? "");
    const number = /(\d{1,2})$/.exec(leaf)?.[1];
    const named = path.some((text) => matcher.field(text, ["tx"]) === "tx");
    return named && number === tx[1];
  }
  const resolved = matcher.resolve({ path: [...path], label: path.join(" › ") }, meaning.kind);
  if (!resolved) {
    // A lone header without its group ("Giữa kỳ"): the field alone, the group is the fragment's.
    const field = matcher.field(path[path.length - 1] ?? "", [meaning.field]);
    return field === meaning.field && (meaning.group === "sem" || meaning.group === undefined);
  }
  if (resolved.field !== meaning.field) return false;
  const group = meaning.group === "sem" ? semester : meaning.group;
  return resolved.group === undefined || resolved.group === group;
}

export interface TablefixRead {
  grid: Grid;
  /** Columns by kind of table, identity columns included in each. */
  columns: Partial<Record<TableKind, Column[]>>;
  rows: GridRow[];
  problems: HocBaError[];
}

/**
 * Reads a tablefix: its grade columns by data-cot (checked against their headers), the identity
 * of each row (code from `tr id`, the name joined from its cells, the birth date), and every
 * unsaved edit. `semester` is the fragment's (a sổ điểm); a tổng kết has none.
 */
export function readTablefix(
  table: Element,
  page: PageRef,
  title: string,
  semester?: "hk1" | "hk2",
): TablefixRead {
  const problems: HocBaError[] = [];
  const grid = readHtmlTable(table) ?? { title, columns: [], rows: [], element: table };
  const where = { page: pageName(page), table: title };
  const columns: Partial<Record<TableKind, Column[]>> = {};
  const add = (kind: TableKind, column: Column) => (columns[kind] ??= []).push(column);
  const nameColumns: number[] = [];
  let birth: number | undefined;
  grid.columns.forEach((col, index) => {
    if (col.cot !== undefined) {
      const meaning = cotMeaning(col.cot);
      if (!meaning) return; // a column the reader does not need
      if (!headerAgrees(col.path, col.cot, meaning, semester)) {
        problems.push(
          new HocBaError("EXTRACT_COLUMN_RENAMED", { ...where, column: col.label, cot: col.cot }),
        );
        return;
      }
      const group = meaning.group === "sem" ? semester : meaning.group;
      add(meaning.kind, { index, label: col.label, field: meaning.field, ...(group ? { group } : {}) });
      return;
    }
    const field = matcher.resolve(col, "hoSo")?.field;
    if (field === "hoTen" || field === "hoDem" || field === "ten") nameColumns.push(index);
    else if (field === "ngaySinh") birth = index;
  });
  // The body's cells must sit under the header that names them (a moved header, a moved cell).
  for (const row of grid.rows) {
    const moved = grid.columns.findIndex((col, i) => {
      const cot = row.elements?.[i]?.getAttribute("data-cot");
      return cot !== null && cot !== undefined && cot !== (col.cot ?? "");
    });
    if (moved >= 0) {
      const column = grid.columns[moved];
      problems.push(
        new HocBaError("EXTRACT_COLUMN_MISMATCH", {
          ...where,
          row: row.rowNumber,
          column: column?.label ?? "?",
          cot: row.elements?.[moved]?.getAttribute("data-cot") ?? "",
        }),
      );
      break;
    }
  }
  if (nameColumns.length === 0) {
    problems.push(new HocBaError("EXTRACT_COLUMN_MISSING", { ...where, column: "Họ và tên" }));
  }

  // Identity cells appended to each row: the code (tr id) and the whole name.
  const width = grid.columns.length;
  const rows: GridRow[] = grid.rows.map((row) => {
    const hoTen = cleanText(nameColumns.map((i) => row.cells[i] ?? "").join(" "));
    const cells = [...row.cells, row.key ?? "", hoTen];
    for (const [i, col] of grid.columns.entries()) {
      if (col.cot === undefined || !cotMeaning(col.cot)) continue;
      // A grade is its input's value, not whatever else the cell shows.
      const saved = savedInputText(row.elements?.[i]);
      if (saved !== undefined) cells[i] = saved;
      const edit = unsavedEdit(row.elements?.[i]);
      if (edit) {
        problems.push(
          new HocBaError("EXTRACT_UNSAVED_VALUE", {
            ...where,
            row: row.rowNumber,
            learner: hoTen || row.key || `#${row.rowNumber}`,
            column: col.label,
            typed: edit.typed,
            saved: edit.saved,
          }),
        );
      }
    }
    return { ...row, cells };
  });
  const identity: Column[] = [
    { index: width + 0, label: "Mã học sinh (mã dòng)", field: "maHocVien" },
    { index: width + 1, label: "Họ và tên", field: "hoTen" },
    ...(birth !== undefined
      ? [{ index: birth, label: grid.columns[birth]?.label ?? "Ngày sinh", field: "ngaySinh" as const }]
      : []),
  ];
  for (const kind of Object.keys(columns) as TableKind[]) columns[kind]?.unshift(...identity);
  return { grid, columns, rows, problems };
}

/** A TableToRead of one kind from a tablefix read. */
export function tablefixTable(
  read: TablefixRead,
  kind: TableKind,
  page: PageRef,
  title: string,
  extra: Partial<TableToRead> = {},
): TableToRead {
  const columns = read.columns[kind] ?? [];
  return {
    page,
    title,
    kind,
    columns,
    rows: read.rows,
    columnName: (field, group) =>
      columns.find((c) => c.field === field && (group === undefined || c.group === group))?.label ??
      matcher.displayName(field, group),
    ...extra,
  };
}

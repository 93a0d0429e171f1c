import { DEFAULT_MAPPING } from "../common/default-mapping.ts";
import { MappingMatcher } from "../common/header-mapping.ts";
import { cleanMultiline, cleanText } from "../common/normalize-text.ts";
import type { PageContent } from "../common/extract-tables.ts";
import type { KeyValue } from "../common/read-key-values.ts";
import type { Grid, GridColumn, GridRow } from "../common/read-grid.ts";

/**
 * A worksheet teachers export from a portal (sổ điểm of a subject, the year summary, the learner
 * list) as the same content an HTML page gives: the lines above the table (title, school, class,
 * year: "Lớp: 10A1"), and the table with its merged two- or three-row header resolved into column
 * paths ("Học kỳ I › TX1"). Hidden sheets, rows and columns are ignored, as the teacher does not
 * see them. Values are shown as the portal shows them: a number stored as a number gives its
 * shortest decimal ("7.3", not Excel's binary 7.300000000000001), a code stored as a number keeps
 * the zeros its format pads ("0102130001"), a date dd/mm/yyyy; text stays as typed ("7,5").
 *
 * Structural only: the reader takes exceljs's worksheet objects (or anything shaped like them), so
 * this module loads no library itself; the CLI and the extension's drop zone load the workbook.
 */

export interface CellLike {
  value: unknown;
  numFmt?: string;
  isMerged?: boolean;
  master?: { address: string };
  address: string;
}
export interface WorksheetLike {
  name: string;
  state?: string;
  rowCount: number;
  columnCount: number;
  getRow(r: number): { hidden?: boolean; getCell(c: number): CellLike };
  getColumn(c: number): { hidden?: boolean };
}

const pad2 = (n: number) => String(n).padStart(2, "0");

/** A cell's value as the sheet shows it. */
export function cellText(value: unknown, numFmt = ""): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return String(value);
    const zeros = /^0+$/.exec(numFmt)?.[0];
    if (zeros && Number.isInteger(value) && value >= 0) return String(value).padStart(zeros.length, "0");
    return String(Number(value.toPrecision(12)));
  }
  if (value instanceof Date) {
    return `${pad2(value.getUTCDate())}/${pad2(value.getUTCMonth() + 1)}/${value.getUTCFullYear()}`;
  }
  if (typeof value === "object") {
    const v = value as {
      richText?: { text?: string }[];
      text?: unknown;
      result?: unknown;
      formula?: unknown;
      error?: unknown;
    };
    if (Array.isArray(v.richText)) return v.richText.map((r) => r.text ?? "").join("");
    if ("result" in v || "formula" in v) return cellText(v.result, numFmt);
    if (typeof v.text === "string") return v.text;
    // "#N/A", "#DIV/0!": kept visible, so that the cell's parser reports it.
    if (typeof v.error === "string") return v.error;
  }
  return JSON.stringify(value) ?? "";
}

const matcher = new MappingMatcher(DEFAULT_MAPPING);

/** Whether a header text names a learner's or a subject's identity (where a table's header starts). */
function isIdentityHeader(text: string): boolean {
  return matcher.field(text, ["hoTen", "ten", "maHocVien", "tenMon"]) !== undefined;
}

interface Slot {
  text: string;
  /** The merge's top-left address (a merged cell's every part has the same). */
  key: string;
  /** The last row the merge covers. */
  bottom: number;
}

function slotsOf(sheet: WorksheetLike): (r: number, c: number) => Slot {
  const bottoms = new Map<string, number>();
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    for (let c = 1; c <= sheet.columnCount; c++) {
      const cell = row.getCell(c);
      if (cell.isMerged && cell.master) {
        bottoms.set(cell.master.address, Math.max(bottoms.get(cell.master.address) ?? r, r));
      }
    }
  }
  const cache = new Map<string, Slot>();
  return (r, c) => {
    const cell = sheet.getRow(r).getCell(c);
    const key = cell.isMerged && cell.master ? cell.master.address : cell.address;
    let slot = cache.get(key);
    if (!slot) {
      // exceljs gives a merged cell's every part the master's value.
      slot = { text: cellText(cell.value, cell.numFmt), key, bottom: bottoms.get(key) ?? r };
      cache.set(key, slot);
    }
    return slot;
  };
}

/** "Label: value" in one cell, or a label cell ending with ":" and the next cell. */
function keyValuesOf(cells: string[]): KeyValue[] {
  const out: KeyValue[] = [];
  for (let i = 0; i < cells.length; i++) {
    const text = cleanText(cells[i] ?? "");
    if (text === "") continue;
    const inline = /^([^:]{1,80}):\s*(.+)$/s.exec(text);
    if (inline?.[1] && inline[2]) {
      // "Lớp: 10A1 - Năm học: 2025-2026" on one line: each part.
      for (const part of text.split(/\s+[-–|]\s+|\s{2,}/)) {
        const m = /^([^:]{1,80}):\s*(.+)$/s.exec(part);
        if (m?.[1] && m[2]) out.push({ label: m[1].trim(), value: m[2].trim() });
      }
      continue;
    }
    if (/:$/.test(text)) {
      const next = cells.slice(i + 1).find((t) => cleanText(t) !== "");
      if (next !== undefined) {
        out.push({ label: text.replace(/\s*:$/, ""), value: cleanText(next) });
        i = cells.indexOf(next, i + 1);
      }
    }
  }
  return out;
}

/** Reads one worksheet's lines and its (first) data table. Undefined for a hidden sheet. */
export function readSheet(sheet: WorksheetLike, url: string): PageContent | undefined {
  if (sheet.state === "hidden" || sheet.state === "veryHidden") return undefined;
  const slot = slotsOf(sheet);
  const visibleRows = Array.from({ length: sheet.rowCount }, (_, i) => i + 1).filter(
    (r) => !sheet.getRow(r).hidden,
  );
  const visibleCols = Array.from({ length: sheet.columnCount }, (_, i) => i + 1).filter(
    (c) => !sheet.getColumn(c).hidden,
  );
  const rowTexts = (r: number) => {
    const seen = new Set<string>();
    return visibleCols.map((c) => {
      const s = slot(r, c);
      if (seen.has(s.key)) return "";
      seen.add(s.key);
      return s.text;
    });
  };

  // The header starts at the first row naming the learner (or the subject); it ends where the
  // merged cell of that name ends, or further while the name column stays empty (sub-headers).
  let start: number | undefined;
  let nameCol: number | undefined;
  for (const r of visibleRows) {
    const c = visibleCols.find((col) => isIdentityHeader(slot(r, col).text));
    if (c !== undefined) {
      start = r;
      nameCol = c;
      break;
    }
  }
  const lines: string[] = [];
  const keyValues: KeyValue[] = [];
  for (const r of visibleRows) {
    if (start !== undefined && r >= start) break;
    const cells = rowTexts(r);
    const line = cleanText(cells.filter((t) => cleanText(t) !== "").join(" "));
    if (line) lines.push(line);
    keyValues.push(...keyValuesOf(cells));
  }
  const page = { url, title: lines[0] ?? sheet.name };
  if (start === undefined || nameCol === undefined) {
    return { page, grids: [], keyValues, lines: [sheet.name, ...lines] };
  }

  let end = Math.max(start, ...visibleCols.map((c) => slot(start, c).bottom));
  const nameKey = slot(start, nameCol).key;
  for (const r of visibleRows) {
    if (r <= end) continue;
    // A sub-header row without merges: the name column is empty there, and something else is written.
    const name = slot(r, nameCol);
    if (
      r === end + 1 &&
      name.key !== nameKey &&
      name.text === "" &&
      visibleCols.some((c) => slot(r, c).text !== "")
    ) {
      end = r;
    } else break;
  }
  const headerRows = visibleRows.filter((r) => r >= start && r <= end);

  const columns: GridColumn[] = [];
  const keep: number[] = [];
  for (const c of visibleCols) {
    const path: string[] = [];
    let last = "";
    for (const r of headerRows) {
      const s = slot(r, c);
      if (s.key === last) continue;
      last = s.key;
      const text = cleanText(s.text);
      if (text !== "") path.push(text);
    }
    if (path.length === 0) continue;
    keep.push(c);
    columns.push({ path, label: path.join(" › ") });
  }

  const rows: GridRow[] = [];
  let started = false;
  for (const r of visibleRows) {
    if (r <= end) continue;
    const cells = keep.map((c) => slot(r, c).text);
    const distinct = new Set(keep.map((c) => slot(r, c).key));
    if (cells.every((t) => cleanText(t) === "")) {
      if (started) break; // the blank row before the footer (signatures, "Người lập biểu")
      continue;
    }
    if (distinct.size === 1 && keep.length > 1) continue; // a section label across the table
    started = true;
    rows.push({ rowNumber: rows.length + 1, cells: cells.map((t) => cleanMultiline(t)), links: [] });
  }
  const grid: Grid = { title: lines[lines.length - 1] ?? sheet.name, columns, rows };
  return { page, grids: [grid], keyValues, lines: [sheet.name, ...lines] };
}

import { saveBytes } from "./save-bytes.ts";

/** One sheet of an export: a title line, the column headers, the rows; `late` rows are filled red. */
export interface XlsxSheet {
  name: string;
  title: string;
  headers: string[];
  rows: (string | number | null)[][];
  /** Row indexes (in `rows`) shown in red, as on the page. */
  redRows?: ReadonlySet<number>;
}

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * Builds an .xlsx of the sheets and lets the browser save it. exceljs is big: it is loaded here, on
 * the first export (its own chunk), never with the page.
 */
export async function exportXlsx(sheets: readonly XlsxSheet[], fileName: string): Promise<Uint8Array> {
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Học bạ số";
  for (const sheet of sheets) {
    // Excel refuses sheet names over 31 characters and with []:*?/\
    const ws = workbook.addWorksheet(sheet.name.replace(/[[\]:*?/\\]/g, "-").slice(0, 31));
    ws.addRow([sheet.title]).font = { bold: true, size: 13 };
    ws.addRow([]);
    const header = ws.addRow(sheet.headers);
    header.font = { bold: true };
    sheet.rows.forEach((values, i) => {
      const row = ws.addRow(values);
      if (sheet.redRows?.has(i)) row.font = { color: { argb: "FFB3261E" }, bold: true };
    });
    ws.columns.forEach((col, i) => {
      const widest = Math.max(
        (sheet.headers[i] ?? "").length,
        ...sheet.rows.map((r) => String(r[i] ?? "").length),
      );
      col.width = Math.min(60, Math.max(8, widest + 2));
    });
  }
  const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
  saveBytes(bytes, fileName, XLSX_TYPE);
  return bytes;
}

import type { ProgressTable } from "../../shared/progress/progress-table.ts";

/**
 * The progress table as an .xlsx workbook (one sheet, title lines, a header row, one row per
 * class, late classes in red), for the Phó Giám đốc's follow-up. exceljs is loaded only here.
 */
export async function progressXlsx(table: ProgressTable): Promise<Uint8Array> {
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Tiến độ");
  ws.addRow([table.title]).font = { bold: true, size: 14 };
  for (const line of table.subtitle) ws.addRow([line]);
  ws.addRow([]);
  const header = ws.addRow([...table.headers]);
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDEBF7" } };
    cell.border = { bottom: { style: "thin" } };
  });
  for (const row of table.rows) {
    const r = ws.addRow(row.cells);
    if (row.late) r.font = { color: { argb: "FFC00000" }, bold: true };
  }
  ws.columns.forEach((col, i) => {
    col.width = i === 1 ? 36 : i === table.headers.length - 1 ? 40 : 16;
  });
  ws.views = [{ state: "frozen", ySplit: table.subtitle.length + 3 }];
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

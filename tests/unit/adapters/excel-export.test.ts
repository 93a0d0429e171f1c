import { describe, expect, it } from "vitest";
import type { Gradebook } from "../../../shared/model/gradebook.ts";
import { extractGradebook } from "../../../shared/portal-adapters/extract-gradebook.ts";
import { createGenericTableAdapter } from "../../../shared/portal-adapters/generic-table/generic-table-adapter.ts";
import { cellText } from "../../../shared/portal-adapters/spreadsheet/read-sheet.ts";
import { classWorkbook, readWorkbook, workbookBytes, type WorkbookOptions } from "./class-workbook.ts";
import { loadFixture } from "./portal-client.ts";

/**
 * Excel exports (made here with exceljs) read through the generic adapter's header mapping: the
 * sample classes come back exactly, whatever the export's habits (numbers as text with a comma or
 * as numbers, merged two- or three-row headers, a sheet per semester, hidden columns, rows and
 * sheets with junk).
 */

const gdtx = loadFixture("gradebook-gdtx-10.json");
const thpt = loadFixture("gradebook-thpt-11.json");
const errors = loadFixture("gradebook-errors.json");
const adapter = createGenericTableAdapter();

async function roundTrip(gb: Gradebook, options: WorkbookOptions) {
  const pages = await readWorkbook(await workbookBytes(classWorkbook(gb, options)));
  return extractGradebook(adapter, pages);
}

describe("Excel exports", () => {
  it.each([
    ["GDTX 10A1, numbers as text", gdtx, { numbers: "text" }],
    ["GDTX 10A1, numbers as numbers, three header rows", gdtx, { numbers: "number", threeRowHeader: true }],
    ["THPT 11A2, mixed, one sheet per semester", thpt, { numbers: "mixed", perSemester: true }],
    ["THPT 11A2, hidden junk", thpt, { hiddenJunk: true }],
    ["10A9 with deliberate errors", errors, { numbers: "mixed" }],
  ] as [string, Gradebook, WorkbookOptions][])("%s: read back exactly", async (_name, source, options) => {
    const result = await roundTrip(source, options);
    expect(result.problems.map((p) => p.message)).toEqual([]);
    const gb = result.gradebook as Gradebook;
    source.learners.forEach((learner, i) => {
      expect(gb.learners[i]?.hocVien, `học viên ${i + 1}`).toEqual(learner.hocVien);
      expect(gb.learners[i]?.ketQua, `kết quả ${learner.hocVien.hoTen}`).toEqual(learner.ketQua);
    });
    expect(gb).toEqual(source);
  });

  it("shows numbers as the sheet does: float noise removed, padded codes kept, dates as dd/mm/yyyy", () => {
    expect(cellText(7.300000000000001)).toBe("7.3");
    expect(cellText(102130001, "0000000000")).toBe("0102130001");
    expect(cellText(new Date(Date.UTC(2010, 10, 24)))).toBe("24/11/2010");
    expect(cellText({ formula: "AVERAGE(A1:B1)", result: 8.25 })).toBe("8.25");
    expect(cellText({ richText: [{ text: "Nguyễn " }, { text: "Văn A" }] })).toBe("Nguyễn Văn A");
    expect(cellText("7,5")).toBe("7,5");
  });
});

describe("Excel layout changes", () => {
  it("columns moved in the export (CK before GK) are read by their headers: the same class", async () => {
    const wb = classWorkbook(gdtx, { numbers: "text" });
    const ws = wb.getWorksheet("TO");
    let gk = 0;
    let ck = 0;
    ws?.eachRow((row) =>
      row.eachCell((cell, col) => {
        if (cell.value === "GK" && gk === 0) gk = col;
        if (cell.value === "CK" && ck === 0) ck = col;
      }),
    );
    expect(ck).toBe(gk + 1);
    ws?.eachRow((row, r) => {
      if (r < 5) return; // the header's top row (merged "Học kỳ I") stays
      const a = row.getCell(gk).value;
      row.getCell(gk).value = row.getCell(ck).value;
      row.getCell(ck).value = a;
    });
    const result = extractGradebook(adapter, await readWorkbook(await workbookBytes(wb)));
    expect(result.problems.map((p) => p.message)).toEqual([]);
    expect(result.gradebook).toEqual(gdtx);
  });
});

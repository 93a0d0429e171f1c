import type { PortalPage } from "../common/page-data.ts";
import { readSheet, type WorksheetLike } from "./read-sheet.ts";

/**
 * The visible sheets of a workbook as pages (one per sheet, named "file#sheet"), for the generic
 * adapter. The caller loads the workbook (exceljs in Node and in the extension's page).
 */
export function workbookPages(worksheets: readonly WorksheetLike[], fileUrl: string): PortalPage[] {
  const pages: PortalPage[] = [];
  for (const sheet of worksheets) {
    const url = `${fileUrl}#${encodeURIComponent(sheet.name)}`;
    const content = readSheet(sheet, url);
    if (content) pages.push({ url, sheet: content });
  }
  return pages;
}

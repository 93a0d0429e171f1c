import { HocBaError } from "../../shared/errors/hocba-error.ts";
import type { HeaderMapping } from "../../shared/portal-adapters/common/header-mapping.ts";
import type { PortalPage } from "../../shared/portal-adapters/common/page-data.ts";
import { extractGradebook, type ExtractResult } from "../../shared/portal-adapters/extract-gradebook.ts";
import { createGenericTableAdapter } from "../../shared/portal-adapters/generic-table/generic-table-adapter.ts";
import { workbookPages } from "../../shared/portal-adapters/spreadsheet/workbook-pages.ts";

/**
 * Excel files a teacher exported from her portal, dropped on the review page: every visible sheet
 * of every file read through the generic adapter's header mapping (the built-in one plus the
 * options page's), as `hocba extract` does. exceljs is big: this module is loaded only when files
 * are dropped, and loads it then (its own chunk, not in the page's bundle).
 */
export interface DroppedFile {
  name: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export async function readExcelFiles(
  files: readonly DroppedFile[],
  mapping?: HeaderMapping,
): Promise<ExtractResult> {
  const { default: ExcelJS } = await import("exceljs");
  const pages: PortalPage[] = [];
  const unreadable: HocBaError[] = [];
  for (const file of files) {
    const workbook = new ExcelJS.Workbook();
    try {
      await workbook.xlsx.load(await file.arrayBuffer());
    } catch (err) {
      unreadable.push(
        new HocBaError("EXTRACT_BAD_WORKBOOK", {
          file: file.name,
          detail: err instanceof Error ? err.message : String(err),
        }),
      );
      continue;
    }
    pages.push(...workbookPages(workbook.worksheets, `file:///${encodeURIComponent(file.name)}`));
  }
  if (pages.length === 0 && unreadable.length === 0) {
    unreadable.push(new HocBaError("EXTRACT_NO_INPUT"));
  }
  if (unreadable.length > 0) return { gradebook: null, problems: unreadable, pageCount: pages.length };
  // Read as far as the files go, so that the page can say what else is needed and from where;
  // only a complete class is stored.
  const result = extractGradebook(createGenericTableAdapter(mapping), pages, undefined, { partial: true });
  const stillNeeded = result.stillNeeded ?? [];
  if (stillNeeded.length === 0) return result;
  return { gradebook: null, problems: [...result.problems, ...stillNeeded], pageCount: result.pageCount };
}

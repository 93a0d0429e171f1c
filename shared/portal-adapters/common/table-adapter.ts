import { HocBaError } from "../../errors/hocba-error.ts";
import type { PageResult } from "../portal-adapter.ts";
import { extractTablesPage } from "./extract-tables.ts";
import type { MappingMatcher } from "./header-mapping.ts";
import { pageName, type PageData, type PageKind, type PortalPage } from "./page-data.ts";
import { assertReadable } from "./page-helpers.ts";

/**
 * Reading an HTML page through the mapping engine, then checking that the page holds what its
 * kind promises (a sổ điểm page without a sổ điểm table is an error naming the page, not an
 * empty subject).
 */
const EXPECTED_TABLE: Partial<Record<PageKind, { table: string; has: (d: PageData) => boolean }>> = {
  soDiem: { table: "Sổ điểm", has: (d) => d.soDiem.length > 0 },
  tongKet: { table: "Tổng kết", has: (d) => d.tongKet.length > 0 },
  nhanXet: { table: "Nhận xét của GVCN", has: (d) => d.nhanXet.length > 0 },
  hoSo: { table: "Hồ sơ học viên", has: (d) => d.profiles.length > 0 },
  lop: { table: "Danh sách học viên", has: (d) => d.profiles.some((p) => p.fromList) },
};

export function extractHtmlPage(
  page: PortalPage,
  matcher: MappingMatcher,
  kind: PageKind | undefined,
): PageResult {
  assertReadable(page);
  const doc = page.doc as Document;
  const { data, problems } = extractTablesPage(doc, page.url, matcher, kind === "khac" ? undefined : kind);
  const expected = EXPECTED_TABLE[data.kind];
  if (kind && expected && !expected.has(data) && problems.length === 0) {
    problems.push(
      new HocBaError("EXTRACT_TABLE_MISSING", { page: pageName(data.page), table: expected.table }),
    );
  }
  if (kind === "lop" && data.subjects.length === 0 && problems.length === 0) {
    problems.push(
      new HocBaError("EXTRACT_TABLE_MISSING", { page: pageName(data.page), table: "Danh sách môn học" }),
    );
  }
  return { data, problems };
}

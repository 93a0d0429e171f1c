import { describe, expect, it } from "vitest";
import type { PortalPage } from "../../../shared/portal-adapters/common/page-data.ts";
import { crawlClass } from "../../../shared/portal-adapters/crawl-class.ts";
import { extractGradebook } from "../../../shared/portal-adapters/extract-gradebook.ts";
import {
  createGenericTableAdapter,
  parseHeaderMapping,
} from "../../../shared/portal-adapters/generic-table/generic-table-adapter.ts";
import { OTHER_MAPPING_JSON, otherPortalPages, smallGradebook } from "./other-portal.ts";
import { parseHtml } from "./portal-client.ts";

const source = smallGradebook();
const saved = otherPortalPages(source);
const pages: PortalPage[] = saved.map((p) => ({ url: p.url, doc: parseHtml(p.html) }));
const mapping = parseHeaderMapping(JSON.parse(OTHER_MAPPING_JSON), "xyz.json");

describe("generic table adapter", () => {
  it("reads a portal it has never seen once IT gives the header mapping", () => {
    const result = extractGradebook(createGenericTableAdapter(mapping), pages);
    expect(result.problems.map((p) => p.message)).toEqual([]);
    expect(result.gradebook).toEqual(source);
  });

  it("without the mapping it says what it could not find instead of guessing", () => {
    const result = extractGradebook(createGenericTableAdapter(), pages);
    expect(result.gradebook).toBeNull();
    const codes = new Set(result.problems.map((p) => p.code));
    expect(codes.has("EXTRACT_COLUMN_MISSING") || codes.has("EXTRACT_INFO_MISSING")).toBe(true);
    expect(result.problems.map((p) => p.message)).toContain(
      "Không tìm thấy thông tin «Mã Sở GD&ĐT» của lớp trên các trang đã đọc (cần trang thông tin lớp).",
    );
  });

  it("a field no page shows is named for each learner", () => {
    const withoutGender = saved.map((p) => ({
      url: p.url,
      doc: parseHtml(
        p.html.replace(/<th>Giới tính<\/th>|<td>(Nam|Nữ)<\/td>|<dt>Giới tính<\/dt><dd>(Nam|Nữ)<\/dd>/g, ""),
      ),
    }));
    const result = extractGradebook(createGenericTableAdapter(mapping), withoutGender);
    expect(result.problems.map((p) => p.message)).toEqual(
      source.learners.map(
        (l) =>
          `Học viên «${l.hocVien.hoTen}»: không tìm thấy «Giới tính» trên các trang đã đọc (danh sách lớp, hồ sơ).`,
      ),
    );
  });

  it("crawls from the class page by link texts and table rows", async () => {
    const byUrl = new Map(saved.map((p) => [p.url, p.html]));
    const start = pages[0] as PortalPage;
    const adapter = createGenericTableAdapter(mapping);
    expect(adapter.pageKind(start)).toBe("lop");
    const crawl = await crawlClass({
      adapter,
      start,
      fetchPage: (url) => {
        const html = byUrl.get(url);
        return html === undefined ? Promise.reject(new Error("HTTP 404")) : Promise.resolve({ url, html });
      },
      parseHtml: (h) => parseHtml(h),
    });
    expect(crawl.problems).toEqual([]);
    expect(new Set(crawl.pages.map((p) => p.url))).toEqual(new Set(saved.map((p) => p.url)));
    expect(extractGradebook(adapter, crawl.pages).gradebook).toEqual(source);
  });

  it.each([
    [{ version: 2 }, "version"],
    [{ version: 1, columns: { hoTenn: ["Họ tên"] } }, "columns"],
    [{ version: 1, groups: { hk1: "Kỳ 1" } }, "groups.hk1"],
  ])("rejects a malformed mapping %j naming the place", (json, where) => {
    expect(() => parseHeaderMapping(json, "bad.json")).toThrowError(
      new RegExp(`^Tệp ánh xạ cột bad\\.json không hợp lệ: ${where.replace(".", "\\.")}`),
    );
  });
});

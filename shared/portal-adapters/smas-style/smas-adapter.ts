import { assembleGradebook } from "../common/assemble-gradebook.ts";
import { DEFAULT_MAPPING } from "../common/default-mapping.ts";
import { classifyGrid } from "../common/extract-tables.ts";
import { MappingMatcher } from "../common/header-mapping.ts";
import type { PageKind, PortalPage } from "../common/page-data.ts";
import { httpUrl, isLoginPage, pageRef, sameOriginLinks } from "../common/page-helpers.ts";
import { readGrids } from "../common/read-grid.ts";
import { extractHtmlPage } from "../common/table-adapter.ts";
import { documentRoot } from "../common/dom-text.ts";
import type { PortalAdapter } from "../portal-adapter.ts";

/**
 * SMAS-style portals (Viettel): server-rendered pages, one per view, under /smas/. The class page
 * (Lop/ChiTiet) links to each subject's sổ điểm, the tổng kết, the GVCN comments and every
 * learner's hồ sơ; tables are read through the built-in header mapping.
 */

const PATH_KINDS: ReadonlyArray<readonly [RegExp, PageKind]> = [
  [/\/account\/login/i, "dangNhap"],
  [/\/lop\/danhsach/i, "danhSachLop"],
  [/\/lop\/chitiet/i, "lop"],
  [/\/sodiem\//i, "soDiem"],
  [/\/tongket\//i, "tongKet"],
  [/\/nhanxet\//i, "nhanXet"],
  [/\/hoso\//i, "hoSo"],
];
const FOLLOW = /\/smas\/(sodiem|tongket|nhanxet|hoso)\//i;

const matcher = new MappingMatcher(DEFAULT_MAPPING);

function kindFromUrl(page: PortalPage): PageKind | undefined {
  const url = httpUrl(page);
  if (!url || !/^\/smas\//i.test(url.pathname)) return undefined;
  return PATH_KINDS.find(([re]) => re.test(url.pathname))?.[1] ?? "khac";
}

/** A saved SMAS page without its address: tell the kind from its tables. */
function kindFromDoc(doc: Document, title: string): PageKind {
  if (isLoginPage(doc)) return "dangNhap";
  const kinds = readGrids(doc).map((g) => classifyGrid(g, matcher, title)?.kind);
  if (kinds.includes("soDiem")) return "soDiem";
  if (kinds.includes("tongKet")) return "tongKet";
  if (kinds.includes("nhanXet")) return "nhanXet";
  if (kinds.includes("monHoc")) return "lop";
  if (/hồ sơ/i.test(title)) return "hoSo";
  return "khac";
}

export const smasAdapter: PortalAdapter = {
  id: "smas-style",
  label: "SMAS (Viettel) và cổng tương tự",

  detect(page) {
    if (page.json !== undefined) return false;
    if (kindFromUrl(page) !== undefined) return true;
    const doc = page.doc;
    if (!doc) return false;
    return (
      documentRoot(doc)?.classList.contains("smas") === true || /(^|\s-\s)SMAS$/.test(pageRef(page).title)
    );
  },

  pageKind(page) {
    const byUrl = kindFromUrl(page);
    if (byUrl) return byUrl;
    return page.doc ? kindFromDoc(page.doc, pageRef(page).title) : "khac";
  },

  links(page) {
    if (this.pageKind(page) !== "lop" || !page.doc) return [];
    const hrefs = Array.from(page.doc.querySelectorAll("a[href]"), (a) => a.getAttribute("href") ?? "");
    return sameOriginLinks(page.url, hrefs).filter((u) => FOLLOW.test(new URL(u).pathname));
  },

  extract(page) {
    return extractHtmlPage(page, matcher, this.pageKind(page));
  },

  assemble(pages, options) {
    return assembleGradebook([...pages], options);
  },
};

import { HocBaError } from "../../errors/hocba-error.ts";
import { assembleGradebook } from "../common/assemble-gradebook.ts";
import { DEFAULT_MAPPING } from "../common/default-mapping.ts";
import { classifyGrid, extractFromContent, type PageContent } from "../common/extract-tables.ts";
import { HeaderMapping, MappingMatcher, mergeMappings } from "../common/header-mapping.ts";
import { foldKey } from "../common/normalize-text.ts";
import { pageName, type PageKind } from "../common/page-data.ts";
import { isLoginPage, pageRef, sameOriginLinks } from "../common/page-helpers.ts";
import { visibleText } from "../common/dom-text.ts";
import { readGrids } from "../common/read-grid.ts";
import { extractHtmlPage } from "../common/table-adapter.ts";
import type { PortalAdapter } from "../portal-adapter.ts";

/**
 * Any portal whose pages show HTML tables (or ExtJS-style grids): tables are recognised by their
 * headers through a header mapping (built-in Vietnamese synonyms plus the one IT configures), so
 * no code knows the portal. From a class page it follows links whose text names a sổ điểm, tổng
 * kết, hồ sơ or nhận xét page, and the links in the learner list (one hồ sơ per learner).
 */
export function createGenericTableAdapter(userMapping?: HeaderMapping): PortalAdapter {
  const matcher = new MappingMatcher(mergeMappings(DEFAULT_MAPPING, userMapping));

  const kindOf = (doc: Document | PageContent, title: string): PageKind => {
    if ("grids" in doc ? false : isLoginPage(doc)) return "dangNhap";
    const grids = "grids" in doc ? doc.grids : readGrids(doc);
    const kinds = grids.map((g) => classifyGrid(g, matcher, title)?.kind);
    if (kinds.includes("soDiem")) return "soDiem";
    if (kinds.includes("tongKet")) return "tongKet";
    if (kinds.includes("nhanXet")) return "nhanXet";
    if (kinds.includes("monHoc")) return "lop";
    if (kinds.includes("hoSo")) return "lop";
    return "khac";
  };

  return {
    id: "generic-table",
    label: "Bảng HTML chung (theo bảng ánh xạ cột)",

    detect(page) {
      if (page.sheet) {
        return page.sheet.grids.some((g) => classifyGrid(g, matcher, page.sheet?.page.title ?? "") !== null);
      }
      if (!page.doc) return false;
      return readGrids(page.doc).some((g) => classifyGrid(g, matcher, pageRef(page).title) !== null);
    },

    pageKind(page) {
      if (page.sheet) return kindOf(page.sheet, page.sheet.page.title);
      return page.doc ? kindOf(page.doc, pageRef(page).title) : "khac";
    },

    links(page) {
      const doc = page.doc;
      if (!doc || this.pageKind(page) !== "lop") return [];
      const hrefs: string[] = [];
      for (const a of Array.from(doc.querySelectorAll("a[href]"))) {
        const text = foldKey(visibleText(a));
        if (text !== "" && matcher.linkKeys.some((k) => k !== "" && text.includes(k))) {
          hrefs.push(a.getAttribute("href") ?? "");
        }
      }
      // Learner rows link to each learner's profile, subject rows to each sổ điểm.
      for (const grid of readGrids(doc)) {
        const kind = classifyGrid(grid, matcher, pageRef(page).title)?.kind;
        if (kind === "hoSo" || kind === "monHoc") {
          for (const row of grid.rows) hrefs.push(...row.links);
        }
      }
      return sameOriginLinks(page.url, hrefs);
    },

    extract(page) {
      const result = page.sheet
        ? extractFromContent(page.sheet, matcher)
        : extractHtmlPage(page, matcher, undefined);
      const d = result.data;
      const empty =
        Object.keys(d.info).length === 0 &&
        d.subjects.length + d.profiles.length + d.soDiem.length + d.tongKet.length + d.nhanXet.length === 0;
      if (empty && result.problems.length === 0) {
        result.problems.push(
          new HocBaError("EXTRACT_UNKNOWN_PAGE", { adapter: "generic-table", page: pageName(d.page) }),
        );
      }
      return result;
    },

    assemble(pages, options) {
      return assembleGradebook([...pages], options);
    },
  };
}

/** Parses a mapping (JSON text already parsed), naming the file in the error. */
export function parseHeaderMapping(json: unknown, file: string): HeaderMapping {
  const parsed = HeaderMapping.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HocBaError("EXTRACT_BAD_MAPPING", {
      file,
      detail: issue ? `${issue.path.join(".") || "(gốc)"}: ${issue.message}` : "?",
    });
  }
  return parsed.data;
}

import { assembleGradebook } from "../common/assemble-gradebook.ts";
import { emptyPageData, type PageKind, type PortalPage } from "../common/page-data.ts";
import { assertReadable, httpUrl, isLoginPage, pageRef } from "../common/page-helpers.ts";
import { documentRoot } from "../common/dom-text.ts";
import type { PortalAdapter } from "../portal-adapter.ts";
import { API_KINDS, apiFromShape, readVneduJson, type VneduApi } from "./read-vnedu-json.ts";

/**
 * vnEdu-style portals (VNPT): the HTML pages are ExtJS shells whose grids a script fills from a JSON
 * API, so the adapter reads the API: from any page of a class (lop_id in the address) it asks for
 * the class details, sổ học bạ, tổng kết and GVCN comments, and from the class details for each
 * subject's sổ điểm. The shells themselves carry no data.
 */

const API_NAMES = new Set<VneduApi>(["dslop", "lop", "hocba", "sodiem", "tongket", "nhanxet"]);
const SHELL_KINDS: Readonly<Record<string, PageKind>> = {
  login: "dangNhap",
  dslop: "danhSachLop",
  lop: "lop",
  sodiem: "soDiem",
  hocba: "hoSo",
  tongket: "tongKet",
  nhanxet: "nhanXet",
};

/** ("api" | "page", name) from a /vnedu/... address. */
function route(page: PortalPage): { api: boolean; name: string; url: URL } | null {
  const url = httpUrl(page);
  const m = url ? /^\/vnedu\/(api\/)?([a-z]+)\/?$/i.exec(url.pathname) : null;
  return url && m ? { api: m[1] !== undefined, name: (m[2] ?? "").toLowerCase(), url } : null;
}

export const vneduAdapter: PortalAdapter = {
  id: "vnedu-style",
  label: "vnEdu (VNPT) và cổng tương tự",

  detect(page) {
    if (route(page)) return true;
    if (page.json !== undefined) return apiFromShape(page.json) !== undefined;
    const doc = page.doc;
    if (!doc) return false;
    return (
      documentRoot(doc)?.classList.contains("vnedu") === true ||
      (/\|\s*vnEdu$/i.test(pageRef(page).title) && doc.querySelector(".x-window-header-text") !== null)
    );
  },

  pageKind(page) {
    const r = route(page);
    if (r) return (r.api ? API_KINDS[r.name as VneduApi] : SHELL_KINDS[r.name]) ?? "khac";
    if (page.json !== undefined) {
      const api = apiFromShape(page.json);
      return api ? API_KINDS[api] : "khac";
    }
    return page.doc && isLoginPage(page.doc) ? "dangNhap" : "khac";
  },

  links(page) {
    const r = route(page);
    if (!r) return [];
    const lop = r.url.searchParams.get("lop_id");
    const api = (name: string, extra = "") =>
      new URL(`/vnedu/api/${name}?lop_id=${encodeURIComponent(lop ?? "")}${extra}`, r.url).href;
    if (!r.api && lop && r.name !== "login" && r.name !== "dslop") {
      return [api("lop"), api("hocba"), api("tongket"), api("nhanxet")];
    }
    if (r.api && r.name === "lop" && lop) {
      const subjects =
        (page.json as { data?: { mon_hoc?: { ma_mon?: unknown }[] } } | undefined)?.data?.mon_hoc ?? [];
      return subjects
        .map((s) => (typeof s.ma_mon === "string" || typeof s.ma_mon === "number" ? String(s.ma_mon) : ""))
        .filter((ma) => ma !== "")
        .map((ma) => api("sodiem", `&mon_id=${encodeURIComponent(ma)}`));
    }
    return [];
  },

  extract(page) {
    const ref = pageRef(page);
    if (page.json !== undefined) {
      const r = route(page);
      const api = r?.api && API_NAMES.has(r.name as VneduApi) ? (r.name as VneduApi) : undefined;
      return readVneduJson(ref, page.json, api);
    }
    assertReadable(page);
    // A shell page: its data comes from the API pages the crawl reads.
    return { data: emptyPageData(ref, this.pageKind(page)), problems: [] };
  },

  assemble(pages, options) {
    return assembleGradebook([...pages], options);
  },
};

import { HocBaError } from "../../errors/hocba-error.ts";
import { assembleGradebook } from "../common/assemble-gradebook.ts";
import type { PortalPage } from "../common/page-data.ts";
import { assertReadable, httpUrl, isLoginPage, pageRef } from "../common/page-helpers.ts";
import type { PortalRequest } from "../common/portal-request.ts";
import type { PortalAdapter } from "../portal-adapter.ts";
import { jsonCellText } from "../vnedu-style/store-table.ts";
import {
  fragments,
  hiddenField,
  readV5Globals,
  readV5Page,
  v5HtmlPage,
  v5JsonPage,
  V5_CALLS,
  V5_LOADS,
  V5_PAGE_KINDS,
  type V5Page,
} from "./read-v5-page.ts";

/**
 * vnEdu v5 teacher web (`https://<trường>.vnedu.vn/v5/`): an ExtJS desktop. The class page is the
 * shell with a sổ điểm window open (its hidden iLopId, iKhoi, iNamHoc); the page script's
 * `my_token` and `phpviet_nam_hoc_v5` go with every request, as the portal's own script sends
 * them. From there the crawl asks, by form POST, for the class (`?call=edu.lop_hoc.getThongTin`),
 * its subjects and learners, the tổng kết fragment, and each subject's sổ điểm fragment for both
 * semesters (`?load=edu.so_diem.nhap`). Grades are read from the fragments' inputs.
 */

type V5Route = { base: URL; load?: string; call?: string };

function route(page: PortalPage): V5Route | null {
  const url = httpUrl(page);
  if (!url || !/\/v5\/(index\.php)?$/i.test(url.pathname)) return null;
  const load = url.searchParams.get("load") ?? undefined;
  const call = url.searchParams.get("call") ?? undefined;
  return { base: new URL(url.pathname, url), ...(load ? { load } : {}), ...(call ? { call } : {}) };
}

/** Which v5 page this is: by the request or address when known, else by its content. */
function whichPage(page: PortalPage): V5Page | undefined {
  const r = route(page);
  if (r?.call && r.call in V5_CALLS) return V5_CALLS[r.call as keyof typeof V5_CALLS];
  if (r?.load && r.load in V5_LOADS) return V5_LOADS[r.load as keyof typeof V5_LOADS];
  if (page.json !== undefined) return v5JsonPage(page.json);
  return page.doc ? v5HtmlPage(page.doc) : undefined;
}

/** The form every request carries: the school year, the class, the page's token. */
function baseForm(page: PortalPage): Record<string, string> | undefined {
  if (page.request?.form) {
    const f = page.request.form;
    const keep = ["app_nam_hoc", "nam_hoc", "iKhoi", "iLopId", "my_token"];
    return Object.fromEntries(keep.filter((k) => f[k] !== undefined).map((k) => [k, f[k] as string]));
  }
  const doc = page.doc;
  if (!doc) return undefined;
  const globals = readV5Globals(doc);
  const frag = fragments(doc).find((f) => hiddenField(f, "iLopId"));
  if (!globals.token || !frag) return undefined;
  const namHoc = globals.namHoc ?? hiddenField(frag, "iNamHoc") ?? "";
  return {
    app_nam_hoc: namHoc,
    nam_hoc: namHoc,
    iKhoi: hiddenField(frag, "iKhoi") ?? "",
    iLopId: hiddenField(frag, "iLopId") ?? "",
    my_token: globals.token,
  };
}

const post = (base: URL, query: string, form: Record<string, string>): PortalRequest => ({
  url: new URL(`${base.pathname}?${query}`, base).href,
  method: "POST",
  form,
});

export const vneduV5Adapter: PortalAdapter = {
  id: "vnedu-v5",
  label: "vnEdu v5 (VNPT, giao diện giáo viên)",

  detect(page) {
    if (route(page)) return true;
    return whichPage(page) !== undefined;
  },

  pageKind(page) {
    if (page.doc && isLoginPage(page.doc)) return "dangNhap";
    const which = whichPage(page);
    if (!which) return "khac";
    if (which === "shell") return baseForm(page) ? "lop" : "khac";
    return V5_PAGE_KINDS[which];
  },

  links(page) {
    const which = whichPage(page);
    const form = baseForm(page);
    const base = route(page)?.base;
    if (!form || !base) return [];
    if (which === "shell") {
      return [
        post(base, "call=edu.lop_hoc.getThongTin", form),
        post(base, "call=edu.lop_hoc.getDSMonHoc", form),
        post(base, "call=edu.hoc_sinh.getDSHocSinhLop", form),
        post(base, "load=edu.tong_ket.nhap", { ...form, iHocKyId: "0" }),
      ];
    }
    if (which === "subjects") {
      const rows = (page.json as { data?: { mon_hoc_id?: unknown }[] } | undefined)?.data ?? [];
      return rows
        .map((r) => jsonCellText(r.mon_hoc_id))
        .filter((id) => id !== "")
        .flatMap((id) =>
          ["1", "2"].map((hk) =>
            post(base, "load=edu.so_diem.nhap", { ...form, iMonHocId: id, iHocKyId: hk, winid: "hocba" }),
          ),
        );
    }
    return [];
  },

  extract(page) {
    assertReadable(page);
    const which = whichPage(page);
    const ref = pageRef(page);
    if (!which) {
      throw new HocBaError("EXTRACT_UNKNOWN_PAGE", {
        adapter: "vnedu-v5",
        page: ref.title ? `${ref.title} (${ref.url})` : ref.url,
      });
    }
    return readV5Page(which, {
      url: page.url,
      title: ref.title,
      ...(page.doc ? { doc: page.doc } : {}),
      ...(page.json !== undefined ? { json: page.json } : {}),
    });
  },

  assemble(pages, options) {
    return assembleGradebook([...pages], options);
  },
};

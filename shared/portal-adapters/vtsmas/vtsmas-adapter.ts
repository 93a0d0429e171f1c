import { HocBaError, isHocBaError } from "../../errors/hocba-error.ts";
import { assembleGradebook } from "../common/assemble-gradebook.ts";
import { documentRoot } from "../common/dom-text.ts";
import { emptyPageData, pageName, type PageData, type PortalPage } from "../common/page-data.ts";
import { assertReadable, httpUrl, isLoginPage, pageRef } from "../common/page-helpers.ts";
import type { PortalRequest } from "../common/portal-request.ts";
import type { PortalAdapter } from "../portal-adapter.ts";
import { classIdOf, vtsmasClassPages } from "./read-vtsmas-class.ts";
import {
  GATEWAY_PATHS,
  GATEWAY_TITLES,
  gatewayPageFromShape,
  parseGateway,
  type GatewayPage,
  type GatewayRaw,
} from "./vtsmas-pages.ts";

/**
 * The new SMAS (vtsmas.vn): a single-page app over a JSON gateway (gateway.vtsmas.vn) that
 * answers only with the OAuth bearer token the app holds. The class page is the app's address with
 * `classId` and `schoolYearId`; every request is marked `auth: "page-bearer"`, so the caller (the
 * extension's content script) adds the page's own token: the adapter never sees it and the user
 * never types a password. The gateway's answers are put together in `assemble` (a score book is
 * read through its template).
 */

const VTSMAS_HOST = /(^|\.)vtsmas\.vn$/i;
const ZERO_ID = "00000000-0000-0000-0000-000000000000";

/** The gateway's base: gateway.vtsmas.vn for the real site, else the app's own `apiGateway` setting. */
function gatewayBase(page: PortalPage): URL | undefined {
  const url = httpUrl(page);
  if (!url) return undefined;
  if (VTSMAS_HOST.test(url.hostname)) return new URL("https://gateway.vtsmas.vn");
  const doc = page.doc;
  if (!doc || !documentRoot(doc)) return undefined;
  const scripts = Array.from(doc.querySelectorAll("script"), (s) => s.textContent ?? "").join("\n");
  const configured = /\bapiGateway\s*:\s*(["'])([^"'\s]{1,300})\1/.exec(scripts)?.[2];
  if (!configured) return undefined;
  try {
    return new URL(configured.replace(/\/+$/, ""), url);
  } catch {
    return undefined;
  }
}

function appClass(page: PortalPage): { gateway: URL; classId: string; yearId: string } | undefined {
  const url = httpUrl(page);
  const gateway = gatewayBase(page);
  const classId = url?.searchParams.get("classId");
  const yearId = url?.searchParams.get("schoolYearId");
  return gateway && classId && yearId ? { gateway, classId, yearId } : undefined;
}

function gatewayPage(page: PortalPage): GatewayPage | undefined {
  if (page.json === undefined) return undefined;
  const url = httpUrl(page);
  const byPath = url ? GATEWAY_PATHS.find(([re]) => re.test(url.pathname))?.[1] : undefined;
  return byPath ?? gatewayPageFromShape(page.json);
}

const api = (gateway: URL, path: string, extra: Partial<PortalRequest> = {}): PortalRequest => ({
  url: `${gateway.href.replace(/\/+$/, "")}${path}`,
  auth: "page-bearer",
  ...extra,
});

export const vtsmasAdapter: PortalAdapter = {
  id: "vtsmas",
  label: "SMAS mới (vtsmas.vn, Viettel)",

  detect(page) {
    if (gatewayPage(page)) return true;
    const url = httpUrl(page);
    return (
      page.doc !== undefined &&
      ((url !== null && VTSMAS_HOST.test(url.hostname)) || gatewayBase(page) !== undefined)
    );
  },

  pageKind(page) {
    if (page.doc && isLoginPage(page.doc)) return "dangNhap";
    const which = gatewayPage(page);
    if (which === "scoreBook") return "soDiem";
    if (which === "yearSummary") return "tongKet";
    if (which === "students") return "hoSo";
    if (which) return "lop";
    return appClass(page) ? "lop" : "khac";
  },

  apiOrigins(start) {
    const gateway = gatewayBase(start);
    return gateway ? [gateway.origin] : [];
  },

  links(page) {
    const app = appClass(page);
    if (app) {
      const { gateway, classId, yearId } = app;
      const c = encodeURIComponent(classId);
      const y = encodeURIComponent(yearId);
      return [
        api(gateway, "/api/danh-muc-truong/nam-hoc-nha-truong/tat-ca"),
        api(gateway, `/api/danh-muc-truong/thong-tin-truong/${c}`),
        api(gateway, "/api/hoc-sinh/lop-hoc/phan-trang", {
          method: "POST",
          json: {
            params: {
              filterItems: [
                { value: classId, propertyName: "id", comparison: 0 },
                { value: yearId, propertyName: "schoolYearId", comparison: 0 },
              ],
              skipCount: 0,
              maxResultCount: 1000,
            },
            syncDataParam: { isSyncData: false },
          },
        }),
        api(gateway, `/api/hoc-sinh/lay-hoc-sinh-theo-lop/${c}/${y}`),
        api(gateway, `/api/hoc-tap/lop-mon-hoc/so-danh-gia/${c}/${y}?semester=1`),
        api(gateway, `/api/hoc-tap/tong-ket/lop/${c}/${y}`),
      ];
    }
    if (gatewayPage(page) !== "classSubjects") return [];
    const url = httpUrl(page);
    const gateway = url ? new URL(url.pathname.replace(/\/api\/.*$/, ""), url) : undefined;
    let subjects;
    try {
      subjects = parseGateway({ vtsmas: "classSubjects", page: pageRef(page), body: page.json, path: "" });
    } catch {
      return []; // extract reports the bad answer
    }
    if (!gateway) return [];
    const levels = new Set(subjects.map((s) => `${s.schoolLevelCode}/${s.schoolYearId}`));
    return [
      ...[...levels].map((l) =>
        api(gateway, `/api/hoc-tap/so-diem/mau-so-diem/${l.split("/").map(encodeURIComponent).join("/")}`),
      ),
      ...subjects.flatMap((s) =>
        [1, 2].map((semester) =>
          api(gateway, "/api/hoc-tap/so-diem/danh-sach", {
            method: "POST",
            headers: { SchoolYear: String(s.schoolYearCode ?? "") },
            json: {
              subjectCode: s.subjectCode,
              classRoomId: s.classId,
              classRoomIds: [s.classId],
              gradeLevelCode: s.gradeLevelCode,
              scoreBookType: 1,
              schoolLevelCode: s.schoolLevelCode,
              schoolYearId: s.schoolYearId,
              semester,
              batchNumberId: ZERO_ID,
            },
          }),
        ),
      ),
    ];
  },

  extract(page) {
    const ref = pageRef(page);
    if (page.doc) {
      assertReadable(page);
      if (!appClass(page)) {
        throw new HocBaError("EXTRACT_UNKNOWN_PAGE", { adapter: "vtsmas", page: pageName(ref) });
      }
      return { data: emptyPageData(ref, "lop"), problems: [] };
    }
    const which = gatewayPage(page);
    if (!which) {
      throw new HocBaError("EXTRACT_BAD_JSON_PAGE", {
        page: pageName(ref),
        detail: "không phải dữ liệu của cổng SMAS mới",
      });
    }
    const raw: GatewayRaw = {
      vtsmas: which,
      page: { url: page.url, title: ref.title || GATEWAY_TITLES[which] },
      body: page.json,
      path: httpUrl(page)?.pathname ?? "",
      ...(page.request?.json !== undefined ? { request: page.request.json } : {}),
    };
    // Checked now, so that a bad answer is named with its page; read in assemble with the others.
    try {
      parseGateway(raw);
    } catch (err) {
      if (!isHocBaError(err)) throw err;
      return { data: emptyPageData(raw.page, "khac"), problems: [err] };
    }
    const data: PageData = { ...emptyPageData(raw.page, this.pageKind(page)), raw };
    return { data, problems: [] };
  },

  assemble(pages, options) {
    const raws = pages
      .map((p) => p.raw as GatewayRaw | undefined)
      .filter((r): r is GatewayRaw => r?.vtsmas !== undefined);
    const others = pages.filter((p) => p.raw === undefined);
    const { pages: read, problems } = vtsmasClassPages(raws, classIdOf(raws));
    const assembled = assembleGradebook([...read, ...others], options);
    return problems.length > 0
      ? { gradebook: null, problems: [...problems, ...assembled.problems] }
      : assembled;
  },
};

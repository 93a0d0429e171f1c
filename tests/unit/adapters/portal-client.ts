import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseHTML } from "linkedom";
import { Gradebook } from "../../../shared/model/gradebook.ts";
import type { FetchedPage } from "../../../shared/portal-adapters/crawl-class.ts";
import type { PortalPage } from "../../../shared/portal-adapters/common/page-data.ts";
import { requestBody, type PortalRequest } from "../../../shared/portal-adapters/common/portal-request.ts";
import { SESSION_COOKIE } from "../../portal-sim/start-portal.ts";
import { V5_COOKIE } from "../../portal-sim/vnedu-v5.ts";

/** Test helpers: the sample gradebooks, a logged-in fetch against the simulator, linkedom parsing. */

export function loadFixture(
  name: "gradebook-gdtx-10.json" | "gradebook-thpt-11.json" | "gradebook-errors.json",
): Gradebook {
  const file = fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url));
  return Gradebook.parse(JSON.parse(readFileSync(file, "utf8")));
}

export function parseHtml(html: string): Document {
  return parseHTML(html).document;
}

/** Logs in through the layout's login form; returns the Cookie header value. */
export async function login(
  base: string,
  layout: "vnedu" | "smas",
  username = "gvcn",
  password = "123456",
): Promise<string> {
  const path = layout === "vnedu" ? "/vnedu/login" : "/smas/Account/Login";
  const res = await fetch(base + path, {
    method: "POST",
    body: new URLSearchParams({ username, password }),
    redirect: "manual",
  });
  const cookie = res.headers.get("set-cookie") ?? "";
  const m = new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(cookie);
  if (res.status !== 302 || !m) throw new Error(`login failed: ${res.status}`);
  return `${SESSION_COOKIE}=${m[1]}`;
}

/**
 * A fetchPage for crawlClass: the user's session cookie (and, for requests that ask for it, the
 * page's bearer token), the request's method and body; JSON or HTML by content type.
 */
export function sessionFetch(
  cookie: string,
  bearer?: string,
): (url: string, request?: PortalRequest) => Promise<FetchedPage> {
  return async (url, request) => {
    const headers: Record<string, string> = { ...request?.headers };
    if (cookie) headers.Cookie = cookie;
    if (request?.auth === "page-bearer") {
      if (!bearer) throw new Error("no bearer token for " + url);
      headers.Authorization = `Bearer ${bearer}`;
    }
    const body = request ? requestBody(request) : undefined;
    if (request?.form) headers["Content-Type"] = "application/x-www-form-urlencoded";
    else if (request?.json !== undefined) headers["Content-Type"] = "application/json";
    const res = await fetch(url, { method: request?.method ?? (body ? "POST" : "GET"), headers, body });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const finalUrl = res.url || url;
    return (res.headers.get("content-type") ?? "").includes("json")
      ? { url: finalUrl, json: await res.json() }
      : { url: finalUrl, html: await res.text() };
  };
}

/** Logs in to the vnEdu v5 layout through its SSO form; returns the Cookie header value. */
export async function loginV5(base: string, username = "gvcn", password = "123456"): Promise<string> {
  const res = await fetch(base + "/sso/?call=auth.login", {
    method: "POST",
    body: new URLSearchParams({ txtUsername: username, txtPassword: password, next: "/v5/" }),
    redirect: "manual",
  });
  const m = new RegExp(`${V5_COOKIE}=([^;]+)`).exec(res.headers.get("set-cookie") ?? "");
  if (res.status !== 302 || !m) throw new Error(`v5 login failed: ${res.status}`);
  return `${V5_COOKIE}=${m[1]}`;
}

/**
 * The v5 desktop with one sổ điểm window open (what the teacher has on screen when she clicks the
 * panel): the shell's HTML with the fragment the "Xem" button loads put into the window, as its
 * script does. `transform` edits the fragment (a changed layout).
 */
export async function openV5Class(
  base: string,
  cookie: string,
  choice: { lopId: string; monIndex?: number; hocKy?: 1 | 2; transform?: (html: string) => string },
): Promise<PortalPage & { token: string; html: string }> {
  const shell = await (await fetch(base + "/v5/", { headers: { Cookie: cookie } })).text();
  const token = /my_token = "([^"]+)"/.exec(shell)?.[1] ?? "";
  const namHoc = /phpviet_nam_hoc_v5 = (\d+)/.exec(shell)?.[1] ?? "";
  const subjects = JSON.parse(/var V5_MON_HOC = (.*);/.exec(shell)?.[1] ?? "{}") as Record<
    string,
    { id: string }[]
  >;
  const khoi = new RegExp(`<option value="${choice.lopId}" data-khoi="([^"]*)"`).exec(shell)?.[1] ?? "";
  const res = await fetch(base + "/v5/?load=edu.so_diem.nhap", {
    method: "POST",
    headers: { Cookie: cookie },
    body: new URLSearchParams({
      app_nam_hoc: namHoc,
      nam_hoc: namHoc,
      iKhoi: khoi,
      iLopId: choice.lopId,
      iMonHocId: subjects[choice.lopId]?.[choice.monIndex ?? 0]?.id ?? "",
      iHocKyId: String(choice.hocKy ?? 1),
      winid: "win-sodiem",
      my_token: token,
    }),
  });
  if (!res.ok) throw new Error(`fragment: HTTP ${res.status}`);
  const fragment = (choice.transform ?? ((h) => h))(await res.text());
  const html = shell
    .replace('id="win-sodiem" style="display:none"', 'id="win-sodiem"')
    .replace(
      '<div class="x-window-body" id="sodiem-body"></div>',
      `<div class="x-window-body" id="sodiem-body">${fragment}</div>`,
    );
  return { url: base + "/v5/", doc: parseHtml(html), token, html };
}

export async function openPage(
  fetchPage: (url: string) => Promise<FetchedPage>,
  url: string,
): Promise<PortalPage> {
  const f = await fetchPage(url);
  return f.json !== undefined ? { url: f.url, json: f.json } : { url: f.url, doc: parseHtml(f.html ?? "") };
}

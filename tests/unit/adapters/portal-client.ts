import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseHTML } from "linkedom";
import { Gradebook } from "../../../shared/model/gradebook.ts";
import type { FetchedPage } from "../../../shared/portal-adapters/crawl-class.ts";
import type { PortalPage } from "../../../shared/portal-adapters/common/page-data.ts";
import { SESSION_COOKIE } from "../../portal-sim/start-portal.ts";

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

/** A fetchPage for crawlClass: the user's session cookie, JSON or HTML by content type. */
export function sessionFetch(cookie: string): (url: string) => Promise<FetchedPage> {
  return async (url) => {
    const res = await fetch(url, { headers: { Cookie: cookie } });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const finalUrl = res.url || url;
    return (res.headers.get("content-type") ?? "").includes("json")
      ? { url: finalUrl, json: await res.json() }
      : { url: finalUrl, html: await res.text() };
  };
}

export async function openPage(
  fetchPage: (url: string) => Promise<FetchedPage>,
  url: string,
): Promise<PortalPage> {
  const f = await fetchPage(url);
  return f.json !== undefined ? { url: f.url, json: f.json } : { url: f.url, doc: parseHtml(f.html ?? "") };
}

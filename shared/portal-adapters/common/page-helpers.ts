import { HocBaError } from "../../errors/hocba-error.ts";
import { documentRoot, documentTitle, visibleText } from "./dom-text.ts";
import { pageName, type PageRef, type PortalPage } from "./page-data.ts";

/** Small helpers the adapters share. */

export function pageRef(page: PortalPage): PageRef {
  return { url: page.url, title: page.doc ? documentTitle(page.doc) : "" };
}

/** The URL's path and query, or null when the page has no http(s) address (a saved file). */
export function httpUrl(page: PortalPage): URL | null {
  try {
    const url = new URL(page.url);
    return url.protocol === "http:" || url.protocol === "https:" ? url : null;
  } catch {
    return null;
  }
}

/** A login form: a password field and no data table. */
export function isLoginPage(doc: Document): boolean {
  const root = documentRoot(doc);
  return (
    root !== null &&
    root.querySelector('input[type="password"]') !== null &&
    root.querySelectorAll("table tr, .x-grid-row").length < 3
  );
}

/** Throws for pages that cannot be read at all: login pages and empty documents. */
export function assertReadable(page: PortalPage): void {
  if (page.json !== undefined) return;
  const doc = page.doc;
  const root = doc ? documentRoot(doc) : null;
  if (doc && root && isLoginPage(doc)) {
    throw new HocBaError("EXTRACT_LOGIN_PAGE", { page: pageName(pageRef(page)) });
  }
  if (
    !doc ||
    !root ||
    (visibleText(root) === "" && root.querySelector("table, .x-grid, [data-source]") === null)
  ) {
    throw new HocBaError("EXTRACT_EMPTY_PAGE", { page: pageName(pageRef(page)) });
  }
}

/** Same-origin absolute URLs of the given hrefs, without fragments, deduplicated, in order. */
export function sameOriginLinks(base: string, hrefs: Iterable<string>): string[] {
  let origin: string;
  try {
    origin = new URL(base).origin;
  } catch {
    return [];
  }
  const out = new Set<string>();
  for (const href of hrefs) {
    try {
      const url = new URL(href, base);
      if (url.origin !== origin) continue;
      url.hash = "";
      out.add(url.href);
    } catch {
      // An unparsable href is not a page of the class.
    }
  }
  return [...out];
}

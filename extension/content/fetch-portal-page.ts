import { HocBaError } from "../../shared/errors/hocba-error.ts";
import type { FetchedPage } from "../../shared/portal-adapters/crawl-class.ts";

/**
 * fetch() with the user's own session: only this page's origin, cookies included, JSON or HTML by
 * content type. The content script runs it for the background's crawl. A redirect is followed only
 * while it stays on the portal: a page that ends on another site is not read at all (its content
 * would otherwise be taken for the class's grades).
 */
export async function fetchPortalPage(url: string, origin: string): Promise<FetchedPage> {
  const target = new URL(url, origin);
  if (target.origin !== origin) {
    throw new HocBaError("EXT_CRAWL_OTHER_ORIGIN", { page: url, origin: target.origin });
  }
  const response = await fetch(url, { credentials: "same-origin", redirect: "follow" });
  // A Response made without a network request has url "": it is the requested page.
  const landed = response.url === "" ? target : new URL(response.url);
  if (landed.origin !== origin) {
    throw new HocBaError("EXT_CRAWL_OTHER_ORIGIN", { page: url, origin: landed.origin });
  }
  if (!response.ok) throw new HocBaError("EXT_CRAWL_FAILED", { page: url, status: response.status });
  const type = response.headers.get("content-type") ?? "";
  if (type.includes("json")) return { url: response.url, json: (await response.json()) as unknown };
  return { url: response.url, html: await response.text() };
}

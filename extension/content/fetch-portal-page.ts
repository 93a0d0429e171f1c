import { HocBaError } from "../../shared/errors/hocba-error.ts";
import type { FetchedPage } from "../../shared/portal-adapters/crawl-class.ts";

/**
 * fetch() with the user's own session: only this page's origin, cookies included, JSON or HTML by
 * content type. The content script runs it for the background's crawl.
 */
export async function fetchPortalPage(url: string, origin: string): Promise<FetchedPage> {
  if (new URL(url, origin).origin !== origin) {
    throw new HocBaError("EXT_CRAWL_FAILED", { page: url, status: 0 });
  }
  const response = await fetch(url, { credentials: "same-origin", redirect: "follow" });
  if (!response.ok) throw new HocBaError("EXT_CRAWL_FAILED", { page: url, status: response.status });
  const type = response.headers.get("content-type") ?? "";
  if (type.includes("json")) return { url: response.url, json: (await response.json()) as unknown };
  return { url: response.url, html: await response.text() };
}

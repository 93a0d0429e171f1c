import { ContentError } from "./content-error.ts";
import type { FetchedPage } from "../../shared/portal-adapters/crawl-class.ts";
import { requestBody, type PortalRequest } from "../../shared/portal-adapters/common/portal-request.ts";

/**
 * fetch() with the user's own session: only this page's origin (cookies included) or an API origin
 * the adapter named for this portal (no cookies; the page's own bearer token when the request asks
 * for it), JSON or HTML by content type. The content script runs it for the background's crawl. A
 * redirect is followed only while it stays on an allowed origin: a page that ends on another site
 * is not read at all (its content would otherwise be taken for the class's grades).
 */
export interface FetchOptions {
  request?: PortalRequest;
  /** Origins besides the page's (the new SMAS's gateway). */
  apiOrigins?: readonly string[];
  /** The page's own bearer token, looked up only when a request needs it. */
  bearer?: () => string | undefined;
}

export async function fetchPortalPage(
  url: string,
  origin: string,
  options: FetchOptions = {},
): Promise<FetchedPage> {
  const allowed = new Set([origin, ...(options.apiOrigins ?? [])]);
  const target = new URL(url, origin);
  if (!allowed.has(target.origin)) {
    throw new ContentError("EXT_CRAWL_OTHER_ORIGIN", { page: url, origin: target.origin });
  }
  const request = options.request;
  const headers: Record<string, string> = { ...request?.headers };
  if (request?.form) headers["Content-Type"] = "application/x-www-form-urlencoded; charset=UTF-8";
  else if (request?.json !== undefined) headers["Content-Type"] = "application/json";
  if (request?.auth === "page-bearer") {
    const token = options.bearer?.();
    if (!token) throw new ContentError("EXTRACT_PAGE_TOKEN_MISSING", { page: target.href });
    headers.Authorization = `Bearer ${token}`;
  }
  const body = request ? requestBody(request) : undefined;
  const response = await fetch(target.href, {
    method: request?.method ?? (body === undefined ? "GET" : "POST"),
    // Cookies only to the portal itself; an API origin gets the token, not the session.
    credentials: target.origin === origin ? "same-origin" : "omit",
    redirect: "follow",
    ...(Object.keys(headers).length > 0 ? { headers } : {}),
    ...(body !== undefined ? { body } : {}),
  });
  // A Response made without a network request has url "": it is the requested page.
  const landed = response.url === "" ? target : new URL(response.url);
  if (!allowed.has(landed.origin)) {
    throw new ContentError("EXT_CRAWL_OTHER_ORIGIN", { page: url, origin: landed.origin });
  }
  if (!response.ok) throw new ContentError("EXT_CRAWL_FAILED", { page: url, status: response.status });
  const type = response.headers.get("content-type") ?? "";
  if (type.includes("json")) return { url: response.url, json: (await response.json()) as unknown };
  return { url: response.url, html: await response.text() };
}

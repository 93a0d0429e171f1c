import { HocBaError, isHocBaError } from "../errors/hocba-error.ts";
import { pageName, type PortalPage } from "./common/page-data.ts";
import { pageRef } from "./common/page-helpers.ts";
import { requestKey, toRequest, type PortalRequest } from "./common/portal-request.ts";
import type { PortalAdapter } from "./portal-adapter.ts";

/**
 * Reads every page of a class, starting from the class page the user has open: asks the adapter
 * which links lead on, fetches them with the caller's function (the content script's fetch with
 * the user's own session; the CLI or a test with its own), a few at a time, and keeps going
 * until no page adds a new link. Only same-origin pages are fetched, plus the API origins the
 * adapter names for the start page (the new SMAS's gateway). A link is an address or a request
 * (a form POST, an API call with the page's token): the same address with another body is
 * another page. A page that fails is reported by name and the others still load, so the user
 * sees every problem at once.
 */

export interface FetchedPage {
  /** Final URL after redirects (a redirect to the login page shows the session expired). */
  url: string;
  html?: string;
  json?: unknown;
}

export interface CrawlOptions {
  adapter: PortalAdapter;
  start: PortalPage;
  /** `request` says how (method, body, the page's token); a plain address is a GET of `url`. */
  fetchPage: (url: string, request: PortalRequest) => Promise<FetchedPage>;
  /** DOMParser in the browser, linkedom in Node. */
  parseHtml: (html: string, url: string) => Document;
  /** Pages fetched at the same time (default 3: be gentle with the portal). */
  concurrency?: number;
  /** Stop after this many pages (default 400; a class has about 60). */
  maxPages?: number;
  signal?: AbortSignal;
  onProgress?: (progress: { done: number; queued: number; url: string }) => void;
}

export interface CrawlResult {
  /** The start page first, then the fetched pages in the order their links were found. */
  pages: PortalPage[];
  problems: HocBaError[];
}

export async function crawlClass(options: CrawlOptions): Promise<CrawlResult> {
  const { adapter, start, fetchPage, parseHtml } = options;
  const concurrency = Math.max(1, Math.min(options.concurrency ?? 3, 16));
  const maxPages = options.maxPages ?? 400;
  const origins = new Set<string>();
  try {
    origins.add(new URL(start.url).origin);
  } catch {
    throw new HocBaError("EXTRACT_NOT_CLASS_PAGE", { page: pageName(pageRef(start)) });
  }
  for (const o of adapter.apiOrigins?.(start) ?? []) origins.add(o);
  const first = adapter.links(start);
  if (first.length === 0) throw new HocBaError("EXTRACT_NOT_CLASS_PAGE", { page: pageName(pageRef(start)) });

  const seen = new Set<string>([requestKey({ url: start.url })]);
  const queue: string[] = [];
  const requests = new Map<string, PortalRequest>();
  const slots: (PortalPage | undefined)[] = [];
  const order: string[] = [];
  const problems: HocBaError[] = [];
  let stopped = false;
  const enqueue = (links: ReturnType<PortalAdapter["links"]>) => {
    for (const link of links) {
      const raw = toRequest(link);
      let url: URL;
      try {
        url = new URL(raw.url, start.url);
      } catch {
        continue;
      }
      url.hash = "";
      const request: PortalRequest = { ...raw, url: url.href };
      const key = requestKey(request);
      if (!origins.has(url.origin) || seen.has(key)) continue;
      if (seen.size > maxPages) {
        if (!stopped) {
          problems.push(new HocBaError("EXTRACT_TOO_MANY_PAGES", { max: maxPages, page: url.href }));
        }
        stopped = true;
        return;
      }
      seen.add(key);
      requests.set(key, request);
      queue.push(key);
      order.push(key);
    }
  };
  enqueue(first);

  let done = 0;
  const fetchOne = async (key: string) => {
    const index = order.indexOf(key);
    const request = requests.get(key) as PortalRequest;
    const url = request.url;
    try {
      const fetched = await fetchPage(url, request);
      const page: PortalPage = { url: fetched.url || url };
      if (requestKey(request) !== requestKey({ url })) page.request = request;
      if (fetched.json !== undefined) page.json = fetched.json;
      else page.doc = parseHtml(fetched.html ?? "", page.url);
      if (adapter.pageKind(page) === "dangNhap") {
        problems.push(new HocBaError("EXTRACT_LOGIN_PAGE", { page: url }));
      } else {
        slots[index] = page;
        enqueue(adapter.links(page));
      }
    } catch (err) {
      problems.push(
        isHocBaError(err)
          ? err
          : new HocBaError("EXTRACT_FETCH_FAILED", {
              page: url,
              detail: err instanceof Error ? err.message : String(err),
            }),
      );
    }
    done++;
    options.onProgress?.({ done, queued: order.length, url });
  };
  // A small pool: a finished fetch starts the next queued one, including links it just found.
  await new Promise<void>((resolve) => {
    let active = 0;
    const pump = () => {
      while (active < concurrency && queue.length > 0 && !options.signal?.aborted) {
        const key = queue.shift() as string;
        active++;
        void fetchOne(key).finally(() => {
          active--;
          pump();
        });
      }
      if (active === 0) resolve();
    };
    pump();
  });
  if (options.signal?.aborted) {
    throw options.signal.reason instanceof Error ? options.signal.reason : new Error("aborted");
  }
  return { pages: [start, ...slots.filter((p): p is PortalPage => p !== undefined)], problems };
}

import { HocBaError, isHocBaError } from "../../../shared/errors/hocba-error.ts";
import type { FetchedPage } from "../../../shared/portal-adapters/crawl-class.ts";
import type { PortalRequest } from "../../../shared/portal-adapters/common/portal-request.ts";
import { readClassFromPortal } from "../../../shared/portal-adapters/extract-gradebook.ts";
import { EXTENSION_CONFIG } from "../../config.ts";
import type {
  PageSnapshot,
  PortalFetchReply,
  PortalFetchRequest,
  PortalProgress,
  ReadClassResult,
} from "../../models/wire.ts";
import { fromWireError, toWireError } from "../../models/wire-error.ts";
import type { BackgroundDeps } from "../deps.ts";
import { portalOf } from "../services/portal-of.ts";
import { chooseAdapter, isClassPage, settingsPage } from "../services/read-class.ts";
import { saveGradebook } from "../services/save-gradebook.ts";

/**
 * Reads the class of the content script's page through the shared composition (readClassFromPortal:
 * crawl, extract, assemble): each page is fetched by the content script with the user's own
 * session (same origin, a few at a time) and parsed here with the same DOM library as
 * `hocba extract`. The gradebook is checked and stored; the panel gets the counts, or every
 * problem found.
 */
export async function readClassAction(
  deps: Pick<BackgroundDeps, "settings" | "parseHtml" | "askTab" | "db">,
  snapshot: Partial<PageSnapshot>,
  sender: { url?: string; tab?: { id?: number }; frameId?: number },
): Promise<ReadClassResult> {
  const tabId = sender.tab?.id;
  if (typeof snapshot.html !== "string" || tabId === undefined || !sender.url) {
    throw new HocBaError("EXT_BAD_REQUEST", { action: "read-class", field: "html" });
  }
  const frameId = sender.frameId ?? 0;
  const { portal, settings, mapping } = await portalOf(deps, sender.url);
  const start = { url: sender.url, doc: deps.parseHtml(snapshot.html) };
  const adapter = chooseAdapter(start, portal.adapter, mapping);
  if (!adapter || !isClassPage(adapter, start)) throw new HocBaError("EXT_PORTAL_NOT_GRADEBOOK");

  // The portal's API origins (the new SMAS's gateway), from the start page only.
  const apiOrigins = adapter.apiOrigins?.(start) ?? [];
  const fetchPage = async (url: string, how?: PortalRequest): Promise<FetchedPage> => {
    const request: PortalFetchRequest = {
      type: "hocba-fetch",
      url,
      ...(how && (how.method || how.form || how.json !== undefined || how.auth || how.headers)
        ? { request: how }
        : {}),
      ...(apiOrigins.length > 0 ? { apiOrigins } : {}),
    };
    const reply = (await deps.askTab(tabId, frameId, request)) as PortalFetchReply | undefined;
    if (!reply) throw new HocBaError("EXT_CRAWL_FAILED", { page: url, status: 0 });
    if (!reply.ok) throw fromWireError(reply.error);
    return reply.page;
  };
  const progress = ({ done, queued }: { done: number; queued: number }) => {
    const message: PortalProgress = { type: "hocba-progress", done, total: queued };
    void deps.askTab(tabId, frameId, message).catch(() => undefined);
  };

  try {
    const result = await readClassFromPortal({
      adapter,
      start,
      fetchPage,
      parseHtml: (html) => deps.parseHtml(html),
      concurrency: EXTENSION_CONFIG.crawlConcurrency,
      onProgress: progress,
      // The options page's school and rules profile, only where the portal shows none.
      extraPage: (pages) => settingsPage(pages, settings.school, settings.profile),
    });
    if (!result.gradebook) {
      return { problems: result.problems.map((p) => p.toJSON()), pageCount: result.pageCount };
    }
    const saved = await saveGradebook(deps, result.gradebook, portal.origin);
    return { saved, problems: [], pageCount: result.pageCount };
  } catch (err) {
    return { problems: [isHocBaError(err) ? err.toJSON() : toWireError(err)], pageCount: 0 };
  }
}

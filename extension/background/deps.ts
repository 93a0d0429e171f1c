import { browser } from "wxt/browser";
import type { HocBaDb } from "../services/hocba-db.ts";
import type { Settings } from "../services/settings.ts";
import type { HelperPool } from "./services/helper-pool.ts";

/** What the background's actions touch, injected so unit tests can replace each part. */
export interface BackgroundDeps {
  /** Connections to the helper (one kept warm between requests). */
  helpers: HelperPool;
  db: () => Promise<HocBaDb>;
  settings: () => Promise<Settings>;
  extensionId: string;
  /** `chrome-extension://<id>` (no trailing slash). */
  extensionOrigin: string;
  /** Opens an extension page in a new tab. */
  openTab: (path: string) => Promise<{ id?: number }>;
  /** Host permissions currently granted (origins patterns). */
  grantedOrigins: () => Promise<string[]>;
  /** Replaces the dynamic content script registration with one on these match patterns. */
  registerPortalScript: (patterns: string[]) => Promise<void>;
  /** Sends a message to the content script in one frame of a tab and returns its answer. */
  askTab: (tabId: number, frameId: number, message: unknown) => Promise<unknown>;
  /** Parses a portal page's HTML (linkedom, as `hocba extract` does: the same DOM everywhere). */
  parseHtml: (html: string) => Document;
}

/** The content script WXT builds from entrypoints/portal.content.ts. */
export const PORTAL_SCRIPT = Object.freeze({ id: "hocba-portal", file: "content-scripts/portal.js" });

/** The real browser behind BackgroundDeps (except helpers, db, settings and parseHtml, given by the caller). */
export function browserTabsAndScripting(): Pick<
  BackgroundDeps,
  "extensionId" | "extensionOrigin" | "openTab" | "grantedOrigins" | "registerPortalScript" | "askTab"
> {
  return {
    extensionId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL("/").replace(/\/$/, ""),
    async openTab(path) {
      const tab = await browser.tabs.create({ url: browser.runtime.getURL(path as "/review.html") });
      return { id: tab.id };
    },
    async grantedOrigins() {
      return (await browser.permissions.getAll()).origins ?? [];
    },
    askTab(tabId, frameId, message) {
      return browser.tabs.sendMessage(tabId, message, { frameId });
    },
    registerPortalScript(patterns) {
      // One registration change at a time: settings changes and the options page may ask together.
      registration = registration.catch(() => undefined).then(() => replacePortalScript(patterns));
      return registration;
    },
  };
}

let registration: Promise<void> = Promise.resolve();

/** Replaces the dynamic registration of the portal content script with one on these patterns. */
async function replacePortalScript(patterns: string[]): Promise<void> {
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [PORTAL_SCRIPT.id] });
  if (existing.length > 0) await browser.scripting.unregisterContentScripts({ ids: [PORTAL_SCRIPT.id] });
  if (patterns.length === 0) return;
  await browser.scripting.registerContentScripts([
    {
      id: PORTAL_SCRIPT.id,
      matches: patterns,
      js: [PORTAL_SCRIPT.file],
      runAt: "document_idle",
      persistAcrossSessions: true,
    },
  ]);
}

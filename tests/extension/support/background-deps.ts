import { IDBFactory } from "fake-indexeddb";
import { parseHTML } from "linkedom";
import type { BackgroundDeps } from "../../../extension/background/deps.ts";
import type { NativeConnector } from "../../../extension/background/services/native-port.ts";
import { HelperPool } from "../../../extension/background/services/helper-pool.ts";
import { HocBaDb } from "../../../extension/services/hocba-db.ts";
import { DEFAULT_SETTINGS, type Settings } from "../../../extension/services/settings.ts";

export const EXT_ID = "gdknnkanhjmadldekbnniniikejkdjff";
export const EXT_ORIGIN = `chrome-extension://${EXT_ID}`;
export const PORTAL = "http://127.0.0.1:4321";

export const PAGE_SENDER = { id: EXT_ID, url: `${EXT_ORIGIN}/popup.html`, origin: EXT_ORIGIN };
export const PORTAL_SENDER = {
  id: EXT_ID,
  url: `${PORTAL}/vnedu/lop/12A1`,
  origin: PORTAL,
  tab: { id: 5, url: `${PORTAL}/vnedu/lop/12A1` },
};

export interface TestDeps extends BackgroundDeps {
  connector: NativeConnector;
  opened: string[];
  registered: string[][];
  granted: string[];
  settingsValue: Settings;
  tabMessages: { tabId: number; frameId: number; message: unknown }[];
  /** What the content script answers to the background's messages (fetches, progress). */
  tabHandler: (message: unknown) => unknown;
}

/** Background dependencies with a fake helper, an in-memory IndexedDB and recorded tab/script calls. */
export function testDeps(connector: NativeConnector, settings: Partial<Settings> = {}): TestDeps {
  const factory = new IDBFactory();
  let db: Promise<HocBaDb> | undefined;
  const deps: TestDeps = {
    connector,
    helpers: new HelperPool(connector, 0),
    db: () => (db ??= HocBaDb.open(factory)),
    settingsValue: { ...DEFAULT_SETTINGS, portals: [{ origin: PORTAL, adapter: "auto" }], ...settings },
    settings: () => Promise.resolve(deps.settingsValue),
    extensionId: EXT_ID,
    extensionOrigin: EXT_ORIGIN,
    opened: [],
    registered: [],
    granted: ["http://127.0.0.1/*"],
    openTab: (path) => {
      deps.opened.push(path);
      return Promise.resolve({ id: 42 });
    },
    grantedOrigins: () => Promise.resolve(deps.granted),
    registerPortalScript: (patterns) => {
      deps.registered.push(patterns);
      return Promise.resolve();
    },
    tabMessages: [],
    askTab: (tabId, frameId, message) => {
      deps.tabMessages.push({ tabId, frameId, message });
      return Promise.resolve(deps.tabHandler(message));
    },
    tabHandler: () => undefined,
    parseHtml: (html) => parseHTML(html).document,
  };
  return deps;
}

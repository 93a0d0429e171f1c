import { parseHTML } from "linkedom/worker";
import { browser } from "wxt/browser";
import { defineBackground } from "wxt/utils/define-background";
import { syncPortals } from "../background/actions/sync-portals.ts";
import { browserTabsAndScripting, type BackgroundDeps } from "../background/deps.ts";
import { dispatchAction } from "../background/dispatch-action.ts";
import { dispatchPort } from "../background/dispatch-port.ts";
import { HelperPool } from "../background/services/helper-pool.ts";
import { browserNativeConnector } from "../background/services/native-port.ts";
import { HocBaDb } from "../services/hocba-db.ts";
import { loadSettings, watchSettings } from "../services/settings.ts";

export default defineBackground(() => {
  let db: Promise<HocBaDb> | undefined;
  const deps: BackgroundDeps = {
    ...browserTabsAndScripting(),
    helpers: new HelperPool(browserNativeConnector),
    db: () => (db ??= HocBaDb.open()),
    settings: loadSettings,
    parseHtml: (html) => parseHTML(html).document,
  };
  const resync = () => void syncPortals(deps).catch(() => undefined);

  browser.runtime.onMessage.addListener((message, sender, sendResponse) => {
    void dispatchAction(message, sender, deps).then(sendResponse);
    return true;
  });
  browser.runtime.onConnect.addListener((port) => dispatchPort(port, deps));
  browser.runtime.onInstalled.addListener(resync);
  browser.runtime.onStartup.addListener(resync);
  browser.permissions.onAdded.addListener(resync);
  browser.permissions.onRemoved.addListener(resync);
  watchSettings(resync);
});

import { browser } from "wxt/browser";
import { defineContentScript } from "wxt/utils/define-content-script";
import { runPortalPanel } from "../content/run-portal-panel.ts";

/**
 * Runs on the portal origins the user configured, and nowhere else: it is registered at run time
 * (scripting.registerContentScripts) for the origins granted from the options page, so the manifest
 * asks for no host access.
 */
export default defineContentScript({
  registration: "runtime",
  runAt: "document_idle",
  main() {
    void runPortalPanel(browser, document, location);
  },
});

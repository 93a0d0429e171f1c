import { defineConfig } from "wxt";
import { EXTENSION_PUBLIC_KEY, FIREFOX_EXTENSION_ID } from "./shared/config/extension-identity";

// Per-browser differences live here, not in `if`s scattered through the code (WXT style).
export default defineConfig({
  srcDir: "extension",
  modules: ["@wxt-dev/module-react"],
  imports: false,
  manifest: ({ browser }) => ({
    name: "__MSG_extName__",
    description: "__MSG_extDescription__",
    default_locale: "vi",
    permissions: ["nativeMessaging", "storage"],
    // No blanket host access: portal origins are requested from the options page.
    optional_host_permissions: ["http://*/*", "https://*/*"],
    ...(browser === "firefox"
      ? { browser_specific_settings: { gecko: { id: FIREFOX_EXTENSION_ID, strict_min_version: "115.0" } } }
      : { key: EXTENSION_PUBLIC_KEY }),
  }),
});

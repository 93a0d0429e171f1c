import { resolve } from "node:path";
import { defineConfig } from "wxt";
import { EXTENSION_PUBLIC_KEY, FIREFOX_EXTENSION_ID } from "./shared/config/extension-identity";
import { messageLocales } from "./scripts/build/message-locales-plugin";

// Per-browser differences live here, not in `if`s scattered through the code (WXT style).
export default defineConfig({
  srcDir: "extension",
  // WXT 0.21 resolves publicDir from the project root, not srcDir.
  publicDir: "extension/public",
  modules: ["@wxt-dev/module-react"],
  imports: false,
  // MV3 everywhere: Firefox's MV3 has scripting.registerContentScripts and optional host permissions.
  manifestVersion: 3,
  // Store builds (npm run zip, without the manifest key) go to their own folder, so that
  // .output/chrome-mv3 stays the pinned-id build that developers and the tests load unpacked.
  ...(process.env.HOCBA_STORE_BUILD === "1" ? { outDir: ".output/store" } : {}),
  // Firefox Add-ons' sources zip (npm run zip): the code, not local run outputs.
  zip: { excludeSources: ["demo-output/**", "bench-output/**", "test-artifacts/**", "dist/**"] },
  vite: () => ({
    // The pages carry the message table in Vietnamese and load English on demand (issue #14).
    plugins: [messageLocales()],
    // HOCBA_SOURCEMAP=1 keeps source maps, for measuring what the bundles are made of.
    build: { sourcemap: process.env.HOCBA_SOURCEMAP === "1" },
    resolve: {
      alias: [
        // Pages and content scripts parse XML with the browser's DOMParser instead of bundling xmldom.
        {
          find: "@xmldom/xmldom",
          replacement: resolve(import.meta.dirname, "extension/shims/xmldom-native.ts"),
        },
        // The pages run on preact/compat (about 15 KB) instead of react-dom (about 200 KB): each page
        // must stay within 400 KB of JS (issue #14). The code is written and type-checked against
        // React's API; the component tests render with React, the end-to-end tests with this build.
        { find: /^react-dom\/client$/, replacement: "preact/compat/client" },
        { find: /^react-dom$/, replacement: "preact/compat" },
        { find: /^react$/, replacement: "preact/compat" },
        { find: /^react\/jsx-(dev-)?runtime$/, replacement: "preact/jsx-runtime" },
      ],
    },
  }),
  manifest: ({ browser }) => ({
    name: "__MSG_extName__",
    description: "__MSG_extDescription__",
    default_locale: "vi",
    // scripting: the content script is registered at run time, only on the portals the user granted.
    permissions: ["nativeMessaging", "storage", "scripting"],
    // No blanket host access: portal origins are requested from the options page.
    optional_host_permissions: ["http://*/*", "https://*/*"],
    ...(browser === "firefox"
      ? {
          browser_specific_settings: {
            gecko: {
              id: FIREFOX_EXTENSION_ID,
              // 128: optional_host_permissions in MV3.
              strict_min_version: "128.0",
              // Nothing leaves the computer but to the local helper.
              data_collection_permissions: { required: ["none"] },
            },
          },
        }
      : // The stores refuse `key` and give their own id (npm run zip sets HOCBA_STORE_BUILD=1).
        process.env.HOCBA_STORE_BUILD === "1"
        ? {}
        : { key: EXTENSION_PUBLIC_KEY }),
  }),
});

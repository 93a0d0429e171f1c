import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { EXTENSION_PUBLIC_KEY, FIREFOX_EXTENSION_ID } from "../../shared/config/extension-identity.ts";
import { buildExtension, EXTENSION_DIR, ROOT } from "./support/extension-browser.ts";

/**
 * `npm run zip`: the packages IT uploads to the Chrome Web Store / Edge Add-ons and to Firefox
 * Add-ons. The stores refuse a manifest `key` and give their own ids; the unpacked build that
 * developers and the other tests load keeps the pinned id.
 */
describe("npm run zip (store packages)", () => {
  const VERSION = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string })
    .version;
  const zip = (browser: string) =>
    unzipSync(readFileSync(path.join(ROOT, ".output/store", `hocba-signer-${VERSION}-${browser}.zip`)));

  it("writes the Chrome and Firefox zips without the key, and the sources zip without local outputs", () => {
    buildExtension();
    const { NODE_ENV: _mode, ...env } = process.env;
    const out = execFileSync(
      process.execPath,
      ["--import", "./bin/register-ts.mjs", "scripts/package/zip-extension.ts"],
      { cwd: ROOT, env, encoding: "utf8" },
    );
    expect(out).toContain(`.output/store/hocba-signer-${VERSION}-chrome.zip`);

    const chrome = zip("chrome");
    const manifest = JSON.parse(strFromU8(chrome["manifest.json"] ?? new Uint8Array())) as Record<
      string,
      unknown
    >;
    expect(manifest.key).toBeUndefined();
    expect(manifest.version).toBe(VERSION);
    expect(manifest.permissions).toContain("nativeMessaging");
    expect(Object.keys(chrome).some((f) => f.endsWith(".js"))).toBe(true);

    const firefox = JSON.parse(strFromU8(zip("firefox")["manifest.json"] ?? new Uint8Array())) as {
      key?: string;
      browser_specific_settings?: { gecko?: { id?: string } };
    };
    expect(firefox.key).toBeUndefined();
    expect(firefox.browser_specific_settings?.gecko?.id).toBe(FIREFOX_EXTENSION_ID);

    const sources = Object.keys(zip("sources"));
    expect(sources).toContain("package.json");
    expect(sources.some((f) => f.startsWith("extension/"))).toBe(true);
    expect(
      sources.filter((f) => /^(demo-output|test-artifacts|dist|node_modules|\.output|\.tmp)\//.test(f)),
    ).toEqual([]);

    // The unpacked build still carries the key that pins the id the helper allows.
    const unpacked = JSON.parse(readFileSync(path.join(EXTENSION_DIR, "manifest.json"), "utf8")) as {
      key?: string;
    };
    expect(unpacked.key).toBe(EXTENSION_PUBLIC_KEY);
  });
});

import { beforeEach, describe, expect, it } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { readPageLocale } from "../../extension/services/read-page-locale.ts";
import { t } from "../../extension/services/i18n.ts";
import { hasLocaleTemplates } from "../../shared/errors/message-table.ts";
import { DEFAULT_SETTINGS, saveSettings } from "../../extension/services/settings.ts";

/** A page's first frame is in the user's language: read before the page is drawn (mount.tsx). */
describe("readPageLocale", () => {
  beforeEach(() => fakeBrowser.reset());

  it("English when the user chose it, with its messages ready to draw", async () => {
    await saveSettings({ ...DEFAULT_SETTINGS, language: "en" });
    expect(await readPageLocale()).toBe("en");
    expect(hasLocaleTemplates("en")).toBe(true);
    expect(t("EXT_HOST_NOT_FOUND", undefined, "en")).not.toBe(t("EXT_HOST_NOT_FOUND", undefined, "vi"));
  });

  it("Vietnamese by default and when chosen", async () => {
    expect(await readPageLocale()).toBe("vi");
    await saveSettings({ ...DEFAULT_SETTINGS, language: "vi" });
    expect(await readPageLocale()).toBe("vi");
  });

  it("Vietnamese when the settings do not come in time or cannot be read: the page is still drawn", async () => {
    const never = () => new Promise<{ language: "en" }>(() => undefined);
    const started = Date.now();
    expect(await readPageLocale(never, 30)).toBe("vi");
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await readPageLocale(() => Promise.reject(new Error("storage")), 30)).toBe("vi");
  });

  it("the settings' language when they come before the wait ends", async () => {
    const soon = () =>
      new Promise<{ language: "en" }>((resolve) => setTimeout(() => resolve({ language: "en" }), 5));
    expect(await readPageLocale(soon, 2_000)).toBe("en");
  });
});

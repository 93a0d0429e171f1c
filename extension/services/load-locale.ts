import { addLocaleTemplates, hasLocaleTemplates, type Locale } from "../../shared/errors/message-table.ts";

/**
 * Makes every message available in a locale before the UI switches to it. The pages are built with
 * the Vietnamese table only; English is its own chunk, loaded the first time the user picks it.
 */
export async function loadLocale(locale: Locale): Promise<void> {
  if (hasLocaleTemplates(locale)) return;
  const { default: english } = await import("virtual:hocba-messages-en");
  addLocaleTemplates("en", english);
}

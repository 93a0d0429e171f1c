import type { Locale } from "../../shared/errors/message-table.ts";
import { loadLocale } from "./load-locale.ts";
import { loadSettings, type Settings } from "./settings.ts";

/** How long a page waits for the settings before it shows itself in Vietnamese anyway. */
const WAIT_MS = 500;

/**
 * The language a page opens in: the user's, with its messages loaded, read before the first frame
 * so that an English page does not flash Vietnamese first. Vietnamese when the settings or the
 * English table do not come within `waitMs` (the page then follows the settings when they do).
 */
export async function readPageLocale(
  load: () => Promise<Pick<Settings, "language">> = loadSettings,
  waitMs = WAIT_MS,
): Promise<Locale> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<Locale>((resolve) => (timer = setTimeout(() => resolve("vi"), waitMs)));
  const ready = (async (): Promise<Locale> => {
    const { language } = await load();
    await loadLocale(language);
    return language;
  })().catch((): Locale => "vi");
  try {
    return await Promise.race([ready, late]);
  } finally {
    clearTimeout(timer);
  }
}

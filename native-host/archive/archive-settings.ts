import { readFileSync } from "node:fs";
import path from "node:path";
import { makeFolder } from "../fs/make-folder.ts";
import { writeFileAtomicSync } from "../fs/write-file-atomic.ts";
import { isArchiveUrl } from "./pg/archive-url.ts";

/**
 * The helper's settings file in its data folder (settings.json, readable by the user only: it may
 * hold the shared archive's password). `hocba install --archive-url` writes it; every command and
 * the helper read it when neither --archive nor HOCBA_ARCHIVE_URL / HOCBA_ARCHIVE says otherwise.
 */
export interface HelperSettings {
  /** postgres://… of the centre's shared archive; absent: the SQLite file on this PC. */
  archiveUrl?: string;
}

export const SETTINGS_FILE = "settings.json";

export function readHelperSettings(dataDir: string): HelperSettings {
  let text: string;
  try {
    text = readFileSync(path.join(dataDir, SETTINGS_FILE), "utf8");
  } catch {
    return {};
  }
  try {
    const value = JSON.parse(text) as unknown;
    if (value === null || typeof value !== "object") return {};
    const url = (value as Record<string, unknown>).archiveUrl;
    return typeof url === "string" && isArchiveUrl(url) ? { archiveUrl: url } : {};
  } catch {
    return {};
  }
}

/** Writes the settings (0600), keeping nothing else: the file holds only what this version knows. */
export function writeHelperSettings(dataDir: string, settings: HelperSettings): string {
  makeFolder(dataDir, { mode: 0o700 });
  const file = path.join(dataDir, SETTINGS_FILE);
  writeFileAtomicSync(file, `${JSON.stringify(settings, null, 2)}\n`, { mode: 0o600 });
  return file;
}

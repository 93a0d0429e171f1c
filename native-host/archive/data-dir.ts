import { existsSync } from "node:fs";
import path from "node:path";
import { readHelperSettings } from "./archive-settings.ts";
import { isArchiveUrl, keepArchivePassword } from "./pg/archive-url.ts";

/** The folder name under the OS's per-user application data folder. */
export const APP_DIR_NAME = "hocba-signer";

export interface DataDirEnv {
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  /** The user's home folder (os.homedir()); HOME or USERPROFILE in env wins, so tests can redirect it. */
  homedir: string;
}

/** The user's home folder: HOME (USERPROFILE on Windows) when set, otherwise the OS's answer. */
export function homeDir({ env, platform, homedir }: DataDirEnv): string {
  const fromEnv = platform === "win32" ? (env.USERPROFILE ?? env.HOME) : env.HOME;
  return fromEnv && fromEnv.length > 0 ? fromEnv : homedir;
}

/**
 * Where the helper keeps its archive and logs: HOCBA_DATA_DIR if set, else
 * $XDG_DATA_HOME/hocba-signer or ~/.local/share/hocba-signer on Linux, %APPDATA%\hocba-signer on
 * Windows, ~/Library/Application Support/hocba-signer on macOS.
 */
export function userDataDir(where: DataDirEnv): string {
  const { env, platform } = where;
  if (env.HOCBA_DATA_DIR) return path.resolve(env.HOCBA_DATA_DIR);
  const home = homeDir(where);
  if (platform === "win32") {
    const appData = env.APPDATA ?? path.win32.join(home, "AppData", "Roaming");
    return path.win32.join(appData, APP_DIR_NAME);
  }
  if (platform === "darwin") return path.posix.join(home, "Library", "Application Support", APP_DIR_NAME);
  const xdg = env.XDG_DATA_HOME && path.posix.isAbsolute(env.XDG_DATA_HOME) ? env.XDG_DATA_HOME : null;
  return path.posix.join(xdg ?? path.posix.join(home, ".local", "share"), APP_DIR_NAME);
}

/**
 * The archive: `--archive PATH|URL`, else HOCBA_ARCHIVE_URL (postgres://…, the centre's shared
 * archive), else HOCBA_ARCHIVE, else the URL `hocba install --archive-url` saved in the data
 * folder's settings.json, else archive.sqlite in the data folder. A URL is returned as it is.
 */
export function archivePath(where: DataDirEnv & { flag?: string | undefined; cwd?: string }): string {
  const chosen =
    where.flag ||
    where.env.HOCBA_ARCHIVE_URL ||
    where.env.HOCBA_ARCHIVE ||
    readHelperSettings(userDataDir(where)).archiveUrl;
  // A URL without its password: this location is printed and sent around; the connection gets it back.
  if (chosen && isArchiveUrl(chosen)) return keepArchivePassword(chosen.trim());
  if (chosen) return path.resolve(where.cwd ?? process.cwd(), chosen);
  const p = where.platform === "win32" ? path.win32 : path.posix;
  return p.join(userDataDir(where), "archive.sqlite");
}

/** Whether there is an archive to read at `location` (a shared archive always is: it is created on open). */
export function archiveExists(location: string): boolean {
  return isArchiveUrl(location) || existsSync(location);
}

/** The current process's view, for the I/O edges. */
export function processDataDirEnv(env: NodeJS.ProcessEnv, homedir: string): DataDirEnv {
  return { env, platform: process.platform, homedir };
}

import { EXTENSION_ID, FIREFOX_EXTENSION_ID } from "../../shared/config/extension-identity.ts";
import { HocBaError } from "../../shared/errors/hocba-error.ts";

/** The extension that started the helper, as the browser told us on the command line. */
export interface Caller {
  browser: "chromium" | "firefox";
  extensionId: string;
  /** `chrome-extension://<id>/` or the Firefox extension id. */
  origin: string;
}

export interface AllowedExtensions {
  chromium: readonly string[];
  firefox: readonly string[];
}

const CHROMIUM_ID = /^[a-p]{32}$/;
// Gecko ids: an email-like id or a {UUID}.
const FIREFOX_ID = /^(?:[A-Za-z0-9._+-]{1,80}@[A-Za-z0-9.-]{1,80}|\{[0-9a-fA-F-]{36}\})$/;

export function isChromiumExtensionId(id: string): boolean {
  return CHROMIUM_ID.test(id);
}

export function isFirefoxExtensionId(id: string): boolean {
  return FIREFOX_ID.test(id);
}

/**
 * The allowed extensions: ours (extension-identity.ts) plus the ids the installer wrote into the
 * launcher as HOCBA_EXTRA_EXTENSION_IDS (comma-separated; store builds get their own id).
 */
export function allowedExtensions(env: Readonly<Record<string, string | undefined>>): AllowedExtensions {
  const extra = (env.HOCBA_EXTRA_EXTENSION_IDS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  return {
    chromium: [EXTENSION_ID, ...extra.filter(isChromiumExtensionId)],
    firefox: [FIREFOX_EXTENSION_ID, ...extra.filter(isFirefoxExtensionId)],
  };
}

/**
 * Who is calling, from the helper's arguments (those after `hocba host`). Chromium browsers pass
 * the caller origin `chrome-extension://<id>/` (plus `--parent-window=N` on Windows); Firefox passes
 * the manifest path and the extension id. Anything else, or an id not allowed, is refused. The
 * browser already enforces the manifest's allow-list; this is the second lock.
 */
export function identifyCaller(args: readonly string[], allowed: AllowedExtensions): Caller {
  const [first, second] = args;
  if (first === undefined) throw new HocBaError("HOST_NO_CALLER");
  const chromium = /^chrome-extension:\/\/([a-p]{32})\/$/.exec(first);
  if (chromium?.[1]) {
    const rest = args.slice(1);
    if (rest.every((a) => /^--parent-window=\d+$/.test(a)) && allowed.chromium.includes(chromium[1])) {
      return { browser: "chromium", extensionId: chromium[1], origin: first };
    }
  } else if (
    args.length === 2 &&
    second !== undefined &&
    /\.json$/i.test(first) &&
    allowed.firefox.includes(second)
  ) {
    return { browser: "firefox", extensionId: second, origin: second };
  }
  throw new HocBaError("HOST_ORIGIN_REFUSED", { caller: args.join(" ").slice(0, 200) });
}

/**
 * Where each browser looks for native-messaging host manifests (Chrome's and MDN's native
 * messaging documentation). Per-browser differences live in these tables, not in scattered ifs.
 */

export const BROWSERS = ["chrome", "chromium", "edge", "coccoc", "firefox"] as const;
export type BrowserId = (typeof BROWSERS)[number];
export type TargetOs = "linux" | "darwin" | "win32";
export type Scope = "user" | "system";

export const BROWSER_NAMES: Readonly<Record<BrowserId, string>> = {
  chrome: "Google Chrome",
  chromium: "Chromium",
  edge: "Microsoft Edge",
  coccoc: "Cốc Cốc",
  firefox: "Firefox",
};

export function isFirefoxFamily(browser: BrowserId): boolean {
  return browser === "firefox";
}

interface PosixDirs {
  /** Relative to the user's config root (Linux: $XDG_CONFIG_HOME or ~/.config; macOS: ~/Library/Application Support), or to ~ when `fromHome`. */
  user: { dir: string; fromHome?: boolean };
  /** Absolute system-wide folders; empty when none is known. */
  system: string[];
  /** The folder comes from public code, not from the vendor's documentation. */
  unverified?: boolean;
}

const LINUX: Readonly<Record<BrowserId, PosixDirs>> = {
  chrome: {
    user: { dir: "google-chrome/NativeMessagingHosts" },
    system: ["/etc/opt/chrome/native-messaging-hosts"],
  },
  chromium: {
    user: { dir: "chromium/NativeMessagingHosts" },
    system: ["/etc/chromium/native-messaging-hosts"],
  },
  edge: {
    user: { dir: "microsoft-edge/NativeMessagingHosts" },
    system: ["/etc/opt/edge/native-messaging-hosts"],
  },
  // Cốc Cốc for Linux keeps its profile in ~/.config/coccoc-browser (seen in public scripts).
  coccoc: { user: { dir: "coccoc-browser/NativeMessagingHosts" }, system: [], unverified: true },
  firefox: {
    user: { dir: ".mozilla/native-messaging-hosts", fromHome: true },
    // Debian/Ubuntu builds read lib, Fedora/openSUSE lib64.
    system: ["/usr/lib/mozilla/native-messaging-hosts", "/usr/lib64/mozilla/native-messaging-hosts"],
  },
};

const DARWIN: Readonly<Record<BrowserId, PosixDirs>> = {
  chrome: {
    user: { dir: "Google/Chrome/NativeMessagingHosts" },
    system: ["/Library/Google/Chrome/NativeMessagingHosts"],
  },
  chromium: {
    user: { dir: "Chromium/NativeMessagingHosts" },
    system: ["/Library/Application Support/Chromium/NativeMessagingHosts"],
  },
  edge: {
    user: { dir: "Microsoft Edge/NativeMessagingHosts" },
    system: ["/Library/Microsoft/Edge/NativeMessagingHosts"],
  },
  // Profile folder ~/Library/Application Support/CocCoc/Browser (seen in public installers).
  coccoc: { user: { dir: "CocCoc/Browser/NativeMessagingHosts" }, system: [], unverified: true },
  firefox: {
    user: { dir: "Mozilla/NativeMessagingHosts" },
    system: ["/Library/Application Support/Mozilla/NativeMessagingHosts"],
  },
};

export function posixTargets(os: "linux" | "darwin", browser: BrowserId): PosixDirs {
  return (os === "linux" ? LINUX : DARWIN)[browser];
}

/**
 * Windows registry keys (under HKCU or HKLM) whose default value names the manifest. Cốc Cốc reads
 * its own key; public installers also write Chrome's, which Chromium-based browsers fall back to.
 */
export const WINDOWS_REGISTRY_KEYS: Readonly<Record<BrowserId, readonly string[]>> = {
  chrome: ["Software\\Google\\Chrome\\NativeMessagingHosts"],
  chromium: ["Software\\Chromium\\NativeMessagingHosts"],
  edge: ["Software\\Microsoft\\Edge\\NativeMessagingHosts"],
  coccoc: [
    "Software\\CocCoc\\Browser\\NativeMessagingHosts",
    "Software\\Google\\Chrome\\NativeMessagingHosts",
  ],
  firefox: ["Software\\Mozilla\\NativeMessagingHosts"],
};

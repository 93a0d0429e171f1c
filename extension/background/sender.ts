/** Who sent a message, as far as the browser vouches for it. */
export type SenderKind = "extension-page" | "portal-content-script" | "unknown";

/** The fields of runtime.MessageSender that the checks read (the browser sets them, not the page). */
export interface SenderInfo {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number; url?: string };
  /** Frame the content script runs in (0 = top frame). */
  frameId?: number;
}

export interface SenderContext {
  /** browser.runtime.id */
  extensionId: string;
  /** Origin of the extension's own pages, `chrome-extension://<id>` or `moz-extension://<uuid>`. */
  extensionOrigin: string;
  /** Portal origins the user configured. */
  portalOrigins: readonly string[];
}

/** scheme://host[:port]; built by hand because URL.origin is "null" for extension schemes outside browsers. */
export function originOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.host === "" ? undefined : `${parsed.protocol}//${parsed.host}`;
  } catch {
    return undefined;
  }
}

/**
 * Classifies a sender. Only our own extension can send runtime messages (no externally_connectable);
 * among those, a content script counts only when the tab's page is on a configured portal origin.
 * The origin comes from the browser's sender.url/tab.url, never from the message.
 */
export function classifySender(sender: SenderInfo, ctx: SenderContext): SenderKind {
  if (sender.id !== ctx.extensionId) return "unknown";
  const frameOrigin = sender.origin ?? originOf(sender.url);
  if (!sender.tab && frameOrigin === ctx.extensionOrigin) return "extension-page";
  if (sender.tab && frameOrigin === ctx.extensionOrigin && originOf(sender.tab.url) === ctx.extensionOrigin) {
    return "extension-page";
  }
  if (sender.tab && frameOrigin !== undefined && frameOrigin !== "null") {
    const tabOrigin = originOf(sender.tab.url);
    if (tabOrigin === frameOrigin && ctx.portalOrigins.includes(frameOrigin)) return "portal-content-script";
  }
  return "unknown";
}

/** The origin to show in a refusal message. */
export function senderOrigin(sender: SenderInfo): string {
  return sender.origin ?? originOf(sender.url) ?? originOf(sender.tab?.url) ?? "?";
}

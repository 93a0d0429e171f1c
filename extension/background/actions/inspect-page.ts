import { HocBaError } from "../../../shared/errors/hocba-error.ts";
import type { PageInspection, PageSnapshot } from "../../models/wire.ts";
import type { BackgroundDeps } from "../deps.ts";
import { portalOf } from "../services/portal-of.ts";
import { chooseAdapter, isClassPage } from "../services/read-class.ts";

/** Whether the content script's page is a class the adapters can read (the panel shows only then). */
export async function inspectPage(
  deps: Pick<BackgroundDeps, "settings" | "parseHtml">,
  snapshot: Partial<PageSnapshot>,
  senderUrl: string | undefined,
): Promise<PageInspection> {
  if (typeof snapshot.url !== "string" || typeof snapshot.html !== "string") {
    throw new HocBaError("EXT_BAD_REQUEST", { action: "inspect-page", field: "html" });
  }
  const { portal, mapping } = await portalOf(deps, senderUrl ?? snapshot.url);
  // The address is the browser's (sender.url), not the message's.
  const page = { url: senderUrl ?? snapshot.url, doc: deps.parseHtml(snapshot.html) };
  const adapter = chooseAdapter(page, portal.adapter, mapping);
  if (!adapter || !isClassPage(adapter, page)) return { classPage: false, adapterId: adapter?.id };
  return { classPage: true, adapterId: adapter.id };
}

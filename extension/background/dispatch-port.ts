import { EXTENSION_CONFIG } from "../config.ts";
import { runSignBatch, type PagePort } from "./actions/sign-batch.ts";
import type { BackgroundDeps } from "./deps.ts";
import { classifySender, type SenderInfo } from "./sender.ts";

/** A runtime port as the dispatcher sees it. */
export interface IncomingPort extends PagePort {
  name: string;
  sender?: SenderInfo;
}

/**
 * Long-lived connections: only the extension's own pages may open one, and only to run a signing
 * batch (the PIN travels on it, so a content script must never reach this).
 */
export function dispatchPort(port: IncomingPort, deps: BackgroundDeps): void {
  const kind = classifySender(port.sender ?? {}, {
    extensionId: deps.extensionId,
    extensionOrigin: deps.extensionOrigin,
    portalOrigins: [],
  });
  if (kind !== "extension-page") {
    port.disconnect();
    return;
  }
  switch (port.name) {
    case EXTENSION_CONFIG.signBatchPortName:
      void runSignBatch(port, deps);
      return;
    default:
      port.disconnect();
  }
}

import { browser } from "wxt/browser";
import { HocBaError } from "../../shared/errors/hocba-error.ts";
import { EXTENSION_CONFIG } from "../config.ts";
import type {
  ActionMap,
  ActionName,
  ActionResult,
  SignPortEvent,
  SignPortRequest,
  WireError,
} from "../models/wire.ts";

/** A failed action, keeping the error as it crossed the boundary (code, params, message). */
export class ActionError extends Error {
  constructor(readonly wire: WireError) {
    super(wire.message);
  }
}

/** Asks the background to run one action; throws ActionError when it fails. */
export async function callBackground<A extends ActionName>(
  action: A,
  payload: ActionMap[A]["request"],
): Promise<ActionMap[A]["response"]> {
  const result = await browser.runtime.sendMessage<unknown, ActionResult<A> | undefined>({
    action,
    ...payload,
  });
  if (!result) {
    throw new ActionError(new HocBaError("EXT_INTERNAL", { detail: `no answer to ${action}` }).toJSON());
  }
  if (!result.ok) throw new ActionError(result.error);
  return result.value;
}

export interface RunningBatch {
  /** Asks the helper to stop before the next document. */
  cancel(): void;
  /** Resolves when the batch ended (done, error, or the port closed). */
  finished: Promise<void>;
}

/**
 * Starts a signing batch over a port to the background and reports every event. The start message
 * carries the PIN; nothing here keeps it.
 */
export function startSignBatch(
  start: Extract<SignPortRequest, { type: "start" }>,
  onEvent: (event: SignPortEvent) => void,
): RunningBatch {
  const port = browser.runtime.connect({ name: EXTENSION_CONFIG.signBatchPortName });
  let ended = false;
  const finished = new Promise<void>((resolve) => {
    port.onMessage.addListener((message: unknown) => {
      const event = message as SignPortEvent;
      onEvent(event);
      if (event.type === "done" || event.type === "error") ended = true;
    });
    port.onDisconnect.addListener(() => {
      if (!ended) {
        onEvent({ type: "error", error: new HocBaError("EXT_HOST_CLOSED").toJSON() });
      }
      resolve();
    });
  });
  port.postMessage(start);
  return {
    cancel: () => {
      if (!ended) port.postMessage({ type: "cancel" } satisfies SignPortRequest);
    },
    finished,
  };
}

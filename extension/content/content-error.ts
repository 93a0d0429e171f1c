import type { MessageCode, MessageParams } from "../../shared/errors/message-table.ts";
import type { WireError } from "../models/wire.ts";

/**
 * An error raised in the content script: its code and parameters, not its text. The content script
 * does not bundle the message table (it must stay small): the background words what it sends back,
 * and the panel asks the background for the templates it shows.
 */
export class ContentError extends Error {
  override readonly name = "ContentError";
  constructor(
    readonly code: MessageCode,
    readonly params: MessageParams = {},
  ) {
    super(code);
  }
}

/** Any thrown value as a WireError (`message` is the code or the thrown text, for logs). */
export function contentWireError(err: unknown): WireError {
  if (err instanceof ContentError) return { code: err.code, params: err.params, message: err.code };
  // An error that already crossed a boundary (the background's answer) keeps what it carries.
  if (err instanceof Error && "wire" in err) return (err as Error & { wire: WireError }).wire;
  const detail = err instanceof Error ? err.message : String(err);
  return { code: "EXT_INTERNAL", params: { detail }, message: detail };
}

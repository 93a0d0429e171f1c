import { HocBaError, isHocBaError } from "../../shared/errors/hocba-error.ts";
import type { Locale } from "../../shared/errors/message-table.ts";
import { formatMessage, isMessageCode } from "../../shared/errors/message-table.ts";
import type { WireError } from "./wire.ts";

/** Any thrown value as a WireError: HocBaErrors keep their code, the rest become EXT_INTERNAL. */
export function toWireError(err: unknown): WireError {
  if (isHocBaError(err)) return err.toJSON();
  // An error that already crossed a boundary (ActionError) keeps what it carries.
  if (err instanceof Error && "wire" in err) return (err as Error & { wire: WireError }).wire;
  const detail = err instanceof Error ? err.message : String(err);
  return new HocBaError("EXT_INTERNAL", { detail }).toJSON();
}

/** A WireError back as a HocBaError (e.g. to rethrow in a page). */
export function fromWireError(error: WireError): HocBaError {
  return new HocBaError(isMessageCode(error.code) ? error.code : "EXT_INTERNAL", {
    detail: error.message,
    ...error.params,
  });
}

/** The error's text in the UI's language. */
export function wireErrorText(error: WireError, locale: Locale): string {
  return isMessageCode(error.code) ? formatMessage(error.code, error.params, locale) : error.message;
}

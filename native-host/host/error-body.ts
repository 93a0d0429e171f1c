import { HocBaError, isHocBaError } from "../../shared/errors/hocba-error.ts";
import type { ErrorBody } from "../../shared/protocol/common.ts";

/** The wire form of any error: HocBaErrors as they are, anything else as HOST_INTERNAL. */
export function toErrorBody(err: unknown, logFile: string | null): ErrorBody {
  if (isHocBaError(err)) return err.toJSON();
  const detail = err instanceof Error ? err.message.slice(0, 300) : String(err).slice(0, 300);
  return new HocBaError("HOST_INTERNAL", { detail, log: logFile ?? "(không có)" }).toJSON();
}

/** A short tag for the log: the error code, or the error class name. */
export function errorTag(err: unknown): string {
  return isHocBaError(err) ? err.code : err instanceof Error ? err.name : "unknown";
}

import { HocBaError, isHocBaError } from "../../shared/errors/hocba-error.ts";
import { P11, pkcs11Code, pkcs11CodeName } from "./pkcs11-api.ts";

/** CKR_* codes that mean the token is gone (pulled out, reset, session invalidated by removal). */
const REMOVED = new Set<number>([
  P11.CKR_DEVICE_REMOVED,
  P11.CKR_TOKEN_NOT_PRESENT,
  P11.CKR_TOKEN_NOT_RECOGNIZED,
  P11.CKR_SESSION_HANDLE_INVALID,
  P11.CKR_SESSION_CLOSED,
  P11.CKR_DEVICE_ERROR,
]);

export function isTokenRemovedCode(code: number | undefined): boolean {
  return code !== undefined && REMOVED.has(code);
}

/**
 * Turns a PKCS#11 failure into the user-facing error. `operation` is a Vietnamese verb phrase
 * ("ký", "đọc chứng thư số") used in the message. HocBaErrors pass through unchanged.
 */
export function toTokenError(err: unknown, label: string, operation: string): HocBaError {
  if (isHocBaError(err)) return err;
  const code = pkcs11Code(err);
  if (isTokenRemovedCode(code)) return new HocBaError("TOKEN_REMOVED", { label, operation }, { cause: err });
  if (code === P11.CKR_USER_NOT_LOGGED_IN) {
    return new HocBaError("TOKEN_NOT_LOGGED_IN", { label }, { cause: err });
  }
  if (code === P11.CKR_PIN_LOCKED) return new HocBaError("TOKEN_PIN_LOCKED", { label }, { cause: err });
  if (code === P11.CKR_PIN_EXPIRED) return new HocBaError("TOKEN_PIN_EXPIRED", { label }, { cause: err });
  if (code === P11.CKR_FUNCTION_CANCELED) {
    return new HocBaError("TOKEN_LOGIN_CANCELLED", { label }, { cause: err });
  }
  const detail = code !== undefined ? pkcs11CodeName(code) : err instanceof Error ? err.message : String(err);
  return new HocBaError("TOKEN_PKCS11_ERROR", { label, operation, detail }, { cause: err });
}

/**
 * True for errors that concern the token rather than one document (removed, PIN, login, any
 * PKCS#11 failure): a batch stops at the first of them instead of failing every remaining file.
 */
export function isTokenLevelError(err: unknown): boolean {
  return isHocBaError(err) && err.code.startsWith("TOKEN_");
}

import { EXTENSION_ID, NATIVE_HOST_NAME } from "../../../shared/config/extension-identity.ts";
import { HocBaError } from "../../../shared/errors/hocba-error.ts";

/**
 * Turns the browser's reason for closing a native port into an error that tells the user what to do.
 * The strings are Chromium's (runtime.lastError.message); Firefox words them differently, so we
 * match loosely and fall back to a generic "disconnected" error that quotes the reason.
 */
export function mapNativeDisconnect(reason: string | undefined): HocBaError {
  const text = (reason ?? "").toLowerCase();
  const params = { host: NATIVE_HOST_NAME, extensionId: EXTENSION_ID };
  if (text.includes("not found") || text.includes("no such native application")) {
    return new HocBaError("EXT_HOST_NOT_FOUND", params);
  }
  if (text.includes("forbidden")) return new HocBaError("EXT_HOST_FORBIDDEN", params);
  if (text.includes("has exited") || text.includes("exited")) {
    return new HocBaError("EXT_HOST_EXITED", params);
  }
  if (text.includes("error when communicating")) return new HocBaError("EXT_HOST_PROTOCOL", params);
  return new HocBaError("EXT_HOST_DISCONNECTED", { ...params, detail: reason ?? "?" });
}

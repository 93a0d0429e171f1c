import { HocBaError } from "../../shared/errors/hocba-error.ts";
import { probeTokenModules, type ProbeOptions } from "./probe-token-modules.ts";
import { listTokens } from "./token-session.ts";
import type { Pkcs11Loader } from "./pkcs11-api.ts";

/**
 * The PKCS#11 library that sees the token with this label: the first of the probe list
 * (shared/config/token-modules.json) found on this machine. For callers that were not told which
 * library to use (CLI without --module, the native host). Throws TOKEN_MODULE_NOT_FOUND or
 * SIGN_NO_MODULE_HAS_TOKEN.
 */
export function findTokenModule(
  label: string,
  options: ProbeOptions & { loader?: Pkcs11Loader } = {},
): string {
  const modules = probeTokenModules(options);
  if (modules.length === 0) throw new HocBaError("TOKEN_MODULE_NOT_FOUND");
  const wanted = label.trim().normalize("NFC");
  for (const m of modules) {
    try {
      const tokens = listTokens({
        modulePath: m.path,
        ...(options.loader ? { loader: options.loader } : {}),
      });
      if (tokens.some((t) => t.label === wanted)) return m.path;
    } catch {
      // A broken vendor library must not hide the one that works.
    }
  }
  throw new HocBaError("SIGN_NO_MODULE_HAS_TOKEN", {
    label: wanted,
    modules: modules.map((m) => m.path).join(", "),
  });
}

import { execFileSync } from "node:child_process";
import path from "node:path";
import type { TestTokenEnv } from "./test-token.ts";

const SCRIPT = path.resolve(import.meta.dirname, "../../scripts/make-test-token.sh");

/**
 * A fresh SoftHSM token and test PKI in `dir` (scripts/make-test-token.sh), read from the
 * variables the script prints. For the test run's global setup, per-file host tests, the demo and
 * the benchmarks; `quiet` keeps the script's stderr out of the output (it is still in the error).
 */
export function makeTestTokenIn(dir: string, options: { quiet?: boolean } = {}): TestTokenEnv {
  const out = execFileSync("bash", [SCRIPT, dir], {
    encoding: "utf8",
    ...(options.quiet ? { stdio: ["ignore", "pipe", "pipe"] } : {}),
  });
  const vars = new Map([...out.matchAll(/(\w+)='([^']*)'/g)].map((m) => [m[1] ?? "", m[2] ?? ""]));
  return {
    softhsm2Conf: vars.get("SOFTHSM2_CONF") ?? path.join(dir, "softhsm2.conf"),
    pkiDir: vars.get("TEST_PKI_DIR") ?? dir,
    tokenLabel: vars.get("TOKEN_LABEL") ?? "HocBa-Test",
    pin: vars.get("TOKEN_PIN") ?? "123456",
    modulePath: vars.get("PKCS11_MODULE") ?? "/usr/lib/softhsm/libsofthsm2.so",
  };
}

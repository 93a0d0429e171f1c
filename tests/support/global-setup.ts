import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import type { TestTokenEnv } from "./test-token.ts";

/**
 * Runs once per test run: creates the SoftHSM test token and PKI (scripts/make-test-token.sh) in a
 * private temp folder, and hands its location to the test workers (project.provide → inject, see
 * tests/support/test-token.ts). The folder is removed at the end of the run.
 */
export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(path.join(os.tmpdir(), "hocba-token-"));
  const script = path.resolve(import.meta.dirname, "../../scripts/make-test-token.sh");
  const out = execFileSync("bash", [script, dir], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const vars = Object.fromEntries(
    [...out.matchAll(/(\w+)='([^']*)'/g)].map((m) => [m[1] ?? "", m[2] ?? ""] as const),
  );
  const env: TestTokenEnv = {
    softhsm2Conf: vars.SOFTHSM2_CONF ?? path.join(dir, "softhsm2.conf"),
    pkiDir: vars.TEST_PKI_DIR ?? dir,
    tokenLabel: vars.TOKEN_LABEL ?? "HocBa-Test",
    pin: vars.TOKEN_PIN ?? "123456",
    modulePath: vars.PKCS11_MODULE ?? "/usr/lib/softhsm/libsofthsm2.so",
  };
  project.provide("testToken", env);
  return () => rmSync(dir, { recursive: true, force: true });
}

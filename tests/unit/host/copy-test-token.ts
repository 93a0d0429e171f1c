import { cpSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { scratchDir } from "./scratch-dir.ts";
import type { TestToken } from "./test-token.ts";

/**
 * The same token (same label, PIN, keys and certificates) in its own SoftHSM store: what a second
 * PC holds when two PCs' helpers are tested at once. Two processes must not share one SoftHSM file
 * store: SoftHSM rewrites the token's file at every C_Login, and another process reading it then
 * briefly finds no token (TOKEN_NOT_FOUND) or fails the call (TOKEN_PKCS11_ERROR). Real USB
 * tokens are one per PC; the PKI files (roots for trust) stay the original's.
 */
export function copyTestToken(token: TestToken): TestToken {
  const conf = token.env.SOFTHSM2_CONF;
  if (!conf) throw new Error("the test token has no SOFTHSM2_CONF");
  const text = readFileSync(conf, "utf8");
  const tokenDir = /^directories\.tokendir\s*=\s*(.+)$/m.exec(text)?.[1]?.trim();
  if (!tokenDir) throw new Error(`no directories.tokendir in ${conf}`);
  const dir = scratchDir("hocba-token-copy");
  const copiedTokens = path.join(dir, "tokens");
  cpSync(tokenDir, copiedTokens, { recursive: true });
  const copiedConf = path.join(dir, "softhsm2.conf");
  writeFileSync(
    copiedConf,
    text.replace(/^directories\.tokendir\s*=.*$/m, `directories.tokendir = ${copiedTokens}`),
  );
  return { ...token, env: { ...token.env, SOFTHSM2_CONF: copiedConf } };
}

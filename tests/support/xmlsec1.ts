import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export interface Xmlsec1Result {
  ok: boolean;
  output: string;
}

/**
 * The independent check of docs/format-hocbaso.md: xmlsec1 --verify of one signature
 * (by its Id), trusting `root`, with `intermediate` as untrusted helper certificate.
 */
export function xmlsec1Verify(
  bytes: Uint8Array,
  signatureId: string,
  pki: { root: string; intermediate?: string; verificationTime?: string },
): Xmlsec1Result {
  const dir = mkdtempSync(path.join(os.tmpdir(), "xmlsec1-"));
  try {
    const file = path.join(dir, "doc.xml");
    writeFileSync(file, bytes);
    const args = [
      "--verify",
      "--trusted-pem",
      pki.root,
      ...(pki.intermediate ? ["--untrusted-pem", pki.intermediate] : []),
      ...(pki.verificationTime ? ["--verification-time", pki.verificationTime] : []),
      "--id-attr:Id",
      "DLHocBa",
      "--id-attr:Id",
      "http://uri.etsi.org/01903/v1.3.2#:SignedProperties",
      "--id-attr:Id",
      "http://www.w3.org/2000/09/xmldsig#:Signature",
      "--node-id",
      signatureId,
      file,
    ];
    const r = spawnSync("xmlsec1", args, { encoding: "utf8" });
    return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

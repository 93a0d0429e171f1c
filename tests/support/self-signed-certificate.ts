import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export interface SelfSignedCertificate {
  keyPem: string;
  certPem: string;
  certDer: Uint8Array;
}

/**
 * A throw-away RSA key and self-signed certificate made by openssl (a real certificate, not a
 * hand-built one). `subject` is an openssl -subj string and may hold Vietnamese (UTF-8).
 */
export function makeSelfSignedCertificate(options: {
  subject: string;
  days?: number;
  /** Hex digits of the serial number (openssl -set_serial); random by default. */
  serialHex?: string;
}): SelfSignedCertificate {
  const dir = mkdtempSync(path.join(tmpdir(), "hocba-cert-"));
  try {
    const run = spawnSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        path.join(dir, "k.pem"),
        "-out",
        path.join(dir, "c.pem"),
        "-days",
        String(options.days ?? 1),
        "-utf8",
        "-subj",
        options.subject,
        ...(options.serialHex ? ["-set_serial", `0x${options.serialHex}`] : []),
      ],
      { encoding: "utf8" },
    );
    if (run.status !== 0) throw new Error(`openssl: ${run.stderr}`);
    const certPem = readFileSync(path.join(dir, "c.pem"), "utf8");
    const base64 = certPem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, "");
    return {
      keyPem: readFileSync(path.join(dir, "k.pem"), "utf8"),
      certPem,
      certDer: Uint8Array.from(Buffer.from(base64, "base64")),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

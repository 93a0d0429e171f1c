import { execFileSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { describeCertificate } from "../../../native-host/token/certificate-info.ts";

const dir = mkdtempSync(path.join(tmpdir(), "hocba-serial-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A self-signed certificate with the given serial, as DER. */
function certWithSerial(serial: string): Uint8Array {
  const der = path.join(dir, `${serial}.der`);
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      path.join(dir, "k.pem"),
      "-subj",
      "/CN=Serial test",
      "-days",
      "1",
      "-set_serial",
      `0x${serial}`,
      "-outform",
      "DER",
      "-out",
      der,
    ],
    { stdio: "ignore" },
  );
  return readFileSync(der);
}

describe("certificate serial shown to users", () => {
  // DER encodes a serial whose top bit is set with a leading 00 byte; Node, openssl and the CAs
  // show it without. Random serials have the top bit set half of the time.
  it.each(["EE0102030405", "7F0102030405", "80", "0100"])(
    "serial %s is shown as openssl shows it",
    (serial) => {
      const der = certWithSerial(serial);
      const expected = new X509Certificate(der).serialNumber.toUpperCase();
      expect(describeCertificate(der).serialHex).toBe(expected);
    },
  );
});

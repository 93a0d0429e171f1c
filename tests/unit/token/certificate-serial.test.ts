import { X509Certificate } from "node:crypto";
import { describe, expect, it } from "vitest";
import { describeCertificate } from "../../../native-host/token/certificate-info.ts";
import { makeSelfSignedCertificate } from "../../support/self-signed-certificate.ts";

/** A self-signed certificate with the given serial, as DER. */
function certWithSerial(serial: string): Uint8Array {
  return makeSelfSignedCertificate({ subject: "/CN=Serial test", serialHex: serial }).certDer;
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

import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { checkSignable } from "../../../native-host/sign/check-signable.ts";
import { CheckedDocuments } from "../../../native-host/sign/checked-documents.ts";
import { prepareHocBaSignature, type SignerIdentity } from "../../../native-host/sign/sign-hocba.ts";
import { describeCertificate } from "../../../native-host/token/certificate-info.ts";
import { sampleDocument, sampleDocuments } from "../../support/hocba-documents.ts";
import { useTestToken } from "../../support/test-token.ts";

/*
 * A batch checks each document before the login and signs it after (issue #14: parse once): the
 * facts the check read are kept for the signing, by the exact bytes, and the signature prepared
 * from them is the one prepared from a fresh parse.
 */

let identity: SignerIdentity;
beforeAll(() => {
  const tok = useTestToken();
  const der = new X509Certificate(readFileSync(tok.certPem("gvcn"))).raw;
  const intermediate = new X509Certificate(readFileSync(tok.intermediatePem)).raw;
  identity = { certificate: der, chain: [intermediate], info: describeCertificate(der), keyType: "RSA" };
});

const signingTime = new Date("2026-05-25T08:00:00+07:00");

describe("CheckedDocuments", () => {
  it("the signature prepared from the checked facts is the one prepared from a fresh parse", async () => {
    for (const doc of sampleDocuments(5)) {
      const checked = new CheckedDocuments();
      await checkSignable(doc.bytes, "GVCN", identity.info.subject, checked);
      const fromCheck = await prepareHocBaSignature(identity, doc.bytes, "GVCN", { signingTime, checked });
      const fresh = await prepareHocBaSignature(identity, doc.bytes, "GVCN", { signingTime });
      expect(fromCheck.signedInfo.equals(fresh.signedInfo)).toBe(true);
      expect(fromCheck.ids).toEqual(fresh.ids);
      const value = Buffer.alloc(256, 7);
      expect(fromCheck.finish(value).equals(fresh.finish(value))).toBe(true);
      // Used once.
      expect(checked.take(doc.bytes)).toBeUndefined();
    }
  });

  it("keeps facts only for the exact bytes checked: changed bytes are checked again in full", async () => {
    const doc = sampleDocument();
    const checked = new CheckedDocuments();
    await checkSignable(doc.bytes, "GVCN", identity.info.subject, checked);
    const changed = Buffer.from(Buffer.from(doc.bytes).toString("utf8").replace("<HoTen>", "<HoTen>X"));
    expect(checked.take(changed)).toBeUndefined();
    expect(checked.take(Buffer.from(doc.bytes))).toBeDefined();
  });

  it("keeps nothing for a document the check refuses", async () => {
    const doc = sampleDocument();
    const checked = new CheckedDocuments();
    // A certificate holder the record does not name for the role: refused before the PIN.
    await expect(checkSignable(doc.bytes, "GVCN", "CN=Ngô Văn Khách, C=VN", checked)).rejects.toThrow();
    expect(checked.take(doc.bytes)).toBeUndefined();
  });
});

import { X509Certificate } from "node:crypto";
import { DOMParser, type Element } from "@xmldom/xmldom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ExclusiveCanonicalization, SignedXml } from "xml-crypto";
import { signHocBa } from "../../../native-host/sign/sign-hocba.ts";
import { signedInfoXml, signedPropertiesXml } from "../../../native-host/sign/signature-xml.ts";
import {
  ALG_ECDSA_SHA256,
  ALG_RSA_SHA256,
  formatSigningTime,
  NS_DS,
  NS_XADES,
  TYPE_SIGNED_PROPERTIES,
} from "../../../shared/xml/hocbaso-v1/signature-profile.ts";
import { openTokenSession, type TokenSession } from "../../../native-host/token/token-session.ts";
import { sampleDocument } from "../../support/hocba-documents.ts";
import { useTestToken } from "../../support/test-token.ts";

const exc = new ExclusiveCanonicalization();
const c14n = (el: Element) => exc.process(el as unknown as globalThis.Element, {});

function parse(xml: string) {
  return new DOMParser().parseFromString(xml, "text/xml");
}

describe("signature templates are canonical by construction", () => {
  it.each(["GVCN", "ThuTruong", "DonVi"] as const)(
    "SignedProperties of %s: the written text, placed as in a document, canonicalizes to .c14n",
    (role) => {
      const sp = signedPropertiesXml({
        role,
        signingTime: "2026-12-01T08:30:00+07:00",
        certDigest: "q83vEjRWeJA=",
        issuerSerial: "MGIwSqRIMEYx",
      });
      const doc = parse(
        `<HocBaSo><DSCKS><${role}><ds:Signature xmlns:ds="${NS_DS}" Id="sig-${role}"><ds:Object>` +
          `<xades:QualifyingProperties xmlns:xades="${NS_XADES}" Target="#sig-${role}">${sp.xml}` +
          `</xades:QualifyingProperties></ds:Object></ds:Signature></${role}></DSCKS></HocBaSo>`,
      );
      const el = doc.getElementsByTagNameNS(NS_XADES, "SignedProperties").item(0);
      expect(el).toBeTruthy();
      expect(c14n(el as Element)).toBe(sp.c14n);
    },
  );

  it.each([ALG_RSA_SHA256, ALG_ECDSA_SHA256])("SignedInfo with %s canonicalizes to .c14n", (alg) => {
    const si = signedInfoXml(alg, [
      { uri: "#DLHocBa", digest: "AAAA" },
      { uri: "#SP-ThuTruong", type: TYPE_SIGNED_PROPERTIES, digest: "BBBB" },
      { uri: "#sig-GVCN", digest: "CCCC" },
    ]);
    const doc = parse(
      `<HocBaSo><ds:Signature xmlns:ds="${NS_DS}" Id="sig-ThuTruong">${si.xml}</ds:Signature></HocBaSo>`,
    );
    const el = doc.getElementsByTagNameNS(NS_DS, "SignedInfo").item(0);
    expect(c14n(el as Element)).toBe(si.c14n);
  });

  it("refuses a value that would need escaping instead of writing it", () => {
    expect(() => signedInfoXml(ALG_RSA_SHA256, [{ uri: '#a"b', digest: "x" }])).toThrow(/unsafe/);
  });

  it.each([
    ["2026-12-01T01:30:00Z", "2026-12-01T08:30:00+07:00"],
    ["2026-12-31T17:00:00.999Z", "2027-01-01T00:00:00+07:00"],
  ])("SigningTime %s is written %s", (utc, vn) => {
    expect(formatSigningTime(new Date(utc))).toBe(vn);
  });
});

describe("a third implementation agrees: xml-crypto verifies what we sign", () => {
  let session: TokenSession;
  beforeAll(() => {
    const tok = useTestToken();
    session = openTokenSession({ modulePath: tok.modulePath, tokenLabel: tok.tokenLabel });
    session.login(tok.pin);
  });
  afterAll(() => session.close());

  it("each of the three signatures passes xml-crypto's checkSignature with the pinned certificate", async () => {
    let bytes: Uint8Array = sampleDocument().bytes;
    const certs: Record<string, string> = {};
    for (const [role, cert] of [
      ["GVCN", "gvcn"],
      ["ThuTruong", "thu-truong"],
      ["DonVi", "don-vi"],
    ] as const) {
      const signer = session.selectSigner({ cert });
      certs[role] = new X509Certificate(signer.certificate).toString();
      bytes = await signHocBa(signer, bytes, role);
    }
    const xml = Buffer.from(bytes).toString("utf8");
    const doc = parse(xml);
    for (const role of ["GVCN", "ThuTruong", "DonVi"]) {
      const sigs = doc.getElementsByTagNameNS(NS_DS, "Signature");
      let node: Element | undefined;
      for (let i = 0; i < sigs.length; i++) {
        if (sigs.item(i)?.getAttribute("Id") === `sig-${role}`) node = sigs.item(i) ?? undefined;
      }
      const sx = new SignedXml({ publicCert: certs[role], getCertFromKeyInfo: () => null });
      sx.loadSignature(node as unknown as globalThis.Node);
      expect(sx.checkSignature(xml), role).toBe(true);
      expect(sx.getSignedReferences()).toHaveLength(role === "GVCN" ? 2 : role === "ThuTruong" ? 3 : 4);
    }
  });
});

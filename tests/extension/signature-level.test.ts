import { describe, expect, it } from "vitest";
import { readSignatureBlocks } from "../../extension/services/read-signature-blocks.ts";

/** A role container with the unsigned properties a signature of each level writes. */
function container(role: string, unsigned: string): string {
  return (
    `<${role}><ds:Signature><ds:KeyInfo><ds:X509Data><ds:X509Certificate>AA==</ds:X509Certificate></ds:X509Data></ds:KeyInfo>` +
    `<ds:Object><xades:QualifyingProperties><xades:SignedProperties><xades:SignedSignatureProperties>` +
    `<xades:SigningTime>2026-05-30T10:07:00+07:00</xades:SigningTime></xades:SignedSignatureProperties></xades:SignedProperties>` +
    `${unsigned}</xades:QualifyingProperties></ds:Object></ds:Signature></${role}>`
  );
}

describe("the preview's signature blocks show the level each signature is written at", () => {
  it("B-B without unsigned properties, B-T with a SignatureTimeStamp, B-LT with RevocationValues too", () => {
    const ts =
      "<xades:SignatureTimeStamp><xades:EncapsulatedTimeStamp>AA==</xades:EncapsulatedTimeStamp></xades:SignatureTimeStamp>";
    const xml =
      `<HocBaSo><DLHocBa/><DSCKS>` +
      container("GVCN", "") +
      container(
        "ThuTruong",
        `<xades:UnsignedProperties><xades:UnsignedSignatureProperties>${ts}</xades:UnsignedSignatureProperties></xades:UnsignedProperties>`,
      ) +
      container(
        "DonVi",
        `<xades:UnsignedProperties><xades:UnsignedSignatureProperties>${ts}<xades:CertificateValues/><xades:RevocationValues><xades:OCSPValues/></xades:RevocationValues></xades:UnsignedSignatureProperties></xades:UnsignedProperties>`,
      ) +
      `</DSCKS></HocBaSo>`;
    expect(readSignatureBlocks(xml).map((b) => [b.role, b.level])).toEqual([
      ["GVCN", "B-B"],
      ["ThuTruong", "B-T"],
      ["DonVi", "B-LT"],
    ]);
  });
});

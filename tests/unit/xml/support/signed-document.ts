import { SignedXml } from "xml-crypto";
import { makeSelfSignedCertificate } from "../../../support/self-signed-certificate.ts";
import { NS_DS, NS_XADES, type SigningRole } from "../../../../shared/xml/hocbaso-v1/signature-profile.ts";

/**
 * Signed documents for schema tests, shaped like the signature profile in docs/format-hocbaso.md
 * (ds:Signature Id="sig-<Role>" in DSCKS/<Role>, XAdES QualifyingProperties in ds:Object).
 * The signing engineer owns the real signer; these only need to be structurally right.
 */

const ZERO = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

function qualifyingProperties(role: SigningRole, prefix = "xades"): string {
  return (
    `<${prefix}:QualifyingProperties xmlns:${prefix}="${NS_XADES}" Target="#sig-${role}">` +
    `<${prefix}:SignedProperties Id="SP-${role}"><${prefix}:SignedSignatureProperties>` +
    `<${prefix}:SigningTime>2026-05-25T09:00:00+07:00</${prefix}:SigningTime>` +
    `<${prefix}:SigningCertificateV2><${prefix}:Cert><${prefix}:CertDigest>` +
    `<ds:DigestMethod xmlns:ds="${NS_DS}" Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>` +
    `<ds:DigestValue xmlns:ds="${NS_DS}">${ZERO}</ds:DigestValue>` +
    `</${prefix}:CertDigest><${prefix}:IssuerSerialV2>MAA=</${prefix}:IssuerSerialV2></${prefix}:Cert></${prefix}:SigningCertificateV2>` +
    `<${prefix}:SignerRoleV2><${prefix}:ClaimedRoles><${prefix}:ClaimedRole>${role}</${prefix}:ClaimedRole></${prefix}:ClaimedRoles></${prefix}:SignerRoleV2>` +
    `</${prefix}:SignedSignatureProperties>` +
    `</${prefix}:SignedProperties></${prefix}:QualifyingProperties>`
  );
}

/** A structurally complete ds:Signature with made-up values (schema-valid, not verifiable). */
export function fakeSignature(role: SigningRole, options: { id?: string } = {}): string {
  const ref = (uri: string, type = "") =>
    `<ds:Reference URI="${uri}"${type}><ds:Transforms><ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/></ds:Transforms>` +
    `<ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/><ds:DigestValue>${ZERO}</ds:DigestValue></ds:Reference>`;
  return (
    `<ds:Signature xmlns:ds="${NS_DS}" Id="${options.id ?? `sig-${role}`}"><ds:SignedInfo>` +
    `<ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>` +
    `<ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"/>` +
    ref("#DLHocBa") +
    ref(`#SP-${role}`, ' Type="http://uri.etsi.org/01903#SignedProperties"') +
    `</ds:SignedInfo><ds:SignatureValue>${ZERO}</ds:SignatureValue>` +
    `<ds:KeyInfo><ds:X509Data><ds:X509Certificate>${ZERO}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>` +
    `<ds:Object>${qualifyingProperties(role)}</ds:Object></ds:Signature>`
  );
}

let testKey: { key: string; cert: string } | undefined;

/** A throw-away RSA key and self-signed certificate (openssl), made once per test file. */
function key(): { key: string; cert: string } {
  if (testKey) return testKey;
  const made = makeSelfSignedCertificate({ subject: "/CN=Giao vien thu/C=VN", days: 2 });
  testKey = { key: made.keyPem, cert: made.certPem };
  return testKey;
}

/** Signs with xml-crypto into DSCKS/<role>, referencing #DLHocBa (and earlier signatures). */
export function signWithXmlCrypto(xml: string, role: SigningRole, earlier: SigningRole[] = []): string {
  const { key: privateKey, cert } = key();
  const withContainer = xml.includes("<DSCKS/>")
    ? xml.replace("<DSCKS/>", `<DSCKS><${role}/></DSCKS>`)
    : xml.replace("</DSCKS>", `<${role}/></DSCKS>`);
  const sig = new SignedXml({
    privateKey,
    publicCert: cert,
    signatureAlgorithm: "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256",
    canonicalizationAlgorithm: "http://www.w3.org/2001/10/xml-exc-c14n#",
    objects: [{ content: qualifyingProperties(role) }],
  });
  const transforms = ["http://www.w3.org/2001/10/xml-exc-c14n#"];
  const digestAlgorithm = "http://www.w3.org/2001/04/xmlenc#sha256";
  sig.addReference({ xpath: "//*[@Id='DLHocBa']", transforms, digestAlgorithm });
  for (const e of earlier) sig.addReference({ xpath: `//*[@Id='sig-${e}']`, transforms, digestAlgorithm });
  sig.computeSignature(withContainer, {
    prefix: "ds",
    attrs: { Id: `sig-${role}` },
    location: { reference: `/HocBaSo/DSCKS/${role}`, action: "append" },
  });
  return sig.getSignedXml();
}

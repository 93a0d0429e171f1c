/**
 * The signature profile of học bạ số 1.0 (shared/docs/hocbaso-xml.md): namespaces, the only
 * algorithms allowed, and the Id scheme. Signing emits exactly this; verification accepts only this.
 */
export const NS_DS = "http://www.w3.org/2000/09/xmldsig#";
export const NS_XADES = "http://uri.etsi.org/01903/v1.3.2#";

export const ALG_EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#";
export const ALG_RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
export const ALG_ECDSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";
export const ALG_SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";
export const TYPE_SIGNED_PROPERTIES = "http://uri.etsi.org/01903#SignedProperties";

/** Id of the element every signature covers. */
export const DATA_ID = "DLHocBa";

export function signatureId(role: string): string {
  return `sig-${role}`;
}

export function signedPropertiesId(role: string): string {
  return `SP-${role}`;
}

/** SigningTime as the profile writes it: seconds precision, Vietnam offset (+07:00). */
export function formatSigningTime(d: Date): string {
  const t = new Date(Math.floor(d.getTime() / 1000) * 1000 + 7 * 3600_000);
  return t.toISOString().replace(/\.\d{3}Z$/, "+07:00");
}

/** xs:dateTime with an explicit offset, as SigningTime must be. */
export const SIGNING_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

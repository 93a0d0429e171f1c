/**
 * The signature profile of học bạ số 1.0, written once: the signing roles and their order, the Ids,
 * the namespaces and the only algorithms allowed. The signer emits exactly this, the verifier
 * accepts only this, and everything else that names a role derives from SIGNING_ROLES: the
 * protocol's zod enum, the extension's role lists and labels, the archive's SQL check. Browser-safe
 * (the extension reads it too): no Node, no zod.
 */

/** Signing roles, in the only order they may sign. Each is the name of its container in DSCKS. */
export const SIGNING_ROLES = ["GVCN", "ThuTruong", "DonVi"] as const;
export type SigningRole = (typeof SIGNING_ROLES)[number];

export function isSigningRole(value: unknown): value is SigningRole {
  return typeof value === "string" && (SIGNING_ROLES as readonly string[]).includes(value);
}

/**
 * The roles that sign a CANCEL document (SuKien CANCEL), in order: the head withdraws the record
 * alone, and the institution may seal that afterwards; the GVCN does not sign a cancellation.
 * docs/format-hocbaso.md, "Cancelling a record".
 */
export const CANCEL_SIGNING_ROLES = ["ThuTruong", "DonVi"] as const satisfies readonly SigningRole[];

/** The roles that sign a document with this SuKien, in their order. */
export function signingRolesFor(suKien?: string): readonly SigningRole[] {
  return suKien === "CANCEL" ? CANCEL_SIGNING_ROLES : SIGNING_ROLES;
}

/**
 * The roles that must have signed before `role` (in a document with this SuKien). A role that does
 * not sign such a document at all has every role of it before: nothing satisfies it.
 */
export function rolesBefore(role: SigningRole, suKien?: string): SigningRole[] {
  const roles = signingRolesFor(suKien);
  const i = roles.indexOf(role);
  return i < 0 ? [...roles] : roles.slice(0, i);
}

/** The roles present are exactly a prefix of the order for this SuKien. */
export function isSigningOrder(present: readonly SigningRole[], suKien?: string): boolean {
  const roles = signingRolesFor(suKien);
  return present.length <= roles.length && present.every((r, i) => r === roles[i]);
}

/**
 * Signed as the document needs: all three roles in order; a CANCEL once the head has signed (the
 * seal after it is optional).
 */
export function isCompletelySigned(present: readonly SigningRole[], suKien?: string): boolean {
  if (!isSigningOrder(present, suKien)) return false;
  return suKien === "CANCEL" ? present.length >= 1 : present.length === SIGNING_ROLES.length;
}

/** Id of the ds:Signature inside DSCKS/<role>. */
export function signatureId(role: SigningRole): string {
  return `sig-${role}`;
}

/** Id of the xades:SignedProperties of that signature. */
export function signedPropertiesId(role: SigningRole): string {
  return `SP-${role}`;
}

export const NS_DS = "http://www.w3.org/2000/09/xmldsig#";
export const NS_XADES = "http://uri.etsi.org/01903/v1.3.2#";

export const ALG_EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#";
export const ALG_RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
export const ALG_ECDSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";
export const ALG_SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256";
export const TYPE_SIGNED_PROPERTIES = "http://uri.etsi.org/01903#SignedProperties";

/** SigningTime as the profile writes it: seconds precision, Vietnam offset (+07:00). */
export function formatSigningTime(d: Date): string {
  const t = new Date(Math.floor(d.getTime() / 1000) * 1000 + 7 * 3600_000);
  return t.toISOString().replace(/\.\d{3}Z$/, "+07:00");
}

/** xs:dateTime with an explicit offset, as SigningTime must be. */
export const SIGNING_TIME_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

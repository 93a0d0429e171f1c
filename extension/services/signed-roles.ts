import { SIGNER_ROLES, type SignerRole } from "../models/wire.ts";

/**
 * Roles whose signature container is present in a document's DSCKS, in signing order. A cheap scan
 * of the helper's own output, used for bookkeeping (counts, which role signs next); the verifier
 * and the preview read signatures properly.
 */
export function signedRolesOf(xml: string): SignerRole[] {
  const start = xml.indexOf("<DSCKS");
  if (start < 0) return [];
  const dscks = xml.slice(start);
  return SIGNER_ROLES.filter((role) => new RegExp(`<${role}[\\s>]`).test(dscks));
}

/** The role that must sign next, or undefined when every role has signed. */
export function nextRoleOf(signed: readonly SignerRole[]): SignerRole | undefined {
  return SIGNER_ROLES.find((role) => !signed.includes(role));
}

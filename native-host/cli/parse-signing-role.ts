import { HocBaError } from "../../shared/errors/hocba-error.ts";
import {
  isSigningRole,
  SIGNING_ROLES,
  type SigningRole,
} from "../../shared/xml/hocbaso-v1/signature-profile.ts";

/** CLI spelling of each role (`--role gvcn|thu-truong|don-vi`). */
const ROLE_CLI = {
  GVCN: "gvcn",
  ThuTruong: "thu-truong",
  DonVi: "don-vi",
} as const satisfies Record<SigningRole, string>;

/** Accepts the element name (GVCN, ThuTruong, DonVi) or the CLI spelling (gvcn, thu-truong, don-vi). */
export function parseSigningRole(input: string): SigningRole {
  const s = input.trim();
  if (isSigningRole(s)) return s;
  const found = SIGNING_ROLES.find((r) => ROLE_CLI[r] === s.toLowerCase());
  if (!found) throw new HocBaError("SIGN_UNKNOWN_ROLE", { role: input });
  return found;
}

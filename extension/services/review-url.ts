import { isSignerRole, type SignerRole } from "../models/wire.ts";

/** Path of the review page for some classes, optionally opened on one role's sign flow. */
export function reviewPath(classKeys: readonly string[], role?: SignerRole): string {
  const query = new URLSearchParams();
  for (const key of classKeys) query.append("lop", key);
  if (role) query.set("vaiTro", role);
  return `/review.html?${query.toString()}`;
}

/** Reads reviewPath's query back. */
export function parseReviewQuery(search: string): { classKeys: string[]; role?: SignerRole } {
  const query = new URLSearchParams(search);
  const role = query.get("vaiTro");
  return { classKeys: query.getAll("lop"), role: isSignerRole(role) ? role : undefined };
}

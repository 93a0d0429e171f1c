import { isSignerRole, type ArchiveClassRef, type SignerRole } from "../models/wire.ts";

/** Path of the review page for some classes, optionally opened on one role's sign flow. */
export function reviewPath(
  classKeys: readonly string[],
  role?: SignerRole,
  archived: readonly ArchiveClassRef[] = [],
): string {
  const query = new URLSearchParams();
  for (const key of classKeys) query.append("lop", key);
  // A class known only from the helper's archive (imported from another PC): its documents are
  // fetched from the helper, not read from this browser's store.
  for (const ref of archived) query.append("kho", archiveRefText(ref));
  if (role) query.set("vaiTro", role);
  return `/review.html?${query.toString()}`;
}

/** `namHoc|lop|maTruong`: how an archive class travels in the URL. */
function archiveRefText(ref: ArchiveClassRef): string {
  return [ref.namHoc, ref.lop, ref.maTruong ?? ""].join("|");
}

function archiveRefOf(text: string): ArchiveClassRef | undefined {
  const [namHoc, lop, maTruong] = text.split("|");
  if (!namHoc || !lop) return undefined;
  return maTruong ? { namHoc, lop, maTruong } : { namHoc, lop };
}

/** Reads reviewPath's query back. */
export function parseReviewQuery(search: string): {
  classKeys: string[];
  role?: SignerRole;
  archived: ArchiveClassRef[];
} {
  const query = new URLSearchParams(search);
  const role = query.get("vaiTro");
  return {
    classKeys: query.getAll("lop"),
    role: isSignerRole(role) ? role : undefined,
    archived: query.getAll("kho").flatMap((t) => archiveRefOf(t) ?? []),
  };
}

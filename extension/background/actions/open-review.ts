import { HocBaError } from "../../../shared/errors/hocba-error.ts";
import { isSignerRole, type ArchiveClassRef } from "../../models/wire.ts";
import { reviewPath } from "../../services/review-url.ts";
import type { BackgroundDeps } from "../deps.ts";

/** Opens the review page on the given classes (and straight on a role's sign flow, if given). */
export async function openReview(
  deps: Pick<BackgroundDeps, "openTab">,
  classKeys: unknown,
  role: unknown,
  archived: unknown = [],
): Promise<{ tabId?: number }> {
  const refs = Array.isArray(archived) ? archived.filter(isArchiveRef) : [];
  if (
    !Array.isArray(classKeys) ||
    (classKeys.length === 0 && refs.length === 0) ||
    !classKeys.every((k) => typeof k === "string")
  ) {
    throw new HocBaError("EXT_BAD_REQUEST", { action: "open-review", field: "classKeys" });
  }
  if (role !== undefined && !isSignerRole(role)) {
    throw new HocBaError("EXT_BAD_REQUEST", { action: "open-review", field: "role" });
  }
  const tab = await deps.openTab(reviewPath(classKeys, role, refs));
  return { tabId: tab.id };
}

function isArchiveRef(value: unknown): value is ArchiveClassRef {
  const ref = value as Partial<ArchiveClassRef> | null;
  return (
    typeof ref?.namHoc === "string" &&
    typeof ref.lop === "string" &&
    ref.lop !== "" &&
    (ref.maTruong === undefined || typeof ref.maTruong === "string")
  );
}

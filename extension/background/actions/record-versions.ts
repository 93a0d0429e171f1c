import { HocBaError } from "../../../shared/errors/hocba-error.ts";
import type { LearnerRecordVersion } from "../../../shared/protocol/record-versions.ts";
import type { BackgroundDeps } from "../deps.ts";

/**
 * The latest version of each learner's record in the helper's archive: the review page counts
 * versions from it first (a class signed on another PC, or a cleared profile), its own store second.
 */
export async function recordVersionsAction(
  deps: Pick<BackgroundDeps, "helpers">,
  request: { namHoc?: unknown; maTruong?: unknown; maHocVien?: unknown },
): Promise<{ versions: LearnerRecordVersion[] }> {
  const { namHoc, maTruong, maHocVien } = request;
  if (typeof namHoc !== "string" || !/^\d{4}-\d{4}$/.test(namHoc)) {
    throw new HocBaError("EXT_BAD_REQUEST", { action: "record-versions", field: "namHoc" });
  }
  if (
    !Array.isArray(maHocVien) ||
    maHocVien.length === 0 ||
    !maHocVien.every((m) => typeof m === "string" && m !== "")
  ) {
    throw new HocBaError("EXT_BAD_REQUEST", { action: "record-versions", field: "maHocVien" });
  }
  const events = await deps.helpers.use((client) =>
    client.recordVersions({
      namHoc,
      maHocVien: maHocVien as string[],
      ...(typeof maTruong === "string" && maTruong !== "" ? { maTruong } : {}),
    }),
  );
  return {
    versions: events.map((e) => ({ maHocVien: e.maHocVien, ...(e.latest ? { latest: e.latest } : {}) })),
  };
}

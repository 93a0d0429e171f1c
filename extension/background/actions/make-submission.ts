import { HocBaError } from "../../../shared/errors/hocba-error.ts";
import type { SubmissionMade } from "../../models/wire.ts";
import type { BackgroundDeps } from "../deps.ts";

/** Progress page, «Tạo gói nộp Sở/Bộ»: the helper writes the wave's package and names the folder. */
export async function makeSubmission(
  deps: Pick<BackgroundDeps, "helpers">,
  request: { namHoc?: unknown; dot?: unknown },
): Promise<SubmissionMade> {
  const namHoc = typeof request.namHoc === "string" ? request.namHoc : "";
  if (!/^\d{4}-\d{4}$/.test(namHoc)) {
    throw new HocBaError("EXT_BAD_REQUEST", { action: "make-submission", field: "namHoc" });
  }
  const dot = request.dot === 1 || request.dot === 2 ? request.dot : undefined;
  if (!dot) throw new HocBaError("EXT_BAD_REQUEST", { action: "make-submission", field: "dot" });
  const reply = await deps.helpers.use((client) => client.makeSubmission({ namHoc, dot }));
  return {
    namHoc: reply.namHoc,
    dot: reply.dot,
    ...(reply.dir !== undefined ? { dir: reply.dir } : {}),
    files: reply.files,
    included: reply.included,
    notIncludedCount: reply.notIncludedCount,
    notIncluded: reply.notIncluded,
    report: reply.report,
  };
}

import { HocBaError } from "../../../shared/errors/hocba-error.ts";
import { CheckSummaryInput } from "../../../shared/progress/check-summary.ts";
import type { ActionMap } from "../../models/wire.ts";
import type { BackgroundDeps } from "../deps.ts";

/**
 * Review page: the check summary of a class into the helper's audit log (the helper keeps it only
 * when it changed), for the progress table's «Hồ sơ không lỗi».
 */
export async function recordCheckSummary(
  deps: Pick<BackgroundDeps, "helpers">,
  request: Record<string, unknown>,
): Promise<ActionMap["record-check-summary"]["response"]> {
  const { action: _action, ...fields } = request;
  const parsed = CheckSummaryInput.safeParse(fields);
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]?.path[0] ?? "");
    throw new HocBaError("EXT_BAD_REQUEST", { action: "record-check-summary", field });
  }
  return deps.helpers.use((client) => client.recordCheckSummary(parsed.data));
}

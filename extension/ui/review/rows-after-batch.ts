import type { WireError } from "../../models/wire.ts";
import type { RowBatchState } from "./learner-table.tsx";

/**
 * Each row the batch did not reach says why: cancelled, or the batch error (the helper stopped,
 * the token was pulled out) once some documents had been processed, so that "retry the failed
 * ones" picks exactly them. A batch that failed before its first document (wrong PIN, no helper)
 * leaves the rows as they were; its error box says it all.
 */
export function rowsAfterBatch(
  batch: ReadonlyMap<string, RowBatchState>,
  end: { error?: WireError; cancelled?: boolean },
): Map<string, RowBatchState> {
  const reached = [...batch.values()].some((s) => s.status !== "queued");
  const next = new Map<string, RowBatchState>();
  for (const [id, state] of batch) {
    if (state.status !== "queued") next.set(id, state);
    else if (end.cancelled) next.set(id, { status: "cancelled" });
    else if (end.error && reached) next.set(id, { status: "failed", error: end.error, stopped: true });
  }
  return next;
}

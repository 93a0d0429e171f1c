import { describe, expect, it } from "vitest";
import { HocBaError } from "../../shared/errors/hocba-error.ts";
import type { RowBatchState } from "../../extension/ui/review/learner-table.tsx";
import { rowsAfterBatch } from "../../extension/ui/review/rows-after-batch.ts";

/** What each row of the review table says once a batch ended, by how it ended. */

const exited = new HocBaError("EXT_HOST_EXITED", { host: "h", extensionId: "x" }).toJSON();
const wrongPin = new HocBaError("EXT_HOST_ERROR", { code: "TOKEN_PIN_INCORRECT", detail: "" }).toJSON();
const refused = new HocBaError("EXT_HOST_ERROR", { code: "SIGN_INVALID_DOCUMENT", detail: "" }).toJSON();

const queued: RowBatchState = { status: "queued" };
const signed: RowBatchState = { status: "signed", resumed: false };
const docFailed: RowBatchState = { status: "failed", error: refused };

describe("rowsAfterBatch", () => {
  it.each([
    ["done: rows left queued (none) are dropped", [signed, docFailed], {}, [signed, docFailed]],
    [
      "cancelled: the rows not reached say so",
      [signed, queued, queued],
      { cancelled: true },
      [signed, { status: "cancelled" }, { status: "cancelled" }],
    ],
    [
      "cancelled before the first document: every row says so",
      [queued, queued],
      { cancelled: true },
      [{ status: "cancelled" }, { status: "cancelled" }],
    ],
    [
      "the helper died after some documents: the rest fail with the batch's error, marked stopped",
      [signed, docFailed, queued],
      { error: exited },
      [signed, docFailed, { status: "failed", error: exited, stopped: true }],
    ],
    [
      "refused before the first document (wrong PIN): rows stay as they were, the error box says why",
      [queued, queued],
      { error: wrongPin },
      [],
    ],
  ] as const)("%s", (_name, before, end, after) => {
    const batch = new Map(before.map((state, i) => [`id${i}`, state as RowBatchState]));
    expect([...rowsAfterBatch(batch, end).values()]).toEqual(after);
  });

  it("a failed row keeps its own (document) error; only rows never reached get the batch's", () => {
    const result = rowsAfterBatch(
      new Map<string, RowBatchState>([
        ["a", docFailed],
        ["b", queued],
      ]),
      { error: exited },
    );
    expect(result.get("a")).toEqual(docFailed);
    expect(result.get("b")).toEqual({ status: "failed", error: exited, stopped: true });
  });
});

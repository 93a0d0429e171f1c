import { describe, expect, it } from "vitest";
import { applyCheckSummaries } from "../../../shared/progress/apply-check-summaries.ts";
import type { CheckSummary } from "../../../shared/progress/check-summary.ts";
import { computeProgress, type ProgressClassInput } from "../../../shared/progress/compute-progress.ts";
import { progressTable } from "../../../shared/progress/progress-table.ts";

const klass = (lop: string, signed: number): ProgressClassInput => ({
  lop,
  maTruong: "79000001",
  tenTruong: "TT GDTX Quận 1",
  learners: signed,
  withoutErrors: null,
  signedGvcn: signed,
  signedThuTruong: 0,
  sealed: 0,
  packaged: 0,
});

let seq = 0;
const summary = (over: Partial<CheckSummary>): CheckSummary => ({
  namHoc: "2025-2026",
  lop: "10A1",
  maTruong: "79000001",
  learners: 30,
  withoutErrors: 28,
  withErrors: 2,
  profile: "gdtx-thpt",
  checkedAt: "2026-05-01T00:00:00.000Z",
  at: "2026-05-01T00:00:01.000Z",
  seq: ++seq,
  ...over,
});

describe("progress: check summaries fill learners and records without errors", () => {
  it("takes each class's latest summary of the year; unknown only without one", () => {
    const older = summary({ withoutErrors: 20, withErrors: 10 });
    const latest = summary({ withoutErrors: 29, withErrors: 1 });
    const otherYear = summary({ namHoc: "2024-2025", withoutErrors: 1 });
    const classes = applyCheckSummaries(
      "2025-2026",
      [klass("10A1", 12), klass("10A2", 5)],
      // Out of order on purpose: the audit seq decides, not the position.
      [latest, otherYear, older],
    );
    const report = computeProgress({ namHoc: "2025-2026", today: "2026-06-20", classes });
    const [a1, a2] = report.rows;
    // The check sees the whole class (30), the archive only the 12 already signed.
    expect(a1).toMatchObject({ lop: "10A1", learners: 30, withoutErrors: 29, signedGvcn: 12 });
    // 20/6 is past the GVCN's day (11/6) and 18 learners are not signed: late.
    expect(a1?.lateSteps).toContain("gvcn");
    expect(a2).toMatchObject({ lop: "10A2", learners: 5, withoutErrors: null });
    const table = progressTable(report);
    const col = table.headers.findIndex((h) => /không lỗi/i.test(h));
    expect(col).toBeGreaterThan(0);
    expect(table.rows.map((r) => r.cells[col])).toEqual([29, "chưa rõ"]);
  });

  it("adds a checked class with nothing signed yet, and matches a summary without maTruong by class name", () => {
    const classes = applyCheckSummaries(
      "2025-2026",
      [klass("10A1", 3)],
      [
        summary({ lop: "10A1", maTruong: undefined, learners: 4, withoutErrors: 4, withErrors: 0 }),
        summary({ lop: "11B2", learners: 9, withoutErrors: 6, withErrors: 3 }),
      ],
    );
    expect(classes).toEqual([
      { ...klass("10A1", 3), learners: 4, withoutErrors: 4 },
      { ...klass("11B2", 0), tenTruong: "", learners: 9, withoutErrors: 6 },
    ]);
  });
});

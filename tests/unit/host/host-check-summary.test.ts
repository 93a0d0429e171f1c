import path from "node:path";
import { describe, expect, it } from "vitest";
import { HocBaArchive } from "../../../native-host/archive/hocba-archive.ts";
import { HostReply } from "../../../shared/protocol/responses.ts";
import { useHostHarness } from "./host-harness.ts";

/*
 * The review page's check summary of a class reaches the real helper (`record-check-summary`),
 * goes to the audit log only when it changed, and fills the progress table's learners and
 * "records without errors".
 */

const harness = useHostHarness({
  dataPrefix: "hocba-check-summary",
  afterEnd(h) {
    expect(h.garbage).toBe("");
    for (const r of h.replies) {
      expect(HostReply.safeParse(r).success, JSON.stringify(r).slice(0, 300)).toBe(true);
    }
  },
});
const { start, signRequest } = harness;

describe("hocba host: record-check-summary", () => {
  it("keeps a summary once per change in the audit log and the progress table shows the latest", async () => {
    const { host, data } = start();
    expect(await host.hello()).toMatchObject({
      capabilities: expect.arrayContaining(["record-check-summary"]) as string[],
    });
    host.send(signRequest("gv", harness.docs.slice(0, 2)));
    expect((await host.collect("gv")).filter((r) => r.type === "signed")).toHaveLength(2);

    host.send({ type: "progress", requestId: "p0", namHoc: "2025-2026", today: "2026-06-01" });
    const p0 = (await host.next((r) => r.requestId === "p0")) as unknown as {
      report: {
        rows: Array<{ lop: string; maTruong: string; learners: number; withoutErrors: number | null }>;
      };
    };
    expect(p0.report.rows).toHaveLength(1);
    const row = p0.report.rows[0];
    if (!row) throw new Error("no row");
    expect(row).toMatchObject({ learners: 2, withoutErrors: null });
    const { lop, maTruong } = row;

    const summary = {
      namHoc: "2025-2026",
      lop,
      maTruong,
      learners: 5,
      withoutErrors: 3,
      withErrors: 2,
      profile: "gdtx-thpt",
      checkedAt: "2026-05-30T08:00:00.000Z",
    };
    host.send({ type: "record-check-summary", requestId: "s1", ...summary });
    expect(await host.next((r) => r.requestId === "s1")).toMatchObject({
      type: "check-summary-recorded",
      recorded: true,
      summary: { lop, learners: 5, withoutErrors: 3, seq: expect.any(Number) as number },
    });
    // The page opened again: the same counts, a later time; nothing new in the log.
    host.send({
      type: "record-check-summary",
      requestId: "s2",
      ...summary,
      checkedAt: "2026-05-31T08:00:00.000Z",
    });
    expect(await host.next((r) => r.requestId === "s2")).toMatchObject({
      recorded: false,
      summary: { checkedAt: "2026-05-30T08:00:00.000Z" },
    });
    // The portal's data fixed: one more without errors.
    host.send({
      type: "record-check-summary",
      requestId: "s3",
      ...summary,
      withoutErrors: 4,
      withErrors: 1,
      checkedAt: "2026-06-01T08:00:00.000Z",
    });
    expect(await host.next((r) => r.requestId === "s3")).toMatchObject({ recorded: true });
    // A class checked with nothing signed yet, and a summary of another year.
    host.send({
      type: "record-check-summary",
      requestId: "s4",
      ...summary,
      lop: "12Z9",
      learners: 7,
      withoutErrors: 7,
      withErrors: 0,
    });
    expect(await host.next((r) => r.requestId === "s4")).toMatchObject({ recorded: true });
    host.send({
      type: "record-check-summary",
      requestId: "s5",
      ...summary,
      namHoc: "2024-2025",
      withoutErrors: 0,
      withErrors: 5,
    });
    expect(await host.next((r) => r.requestId === "s5")).toMatchObject({ recorded: true });
    // A bad summary is refused by the schema.
    host.send({ type: "record-check-summary", requestId: "s6", ...summary, learners: -1 });
    expect(await host.next((r) => r.requestId === "s6")).toMatchObject({ type: "error" });

    host.send({ type: "progress", requestId: "p1", namHoc: "2025-2026", today: "2026-06-01" });
    const p1 = (await host.next((r) => r.requestId === "p1")) as unknown as {
      report: {
        rows: Array<{ lop: string; learners: number; withoutErrors: number | null; signedGvcn: number }>;
      };
    };
    const byLop = new Map(p1.report.rows.map((r) => [r.lop, r]));
    expect(byLop.get(lop)).toMatchObject({ learners: 5, withoutErrors: 4, signedGvcn: 2 });
    expect(byLop.get("12Z9")).toMatchObject({ learners: 7, withoutErrors: 7, signedGvcn: 0 });
    expect(p1.report.rows).toHaveLength(2);

    const archive = HocBaArchive.open(path.join(data, "archive.sqlite"));
    try {
      const events = [...archive.auditLog()].filter((e) => e.event === "check-summary");
      expect(events).toHaveLength(4);
    } finally {
      archive.close();
    }
  });
});

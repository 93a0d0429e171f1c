import { IDBFactory } from "fake-indexeddb";
import { beforeEach, describe, expect, it } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { dispatchAction } from "../../extension/background/dispatch-action.ts";
import { checkSummaryOf } from "../../extension/services/check-summary-of.ts";
import { classKeyOf, HocBaDb } from "../../extension/services/hocba-db.ts";
import { loadReview } from "../../extension/services/load-review.ts";
import { fakeHelper } from "./support/fake-native.ts";
import { PAGE_SENDER, PORTAL_SENDER, testDeps } from "./support/background-deps.ts";
import { fixture } from "./support/portal.ts";

/** The review page's check summary of each class, through the background to the helper. */

describe("record-check-summary", () => {
  beforeEach(() => fakeBrowser.reset());

  it("summarises each checked class as the review page loads it: learners, with and without errors", async () => {
    const good = fixture("gradebook-gdtx-10.json");
    const bad = fixture("gradebook-errors.json");
    const db = await HocBaDb.open(new IDBFactory());
    for (const gradebook of [good, bad]) {
      await db.putGradebook({
        classKey: classKeyOf(gradebook),
        gradebook,
        sourceOrigin: "x",
        extractedAt: "2026-05-30T00:00:00Z",
      });
    }
    const data = await loadReview(db, [classKeyOf(good), classKeyOf(bad)]);
    db.close();
    const at = new Date("2026-06-01T01:02:03.000Z");
    const [g, b] = data.classes.map((c) => checkSummaryOf(c, at));
    expect(g).toEqual({
      namHoc: good.namHoc,
      lop: good.lop,
      maTruong: good.school.maTruong,
      learners: 42,
      withoutErrors: 42,
      withErrors: 0,
      profile: good.profile,
      checkedAt: "2026-06-01T01:02:03.000Z",
    });
    const blocked = data.classes[1]?.report.blockedLearners.length ?? 0;
    expect(blocked).toBeGreaterThan(0);
    expect(b).toMatchObject({
      lop: bad.lop,
      learners: bad.learners.length,
      withErrors: blocked,
      withoutErrors: bad.learners.length - blocked,
    });
    // A class whose check could not run sends nothing: its count stays unknown.
    const first = data.classes[0];
    if (!first) throw new Error("no class");
    expect(
      checkSummaryOf({ ...first, reportError: { code: "EXT_BAD_REQUEST", message: "x", params: {} } }, at),
    ).toBe(undefined);
  });

  it("sends the summary to the helper and returns whether it was recorded; refuses bad counts and portal pages", async () => {
    const seen: unknown[] = [];
    const deps = testDeps(
      fakeHelper({
        handle: (req, port) => {
          if (req.type !== "record-check-summary") return false;
          seen.push(req);
          const { type: _t, requestId, ...summary } = req;
          port.reply({
            type: "check-summary-recorded",
            requestId,
            summary: { ...summary, at: "2026-06-01T01:02:04.000Z", seq: 7 },
            recorded: seen.length === 1,
          });
          return true;
        },
      }),
    );
    const summary = {
      namHoc: "2025-2026",
      lop: "10A1",
      maTruong: "79000001",
      learners: 30,
      withoutErrors: 28,
      withErrors: 2,
      profile: "gdtx-thpt",
      checkedAt: "2026-06-01T01:02:03.000Z",
    };
    const first = await dispatchAction({ action: "record-check-summary", ...summary }, PAGE_SENDER, deps);
    expect(first).toMatchObject({ ok: true, value: { recorded: true, summary: { ...summary, seq: 7 } } });
    const again = await dispatchAction({ action: "record-check-summary", ...summary }, PAGE_SENDER, deps);
    expect(again).toMatchObject({ ok: true, value: { recorded: false } });
    expect(seen).toEqual([
      { type: "record-check-summary", requestId: expect.any(String) as string, ...summary },
      { type: "record-check-summary", requestId: expect.any(String) as string, ...summary },
    ]);

    const bad = await dispatchAction(
      { action: "record-check-summary", ...summary, learners: -3 },
      PAGE_SENDER,
      deps,
    );
    expect(bad).toMatchObject({
      ok: false,
      error: { code: "EXT_BAD_REQUEST", params: { field: "learners" } },
    });
    const portal = await dispatchAction({ action: "record-check-summary", ...summary }, PORTAL_SENDER, deps);
    expect(portal).toMatchObject({ ok: false, error: { code: "EXT_SENDER_REJECTED" } });
    expect(seen).toHaveLength(2);
  });
});

import { beforeEach, describe, expect, it } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { dispatchAction } from "../../extension/background/dispatch-action.ts";
import type { ActionResult } from "../../extension/models/wire.ts";
import type { LearnerRecordVersion } from "../../shared/protocol/record-versions.ts";
import { fakeHelper } from "./support/fake-native.ts";
import { PAGE_SENDER, PORTAL_SENDER, testDeps } from "./support/background-deps.ts";

/**
 * The background's "record-versions" action (issue 10): the review page asks the helper's archive
 * for each learner's latest version. The helper here is scripted; the real one runs in the e2e.
 */

const LATEST = {
  idBanGhi: "6f1c2d3e-4a5b-5c6d-8e7f-0123456789ab",
  phienBan: 2,
  suKien: "UPDATE",
  sha256: "a".repeat(64),
  roles: ["GVCN"],
  versions: 2,
  fileName: "HV1_2025-2026_v2.xml",
  xml: "<HocBaSo/>",
} as const;

describe("record-versions action", () => {
  beforeEach(() => fakeBrowser.reset());

  it("asks the helper once for the class's learners and returns one answer per learner", async () => {
    const seen: unknown[] = [];
    const deps = testDeps(
      fakeHelper({
        handle: (req, port) => {
          if (req.type !== "record-versions") return false;
          seen.push(req);
          port.reply({ type: "record-version", requestId: req.requestId, maHocVien: "HV1", latest: LATEST });
          port.reply({ type: "record-version", requestId: req.requestId, maHocVien: "HV2" });
          port.reply({ type: "record-versions-done", requestId: req.requestId, found: 1 });
          return true;
        },
      }),
    );
    const result = await dispatchAction(
      { action: "record-versions", namHoc: "2025-2026", maTruong: "25000751", maHocVien: ["HV1", "HV2"] },
      PAGE_SENDER,
      deps,
    );
    expect(result.ok).toBe(true);
    const { versions } = (result as ActionResult & { value: { versions: LearnerRecordVersion[] } }).value;
    expect(versions).toEqual([{ maHocVien: "HV1", latest: LATEST }, { maHocVien: "HV2" }]);
    expect(seen).toMatchObject([
      { type: "record-versions", namHoc: "2025-2026", maTruong: "25000751", maHocVien: ["HV1", "HV2"] },
    ]);
  });

  it("refuses a malformed request and a portal page as sender, without asking the helper", async () => {
    let asked = 0;
    const deps = testDeps(
      fakeHelper({
        handle: (req) => {
          if (req.type === "record-versions") asked++;
          return false;
        },
      }),
    );
    const noLearners = await dispatchAction(
      { action: "record-versions", namHoc: "2025-2026", maHocVien: [] },
      PAGE_SENDER,
      deps,
    );
    expect(noLearners).toMatchObject({ ok: false, error: { code: "EXT_BAD_REQUEST" } });
    const badYear = await dispatchAction(
      { action: "record-versions", namHoc: "2025", maHocVien: ["HV1"] },
      PAGE_SENDER,
      deps,
    );
    expect(badYear).toMatchObject({ ok: false, error: { code: "EXT_BAD_REQUEST" } });
    const portal = await dispatchAction(
      { action: "record-versions", namHoc: "2025-2026", maHocVien: ["HV1"] },
      PORTAL_SENDER,
      deps,
    );
    expect(portal).toMatchObject({ ok: false, error: { code: "EXT_SENDER_REJECTED" } });
    expect(asked).toBe(0);
  });
});

import { beforeEach, describe, expect, it } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { dispatchAction } from "../../extension/background/dispatch-action.ts";
import { fakeHelper } from "./support/fake-native.ts";
import { PAGE_SENDER, PORTAL_SENDER, testDeps } from "./support/background-deps.ts";

/** The progress page's «Tạo gói nộp Sở/Bộ» through the background: one make-submission request. */

describe("make-submission action", () => {
  beforeEach(() => fakeBrowser.reset());

  it("asks the helper for the wave and returns the folder, counts and reasons; refuses a bad wave or a portal page", async () => {
    const seen: unknown[] = [];
    const deps = testDeps(
      fakeHelper({
        handle: (req, port) => {
          if (req.type !== "make-submission") return false;
          seen.push(req);
          port.reply({
            type: "submission-made",
            requestId: req.requestId,
            namHoc: "2025-2026",
            dot: 1,
            dir: "/tmp/HocBa-NopSo/2025-2026-dot1-20260624-090000",
            files: ["manifest.json", "SHA256SUMS"],
            included: 3,
            notIncludedCount: 1,
            notIncluded: [
              {
                maHocVien: "HV1",
                hoTen: "A",
                lop: "10A1",
                phienBan: 1,
                code: "SUBMISSION_MISSING_ROLES",
                lyDo: "x",
              },
            ],
            report: "bao-cao-kiem-tra.html",
          });
          return true;
        },
      }),
    );
    const ok = await dispatchAction(
      { action: "make-submission", namHoc: "2025-2026", dot: 1 },
      PAGE_SENDER,
      deps,
    );
    expect(ok).toMatchObject({
      ok: true,
      value: {
        dir: "/tmp/HocBa-NopSo/2025-2026-dot1-20260624-090000",
        included: 3,
        notIncludedCount: 1,
        notIncluded: [{ maHocVien: "HV1", code: "SUBMISSION_MISSING_ROLES" }],
      },
    });
    expect(seen).toMatchObject([{ type: "make-submission", namHoc: "2025-2026", dot: 1 }]);

    const badDot = await dispatchAction(
      { action: "make-submission", namHoc: "2025-2026", dot: 3 },
      PAGE_SENDER,
      deps,
    );
    expect(badDot).toMatchObject({ ok: false, error: { code: "EXT_BAD_REQUEST", params: { field: "dot" } } });
    const portal = await dispatchAction(
      { action: "make-submission", namHoc: "2025-2026", dot: 1 },
      PORTAL_SENDER,
      deps,
    );
    expect(portal).toMatchObject({ ok: false, error: { code: "EXT_SENDER_REJECTED" } });
    expect(seen).toHaveLength(1);
  });
});

import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { HostReply } from "../../../shared/protocol/responses.ts";
import { REPO, type Reply } from "./host-process.ts";
import { useHostHarness } from "./host-harness.ts";

/**
 * Verification and the checks made before a document is signed run in the helper's document worker,
 * each within a time limit: a crafted file that would hold the verifier for minutes (as the
 * quadratic base64 pattern did) holds only the worker, the helper answers other requests meanwhile,
 * and the file is refused at the limit. HOCBA_TEST_DOCUMENT_CHECK_HANG=1 makes a file named hang*
 * run a catastrophic regular expression in the worker, so the test does not depend on a slow input
 * existing.
 */
const harness = useHostHarness({
  dataPrefix: "hocba-worker",
  afterEnd(h) {
    expect(h.garbage).toBe("");
    for (const r of h.replies) {
      expect(HostReply.safeParse(r).success, JSON.stringify(r).slice(0, 300)).toBe(true);
    }
  },
});
const { start, signRequest } = harness;

const FIXTURES = path.join(REPO, "tests/fixtures/attacks");
/** Signed under the attack fixtures' root (valid until 2040), trusted below beside the token's. */
const VALID = readFileSync(path.join(FIXTURES, "valid-gvcn.xml"), "utf8");
/** The time limit of one document in these tests: far above a real check, far below a hang. */
const LIMIT_MS = 6000;

function hangingHelper() {
  return start(undefined, undefined, {
    HOCBA_TEST_DOCUMENT_CHECK_HANG: "1",
    HOCBA_DOCUMENT_CHECK_TIMEOUT_MS: String(LIMIT_MS),
    HOCBA_TRUST_ROOTS: [harness.token.env.HOCBA_TRUST_ROOTS, path.join(FIXTURES, "pki/root.pem")].join(
      path.delimiter,
    ),
  });
}

describe("a hostile document holds the document worker, not the helper", () => {
  it("answers status while a verify hangs, refuses that file at the time limit, then verifies the next one", async () => {
    const { host } = hangingHelper();
    await host.hello();
    const from = host.mark();
    const t0 = performance.now();
    host.send({
      type: "verify",
      requestId: "v1",
      documents: [
        { fileName: "hang.xml", xml: VALID },
        { fileName: "ok.xml", xml: VALID },
      ],
    });
    host.send({ type: "status", requestId: "st" });
    const status = await host.next((r) => r.requestId === "st", 60_000, from);
    const statusAt = performance.now() - t0;
    const replies = await host.collect("v1", ["verify-done", "error"], from);
    const doneAt = performance.now() - t0;

    expect(status.type).toBe("status");
    expect(typeof status.hostVersion).toBe("string");
    // The status reply went out while the hostile file was still being checked.
    const at = (r: Reply) => host.replies.indexOf(r);
    expect(at(status)).toBeLessThan(at(replies[0] as Reply));
    expect(statusAt).toBeLessThan(LIMIT_MS);
    expect(replies.map((r) => [r.type, r.fileName ?? null, r.valid])).toEqual([
      ["verified", "hang.xml", false],
      ["verified", "ok.xml", true],
      ["verify-done", null, 1],
    ]);
    expect(replies[0]?.problems).toEqual([
      expect.objectContaining({
        code: "HOST_DOCUMENT_CHECK_TIMEOUT",
        message: `Tệp hang.xml: kiểm tra quá 6 giây nên đã dừng (tệp có thể được tạo ra để làm treo trình ký); tệp bị coi là không hợp lệ.`,
      }),
    ]);
    expect(replies[2]).toMatchObject({ invalid: 1 });
    // Ended at the limit, not when the hang would have finished (never): the limit plus the time
    // to start a worker twice on a busy machine.
    expect(doneAt).toBeGreaterThanOrEqual(LIMIT_MS);
    expect(doneAt).toBeLessThan(LIMIT_MS + 30_000);
  }, 90_000);

  it("a batch whose document hangs its check fails that document alone and signs the rest, the one before it at once", async () => {
    const { host } = hangingHelper();
    await host.hello();
    const [a, b] = harness.docs;
    if (!a || !b) throw new Error("documents");
    const from = host.mark();
    host.send(
      signRequest("sb", [
        { fileName: a.fileName, xml: a.xml },
        { fileName: "hang.xml", xml: a.xml },
        { fileName: b.fileName, xml: b.xml },
      ]),
    );
    host.send({ type: "status", requestId: "st" });
    const status = await host.next((r) => r.requestId === "st", 60_000, from);
    const replies = await host.collect("sb", ["done", "error"], from);
    const failed = replies.find((r) => r.type === "sign-failed");
    const at = (r: Reply) => host.replies.indexOf(r);
    expect(at(status)).toBeLessThan(at(failed as Reply));
    expect(failed).toMatchObject({ fileName: "hang.xml", error: { code: "HOST_DOCUMENT_CHECK_TIMEOUT" } });
    const signed = replies.filter((r) => r.type === "signed");
    expect(signed.map((r) => r.fileName)).toEqual([a.fileName, b.fileName]);
    // The first document did not wait for the check of the second: it was signed and sent back
    // while the worker was still held (signWhileChecking); the third came after the time limit.
    expect(at(signed[0] as Reply)).toBeLessThan(at(failed as Reply));
    expect(at(signed[1] as Reply)).toBeGreaterThan(at(failed as Reply));
    expect(replies.at(-1)).toMatchObject({ type: "done", signed: 2, failed: 1 });
  }, 90_000);
});

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Worker } from "node:worker_threads";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { verifyFiles } from "../../../native-host/verify/verify-files.ts";
import { TrustAnchors } from "../../../native-host/xmldsig/trust-anchors.ts";
import type { VerifyReport } from "../../../native-host/verify/verify-hocba.ts";
import type { VerifyFileReply } from "../../../native-host/verify/verify-worker.ts";
import { runHocba } from "../../support/run-hocba.ts";

const DIR = path.resolve(import.meta.dirname, "../../fixtures/attacks");
const ROOT = path.join(DIR, "pki/root.pem");
// Every attack fixture and the valid ones, twice, and a file that does not exist.
const NAMES = readdirSync(DIR)
  .filter((f) => f.endsWith(".xml"))
  .sort();
const FILES = [...NAMES, "khong-co.xml", ...NAMES];
// The fixtures' own "now" (manifest.json: verifyAt, the instant of signingTime), as the attack tests use it.
const manifest = JSON.parse(readFileSync(path.join(DIR, "manifest.json"), "utf8")) as {
  verifyAt: string;
  signingTime: string;
};
const AT = new Date(manifest.verifyAt);
/** Valid fixtures: the three "valid-*" and the control of the re-signed ones. */
const VALID = ["resigned-control.xml", "valid-complete.xml", "valid-ec-gvcn.xml", "valid-gvcn.xml"];

describe("verifyFiles (hocba verify on many files, with worker threads)", () => {
  it("gives the same reports, in the same order, with a worker as in one thread", async () => {
    expect(FILES.length).toBeGreaterThan(100);
    const trustRootFiles = [ROOT];
    const anchors = TrustAnchors.load({ trustRootFiles });
    const options = { cwd: DIR, anchors, trustRootFiles, at: AT };
    const alone = await verifyFiles(FILES, { ...options, workers: 0 });
    // Every file through the worker; then shared between this thread and the worker.
    const inWorker = await verifyFiles(FILES, { ...options, workers: 1, verifyHere: false });
    const shared = await verifyFiles(FILES, { ...options, workers: 1 });
    expect(inWorker.map((r) => r.file)).toEqual(FILES);
    expect(inWorker).toEqual(alone);
    expect(shared).toEqual(alone);
    // The fixtures are what they say: the valid ones valid, the attacks refused, the missing file reported.
    const ok = new Set(shared.filter((r) => r.ok).map((r) => r.file));
    expect([...ok].sort()).toEqual(VALID);
    expect(shared[NAMES.length]?.issues.map((i) => i.code)).toEqual(["CLI_FILE_UNREADABLE"]);
  });

  it("settle: each report is handed over once as it is made, and only what settle returns is kept, in order", async () => {
    const trustRootFiles = [ROOT];
    const anchors = TrustAnchors.load({ trustRootFiles });
    const options = { cwd: DIR, anchors, trustRootFiles, at: AT };
    const alone = await verifyFiles(FILES, { ...options, workers: 0 });
    for (const extra of [{ workers: 0 }, { workers: 1, verifyHere: false }, { workers: 1 }]) {
      const seen: number[] = [];
      const kept = await verifyFiles(FILES, { ...options, ...extra }, (report, index) => {
        seen.push(index);
        return `${index} ${report.file ?? ""} ${report.ok}`;
      });
      expect([...seen].sort((a, b) => a - b)).toEqual(FILES.map((_f, i) => i));
      expect(kept).toEqual(alone.map((r, i) => `${i} ${r.file ?? ""} ${r.ok}`));
    }
  });

  it("settle throws: verifyFiles stops and throws that error, from this thread or a worker's report", async () => {
    const trustRootFiles = [ROOT];
    const anchors = TrustAnchors.load({ trustRootFiles });
    const options = { cwd: DIR, anchors, trustRootFiles, at: AT };
    for (const extra of [{ workers: 0 }, { workers: 1, verifyHere: false }]) {
      let calls = 0;
      const run = verifyFiles(FILES, { ...options, ...extra }, () => {
        calls++;
        if (calls === 3) throw new Error("kho lưu không đọc được");
        return calls;
      });
      await expect(run).rejects.toThrow("kho lưu không đọc được");
      // Stopped soon after: not every file was verified (a worker has at most 2 on its way).
      expect(calls).toBeLessThan(10);
    }
  });

  it("hocba verify on many files prints each report in the order given, and exits 1 when one is invalid", async () => {
    // Enough files for the command to start a worker (200).
    const files = [...FILES, ...FILES].map((f) => path.join(DIR, f));
    const r = await runHocba(["verify", ...files, "--trust", ROOT, "--at", manifest.signingTime]);
    expect(r.code).toBe(1);
    const headers = r.stdout
      .split("\n")
      .filter((l) => /^\S.*\.xml: /.test(l))
      .map((l) => path.basename(l.slice(0, l.indexOf(".xml: ") + 4)));
    expect(headers).toEqual([...FILES, ...FILES]);
    expect(r.stdout).toContain(`Tổng cộng: ${VALID.length * 4}/${files.length} tệp hợp lệ.`);
    expect(r.stderr).toBe("");
  });
});

const WORKER = path.resolve(import.meta.dirname, "../../../bin/hocba-worker.mjs");

/** Replies and how a real worker with HOCBA_TEST_VERIFY_WORKER_FAIL=`fail` ends, given `count` files. */
async function failingWorker(fail: string, count: number) {
  const worker = new Worker(WORKER, {
    workerData: { hocbaWorker: "verify-files", cwd: DIR, trustRootFiles: [ROOT] },
    env: { ...process.env, HOCBA_TEST_VERIFY_WORKER_FAIL: fail },
    resourceLimits: { maxOldGenerationSizeMb: 512 },
  });
  const replies: VerifyFileReply[] = [];
  let error: unknown;
  worker.on("message", (reply: VerifyFileReply) => {
    replies.push(reply);
    // Files as verify-files.ts hands them: after "ready", and the next as each answer comes.
    const first = "ready" in reply ? 0 : replies.length;
    const last = "ready" in reply ? 1 : replies.length;
    for (let i = first; i <= last && i < count; i++) worker.postMessage({ index: i, file: NAMES[i] });
  });
  worker.on("error", (err) => (error = err));
  const code = await new Promise<number>((resolve) => worker.on("exit", resolve));
  return { replies, code, error };
}

describe("verifyFiles when a worker dies or cannot start", () => {
  const trustRootFiles = [ROOT];
  const anchors = TrustAnchors.load({ trustRootFiles });
  const options = { cwd: DIR, anchors, trustRootFiles, at: AT };
  let alone: VerifyReport[];
  beforeAll(async () => {
    alone = await verifyFiles(FILES, { ...options, workers: 0 });
  });
  afterEach(() => {
    delete process.env.HOCBA_TEST_VERIFY_WORKER_FAIL;
  });

  it("the test hook really ends a worker mid-batch: after N answers, or before it is ready", async () => {
    const exit = await failingWorker("exit:3", 10);
    expect(exit.replies.filter((r) => "report" in r)).toHaveLength(3);
    expect(exit.code).toBe(1);
    const heap = await failingWorker("heap:3", 10);
    expect(heap.replies.filter((r) => "report" in r)).toHaveLength(3);
    expect((heap.error as { code?: string } | undefined)?.code).toBe("ERR_WORKER_OUT_OF_MEMORY");
    const start = await failingWorker("exit:0", 10);
    expect(start.replies).toEqual([]);
    expect(start.code).toBe(1);
  });

  it.each(["exit:5", "heap:5", "exit:1"])(
    "a worker that dies mid-batch (%s) hands its files back: every report, in order, as in one thread",
    async (fail) => {
      process.env.HOCBA_TEST_VERIFY_WORKER_FAIL = fail;
      const inWorkers = await verifyFiles(FILES, { ...options, workers: 2, verifyHere: false });
      expect(inWorkers.map((r) => r.file)).toEqual(FILES);
      expect(inWorkers).toEqual(alone);
      const shared = await verifyFiles(FILES, { ...options, workers: 1 });
      expect(shared).toEqual(alone);
    },
  );

  it.each([
    ["a missing worker file", { workerFile: path.join(DIR, "khong-co-worker.mjs") }, undefined],
    // Not a path the Worker constructor accepts: it throws at once instead of failing later.
    ["a worker file the constructor refuses", { workerFile: "khong-co-worker.mjs" }, undefined],
    ["a worker over its memory limit while loading", {}, "heap:0"],
    ["a worker that ends before it is ready", {}, "exit:0"],
  ])("%s: no file is lost, the calling thread verifies them all", async (_name, extra, fail) => {
    if (fail) process.env.HOCBA_TEST_VERIFY_WORKER_FAIL = fail;
    const reports = await verifyFiles(FILES, { ...options, ...extra, workers: 2, verifyHere: false });
    expect(reports).toEqual(alone);
  });

  it("hocba verify prints the same reports and exits the same when its worker dies or cannot start", async () => {
    const files = FILES.map((f) => path.join(DIR, f));
    const args = ["verify", ...files, "--trust", ROOT, "--at", manifest.signingTime];
    const run = (env: Record<string, string>) => runHocba(args, { env: { ...process.env, ...env } });
    const one = await run({ HOCBA_TEST_VERIFY_WORKERS: "0" });
    expect(one.code).toBe(1);
    expect(one.stdout).toContain(`Tổng cộng: ${VALID.length * 2}/${files.length} tệp hợp lệ.`);
    expect(one.stderr).toBe("");
    for (const fail of ["exit:2", "heap:2", "exit:0"]) {
      const r = await run({ HOCBA_TEST_VERIFY_WORKERS: "1", HOCBA_TEST_VERIFY_WORKER_FAIL: fail });
      expect({ fail, ...r }).toEqual({ fail, ...one });
    }
  });
});

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { verifyFiles } from "../../../native-host/verify/verify-files.ts";
import { TrustAnchors } from "../../../native-host/xmldsig/trust-anchors.ts";
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

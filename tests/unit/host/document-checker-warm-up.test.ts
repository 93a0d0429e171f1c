import { readFileSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DocumentChecker } from "../../../native-host/host/document-checker.ts";
import type { HostLog } from "../../../native-host/host/host-log.ts";

const FIXTURES = path.resolve(import.meta.dirname, "../../fixtures/attacks");
const VALID = readFileSync(path.join(FIXTURES, "valid-gvcn.xml"));

function checker(events: string[]): DocumentChecker {
  const log: HostLog = {
    file: null,
    info: (event) => events.push(event),
    error: (event) => events.push(event),
  };
  return new DocumentChecker({
    trustRootFiles: [path.join(FIXTURES, "pki/root.pem")],
    timeoutMs: 30_000,
    log,
  });
}

/**
 * The helper starts its document worker when a page lists the tokens (list-tokens.ts), so that a
 * batch's first check does not wait for the worker to load (about 0.4 s from the sources).
 */
describe("DocumentChecker.warmUp", () => {
  let open: DocumentChecker | undefined;
  afterEach(async () => {
    await open?.close();
    open = undefined;
  });

  it("starts the worker without a task and says when it is ready; the next task uses it", async () => {
    const events: string[] = [];
    open = checker(events);
    expect(await open.warmUp()).toBe(true);
    // Ready already: answers at once, and no second worker is started.
    expect(await open.warmUp()).toBe(true);
    await expect(open.checkSignable(VALID, "ThuTruong", "valid-gvcn.xml")).resolves.toBeUndefined();
    const report = await open.verify(VALID, "valid-gvcn.xml");
    expect(report.signatures.map((s) => s.role)).toEqual(["GVCN"]);
    expect(events).toEqual([]);
  });

  it("two calls while it loads share one start", async () => {
    const events: string[] = [];
    open = checker(events);
    const [a, b] = await Promise.all([open.warmUp(), open.warmUp()]);
    expect([a, b]).toEqual([true, true]);
    expect(events).toEqual([]);
  });

  it("false once the checker is closed, and a close while it loads ends the wait", async () => {
    const events: string[] = [];
    const c = checker(events);
    const loading = c.warmUp();
    await c.close();
    expect(await loading).toBe(false);
    expect(await c.warmUp()).toBe(false);
  });
});

import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { makeTestTokenIn } from "./make-test-token.ts";

/**
 * Runs once per test run: creates the SoftHSM test token and PKI (scripts/make-test-token.sh) in a
 * private temp folder, and hands its location to the test workers (project.provide → inject, see
 * tests/support/test-token.ts). The folder is removed at the end of the run.
 */
export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(path.join(os.tmpdir(), "hocba-token-"));
  project.provide("testToken", makeTestTokenIn(dir, { quiet: true }));
  // The helper's data folder of every test process (workers and the CLIs they start inherit it):
  // never the user's own archive, which `hocba build` and `hocba sign` read by default. A test that
  // needs its own sets HOCBA_DATA_DIR, HOCBA_ARCHIVE or --archive itself.
  process.env.HOCBA_DATA_DIR = path.join(dir, "helper-data");
  return () => rmSync(dir, { recursive: true, force: true });
}

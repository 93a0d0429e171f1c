import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";

// One root per test file (registered as the file's afterAll): tokens, archives and homes live here.
const root = mkdtempSync(path.join(os.tmpdir(), "hocba-unit-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A fresh empty folder, removed after the test file. */
export function scratchDir(prefix: string): string {
  return mkdtempSync(path.join(root, `${prefix}-`));
}

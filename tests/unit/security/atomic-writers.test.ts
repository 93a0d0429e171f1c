import { mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { applyInstall } from "../../../native-host/install/apply-plan.ts";
import type { InstallPlan } from "../../../native-host/install/plan-install.ts";
import { scratchDir } from "../host/scratch-dir.ts";

/**
 * Security review, files: every file the helper, the CLI or a script writes for the user goes
 * through native-host/fs/write-file-atomic.ts (temporary file, fsync, rename; a Vietnamese error
 * naming the file), so that a crash or a full disk never leaves a partial file.
 */
const REPO = path.resolve(import.meta.dirname, "../../..");

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(path.join(REPO, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sources(rel));
    else if (/\.(ts|mjs)$/.test(entry.name)) out.push(rel);
  }
  return out;
}

/** Direct writes allowed, each for a reason. */
const ALLOWED_DIRECT_WRITES: Readonly<Record<string, string>> = {
  "native-host/fs/write-file-atomic.ts": "the atomic writer itself",
  "native-host/host/host-log.ts":
    "an append-only log: a torn last line is acceptable, a rename per line is not",
  "scripts/make-fixtures.ts":
    "writes a temporary file then renames it (repository fixtures, not user output)",
  "scripts/gen-gradebook-schema.ts":
    "writes a temporary file then renames it (repository file, not user output)",
  "scripts/demo/run-demo.ts": "demo output in a throw-away folder",
  "scripts/bench/cli-bench.ts": "the benchmark's unsigned input documents in a throw-away folder",
  "scripts/package/build-package.ts":
    "the package's staging folder, emptied and rebuilt each run (the zip goes through write-zip.ts)",
  "scripts/package/fetch-node-runtime.ts": "a download cache's temporary folder, renamed when complete",
  "bin/ts-hooks.mjs":
    "the development cache of compiled sources under node_modules/.cache: a temporary file then a rename, keyed by content",
  "scripts/package/install-native-packages.ts":
    "an npm staging folder, emptied and reinstalled unless its completion stamp (written last) exists",
};

const DIRECT_WRITE = /\b(writeFileSync|writeFile|appendFileSync|appendFile|createWriteStream|writeSync)\s*\(/;

describe("writers of user files", () => {
  const files = [...sources("native-host"), ...sources("scripts"), ...sources("bin")];

  it.each(files.filter((f) => !(f in ALLOWED_DIRECT_WRITES)))(
    "%s writes files only through native-host/fs/write-file-atomic.ts",
    (file) => {
      const text = readFileSync(path.join(REPO, file), "utf8");
      expect(text).not.toMatch(DIRECT_WRITE);
      expect(text).not.toMatch(/archive\/write-file-atomic\.ts/);
    },
  );
});

describe("the installer writes through the atomic writer", () => {
  it("an unwritable target leaves no temporary file and says which file, in Vietnamese", () => {
    const root = scratchDir("hocba-install");
    const dir = path.join(root, "opt", "hocba");
    mkdirSync(dir, { recursive: true });
    // A folder where the file should go: rename cannot replace it.
    const target = path.join(dir, "hocba-host");
    mkdirSync(target);
    const plan: Pick<InstallPlan, "files" | "launcherPath"> = {
      files: [{ path: target, kind: "launcher", mode: 0o755, content: "#!/bin/sh\n", encoding: "utf8" }],
      launcherPath: target,
    };
    let message = "";
    try {
      applyInstall(plan as InstallPlan);
    } catch (err) {
      message = (err as Error).message;
      expect((err as { code?: string }).code).toBe("INSTALL_WRITE_FAILED");
    }
    expect(message).toContain(target);
    expect(message).not.toMatch(/\n\s+at /);
    expect(readdirSync(dir)).toEqual(["hocba-host"]);
    expect(statSync(target).isDirectory()).toBe(true);
    rmSync(root, { recursive: true, force: true });
  });
});

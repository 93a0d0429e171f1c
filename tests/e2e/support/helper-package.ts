import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildPackage, type BuiltPackage } from "../../../scripts/package/build-package.ts";
import { TARGETS, type TargetId } from "../../../scripts/package/targets.ts";
import { ROOT } from "./extension-browser.ts";

/**
 * The helper package as IT gets it (npm run package), for the package tests. Built once per test
 * file into .tmp/package-test/ (npm's downloads and the per-platform installs are cached in
 * .tmp/package-cache, shared with `npm run package`, so only the first run needs the registry).
 */
export function buildTestPackage(target: TargetId): Promise<BuiltPackage> {
  return buildPackage({
    root: ROOT,
    target: TARGETS[target],
    outDir: path.join(ROOT, ".tmp/package-test", target),
    cacheDir: path.join(ROOT, ".tmp/package-cache"),
  });
}

export interface UnzippedPackage {
  /** The empty temporary folder it was unzipped into (remove it when done). */
  parent: string;
  /** The package's folder: hocba-signer-<version>-<target>. */
  dir: string;
}

/**
 * Unzips the package with the system's unzip, as IT would, into an empty folder in the OS's temp
 * folder: no repository and no node_modules above it (checked, so that Node cannot find the
 * repository's packages by walking up).
 */
export function unzipPackage(built: BuiltPackage): UnzippedPackage {
  const parent = mkdtempSync(path.join(tmpdir(), "hocba-package-"));
  if (!path.relative(ROOT, parent).startsWith("..")) throw new Error(`${parent} is inside the repository`);
  for (let d = parent; ; d = path.dirname(d)) {
    if (existsSync(path.join(d, "node_modules")) || existsSync(path.join(d, "package.json"))) {
      throw new Error(`${d} has a node_modules or package.json: the package would not run on its own`);
    }
    if (path.dirname(d) === d) break;
  }
  execFileSync("unzip", ["-q", built.zipPath, "-d", parent]);
  return { parent, dir: path.join(parent, built.name) };
}

export function removeUnzipped(unzipped: UnzippedPackage | undefined): void {
  if (unzipped) rmSync(unzipped.parent, { recursive: true, force: true });
}

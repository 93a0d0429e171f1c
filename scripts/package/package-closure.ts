import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export interface InstalledPackage {
  name: string;
  version: string;
  dir: string;
}

interface Manifest {
  name?: string;
  version?: string;
  dependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  gypfile?: boolean;
}

function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as Manifest;
}

/**
 * The folder of package `name` as Node would find it from `fromDir` (node_modules up the tree),
 * looking no higher than `top` when given (a staging folder inside the repository must not see
 * the repository's own node_modules).
 */
export function findPackageDir(name: string, fromDir: string, top?: string): string | null {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", name);
    if (existsSync(path.join(candidate, "package.json"))) return candidate;
    if (path.dirname(dir) === dir || (top !== undefined && path.resolve(dir) === path.resolve(top))) {
      return null;
    }
  }
}

/**
 * `names` and every installed package they depend on (dependencies and optional dependencies:
 * the per-platform binaries are optional dependencies, present only for the platform installed).
 * A missing optional dependency is skipped; a missing dependency is an error. `top` as in
 * findPackageDir.
 */
export function packageClosure(names: readonly string[], fromDir: string, top?: string): InstalledPackage[] {
  const seen = new Map<string, InstalledPackage>();
  const visit = (name: string, from: string, optional: boolean): void => {
    const dir = findPackageDir(name, from, top);
    if (dir === null) {
      if (optional) return;
      throw new Error(`${name} is not installed (needed from ${from})`);
    }
    if (seen.has(dir)) return;
    const manifest = readManifest(dir);
    seen.set(dir, { name, version: manifest.version ?? "?", dir });
    for (const dep of Object.keys(manifest.dependencies ?? {})) visit(dep, dir, false);
    for (const dep of Object.keys(manifest.optionalDependencies ?? {})) visit(dep, dir, true);
  };
  for (const name of names) visit(name, fromDir, false);
  return [...seen.values()];
}

/** Files under `dir`, relative to it, not descending into nested node_modules. */
export function packageFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .filter((rel) => !rel.split(path.sep).includes("node_modules"));
}

/** Compiled code: a .node addon, or sources that node-gyp builds at install time. */
export function isNativeFile(rel: string): boolean {
  return rel.endsWith(".node") || path.basename(rel) === "binding.gyp";
}

/**
 * Whether a package needs compiled code to run: it, or a package it depends on, carries a .node
 * addon or builds one (binding.gyp, gypfile). Such packages are not bundled into hocba.js; they are
 * installed for the target platform instead.
 */
export function needsNativeCode(name: string, fromDir: string): boolean {
  // Not installed: an optional peer tried in a try/catch (linkedom's canvas); esbuild decides.
  if (findPackageDir(name, fromDir) === null) return false;
  return packageClosure([name], fromDir).some(
    (p) => readManifest(p.dir).gypfile === true || packageFiles(p.dir).some(isNativeFile),
  );
}

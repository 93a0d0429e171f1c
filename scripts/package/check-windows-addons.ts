import { readFileSync } from "node:fs";
import path from "node:path";
import { nonSystemImports, peImports, VC_RUNTIME_DLLS } from "./binary-format.ts";
import { packageFiles, type InstalledPackage } from "./package-closure.ts";

/**
 * Reads the imports of every Windows addon the package ships and stops the build when one needs a
 * DLL that Windows itself lacks: the package must run on a school PC with nothing installed first.
 * The Visual C++ 2015-2022 runtime (vcruntime140.dll...) is named as such: libsql's Windows build
 * imports it, which is why the packaged helper keeps its archive with Node's own node:sqlite.
 * Returns the addons checked (package/file).
 */
export function checkWindowsAddons(packages: readonly InstalledPackage[]): string[] {
  const checked: string[] = [];
  const problems: string[] = [];
  for (const p of packages) {
    for (const rel of packageFiles(p.dir).filter((f) => f.endsWith(".node"))) {
      const addon = `${p.name}/${rel.split(path.sep).join("/")}`;
      checked.push(addon);
      const missing = nonSystemImports(peImports(readFileSync(path.join(p.dir, rel))));
      if (missing.length === 0) continue;
      const vc = missing.some((dll) => VC_RUNTIME_DLLS.has(dll.toLowerCase()));
      problems.push(
        `${addon} needs ${missing.join(", ")}${vc ? " (the Visual C++ runtime, not part of Windows)" : ""}`,
      );
    }
  }
  if (problems.length > 0) {
    throw new Error(
      `the Windows package would need more than Windows: ${problems.join("; ")}. Ship no such addon (a pure-JS or Node built-in replacement, or a build linked statically).`,
    );
  }
  return checked;
}

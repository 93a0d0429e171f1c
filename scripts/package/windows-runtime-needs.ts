import { readFileSync } from "node:fs";
import path from "node:path";
import { nonSystemImports, peImports, VC_RUNTIME_DLLS } from "./binary-format.ts";
import { packageFiles, type InstalledPackage } from "./package-closure.ts";

/** What a Windows package needs on the PC besides Windows itself, and which addon needs it. */
export interface WindowsRuntimeNeeds {
  /** Addons (package/file) that load the Visual C++ 2015-2022 runtime. */
  vcRuntime: string[];
}

/**
 * Reads the imports of every Windows addon shipped: the Visual C++ runtime is a known, documented
 * prerequisite (the guide names it); any other DLL Windows lacks makes the package unusable, so the
 * build stops.
 */
export function windowsRuntimeNeeds(packages: readonly InstalledPackage[]): WindowsRuntimeNeeds {
  const vcRuntime: string[] = [];
  for (const p of packages) {
    for (const rel of packageFiles(p.dir).filter((f) => f.endsWith(".node"))) {
      const missing = nonSystemImports(peImports(readFileSync(path.join(p.dir, rel))));
      const other = missing.filter((dll) => !VC_RUNTIME_DLLS.has(dll.toLowerCase()));
      if (other.length > 0) {
        throw new Error(`${p.name}/${rel} needs ${other.join(", ")}, which Windows does not have`);
      }
      if (missing.length > 0) vcRuntime.push(`${p.name}/${rel.split(path.sep).join("/")}`);
    }
  }
  return { vcRuntime };
}

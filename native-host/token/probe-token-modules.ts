import { existsSync, realpathSync } from "node:fs";
import path from "node:path";
import probeList from "../../shared/config/token-modules.json" with { type: "json" };

/** One PKCS#11 library found on this machine. */
export interface TokenModuleCandidate {
  /** Vendor name from the probe list. */
  vendor: string;
  /** Absolute path of the library, as listed (symlinks not resolved, so messages show the known name). */
  path: string;
  /** False when the name comes from public code only and was never tried on a real token. */
  verified: boolean;
}

interface ProbeEntry {
  vendor: string;
  verified: boolean;
  win32: string[];
  darwin: string[];
  linux: string[];
}

export interface ProbeOptions {
  platform?: NodeJS.Platform;
  env?: NodeJS.ProcessEnv;
  /** Test hook; defaults to fs.existsSync. */
  exists?: (p: string) => boolean;
  /** Test hook: the identity of a file, so that two names of the same library count once. */
  identity?: (p: string) => string;
}

/** Every path the probe list names for this OS, in probe order (whether it exists or not). */
export function tokenModulePaths(options: ProbeOptions = {}): TokenModuleCandidate[] {
  const platform = options.platform ?? process.platform;
  const env = options.env ?? process.env;
  const entries = (probeList as { modules: ProbeEntry[] }).modules;
  const out: TokenModuleCandidate[] = [];
  for (const e of entries) {
    const names = platform === "win32" ? e.win32 : platform === "darwin" ? e.darwin : e.linux;
    for (const name of names) {
      const full =
        platform === "win32"
          ? path.win32.join(env.SystemRoot ?? env.windir ?? "C:\\Windows", "System32", name)
          : name;
      out.push({ vendor: e.vendor, path: full, verified: e.verified });
    }
  }
  return out;
}

/** The PKCS#11 libraries of the probe list that exist on this machine, each library once. */
export function probeTokenModules(options: ProbeOptions = {}): TokenModuleCandidate[] {
  const exists = options.exists ?? existsSync;
  const identity =
    options.identity ??
    ((p: string) => {
      try {
        return realpathSync(p);
      } catch {
        return p;
      }
    });
  const seen = new Set<string>();
  return tokenModulePaths(options).filter((c) => {
    if (!exists(c.path)) return false;
    const id = identity(c.path);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}

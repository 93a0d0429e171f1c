import { execFileSync } from "node:child_process";

/**
 * npm settings passed down through the environment that the staging installs must keep: where the
 * registry is and how to reach it. The others that `npm run` exports for its own script (prefix,
 * omit, workspace...) would make an install inside the repository act on the repository.
 */
const KEEP =
  /^npm_config_(.*registry.*|.*auth.*|.*proxy.*|cache|userconfig|globalconfig|strict_ssl|cafile|ca|offline)$/i;

/**
 * Runs npm with the machine's own configuration (registry, cache) and returns its stdout. Metadata
 * and tarballs already in npm's cache are used without asking the registry again.
 */
export function runNpm(args: readonly string[], cwd: string): string {
  return execFileSync("npm", [...args, "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 64 * 1024 * 1024,
    env: Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) || KEEP.test(k))),
  });
}

import { execFileSync } from "node:child_process";

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
    // npm reads npm_config_* from the environment: `npm run package` sets some for its own run
    // (e.g. npm_config_omit) that must not leak into the installs made for the target.
    env: Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k))),
  });
}

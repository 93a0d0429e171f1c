/**
 * `npm run zip`: the extension packages for the stores: Chrome Web Store (also what Edge Add-ons
 * and Cốc Cốc take) and Firefox Add-ons (with the sources zip AMO asks for), in .output/store/.
 * Built with HOCBA_STORE_BUILD=1, which leaves the manifest's `key` out: the Chrome Web Store refuses a
 * package that carries one and gives the extension its own id, which IT then passes to
 * `install.cmd --extension-id` (README, "For IT").
 */
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { strFromU8, unzipSync } from "fflate";

const ROOT = path.resolve(import.meta.dirname, "../..");
const OUTPUT = path.join(ROOT, ".output/store");
// Vitest and npm set NODE_ENV for their own runs; the store build is a production build.
const { NODE_ENV: _mode, ...env } = process.env;

for (const browser of ["chrome", "firefox"] as const) {
  execFileSync("npx", ["wxt", "zip", "-b", browser], {
    cwd: ROOT,
    env: { ...env, HOCBA_STORE_BUILD: "1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
}

const zips = readdirSync(OUTPUT).filter((f) => f.endsWith(".zip"));
for (const zip of zips.sort()) {
  const file = path.join(OUTPUT, zip);
  const entries = unzipSync(readFileSync(file), { filter: (f) => f.name === "manifest.json" });
  const manifest = entries["manifest.json"];
  if (manifest && "key" in (JSON.parse(strFromU8(manifest)) as object)) {
    throw new Error(`${zip}: manifest.json still has "key": the stores refuse it`);
  }
  console.log(`${path.relative(ROOT, file)}  ${(statSync(file).size / 1024).toFixed(0)} KB`);
}

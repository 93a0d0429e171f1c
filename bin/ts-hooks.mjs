// Module hooks that compile the project's own .ts/.tsx files with esbuild and leave everything else
// (node_modules, .json, .mjs) to Node. tsx hooks every module and re-transforms large dependencies
// such as libxml2-wasm's glue (0.35 s and +180 MB per start); the helper starts per browser call.
// Each compiled file is kept in node_modules/.cache/hocba-ts under the hash of its path, its source
// and the compiler's options, so a start whose sources did not change compiles nothing and does not
// start esbuild's service at all (the CLI in tests and scripts, each worker thread of the helper and
// of `hocba verify`). A changed source has another hash: nothing stale is ever served.
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";

const TS = /\.(ts|tsx|mts)$/;
const CACHE_DIR = fileURLToPath(new URL("../node_modules/.cache/hocba-ts/", import.meta.url));
// Part of every key: a change here (or another esbuild) must not reuse what was compiled before.
const COMPILER = `esbuild ${esbuildVersion()} transform format=esm target=node20.19 jsx=automatic sourcemap=inline`;

function esbuildVersion() {
  try {
    return JSON.parse(readFileSync(new URL("../node_modules/esbuild/package.json", import.meta.url), "utf8"))
      .version;
  } catch {
    return "unknown";
  }
}

async function compile(path, source) {
  const { transform } = await import("esbuild");
  const { code } = await transform(source, {
    loader: path.endsWith("x") ? "tsx" : "ts",
    format: "esm",
    target: "node20.19",
    jsx: "automatic",
    sourcemap: "inline",
    sourcefile: path,
  });
  return code;
}

function keyOf(path, source) {
  return createHash("sha256")
    .update(COMPILER)
    .update("\0")
    .update(path)
    .update("\0")
    .update(source)
    .digest("hex");
}

export async function load(url, context, nextLoad) {
  if (!url.startsWith("file:") || !TS.test(url) || url.includes("/node_modules/")) {
    return nextLoad(url, context);
  }
  const path = fileURLToPath(url);
  const source = await readFile(path, "utf8");
  const cached = `${CACHE_DIR}${keyOf(path, source)}.js`;
  try {
    return { format: "module", source: readFileSync(cached, "utf8"), shortCircuit: true };
  } catch {
    // Not compiled yet (or the cache is not readable): compile below.
  }
  const code = await compile(path, source);
  try {
    // Whole or not at all: another process may be reading or writing the same key meanwhile.
    mkdirSync(CACHE_DIR, { recursive: true });
    const tmp = `${cached}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(tmp, code);
    renameSync(tmp, cached);
  } catch {
    // A cache that cannot be written only costs the next start its compilation.
  }
  return { format: "module", source: code, shortCircuit: true };
}

// Module hooks that compile the project's own .ts/.tsx files with esbuild and leave everything else
// (node_modules, .json, .mjs) to Node. tsx hooks every module and re-transforms large dependencies
// such as libxml2-wasm's glue (0.35 s and +180 MB per start); the helper starts per browser call.
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { transform } from "esbuild";

const TS = /\.(ts|tsx|mts)$/;

export async function load(url, context, nextLoad) {
  if (!url.startsWith("file:") || !TS.test(url) || url.includes("/node_modules/")) {
    return nextLoad(url, context);
  }
  const path = fileURLToPath(url);
  const source = await readFile(path, "utf8");
  const { code } = await transform(source, {
    loader: path.endsWith("x") ? "tsx" : "ts",
    format: "esm",
    target: "node20.19",
    jsx: "automatic",
    sourcemap: "inline",
    sourcefile: path,
  });
  return { format: "module", source: code, shortCircuit: true };
}

import { readFileSync } from "node:fs";
import { builtinModules, createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { build, type Plugin } from "esbuild";
import { needsNativeCode } from "./package-closure.ts";

export interface BundleOptions {
  /** The repository root. */
  root: string;
  /** The entry module, from the root (default bin/hocba.mjs: the CLI and the helper). */
  entry?: string;
  outfile: string;
  /** Repository files shipped beside hocba.js and read from there at run time (IT edits them), by their name in the package. */
  editableJson: Readonly<Record<string, string>>;
}

export interface BundledHelper {
  /** Packages left out of the bundle because they need compiled code: installed for the target instead. */
  nativePackages: string[];
  /**
   * Pure-JS ES modules left out of the bundle because they use top-level await across an import
   * cycle (libxml2-wasm), which esbuild's lazy module wrappers deadlock on: shipped in node_modules
   * and loaded by Node's own loader, with import(), when first used.
   */
  esmPackages: string[];
  /** Every package inside the bundle, with its folder (for the licence notices). */
  bundledPackages: string[];
}

const BUILTINS = new Set(builtinModules);

/** "@scope/name/sub/path" → "@scope/name"; "name/sub" → "name". */
function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return (specifier.startsWith("@") ? parts.slice(0, 2) : parts.slice(0, 1)).join("/");
}

/**
 * Bundles the CLI and the helper (entry bin/hocba.mjs, which loads native-host/cli/main.ts) into
 * one ES module. What needs care in a single file:
 * - bin/register-ts.mjs compiles TypeScript at load time: not needed once bundled, left out;
 * - packages with compiled code stay outside, loaded with require() only when first used (as the
 *   sources import them lazily: `hocba --version` must not load a native addon);
 * - packages whose modules use top-level await stay outside too (see `esmPackages`): a first build
 *   finds them, a second leaves them out;
 * - `createRequire(import.meta.url)("x")` in the sources becomes require("x") so that x is bundled;
 * - files the sources locate from their own path find them beside hocba.js (HOCBA_PACKAGED, see
 *   native-host/helper-files.ts), and the editable lists are read from there at run time.
 */
export async function bundleHelper(options: BundleOptions): Promise<BundledHelper> {
  const first = await bundleOnce(options, new Set());
  const awaiting = packagesWithTopLevelAwait(readFileSync(options.outfile, "utf8"));
  if (awaiting.length === 0) return { ...first, esmPackages: [] };
  const esm = new Set(awaiting);
  const second = await bundleOnce(options, esm);
  const left = packagesWithTopLevelAwait(readFileSync(options.outfile, "utf8"));
  if (left.length > 0) throw new Error(`top-level await still bundled in ${left.join(", ")}`);
  return { ...second, esmPackages: awaiting };
}

/** Packages whose modules esbuild wrapped as async (top-level await): `async "…node_modules/<name>/…"() {`. */
function packagesWithTopLevelAwait(output: string): string[] {
  const names = new Set<string>();
  for (const m of output.matchAll(/^\s*async "(?:[^"]*\/)?node_modules\/((?:@[^/"]+\/)?[^/"]+)\//gm)) {
    if (m[1]) names.add(m[1]);
  }
  return [...names].sort();
}

/** The names an ES module exports (`specifier` as the sources import it), read by importing it here. */
async function exportNames(specifier: string, root: string): Promise<string[]> {
  const resolved = createRequire(path.join(root, "package.json")).resolve(specifier);
  return Object.keys((await import(pathToFileURL(resolved).href)) as object);
}

async function bundleOnce(
  options: BundleOptions,
  esm: ReadonlySet<string>,
): Promise<Omit<BundledHelper, "esmPackages">> {
  const { root } = options;
  const native = new Set<string>();
  const nativeCache = new Map<string, boolean>();
  const isNative = (name: string, from: string): boolean => {
    const known = nativeCache.get(name);
    if (known !== undefined) return known;
    const answer = needsNativeCode(name, from);
    nativeCache.set(name, answer);
    return answer;
  };
  const editable = new Map(
    Object.entries(options.editableJson).map(([repoPath, name]) => [path.join(root, repoPath), name]),
  );

  const plugin: Plugin = {
    name: "hocba-package",
    setup(b) {
      b.onResolve({ filter: /(^|\/)register-ts\.mjs$/ }, () => ({ path: "register-ts", namespace: "empty" }));
      b.onLoad({ filter: /.*/, namespace: "empty" }, () => ({ contents: "", loader: "js" }));

      b.onResolve({ filter: /^[^./]/ }, (args) => {
        if (args.namespace === "native" || args.namespace === "esm" || args.path.startsWith("node:")) {
          return undefined;
        }
        const name = packageName(args.path);
        if (esm.has(name)) return { path: args.path, namespace: "esm" };
        if (BUILTINS.has(name) || !isNative(name, args.resolveDir || root)) return undefined;
        native.add(name);
        return { path: args.path, namespace: "native" };
      });
      b.onLoad({ filter: /.*/, namespace: "native" }, (args) => ({
        contents: `module.exports = require(${JSON.stringify(args.path)});`,
        loader: "js",
      }));
      b.onResolve({ filter: /.*/, namespace: "native" }, (args) => ({ path: args.path, external: true }));
      // A module of our own with top-level await: esbuild awaits it wherever it is imported.
      b.onLoad({ filter: /.*/, namespace: "esm" }, async (args) => {
        const names = (await exportNames(args.path, root)).filter((n) => n !== "default");
        return {
          contents: [
            `const m = await import(${JSON.stringify(args.path)});`,
            ...names.map((n) => `export const ${n} = m.${n};`),
            "export default m.default;",
          ].join("\n"),
          loader: "js",
        };
      });
      b.onResolve({ filter: /.*/, namespace: "esm" }, (args) => ({ path: args.path, external: true }));

      b.onLoad({ filter: /\.json$/ }, (args) => {
        const name = editable.get(args.path);
        if (name === undefined) return undefined;
        return {
          contents: [
            `import { readFileSync } from "node:fs";`,
            `export default JSON.parse(readFileSync(new URL(${JSON.stringify(`./${name}`)}, import.meta.url), "utf8"));`,
          ].join("\n"),
          loader: "js",
        };
      });

      b.onLoad({ filter: /\.tsx?$/ }, (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        const source = readFileSync(args.path, "utf8");
        const rewritten = source.replace(/\bcreateRequire\(import\.meta\.url\)\(/g, "require(");
        if (rewritten === source) return undefined;
        return { contents: rewritten, loader: args.path.endsWith("x") ? "tsx" : "ts" };
      });
    },
  };

  const result = await build({
    absWorkingDir: root,
    entryPoints: [path.join(root, options.entry ?? "bin/hocba.mjs")],
    outfile: options.outfile,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    splitting: false,
    define: { HOCBA_PACKAGED: "true" },
    // Bundled CommonJS modules (and the native stubs) call require(): give the ES module one.
    banner: {
      js: [
        "// hocba-signer, bundled by scripts/package: hocba.js is the CLI and the signing helper, hocba-worker.js the helper's document worker. Run with the bundled Node.",
        'import { createRequire as __hocbaCreateRequire } from "node:module";',
        "const require = __hocbaCreateRequire(import.meta.url);",
      ].join("\n"),
    },
    legalComments: "none",
    metafile: true,
    logLevel: "warning",
    plugins: [plugin],
  });

  const bundledPackages = new Set<string>();
  for (const input of Object.keys(result.metafile.inputs)) {
    const m = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input.replace(/\\/g, "/"));
    if (m?.[1]) bundledPackages.add(m[1]);
  }
  const output = readFileSync(options.outfile, "utf8");
  const leftover = /\bcreateRequire\([^)]*\)\(\s*["'`]/.exec(output);
  if (leftover) {
    throw new Error(
      `the bundle still loads a module by path at run time: ${output.slice(leftover.index, leftover.index + 120)}`,
    );
  }
  return { nativePackages: [...native].sort(), bundledPackages: [...bundledPackages].sort() };
}

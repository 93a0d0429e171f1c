import { readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * The layering of docs/architecture (and README "Development"): shared/ imports neither side, the
 * extension never imports the helper nor Node, native-host/xmldsig is below signing and
 * verification, and no two folders import each other, directly or round a longer cycle. A folder is
 * the first level under extension/, native-host/ or shared/ (native-host/cli/commands is part of
 * native-host/cli). Every static, dynamic and type-only import counts: a type import is still a
 * dependency a reader has to follow.
 */
const ROOT = resolve(fileURLToPath(new URL("../../../", import.meta.url)));
const TOP = ["extension", "native-host", "shared"] as const;
const NODE_BUILTINS = new Set(builtinModules);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === "node_modules" || e.name.startsWith(".") ? [] : sourceFiles(p);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith(".d.ts") ? [p] : [];
  });
}

/** extension/ui/review/x.tsx → "extension/ui"; extension/config.ts → "extension". */
function folderOf(file: string): string | undefined {
  const parts = relative(ROOT, file).split(sep);
  if (!(TOP as readonly string[]).includes(parts[0] ?? "")) return undefined;
  return parts.length > 2 ? `${parts[0]}/${parts[1]}` : parts[0];
}

interface Edge {
  from: string;
  /** Resolved file for a project import, the bare specifier otherwise. */
  to: string;
  specifier: string;
}

/** Every import, export-from, import() and require() of a file, as written. */
function specifiersOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(file, "utf8"), true, true);
  return info.importedFiles.map((f) => f.fileName);
}

function resolveSpecifier(file: string, specifier: string): string {
  if (specifier.startsWith(".")) return resolve(dirname(file), specifier);
  // WXT's aliases: @@ is the project root, @ and ~ the extension's source folder.
  if (specifier.startsWith("@@/")) return resolve(ROOT, specifier.slice(3));
  if (specifier.startsWith("@/") || specifier.startsWith("~/")) {
    return resolve(ROOT, "extension", specifier.slice(2));
  }
  return specifier;
}

function collectEdges(root: string = ROOT): Edge[] {
  return TOP.flatMap((top) => sourceFiles(join(root, top))).flatMap((file) =>
    specifiersOf(file).map((specifier) => ({ from: file, to: resolveSpecifier(file, specifier), specifier })),
  );
}

const rel = (p: string) => relative(ROOT, p).split(sep).join("/");

/** Folder → folders it imports (project folders only, itself excluded). */
function folderGraph(edges: readonly Edge[]): Map<string, Map<string, string[]>> {
  const graph = new Map<string, Map<string, string[]>>();
  for (const e of edges) {
    const a = folderOf(e.from);
    const b = e.to.startsWith(ROOT) ? folderOf(e.to) : undefined;
    if (!a || !b || a === b) continue;
    const targets = graph.get(a) ?? new Map<string, string[]>();
    graph.set(a, targets);
    const why = targets.get(b) ?? [];
    targets.set(b, why);
    why.push(`${rel(e.from)} → ${e.specifier}`);
  }
  return graph;
}

/** Strongly connected components with more than one folder (Tarjan), each sorted. */
function cycles(graph: Map<string, Map<string, string[]>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v)?.keys() ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
    }
    if (low.get(v) === index.get(v)) {
      const scc: string[] = [];
      let w: string | undefined;
      do {
        w = stack.pop();
        if (w === undefined) break;
        onStack.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1) out.push(scc.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return out;
}

/** The imports that make up a cycle: every edge between two of its folders. */
function describeCycle(graph: Map<string, Map<string, string[]>>, scc: readonly string[]): string {
  const lines: string[] = [];
  for (const a of scc) {
    for (const [b, why] of graph.get(a) ?? []) {
      if (scc.includes(b)) lines.push(`${a} → ${b}: ${why.slice(0, 3).join("; ")}`);
    }
  }
  return lines.join("\n");
}

/** The imports of files under `prefix` that `forbidden` rejects, as "file → specifier". */
function violations(edges: readonly Edge[], prefix: string, forbidden: (e: Edge) => boolean): string[] {
  return edges
    .filter((e) => rel(e.from).startsWith(prefix) && forbidden(e))
    .map((e) => `${rel(e.from)} → ${e.specifier}`);
}

const isNodeBuiltin = (s: string) => s.startsWith("node:") || NODE_BUILTINS.has(s.split("/")[0] ?? s);
const under = (e: Edge, ...dirs: string[]) =>
  e.to.startsWith(ROOT) && dirs.some((d) => rel(e.to) === d || rel(e.to).startsWith(`${d}/`));

describe("import layers", () => {
  const edges = collectEdges();
  const graph = folderGraph(edges);

  it("finds the project's imports (the parser sees them)", () => {
    expect(edges.length).toBeGreaterThan(200);
    expect(graph.get("native-host/cli")?.has("shared/errors")).toBe(true);
  });

  it("has no import cycle between folders", () => {
    const found = cycles(graph);
    expect(found.map((scc) => describeCycle(graph, scc)).join("\n\n")).toBe("");
  });

  it("shared/ imports neither extension/ nor native-host/", () => {
    expect(violations(edges, "shared/", (e) => under(e, "extension", "native-host"))).toEqual([]);
  });

  it("extension/ imports neither native-host/ nor Node builtins", () => {
    expect(
      violations(edges, "extension/", (e) => under(e, "native-host") || isNodeBuiltin(e.specifier)),
    ).toEqual([]);
  });

  it("native-host/xmldsig is below signing, verification, the helper, the CLI and the archive", () => {
    const above = ["sign", "verify", "host", "cli", "archive"].map((d) => `native-host/${d}`);
    expect(edges.some((e) => rel(e.from).startsWith("native-host/xmldsig/"))).toBe(true);
    expect(violations(edges, "native-host/xmldsig/", (e) => under(e, ...above))).toEqual([]);
  });
});

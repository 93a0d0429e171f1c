import { readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * shared/xml runs in the extension too (preview, and building the exact bytes that get signed), so
 * nothing in it may import Node-only modules, native-host/ or extension/ code.
 */
const DIR = fileURLToPath(new URL("../../../shared/xml/", import.meta.url));
const ALLOWED_PACKAGES = ["@xmldom/xmldom", "xmlbuilder2"];

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

describe("shared/xml stays browser-safe", () => {
  const files = tsFiles(DIR);

  it.each(files.map((f) => [f.slice(DIR.length), f]))("%s imports nothing Node-only", (_name, file) => {
    const source = readFileSync(file, "utf8");
    const specifiers = [...source.matchAll(/(?:^|\n)\s*(?:import|export)\b[^;]*?from\s+"([^"]+)"/g)].map(
      (m) => m[1] ?? "",
    );
    for (const s of specifiers) {
      expect(s.startsWith("node:") || builtinModules.includes(s), s).toBe(false);
      expect(s, s).not.toMatch(/native-host|extension\//);
      if (!s.startsWith(".")) expect(ALLOWED_PACKAGES, s).toContain(s);
    }
    expect(source).not.toMatch(/\bprocess\.|\bBuffer\b|\brequire\(/);
  });
});

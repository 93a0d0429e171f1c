import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { XSD_PATH } from "./xsd-module.ts";

/**
 * The independent validator: Debian's xmllint (libxml2-utils) against the .xsd files on disk.
 * Validates many documents in one process; returns the names of those xmllint rejects.
 */
export function xmllintInvalid(
  docs: readonly { fileName: string; bytes: Uint8Array }[],
  xsdPath = XSD_PATH,
): {
  invalid: string[];
  output: string;
} {
  if (docs.length === 0) return { invalid: [], output: "" };
  const dir = mkdtempSync(join(tmpdir(), "hocba-xmllint-"));
  try {
    const files = docs.map((d, i) => {
      const file = join(dir, `${i}-${d.fileName}`);
      writeFileSync(file, d.bytes);
      return file;
    });
    const run = spawnSync("xmllint", ["--noout", "--nonet", "--schema", xsdPath, ...files], {
      encoding: "utf8",
    });
    if (run.error) throw run.error;
    const output = `${run.stdout}${run.stderr}`;
    const invalid = docs.filter((_, i) => !output.includes(`${files[i]} validates`)).map((d) => d.fileName);
    if (run.status !== 0 && invalid.length === 0) throw new Error(`xmllint failed: ${output}`);
    return { invalid, output };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** One document, from text. */
export function xmllintAccepts(xml: string | Uint8Array): boolean {
  const bytes = typeof xml === "string" ? new TextEncoder().encode(xml) : xml;
  return xmllintInvalid([{ fileName: "doc.xml", bytes }]).invalid.length === 0;
}

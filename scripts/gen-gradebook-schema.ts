/**
 * Writes docs/gradebook.schema.json, the JSON Schema of the gradebook (hocba-gradebook/1), from the
 * zod model. tests/unit/check/gradebook-schema.test.ts fails when the committed file is stale.
 *
 *   npx tsx scripts/gen-gradebook-schema.ts
 */
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { gradebookJsonSchemaText } from "./gradebook-schema-text.ts";

const target = fileURLToPath(new URL("../docs/gradebook.schema.json", import.meta.url));
mkdirSync(fileURLToPath(new URL("../docs/", import.meta.url)), { recursive: true });
writeFileSync(`${target}.tmp`, await gradebookJsonSchemaText(target), "utf8");
renameSync(`${target}.tmp`, target);
console.log(`wrote ${target}`);

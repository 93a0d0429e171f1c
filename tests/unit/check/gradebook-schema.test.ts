import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { gradebookJsonSchemaText } from "../../../scripts/gradebook-schema-text.ts";

describe("docs/gradebook.schema.json", () => {
  it("is up to date with the zod model (run: npx tsx scripts/gen-gradebook-schema.ts)", async () => {
    const path = fileURLToPath(new URL("../../../docs/gradebook.schema.json", import.meta.url));
    expect(readFileSync(path, "utf8")).toBe(await gradebookJsonSchemaText(path));
  });
});

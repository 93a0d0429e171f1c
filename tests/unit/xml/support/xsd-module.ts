import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The XSD files (the source of truth) and the generated TypeScript module that carries them. */
export const XSD_DIR = fileURLToPath(new URL("../../../../shared/xml/hocbaso-v1/", import.meta.url));
export const XSD_PATH = `${XSD_DIR}hocbaso-1.0.xsd`;
export const XMLDSIG_XSD_PATH = `${XSD_DIR}xmldsig-core-hocbaso.xsd`;
export const XSD_MODULE_PATH = `${XSD_DIR}schema-files.generated.ts`;

function templateLiteral(text: string): string {
  return "`" + text.replace(/\\/g, "\\\\").replace(/`/g, "\\`").replace(/\$\{/g, "\\${") + "`";
}

/** The module's exact text for the current .xsd files. */
export function renderXsdModule(): string {
  const hocbaso = readFileSync(XSD_PATH, "utf8");
  const xmldsig = readFileSync(XMLDSIG_XSD_PATH, "utf8");
  return [
    "// GENERATED from hocbaso-1.0.xsd and xmldsig-core-hocbaso.xsd: do not edit; edit the .xsd files, then run",
    "// UPDATE_GOLDEN=1 npx vitest run --project unit tests/unit/xml/xsd-module.test.ts",
    "// (a string module, so that the browser, the CLI and the signing helper all get the schema without file access).",
    "",
    "/** hocbaso-1.0.xsd: the học bạ số 1.0 schema. */",
    `export const HOCBASO_XSD = ${templateLiteral(hocbaso)};`,
    "",
    "/** xmldsig-core-hocbaso.xsd: the XML Signature part it imports (schemaLocation, same folder). */",
    `export const XMLDSIG_XSD = ${templateLiteral(xmldsig)};`,
    "",
  ].join("\n");
}

import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { hocBaSoV1 } from "../../../shared/xml/hocbaso-v1/index.ts";
import { HOCBASO_XSD, XMLDSIG_XSD } from "../../../shared/xml/hocbaso-v1/schema-files.generated.ts";
import { renderXsdModule, XMLDSIG_XSD_PATH, XSD_MODULE_PATH, XSD_PATH } from "./support/xsd-module.ts";

describe("the XSD has one source of truth", () => {
  it("the generated string module matches the .xsd files (UPDATE_GOLDEN=1 regenerates it)", () => {
    const expected = renderXsdModule();
    if (process.env.UPDATE_GOLDEN === "1") writeFileSync(XSD_MODULE_PATH, expected);
    expect(readFileSync(XSD_MODULE_PATH, "utf8")).toBe(expected);
    expect(HOCBASO_XSD).toBe(readFileSync(XSD_PATH, "utf8"));
    expect(XMLDSIG_XSD).toBe(readFileSync(XMLDSIG_XSD_PATH, "utf8"));
  });

  it("the format exposes both files under the names the import expects", () => {
    expect(Object.keys(hocBaSoV1.schemaFiles).sort()).toEqual([
      "hocbaso-1.0.xsd",
      "xmldsig-core-hocbaso.xsd",
    ]);
    expect(HOCBASO_XSD).toContain('schemaLocation="xmldsig-core-hocbaso.xsd"');
    expect(HOCBASO_XSD).not.toMatch(/schemaLocation="https?:/); // validates offline
  });

  it("the .xsd files are well-formed NFC text without DOCTYPE (xmllint)", () => {
    for (const [path, text] of [
      [XSD_PATH, HOCBASO_XSD],
      [XMLDSIG_XSD_PATH, XMLDSIG_XSD],
    ] as const) {
      expect(text).toBe(text.normalize("NFC"));
      expect(text).not.toContain("<!DOCTYPE");
      const run = spawnSync("xmllint", ["--noout", "--nonet", path], { encoding: "utf8" });
      expect(run.status, run.stderr).toBe(0);
    }
  });
});

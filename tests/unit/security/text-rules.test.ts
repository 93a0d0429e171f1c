import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isHocBaError } from "../../../shared/errors/hocba-error.ts";
import { Gradebook } from "../../../shared/model/gradebook.ts";
import { createHocBaBuilder } from "../../../shared/xml/hocbaso-v1/index.ts";
import { textRuleViolation } from "../../../shared/xml/hocbaso-v1/text-rules.ts";
import { validateHocBaXml } from "../../../native-host/xml/validate-hocba-xml.ts";

/**
 * The format's text rules (shared/xml/hocbaso-v1/text-rules.ts): NFC and no invisible character,
 * for the builder, the signer's validation and the verifier alike; and a required value is never
 * only spaces, Unicode spaces included (XSD KieuChuoiBatBuoc).
 */
const gb = Gradebook.parse(
  JSON.parse(
    readFileSync(path.resolve(import.meta.dirname, "../../fixtures/gradebook-gdtx-10.json"), "utf8"),
  ),
);
const learner = gb.learners[0];
if (!learner) throw new Error("learner");
const built = Buffer.from(createHocBaBuilder(gb)(learner).bytes).toString("utf8");
const withName = (name: string) =>
  Buffer.from(
    built.replace(
      /(<HocVien><MaHocVien>[^<]+<\/MaHocVien><SoDinhDanh>[^<]+<\/SoDinhDanh>)<HoTen>[^<]+/,
      `$1<HoTen>${name}`,
    ),
  );
const codesOf = (bytes: Buffer) => validateHocBaXml(bytes).errors.map((e) => e.code);

describe("text rules of one value", () => {
  it.each([
    ["Nguyễn Văn An", undefined],
    ["Nguyễn\u00a0Văn An", undefined],
    ["dòng một\ndòng hai\tcột", undefined],
    ["Nguy\u200Bễn", { rule: "invisible", codePoint: "200B" }],
    ["Nguy\u200Cễn", { rule: "invisible", codePoint: "200C" }],
    ["Nguy\u200Dễn", { rule: "invisible", codePoint: "200D" }],
    ["\uFEFFNguyễn", { rule: "invisible", codePoint: "FEFF" }],
    ["Nguy\u2060ễn", { rule: "invisible", codePoint: "2060" }],
    ["Nguy\u00ADễn", { rule: "invisible", codePoint: "00AD" }],
    ["\u202EnayuG", { rule: "invisible", codePoint: "202E" }],
    ["a\u2066b\u2069", { rule: "invisible", codePoint: "2066" }],
    ["Nguyễn\uFE0F", { rule: "invisible", codePoint: "FE0F" }],
    ["\u3164", { rule: "invisible", codePoint: "3164" }],
    ["Nguye\u0302\u0303n", { rule: "nfc" }],
  ])("%j → %j", (value, expected) => {
    expect(textRuleViolation(value)).toEqual(expected);
  });
});

describe("the signer's validation applies them to values as parsed", () => {
  it("the built document is valid", () => {
    expect(codesOf(Buffer.from(built))).toEqual([]);
  });

  it.each([
    ["a zero-width space", "Nguyễn\u200BVăn An", ["XML_INVISIBLE_CHAR"]],
    ["a zero-width space written as a character reference", "Nguyễn&#x200B;Văn An", ["XML_INVISIBLE_CHAR"]],
    ["a soft hyphen as a decimal reference", "Nguyễn&#173;Văn An", ["XML_INVISIBLE_CHAR"]],
    ["NFD text", "Nguye\u0302\u0303n Văn An", ["XML_NOT_NFC"]],
    ["NFD written with a character reference", "Nguye&#x302;&#x303;n Văn An", ["XML_NOT_NFC"]],
    ["a required value of spaces", "   ", ["XML_SCHEMA_INVALID"]],
    ["a required value of a no-break space", "\u00a0", ["XML_SCHEMA_INVALID"]],
    ["a required value of ideographic spaces", "\u3000\u3000", ["XML_SCHEMA_INVALID"]],
  ])("%s is refused", (_name, name, codes) => {
    expect(codesOf(withName(name))).toEqual(codes);
  });
});

describe("the builder refuses what the signer would refuse", () => {
  it("an invisible character in a learner's field, naming the field and the code point", () => {
    const l = structuredClone(learner);
    l.hocVien.noiSinh = "Phú\u200BThọ";
    let err: unknown;
    try {
      createHocBaBuilder(gb)(l);
    } catch (e) {
      err = e;
    }
    expect(isHocBaError(err) && err.code).toBe("XML_INVALID_CHAR");
    expect(isHocBaError(err) && err.params).toMatchObject({ field: "HocVien/NoiSinh", codePoint: "200B" });
    expect(err instanceof Error && err.message).toContain("ký tự vô hình");
  });
});

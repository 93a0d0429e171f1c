import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { buildHocBaXml } from "../../../shared/xml/hocbaso-v1/build-hoc-ba-xml.ts";
import { validateHocBaXml } from "../../../native-host/xml/validate-hocba-xml.ts";
import { loadFixture } from "./support/fixtures.ts";
import { xmllintInvalid } from "./support/xmllint.ts";

/**
 * Golden files: the exact bytes of a few documents. A change here changes what gets signed, so it
 * must be deliberate: review the diff, then regenerate with
 *   UPDATE_GOLDEN=1 npx vitest run --project unit tests/unit/xml/golden.test.ts
 */
const GOLDEN_DIR = new URL("../../fixtures/golden/", import.meta.url);

const CASES: [fixture: string, maHocVien: string, why: string][] = [
  ["gradebook-gdtx-10.json", "2507510001", "GDTX, sync envelope from the portal, Học viên Giỏi"],
  ["gradebook-gdtx-10.json", "2507510023", "GDTX, re-tested in five subjects, decision after re-test"],
  ["gradebook-gdtx-10.json", "2507510038", "GDTX, summer rèn luyện, IdBanGhi derived"],
  ["gradebook-thpt-11.json", "0102130005", "THPT, comment subjects (GDTC...) and re-test"],
];

describe("golden files", () => {
  it.each(CASES)("%s %s (%s)", (fixture, maHocVien) => {
    const gb = loadFixture(fixture);
    const learner = gb.learners.find((l) => l.hocVien.maHocVien === maHocVien);
    if (!learner) throw new Error(`${maHocVien} is no longer in ${fixture}: pick another learner`);
    const doc = buildHocBaXml(gb, learner);
    const file = new URL(doc.fileName, GOLDEN_DIR);
    if (process.env.UPDATE_GOLDEN === "1") writeFileSync(file, doc.bytes);
    if (!existsSync(file)) throw new Error(`missing golden file ${doc.fileName}: run with UPDATE_GOLDEN=1`);
    const golden = new Uint8Array(readFileSync(file));
    expect(new TextDecoder().decode(doc.bytes)).toBe(new TextDecoder().decode(golden));
    expect(doc.bytes).toEqual(golden);
    expect(validateHocBaXml(golden).errors).toEqual([]);
    expect(xmllintInvalid([{ fileName: doc.fileName, bytes: golden }]).invalid).toEqual([]);
  });
});

import { SignedXml } from "xml-crypto";
import { describe, expect, it } from "vitest";
import { buildHocBaXml } from "../../../shared/xml/hocbaso-v1/build-hoc-ba-xml.ts";
import { readHocBa } from "../../../shared/xml/hocbaso-v1/read-hoc-ba.ts";
import { validateHocBaXml } from "../../../native-host/xml/validate-hocba-xml.ts";
import { retestLearner, sampleGradebook, sampleLearner } from "./sample-gradebook.ts";
import { fakeSignature, signWithXmlCrypto } from "./support/signed-document.ts";
import { xmllintAccepts } from "./support/xmllint.ts";

const enc = (s: string) => new TextEncoder().encode(s);
const built = new TextDecoder().decode(buildHocBaXml(sampleGradebook(), sampleLearner(1)).bytes);
const withSignatures = (inner: string) => built.replace("<DSCKS/>", `<DSCKS>${inner}</DSCKS>`);

describe("validateHocBaXml accepts built and signed documents", () => {
  it("accepts a built document", () => {
    expect(validateHocBaXml(enc(built))).toEqual({ ok: true, errors: [] });
  });

  it.each([
    ["GVCN", `<GVCN>${fakeSignature("GVCN")}</GVCN>`],
    [
      "GVCN, ThuTruong",
      `<GVCN>${fakeSignature("GVCN")}</GVCN><ThuTruong>${fakeSignature("ThuTruong")}</ThuTruong>`,
    ],
    [
      "GVCN, ThuTruong, DonVi",
      `<GVCN>${fakeSignature("GVCN")}</GVCN><ThuTruong>${fakeSignature("ThuTruong")}</ThuTruong><DonVi>${fakeSignature("DonVi")}</DonVi>`,
    ],
  ])("accepts XAdES-shaped signatures by %s (and xmllint agrees)", (_roles, inner) => {
    const xml = withSignatures(inner);
    expect(validateHocBaXml(enc(xml)).errors).toEqual([]);
    expect(xmllintAccepts(xml)).toBe(true);
  });

  it("accepts documents signed for real by xml-crypto, GVCN then ThuTruong referencing the first", () => {
    const one = signWithXmlCrypto(built, "GVCN");
    const two = signWithXmlCrypto(one, "ThuTruong", ["GVCN"]);
    for (const xml of [one, two]) {
      expect(validateHocBaXml(enc(xml)).errors).toEqual([]);
      expect(xmllintAccepts(xml)).toBe(true);
    }
    expect(readHocBa(two).vaiTroCoChuKy).toEqual(["GVCN", "ThuTruong"]);
    // Sanity: the container layout keeps the first signature verifiable.
    const check = new SignedXml({ getCertFromKeyInfo: (keyInfo) => SignedXml.getCertFromKeyInfo(keyInfo) });
    const sigXml = /<ds:Signature[^>]*Id="sig-GVCN"[\s\S]*?<\/ds:Signature>/.exec(two)?.[0] ?? "";
    check.loadSignature(sigXml);
    expect(check.checkSignature(two)).toBe(true);
  });
});

describe("validateHocBaXml refuses, and agrees with xmllint on the schema part", () => {
  const sig = (role: "GVCN" | "ThuTruong" | "DonVi", id?: string) => fakeSignature(role, id ? { id } : {});
  const schemaCases: [string, string][] = [
    [
      "elements out of order",
      built.replace(
        /<MaSo>01<\/MaSo><MaTruong>01010501<\/MaTruong>/,
        "<MaTruong>01010501</MaTruong><MaSo>01</MaSo>",
      ),
    ],
    ["a missing element", built.replace(/<SoDinhDanh>\d+<\/SoDinhDanh>/, "")],
    [
      "SoDinhDanh with 11 digits",
      built.replace(/<SoDinhDanh>\d(\d+)<\/SoDinhDanh>/, "<SoDinhDanh>$1</SoDinhDanh>"),
    ],
    ["TBM without a decimal", built.replace("<TBM>6.5</TBM>", "<TBM>6</TBM>")],
    ["TBM 10.5", built.replace("<TBM>6.5</TBM>", "<TBM>10.5</TBM>")],
    ["TBM with a comma", built.replace("<TBM>6.5</TBM>", "<TBM>6,5</TBM>")],
    ["an unknown level", built.replace("<CN>K</CN>", "<CN>G</CN>")],
    ["an unknown CapHoc", built.replace("<CapHoc>05</CapHoc>", "<CapHoc>02</CapHoc>")],
    ["CapHoc 01 (Mầm non)", built.replace("<CapHoc>05</CapHoc>", "<CapHoc>01</CapHoc>")],
    ["CapHoc 4 without its zero", built.replace("<CapHoc>05</CapHoc>", "<CapHoc>4</CapHoc>")],
    ["an unknown SuKien", built.replace("<SuKien>NEW</SuKien>", "<SuKien>DELETE</SuKien>")],
    ["NamHoc in another form", built.replace("<NamHoc>2025-2026</NamHoc>", "<NamHoc>2025/2026</NamHoc>")],
    ["ThoiGianLap without a time zone", built.replace("+07:00</ThoiGianLap>", "</ThoiGianLap>")],
    ["an impossible birth date", built.replace(/<NgaySinh>[^<]+</, "<NgaySinh>2009-02-30<")],
    ["GioiTinh in English", built.replace("<GioiTinh>Nam</GioiTinh>", "<GioiTinh>Male</GioiTinh>")],
    ["a subject listed twice", built.replace(/(<Mon><Ma>NV<\/Ma>[\s\S]*?<\/Mon>)/, "$1$1")],
    ["a namespace on the data", built.replace("<HocBaSo PhienBan", '<HocBaSo xmlns="urn:hocba" PhienBan')],
    ["another PhienBan", built.replace('PhienBan="1.0"', 'PhienBan="1.1"')],
    ["another data Id", built.replace('Id="DLHocBa"', 'Id="Data"')],
    ["an empty role container", withSignatures("<GVCN/>")],
    ["two signatures in one role", withSignatures(`<GVCN>${sig("GVCN")}${sig("GVCN", "sig-GVCN-2")}</GVCN>`)],
    ["a signature without Id", withSignatures(`<GVCN>${sig("GVCN").replace(' Id="sig-GVCN"', "")}</GVCN>`)],
    ["DonVi without ThuTruong", withSignatures(`<GVCN>${sig("GVCN")}</GVCN><DonVi>${sig("DonVi")}</DonVi>`)],
    [
      "roles out of order",
      withSignatures(`<ThuTruong>${sig("ThuTruong")}</ThuTruong><GVCN>${sig("GVCN")}</GVCN>`),
    ],
    ["an unknown role", withSignatures(`<HieuPho>${sig("GVCN")}</HieuPho>`)],
    [
      "another ds element in a role",
      withSignatures(`<GVCN><ds:KeyInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"/></GVCN>`),
    ],
    ["a signature in the data", built.replace("</HocVien>", `</HocVien>${sig("GVCN")}`)],
    [
      "two signatures with the same Id",
      withSignatures(`<GVCN>${sig("GVCN")}</GVCN><ThuTruong>${sig("ThuTruong", "sig-GVCN")}</ThuTruong>`),
    ],
    ["a signature Id equal to the data Id", withSignatures(`<GVCN>${sig("GVCN", "DLHocBa")}</GVCN>`)],
    [
      "an XPath transform",
      withSignatures(
        `<GVCN>${sig("GVCN").replace('<ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"/>', '<ds:Transform Algorithm="http://www.w3.org/TR/1999/REC-xpath-19991116"><ds:XPath>1</ds:XPath></ds:Transform>')}</GVCN>`,
      ),
    ],
    ["text in DSCKS", withSignatures("chữ")],
  ];

  it.each(schemaCases)("%s", (_name, xml) => {
    expect(xml).not.toBe(built);
    const result = validateHocBaXml(enc(xml));
    expect(result.ok).toBe(false);
    expect(result.errors.length).toBeGreaterThan(0);
    expect(result.errors.map((e) => e.code)).toContain("XML_SCHEMA_INVALID");
    for (const e of result.errors) {
      expect(e.message).toMatch(/^Dòng \d+: không đúng lược đồ học bạ số 1\.0: /);
    }
    expect(xmllintAccepts(xml)).toBe(false);
  });

  it.each([
    ["a BOM", new Uint8Array([0xef, 0xbb, 0xbf, ...enc(built)]), "XML_HAS_BOM"],
    [
      "bytes that are not UTF-8",
      new Uint8Array([...enc(built.slice(0, 200)), 0xc3, 0x28, ...enc(built.slice(200))]),
      "XML_READ_NOT_UTF8",
    ],
    ["a DOCTYPE", enc(built.replace("<HocBaSo", "<!DOCTYPE HocBaSo><HocBaSo")), "XML_READ_FORBIDDEN_MARKUP"],
    [
      "an entity bomb",
      enc(
        built.replace(
          "<HocBaSo",
          '<!DOCTYPE HocBaSo [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]><HocBaSo',
        ),
      ),
      "XML_READ_FORBIDDEN_MARKUP",
    ],
    ["a comment", enc(built.replace("<HocVien>", "<!--x--><HocVien>")), "XML_READ_FORBIDDEN_MARKUP"],
    [
      "a processing instruction",
      enc(built.replace("<HocVien>", "<?x y?><HocVien>")),
      "XML_READ_FORBIDDEN_MARKUP",
    ],
    ["CDATA", enc(built.replace("<NhanXetGVCN>", "<NhanXetGVCN><![CDATA[a]]>")), "XML_READ_FORBIDDEN_MARKUP"],
    ["NFD text", enc(built.replace("Chăm ngoan", "Chăm ngoan".normalize("NFD"))), "XML_NOT_NFC"],
    ["malformed XML", enc(built.replace("</HocVien>", "</HocVienX>")), "XML_READ_MALFORMED"],
    ["an empty file", new Uint8Array(), "XML_READ_MALFORMED"],
  ])("refuses %s with a format rule", (_name, bytes, code) => {
    const result = validateHocBaXml(bytes);
    expect(result.ok).toBe(false);
    expect(result.errors.map((e) => e.code)).toContain(code);
    for (const e of result.errors) expect(e.message).not.toMatch(/\{\w+\}/);
  });

  it("the first role fits SuKien: the GVCN first in a record, the head first in a CANCEL (xmllint allows both)", () => {
    const head = `<ThuTruong>${sig("ThuTruong")}</ThuTruong>`;
    const headAndSeal = `${head}<DonVi>${sig("DonVi")}</DonVi>`;
    const gvcn = `<GVCN>${sig("GVCN")}</GVCN>`;
    const cancel = (inner: string) =>
      withSignatures(inner).replace("<SuKien>NEW</SuKien>", "<SuKien>CANCEL</SuKien>");
    for (const xml of [withSignatures(head), withSignatures(headAndSeal), cancel(gvcn)]) {
      const result = validateHocBaXml(enc(xml));
      expect(result.ok).toBe(false);
      expect(result.errors.map((e) => e.code)).toEqual(["XML_SIGNING_ROLES_FOR_EVENT"]);
      expect(result.errors[0]?.message).toMatch(
        /^Dòng \d+: chữ ký đầu tiên là của (ThuTruong|GVCN), không đúng với SuKien/,
      );
      expect(xmllintAccepts(xml)).toBe(true);
    }
    for (const xml of [cancel(head), cancel(headAndSeal)]) {
      expect(validateHocBaXml(enc(xml)).errors).toEqual([]);
    }
    // The schema still fixes the order within each form.
    const sealFirst = cancel(`<DonVi>${sig("DonVi")}</DonVi>${head}`);
    expect(validateHocBaXml(enc(sealFirst)).errors.map((e) => e.code)).toContain("XML_SCHEMA_INVALID");
    expect(xmllintAccepts(sealFirst)).toBe(false);
  });

  it("reports the line of a problem", () => {
    const nfd = retestLearner();
    const xml = new TextDecoder().decode(buildHocBaXml(sampleGradebook(), nfd).bytes);
    const twoLines = xml.replace("<HocVien>", "\n<!-- x --><HocVien>");
    expect(validateHocBaXml(enc(twoLines)).errors[0]).toMatchObject({
      code: "XML_READ_FORBIDDEN_MARKUP",
      line: 3,
    });
  });

  it("caps the number of issues it reports", () => {
    const many = built.replace(/<TBM>(\d)\.(\d)<\/TBM>/g, "<TBM>$1</TBM>");
    const result = validateHocBaXml(enc(many));
    expect(result.ok).toBe(false);
    expect(result.errors.length).toBeGreaterThan(5);
    expect(result.errors.length).toBeLessThanOrEqual(50);
  });

  it("stays usable after thousands of documents (memory is freed)", () => {
    const bytes = enc(built);
    for (let i = 0; i < 2000; i++) expect(validateHocBaXml(bytes).ok).toBe(true);
  });
});

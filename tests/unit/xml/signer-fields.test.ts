import { describe, expect, it } from "vitest";
import { namedSignersOfGradebook } from "../../../shared/authority/named-signers-of-gradebook.ts";
import { namedSignersOfHocBa } from "../../../shared/authority/named-signers-of-hoc-ba.ts";
import { HocBaError } from "../../../shared/errors/hocba-error.ts";
import { Gradebook } from "../../../shared/model/gradebook.ts";
import { buildHocBaXml } from "../../../shared/xml/hocbaso-v1/build-hoc-ba-xml.ts";
import { readHocBa } from "../../../shared/xml/hocbaso-v1/read-hoc-ba.ts";
import { validateHocBaXml } from "../../../native-host/xml/validate-hocba-xml.ts";
import { sampleGradebook, sampleLearner } from "./sample-gradebook.ts";
import { xmllintAccepts, xmllintInvalid } from "./support/xmllint.ts";

/**
 * The signers' optional fields of format 1.0 (signer authority): CCCDGVCN, ThuTruong/CCCD and
 * KyThay (a deputy signing "KT."). Optional, so documents built before them stay valid.
 */
const TIME = "2026-05-25T08:00:00+07:00";

function withSigners(extra: Partial<Gradebook>): Gradebook {
  return Gradebook.parse({ ...sampleGradebook(), ...extra });
}

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe("CCCD and KyThay in TTChung", () => {
  const gb = withSigners({
    gvcnCccd: "001190012345",
    thuTruong: { hoTen: "Nguyễn Văn Thắng", chucVu: "Giám đốc", cccd: "001078067890" },
    kyThay: { hoTen: "Lê Thị Phó", chucVu: "Phó Giám đốc", cccd: "001185004444" },
  });
  const built = buildHocBaXml(gb, sampleLearner(1), { thoiGianLap: TIME });

  it("are written in schema order, and the document validates (in-process and xmllint)", () => {
    expect(text(built.bytes)).toContain(
      `<GVCN>${gb.gvcn}</GVCN><CCCDGVCN>001190012345</CCCDGVCN>` +
        "<ThuTruong><HoTen>Nguyễn Văn Thắng</HoTen><ChucVu>Giám đốc</ChucVu><CCCD>001078067890</CCCD></ThuTruong>" +
        "<KyThay><HoTen>Lê Thị Phó</HoTen><ChucVu>Phó Giám đốc</ChucVu><CCCD>001185004444</CCCD></KyThay><DiaDanh>",
    );
    expect(validateHocBaXml(built.bytes).ok).toBe(true);
    expect(xmllintInvalid([built]).invalid).toEqual([]);
  });

  it("read back into the view, and name the same signers as the gradebook does", () => {
    const view = readHocBa(built.bytes);
    expect(view.ttChung.gvcnCccd).toBe("001190012345");
    expect(view.ttChung.thuTruong).toEqual({
      hoTen: "Nguyễn Văn Thắng",
      chucVu: "Giám đốc",
      cccd: "001078067890",
    });
    expect(view.ttChung.kyThay).toEqual({
      hoTen: "Lê Thị Phó",
      chucVu: "Phó Giám đốc",
      cccd: "001185004444",
    });
    expect(namedSignersOfHocBa(view)).toEqual(namedSignersOfGradebook(gb));
  });

  it("a deputy without a CCCD, and no CCCD anywhere, are fine too", () => {
    const noCccd = withSigners({ kyThay: { hoTen: "Lê Thị Phó", chucVu: "Phó Giám đốc" } });
    const doc = buildHocBaXml(noCccd, sampleLearner(1), { thoiGianLap: TIME });
    expect(text(doc.bytes)).toContain(
      "<KyThay><HoTen>Lê Thị Phó</HoTen><ChucVu>Phó Giám đốc</ChucVu></KyThay>",
    );
    expect(text(doc.bytes)).not.toContain("CCCD");
    expect(validateHocBaXml(doc.bytes).ok).toBe(true);
    const view = readHocBa(doc.bytes);
    expect(view.ttChung.kyThay).toEqual({ hoTen: "Lê Thị Phó", chucVu: "Phó Giám đốc" });
    expect("gvcnCccd" in view.ttChung).toBe(false);
    expect(namedSignersOfHocBa(view)).toEqual(namedSignersOfGradebook(noCccd));
  });
});

describe("backward compatible: a gradebook without the new fields builds the same bytes as format 1.0 did", () => {
  it("no new element appears, and the document has exactly the old TTChung", () => {
    const doc = buildHocBaXml(sampleGradebook(), sampleLearner(1), { thoiGianLap: TIME });
    const xml = text(doc.bytes);
    expect(xml).not.toMatch(/CCCD|KyThay/);
    expect(xml).toMatch(
      /<\/GVCN><ThuTruong><HoTen>[^<]*<\/HoTen><ChucVu>[^<]*<\/ChucVu><\/ThuTruong><DiaDanh>/,
    );
    const view = readHocBa(doc.bytes);
    expect(view.ttChung.kyThay).toBeUndefined();
    expect(view.ttChung.thuTruong.cccd).toBeUndefined();
  });
});

describe("refused input", () => {
  it("the model refuses a CCCD that is not 12 digits", () => {
    expect(() => withSigners({ gvcnCccd: "12345" })).toThrow();
    expect(() =>
      withSigners({ kyThay: { hoTen: "Lê Thị Phó", chucVu: "Phó Giám đốc", cccd: "00118500444A" } }),
    ).toThrow();
    expect(() => withSigners({ kyThay: { hoTen: "", chucVu: "Phó Giám đốc" } })).toThrow();
  });

  it("the builder refuses a bad CCCD given without the model's parse, naming the field", () => {
    const gb = { ...sampleGradebook(), thuTruong: { hoTen: "A", chucVu: "Giám đốc", cccd: "0010780678" } };
    try {
      buildHocBaXml(gb, sampleLearner(1), { thoiGianLap: TIME });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(HocBaError);
      expect((err as HocBaError).code).toBe("XML_BAD_CCCD");
      expect((err as HocBaError).message).toContain("TTChung/ThuTruong/CCCD");
    }
  });

  it("the XSD refuses a KyThay without a name, a bad CCCD, or elements out of order", () => {
    const ok = text(buildHocBaXml(sampleGradebook(), sampleLearner(1), { thoiGianLap: TIME }).bytes);
    const head = /<ThuTruong>.*?<\/ThuTruong>/.exec(ok)?.[0] ?? "";
    const variants = {
      emptyDeputy: ok.replace(head, `${head}<KyThay><HoTen> </HoTen><ChucVu>Phó Giám đốc</ChucVu></KyThay>`),
      badCccd: ok.replace("</GVCN>", "</GVCN><CCCDGVCN>12345</CCCDGVCN>"),
      deputyFirst: ok.replace(
        head,
        `<KyThay><HoTen>Lê Thị Phó</HoTen><ChucVu>Phó Giám đốc</ChucVu></KyThay>${head}`,
      ),
    };
    for (const [name, xml] of Object.entries(variants)) {
      expect(xml, name).not.toBe(ok);
      expect(xmllintAccepts(xml), name).toBe(false);
      expect(validateHocBaXml(new TextEncoder().encode(xml)).ok, name).toBe(false);
    }
  });
});

import { describe, expect, it } from "vitest";
import { HocBaError } from "../../../shared/errors/hocba-error.ts";
import type { Gradebook, Learner } from "../../../shared/model/gradebook.ts";
import {
  buildHocBaXml,
  createHocBaBuilder,
  defaultIdBanGhi,
} from "../../../shared/xml/hocbaso-v1/build-hoc-ba-xml.ts";
import type { HocBaView, KetQuaView } from "../../../shared/xml/hocbaso-v1/hoc-ba-view.ts";
import { readHocBa } from "../../../shared/xml/hocbaso-v1/read-hoc-ba.ts";
import { sampleGradebook, sampleLearner } from "./sample-gradebook.ts";
import { cleanLearners, loadFixture } from "./support/fixtures.ts";
import { fakeSignature } from "./support/signed-document.ts";
import { must } from "./support/must.ts";

/** Text as the document must carry it: NFC, "\n" line ends. */
const t = (s: string) => s.normalize("NFC").replace(/\r\n?/g, "\n");

function result(r: { tbm: number | null; mucDanhGia: "Đ" | "CĐ" | null }): KetQuaView | null {
  if (r.tbm === null && r.mucDanhGia === null) return null;
  return { tbm: r.tbm === null ? null : Math.round(r.tbm * 10) / 10, mucDanhGia: r.mucDanhGia };
}

/** The view a document built from this learner must read back as: written independently of the builder. */
function expectedView(gb: Gradebook, l: Learner): HocBaView {
  const byMa = new Map(l.ketQua.map((k) => [k.maMon, k]));
  return {
    phienBan: "1.0",
    ttChung: {
      maSo: gb.school.maSo,
      maTruong: gb.school.maTruong,
      tenTruong: t(gb.school.tenTruong),
      capHoc: gb.school.capHoc,
      chuongTrinh: gb.profile,
      namHoc: gb.namHoc,
      khoi: t(gb.khoi),
      lop: t(gb.lop),
      gvcn: t(gb.gvcn),
      thuTruong: { hoTen: t(gb.thuTruong.hoTen), chucVu: t(gb.thuTruong.chucVu) },
      diaDanh: t(gb.school.diaDanh),
      idBanGhi: l.banGhi?.idBanGhi ?? defaultIdBanGhi(gb.school.maTruong, l.hocVien.maHocVien, gb.namHoc),
      suKien: l.banGhi?.suKien ?? "NEW",
      phienBanBanGhi: l.banGhi?.phienBan ?? 1,
      thoiGianLap: gb.thoiGianLap ?? "",
    },
    hocVien: Object.fromEntries(Object.entries(l.hocVien).map(([k, v]) => [k, t(v)])) as Learner["hocVien"],
    ketQua: gb.subjects
      .filter((s) => byMa.has(s.ma))
      .map((s) => {
        const k = must(byMa.get(s.ma));
        return {
          ma: s.ma,
          ten: t(s.ten),
          hinhThuc: s.hinhThuc,
          hk1: result(k.hk1),
          hk2: result(k.hk2),
          cn: must(result(k.cn)),
          ktLai: k.ktLai === null ? null : result(k.ktLai),
          giaoVien: t(k.giaoVien),
          nhanXet: t(k.nhanXet),
        };
      }),
    hocTap: { ...l.hocTap, cn: must(l.hocTap.cn) },
    renLuyen: { ...l.renLuyen, cn: must(l.renLuyen.cn) },
    soBuoiNghi: l.soBuoiNghi,
    ketQuaXet: must(l.ketQuaXet),
    ketQuaXetLai: l.ketQuaXetLai,
    danhHieu: l.danhHieu,
    nhanXetGVCN: t(l.nhanXetGVCN),
    vaiTroCoChuKy: [],
  };
}

function expectReadError(input: string | Uint8Array, code: string): HocBaError {
  let caught: unknown;
  try {
    readHocBa(input);
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(HocBaError);
  expect((caught as HocBaError).code).toBe(code);
  return caught as HocBaError;
}

describe("readHocBa: round trip build → read equals the model's values", () => {
  it.each([
    ["handmade sample", () => ({ gb: sampleGradebook(), learners: sampleGradebook().learners })],
    ["GDTX fixture", () => ({ gb: loadFixture("gradebook-gdtx-10.json"), learners: null })],
    ["THPT fixture", () => ({ gb: loadFixture("gradebook-thpt-11.json"), learners: null })],
  ])("%s", (_name, load) => {
    const { gb, learners } = load();
    const build = createHocBaBuilder(gb);
    for (const l of learners ?? cleanLearners(gb)) {
      const view = readHocBa(build(l).bytes);
      expect(view).toEqual(expectedView(gb, l));
    }
  });

  it("reads a string as well as bytes", () => {
    const gb = sampleGradebook();
    const doc = buildHocBaXml(gb, sampleLearner(1));
    expect(readHocBa(new TextDecoder().decode(doc.bytes))).toEqual(readHocBa(doc.bytes));
  });

  it("reads DLHocBa alone (the signed reference a verifier gets back)", () => {
    const gb = sampleGradebook();
    const xml = new TextDecoder().decode(buildHocBaXml(gb, sampleLearner(1)).bytes);
    const data = /<DLHocBa [\s\S]*<\/DLHocBa>/.exec(xml)?.[0] ?? "";
    const view = readHocBa(data);
    expect(view.hocVien.maHocVien).toBe("HV0001");
    expect(view.vaiTroCoChuKy).toEqual([]);
  });

  it("lists the roles that have a signature container, in order", () => {
    const gb = sampleGradebook();
    const xml = new TextDecoder().decode(buildHocBaXml(gb, sampleLearner(1)).bytes);
    const signed = xml.replace(
      "<DSCKS/>",
      `<DSCKS><GVCN>${fakeSignature("GVCN")}</GVCN><ThuTruong>${fakeSignature("ThuTruong")}</ThuTruong></DSCKS>`,
    );
    expect(readHocBa(signed).vaiTroCoChuKy).toEqual(["GVCN", "ThuTruong"]);
  });
});

describe("readHocBa refuses what is not a học bạ số 1.0 document", () => {
  const xml = new TextDecoder().decode(buildHocBaXml(sampleGradebook(), sampleLearner(1)).bytes);

  it.each([
    [
      "a DOCTYPE with an entity",
      xml.replace("<HocBaSo", '<!DOCTYPE HocBaSo [<!ENTITY x "y">]><HocBaSo'),
      "XML_READ_FORBIDDEN_MARKUP",
    ],
    [
      "an external entity",
      xml.replace("<HocBaSo", '<!DOCTYPE HocBaSo SYSTEM "file:///etc/passwd"><HocBaSo'),
      "XML_READ_FORBIDDEN_MARKUP",
    ],
    ["a comment", xml.replace("<HocVien>", "<!-- x --><HocVien>"), "XML_READ_FORBIDDEN_MARKUP"],
    ["a processing instruction", xml.replace("<HocVien>", "<?pi x?><HocVien>"), "XML_READ_FORBIDDEN_MARKUP"],
    ["CDATA", xml.replace("<NhanXet>Có cố gắng.", "<NhanXet><![CDATA[x]]>"), "XML_READ_FORBIDDEN_MARKUP"],
    ["malformed XML", xml.replace("</HocVien>", "</HocVienX>"), "XML_READ_MALFORMED"],
    ["another version", xml.replace('PhienBan="1.0"', 'PhienBan="2.0"'), "XML_READ_VERSION"],
    ["another root", xml.replace(/HocBaSo/g, "HoSo"), "XML_READ_STRUCTURE"],
    [
      "elements out of order",
      xml.replace(
        /<MaSo>01<\/MaSo><MaTruong>01010501<\/MaTruong>/,
        "<MaTruong>01010501</MaTruong><MaSo>01</MaSo>",
      ),
      "XML_READ_STRUCTURE",
    ],
    ["a missing element", xml.replace(/<NgaySinh>[^<]*<\/NgaySinh>/, ""), "XML_READ_STRUCTURE"],
    ["an extra element", xml.replace("</HocVien>", "<Them>1</Them></HocVien>"), "XML_READ_STRUCTURE"],
    [
      "a namespaced element in the data",
      xml.replace("</HocVien>", '<x:Them xmlns:x="urn:x"/></HocVien>'),
      "XML_READ_STRUCTURE",
    ],
    ["text between elements", xml.replace("<HocVien>", "rác<HocVien>"), "XML_READ_STRUCTURE"],
    ["a TBM with two decimals", xml.replace("<TBM>6.5</TBM>", "<TBM>6.55</TBM>"), "XML_READ_STRUCTURE"],
    ["an unknown level", xml.replace("<CN>K</CN>", "<CN>Gioi</CN>"), "XML_READ_STRUCTURE"],
    ["a wrong data Id", xml.replace('Id="DLHocBa"', 'Id="X"'), "XML_READ_STRUCTURE"],
    [
      "signatures out of order",
      xml.replace("<DSCKS/>", `<DSCKS><ThuTruong>${fakeSignature("ThuTruong")}</ThuTruong></DSCKS>`),
      "XML_READ_STRUCTURE",
    ],
    ["an unknown role", xml.replace("<DSCKS/>", "<DSCKS><HieuPho/></DSCKS>"), "XML_READ_STRUCTURE"],
  ])("%s", (_name, input, code) => {
    expectReadError(input, code);
  });

  it("refuses bytes that are not UTF-8", () => {
    expectReadError(new Uint8Array([0x3c, 0x61, 0xff, 0x3e]), "XML_READ_NOT_UTF8");
  });

  it("names where the structure is wrong", () => {
    const err = expectReadError(xml.replace(/<NgaySinh>[^<]*<\/NgaySinh>/, ""), "XML_READ_STRUCTURE");
    expect(err.message).toContain("/HocBaSo/DLHocBa/HocVien/NgaySinh");
  });
});

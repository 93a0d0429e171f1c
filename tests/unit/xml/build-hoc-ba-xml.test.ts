import { describe, expect, it } from "vitest";
import { HocBaError } from "../../../shared/errors/hocba-error.ts";
import type { Gradebook, Learner } from "../../../shared/model/gradebook.ts";
import {
  buildHocBaXml,
  createHocBaBuilder,
  defaultIdBanGhi,
  type BuiltHocBa,
} from "../../../shared/xml/hocbaso-v1/build-hoc-ba-xml.ts";
import { readHocBa } from "../../../shared/xml/hocbaso-v1/read-hoc-ba.ts";
import { XmlBuilder2Out } from "../../../shared/xml/hocbaso-v1/xmlbuilder2-out.ts";
import { validateHocBaXml } from "../../../native-host/xml/validate-hocba-xml.ts";
import {
  awardLearner,
  retestLearner,
  sampleGradebook,
  sampleLearner,
  updatedLearner,
} from "./sample-gradebook.ts";
import { cleanLearners, loadFixture } from "./support/fixtures.ts";
import { xmllintInvalid } from "./support/xmllint.ts";
import { must } from "./support/must.ts";

const text = (doc: BuiltHocBa) => new TextDecoder().decode(doc.bytes);

function expectHocBaError(fn: () => unknown, code: string, params: Record<string, unknown> = {}): HocBaError {
  let caught: unknown;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(HocBaError);
  const err = caught as HocBaError;
  expect(err.code).toBe(code);
  expect(err.params).toMatchObject(params);
  expect(err.message).not.toMatch(/\{\w+\}/); // every placeholder filled
  return err;
}

function buildAll(gb: Gradebook, learners: readonly Learner[] = gb.learners): BuiltHocBa[] {
  const build = createHocBaBuilder(gb);
  return learners.map((l) => build(l));
}

describe("buildHocBaXml: every document is XSD-valid (xmllint CLI and in-process libxml2)", () => {
  const sets: [string, () => { gb: Gradebook; learners: Learner[] }][] = [
    ["handmade sample", () => ({ gb: sampleGradebook(), learners: sampleGradebook().learners })],
    ["GDTX fixture, clean learners", () => ({ gb: loadFixture("gradebook-gdtx-10.json"), learners: [] })],
    ["THPT fixture, clean learners", () => ({ gb: loadFixture("gradebook-thpt-11.json"), learners: [] })],
  ];

  it.each(sets)("%s", (_name, load) => {
    const { gb, learners: given } = load();
    const learners = given.length > 0 ? given : cleanLearners(gb);
    expect(learners.length).toBeGreaterThan(3);
    const docs = buildAll(gb, learners);
    const lint = xmllintInvalid(docs);
    expect(lint.invalid, lint.output).toEqual([]);
    for (const doc of docs) {
      const result = validateHocBaXml(doc.bytes);
      expect(result.errors, doc.fileName).toEqual([]);
      expect(result.ok).toBe(true);
    }
  });

  it("the string writer and xmlbuilder2 produce the same bytes for every fixture learner", () => {
    for (const name of ["gradebook-gdtx-10.json", "gradebook-thpt-11.json"]) {
      const gb = loadFixture(name);
      const learners = cleanLearners(gb);
      const fast = createHocBaBuilder(gb);
      const reference = createHocBaBuilder(gb, { createOut: () => new XmlBuilder2Out() });
      for (const l of learners) expect(text(fast(l))).toBe(text(reference(l)));
    }
    const gb = sampleGradebook();
    for (const l of gb.learners) {
      expect(text(buildHocBaXml(gb, l))).toBe(
        text(buildHocBaXml(gb, l, { createOut: () => new XmlBuilder2Out() })),
      );
    }
  });
});

describe("document shape", () => {
  const gb = sampleGradebook();
  const doc = buildHocBaXml(gb, sampleLearner(1));
  const xml = text(doc);

  it("is the XML declaration, a newline, one compact root element and a newline", () => {
    expect(
      xml.startsWith(
        '<?xml version="1.0" encoding="UTF-8"?>\n<HocBaSo PhienBan="1.0"><DLHocBa Id="DLHocBa"><TTChung>',
      ),
    ).toBe(true);
    expect(xml.endsWith("</DLHocBa><DSCKS/></HocBaSo>\n")).toBe(true);
    expect(xml.split("\n")).toHaveLength(3);
    expect(xml.split("\n")[1]).not.toMatch(/>\s+</); // no indentation anywhere: whitespace would be signed content
  });

  it("has no namespace, DOCTYPE, comment, CDATA or processing instruction besides the declaration", () => {
    expect(xml).not.toContain("xmlns");
    expect(xml.slice(1)).not.toMatch(/<[!?]/);
    expect(doc.bytes.slice(0, 3)).not.toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
  });

  it("has the TTChung fields in the documented order", () => {
    const names = [...xml.matchAll(/<(\w+)[ >/]/g)].map((m) => m[1]);
    const tt = names.slice(names.indexOf("TTChung") + 1, names.indexOf("HocVien"));
    expect(tt).toEqual([
      "MaSo",
      "MaTruong",
      "TenTruong",
      "CapHoc",
      "ChuongTrinh",
      "NamHoc",
      "Khoi",
      "Lop",
      "GVCN",
      "ThuTruong",
      "HoTen",
      "ChucVu",
      "DiaDanh",
      "IdBanGhi",
      "SuKien",
      "PhienBanBanGhi",
      "ThoiGianLap",
    ]);
    expect(xml).toContain(
      "<ThuTruong><HoTen>Vũ Đức Thắng</HoTen><ChucVu>Giám đốc</ChucVu></ThuTruong><DiaDanh>Hà Nội</DiaDanh>",
    );
  });

  it("writes scores with one decimal and a point, levels as Đ/CĐ, subjects in the gradebook's order", () => {
    expect(xml).toContain(
      "<Mon><Ma>NV</Ma><Ten>Ngữ văn</Ten><HinhThuc>DiemSo</HinhThuc><HK1><TBM>6.5</TBM></HK1><HK2><TBM>7.0</TBM></HK2><CN><TBM>6.8</TBM></CN><GiaoVien>",
    );
    expect(xml).toContain("<HinhThuc>NhanXet</HinhThuc><HK1><MucDanhGia>Đ</MucDanhGia></HK1>");
    const codes = [...xml.matchAll(/<Ma>(\w+)<\/Ma>/g)].map((m) => m[1]);
    expect(codes).toEqual(gb.subjects.map((s) => s.ma));
  });

  it("omits KTLai, SauKiemTraLai, KetQuaXetLai and DanhHieu when they do not apply, keeps empty optional fields", () => {
    expect(xml).not.toMatch(/KTLai|SauKiemTraLai|SauRenLuyenHe|KetQuaXetLai|DanhHieu/);
    expect(xml).toContain("<HoTenNguoiGiamHo/><DoiTuongChinhSach/>");
    expect(xml).toContain("<DSCKS/>");
  });

  it("writes the re-test result and the decision after it", () => {
    const retest = text(buildHocBaXml(gb, retestLearner()));
    expect(retest).toContain("<CN><TBM>4.2</TBM></CN><KTLai><TBM>5.5</TBM></KTLai>");
    expect(retest).toContain("<CN>CĐ</CN><SauKiemTraLai>Đ</SauKiemTraLai></HocTap>");
    expect(retest).toContain("<KetQuaXet>KiemTraLai</KetQuaXet><KetQuaXetLai>LenLop</KetQuaXetLai>");
    const summer = text(buildHocBaXml(gb, updatedLearner()));
    expect(summer).toContain("<CN>CĐ</CN><SauRenLuyenHe>Đ</SauRenLuyenHe></RenLuyen><SoBuoiNghi/>");
    expect(summer).toContain(
      "<DanToc/><QuocTich/><NoiSinh/><NoiO/><HoTenCha/><HoTenMe/><HoTenNguoiGiamHo>Lò Văn Khánh",
    );
  });

  it("leaves a semester empty when it has no result, never inventing one", () => {
    const award = text(buildHocBaXml(gb, awardLearner()));
    expect(award).toContain("<Ma>DL</Ma><Ten>Địa lí</Ten><HinhThuc>DiemSo</HinhThuc><HK1/><HK2>");
    expect(award).toContain("<HocTap><HK1/><HK2>T</HK2><CN>T</CN></HocTap>");
    expect(award).toContain("<SoBuoiNghi>0</SoBuoiNghi>");
    expect(award).toContain("<DanhHieu>Gioi</DanhHieu>");
  });
});

describe("text: NFC and escaping", () => {
  const gb = sampleGradebook();

  it("writes an NFD name as NFC bytes", () => {
    const learner = retestLearner();
    expect(learner.hocVien.hoTen).not.toBe(learner.hocVien.hoTen.normalize("NFC"));
    const xml = text(buildHocBaXml(gb, learner));
    expect(xml).toContain("<HoTen>Trần Thị Ánh Hồng</HoTen>");
    expect(xml).toBe(xml.normalize("NFC"));
    expect(xml).not.toContain("Trần Thị Ánh Hồng".normalize("NFD"));
  });

  it("gives the same bytes for NFC and NFD input everywhere", () => {
    const nfd = (s: string) => s.normalize("NFD");
    const a = sampleLearner(7);
    const b: Learner = JSON.parse(
      JSON.stringify(a, (_k, v: unknown) => (typeof v === "string" ? nfd(v) : v)),
    ) as Learner;
    const gbNfd: Gradebook = {
      ...gb,
      school: { ...gb.school, tenTruong: nfd(gb.school.tenTruong), diaDanh: nfd(gb.school.diaDanh) },
      gvcn: nfd(gb.gvcn),
      thuTruong: { hoTen: nfd(gb.thuTruong.hoTen), chucVu: nfd(gb.thuTruong.chucVu) },
      subjects: gb.subjects.map((s) => ({ ...s, ten: nfd(s.ten) })),
    };
    expect(buildHocBaXml(gbNfd, b).bytes).toEqual(buildHocBaXml(gb, a).bytes);
  });

  it("escapes &, < and > in text; quotes stay literal; CRLF becomes LF", () => {
    const xml = text(buildHocBaXml(gb, retestLearner()));
    expect(xml).toContain(
      '<NhanXet>Cần "cố gắng" hơn &amp; chú ý &lt;bài tập&gt; về nhà; điểm KT lại &gt; 5.</NhanXet>',
    );
    expect(xml).toContain(
      "<NhanXetGVCN>Em cần cố gắng hơn.\nGia đình &amp; nhà trường cùng theo dõi; 'tiến bộ' &lt;rõ&gt;.</NhanXetGVCN>",
    );
    expect(xml).not.toContain("\r");
  });

  it("keeps markup characters in names as text (no injection)", () => {
    const l = sampleLearner(8);
    l.hocVien.hoTen = 'Lê "Bé" <Tí> & Co</HoTen><HoTen>X';
    const doc = buildHocBaXml(gb, l);
    expect(readHocBa(doc.bytes).hocVien.hoTen).toBe(l.hocVien.hoTen);
    expect(validateHocBaXml(doc.bytes).ok).toBe(true);
  });
});

describe("determinism and record identity", () => {
  const gb = sampleGradebook();

  it("gives byte-identical output for the same input, across builders", () => {
    for (const l of gb.learners) {
      expect(buildHocBaXml(gb, l).bytes).toEqual(
        createHocBaBuilder(sampleGradebook())(structuredClone(l)).bytes,
      );
    }
  });

  it("takes IdBanGhi, SuKien and PhienBanBanGhi from the learner's sync envelope", () => {
    const xml = text(buildHocBaXml(gb, updatedLearner()));
    expect(xml).toContain(
      "<IdBanGhi>3f2c8a9e-5b1d-4c7e-9a0f-1d2e3c4b5a69</IdBanGhi><SuKien>UPDATE</SuKien><PhienBanBanGhi>2</PhienBanBanGhi>",
    );
  });

  it("derives a stable version-5 IdBanGhi from school, learner and year when there is none", () => {
    const id = defaultIdBanGhi("01010501", "HV0001", "2025-2026");
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(text(buildHocBaXml(gb, sampleLearner(1)))).toContain(
      `<IdBanGhi>${id}</IdBanGhi><SuKien>NEW</SuKien><PhienBanBanGhi>1</PhienBanBanGhi>`,
    );
    expect(defaultIdBanGhi("01010501", "HV0001", "2025-2026")).toBe(id);
    expect(
      new Set([
        id,
        defaultIdBanGhi("01010502", "HV0001", "2025-2026"),
        defaultIdBanGhi("01010501", "HV0002", "2025-2026"),
        defaultIdBanGhi("01010501", "HV0001", "2026-2027"),
      ]).size,
    ).toBe(4);
  });

  it("takes ThoiGianLap from the option over the gradebook", () => {
    const l = sampleLearner(1);
    expect(text(buildHocBaXml(gb, l))).toContain("<ThoiGianLap>2026-05-25T08:00:00+07:00</ThoiGianLap>");
    const other = buildHocBaXml(gb, l, { thoiGianLap: "2026-06-01T14:30:00+07:00" });
    expect(text(other)).toContain("<ThoiGianLap>2026-06-01T14:30:00+07:00</ThoiGianLap>");
  });

  it("refuses to build without a creation time, or with an impossible one", () => {
    const { thoiGianLap: _omit, ...noTime } = gb;
    expectHocBaError(() => buildHocBaXml(noTime, sampleLearner(1)), "XML_NO_THOI_GIAN_LAP");
    for (const bad of [
      "2026-05-25",
      "2026-05-25T08:00:00",
      "2026-02-30T08:00:00+07:00",
      "2026-05-25T24:00:00Z",
      "hôm nay",
    ]) {
      expectHocBaError(
        () => buildHocBaXml(gb, sampleLearner(1), { thoiGianLap: bad }),
        "XML_BAD_THOI_GIAN_LAP",
        { value: bad },
      );
    }
  });
});

describe("file names", () => {
  const gb = sampleGradebook();

  it("is <MaHocVien>_<NamHoc>.xml", () => {
    expect(buildHocBaXml(gb, sampleLearner(1)).fileName).toBe("HV0001_2025-2026.xml");
  });

  it.each(["2507510001", "HV-01_a", "a", "Z".repeat(64)])("accepts %s", (ma) => {
    const l = sampleLearner(1);
    l.hocVien.maHocVien = ma;
    expect(buildHocBaXml(gb, l).fileName).toBe(`${ma}_2025-2026.xml`);
  });

  it.each([
    "../etc/passwd",
    "a/b",
    "a\\b",
    "CON.txt",
    ".hidden",
    "..",
    "-rf",
    "_x",
    "HV 01",
    "Học01",
    "x:y",
    "a*b",
    "HV01\u0000",
    "Z".repeat(65),
  ])("rejects %j with a message naming the learner", (ma) => {
    const l = sampleLearner(1);
    l.hocVien.maHocVien = ma;
    const err = expectHocBaError(() => buildHocBaXml(gb, l), "XML_UNSAFE_MA_HOC_VIEN", { maHocVien: ma });
    expect(err.message).toContain("Nguyễn Văn An 1");
  });
});

describe("refuses what the XSD would refuse, naming learner, subject and field", () => {
  const gb = sampleGradebook();
  type Case = [string, (l: Learner) => void, string, Record<string, unknown>];
  const score = (maMon: string, set: (k: Learner["ketQua"][number]) => void) => (l: Learner) => {
    const k = l.ketQua.find((x) => x.maMon === maMon);
    if (!k) throw new Error(maMon);
    set(k);
  };
  const cases: Case[] = [
    [
      "soDinhDanh with 11 digits",
      (l) => (l.hocVien.soDinhDanh = "00120800001"),
      "XML_BAD_SO_DINH_DANH",
      { value: "00120800001" },
    ],
    ["soDinhDanh empty", (l) => (l.hocVien.soDinhDanh = ""), "XML_BAD_SO_DINH_DANH", {}],
    [
      "ngaySinh 2009-02-30",
      (l) => (l.hocVien.ngaySinh = "2009-02-30"),
      "XML_BAD_NGAY_SINH",
      { value: "2009-02-30" },
    ],
    ["ngaySinh 14/03/2009", (l) => (l.hocVien.ngaySinh = "14/03/2009"), "XML_BAD_NGAY_SINH", {}],
    ["blank name", (l) => (l.hocVien.hoTen = "  "), "XML_REQUIRED", { field: "HocVien/HoTen" }],
    [
      "control character",
      (l) => (l.hocVien.noiO = "Hà\u0007Nội"),
      "XML_INVALID_CHAR",
      { field: "HocVien/NoiO", codePoint: "0007" },
    ],
    [
      "lone surrogate",
      (l) => (l.nhanXetGVCN = "a\ud800b"),
      "XML_INVALID_CHAR",
      { field: "NhanXetGVCN", codePoint: "D800" },
    ],
    [
      "score with two decimals",
      score("TO", (k) => (k.cn.tbm = 7.25)),
      "XML_BAD_SCORE",
      { maMon: "TO", field: "CN", value: "7.25" },
    ],
    [
      "score above 10",
      score("NV", (k) => (k.hk1.tbm = 10.5)),
      "XML_BAD_SCORE",
      { maMon: "NV", field: "HK1" },
    ],
    ["negative score", score("NV", (k) => (k.hk2.tbm = -1)), "XML_BAD_SCORE", { field: "HK2" }],
    ["NaN score", score("NV", (k) => (k.cn.tbm = Number.NaN)), "XML_BAD_SCORE", { field: "CN" }],
    [
      "level on a scored subject",
      score("LS", (k) => (k.hk1.mucDanhGia = "Đ")),
      "XML_RESULT_NOT_SCORE",
      { maMon: "LS", value: "Đ" },
    ],
    [
      "score on a comment subject",
      score("HDTNHN", (k) => (k.cn.tbm = 8)),
      "XML_RESULT_NOT_LEVEL",
      { maMon: "HDTNHN", value: "8" },
    ],
    [
      "no year result",
      score("VL", (k) => (k.cn.tbm = null)),
      "XML_RESULT_MISSING",
      { maMon: "VL", field: "CN" },
    ],
    [
      "bad re-test score",
      score("VL", (k) => (k.ktLai = { tbm: 5.55, mucDanhGia: null })),
      "XML_BAD_SCORE",
      { field: "KTLai" },
    ],
    [
      "unknown subject",
      (l) => l.ketQua.push({ ...must(l.ketQua[0]), maMon: "XX" }),
      "XML_UNKNOWN_SUBJECT",
      { maMon: "XX" },
    ],
    [
      "subject twice",
      (l) => l.ketQua.push({ ...must(l.ketQua[0]) }),
      "XML_DUPLICATE_SUBJECT",
      { maMon: "NV" },
    ],
    ["no subject", (l) => (l.ketQua = []), "XML_NO_SUBJECT", {}],
    ["no học tập for the year", (l) => (l.hocTap.cn = null), "XML_REQUIRED", { field: "HocTap/CN" }],
    ["no rèn luyện for the year", (l) => (l.renLuyen.cn = null), "XML_REQUIRED", { field: "RenLuyen/CN" }],
    ["no decision", (l) => (l.ketQuaXet = null), "XML_REQUIRED", { field: "KetQuaXet" }],
    ["1000 absences", (l) => (l.soBuoiNghi = 1000), "XML_BAD_SO_BUOI_NGHI", { value: "1000" }],
    ["negative absences", (l) => (l.soBuoiNghi = -1), "XML_BAD_SO_BUOI_NGHI", {}],
  ];

  it.each(cases)("%s", (_name, mutate, code, params) => {
    const l = structuredClone(sampleLearner(5));
    mutate(l);
    const err = expectHocBaError(() => buildHocBaXml(gb, l), code, { maHocVien: "HV0005", ...params });
    expect(err.message).toContain("HV0005");
  });

  type GbCase = [string, (g: Gradebook) => void, string, Record<string, unknown>];
  const gbCases: GbCase[] = [
    [
      "maTruong with a space",
      (g) => (g.school.maTruong = "0101 0501"),
      "XML_BAD_CODE",
      { field: "TTChung/MaTruong" },
    ],
    ["maSo empty", (g) => (g.school.maSo = ""), "XML_BAD_CODE", { field: "TTChung/MaSo" }],
    [
      "profile with accents",
      (g) => (g.profile = "gdtx-tt43-mới"),
      "XML_BAD_CODE",
      { field: "TTChung/ChuongTrinh" },
    ],
    [
      "subject code with a slash",
      (g) => (must(g.subjects[0]).ma = "N/V"),
      "XML_BAD_CODE",
      { field: "KetQua/Mon/Ma" },
    ],
    [
      "subject listed twice",
      (g) => g.subjects.push({ ...must(g.subjects[0]) }),
      "XML_GRADEBOOK_DUPLICATE_SUBJECT",
      { maMon: "NV" },
    ],
    ["namHoc not consecutive", (g) => (g.namHoc = "2025-2027"), "XML_BAD_NAM_HOC", { value: "2025-2027" }],
    [
      "capHoc 03 from a gradebook read before 04",
      (g) => Object.assign(g.school, { capHoc: "03" }),
      "XML_BAD_CAP_HOC",
      { value: "03" },
    ],
    ["blank GVCN", (g) => (g.gvcn = " "), "XML_GRADEBOOK_REQUIRED", { field: "TTChung/GVCN" }],
    [
      "control char in school name",
      (g) => (g.school.tenTruong = "TT\u001bGDTX"),
      "XML_GRADEBOOK_INVALID_CHAR",
      { field: "TTChung/TenTruong" },
    ],
  ];

  it.each(gbCases)(
    "gradebook: %s (nothing can be built: thrown by createHocBaBuilder)",
    (_name, mutate, code, params) => {
      const g = structuredClone(sampleGradebook());
      mutate(g);
      expectHocBaError(() => createHocBaBuilder(g), code, params);
    },
  );

  it("allows empty ThuTruong and DiaDanh (not known yet) and writes them empty", () => {
    const g = { ...sampleGradebook(), thuTruong: { hoTen: "", chucVu: "" } };
    g.school = { ...g.school, diaDanh: "" };
    const doc = buildHocBaXml(g, sampleLearner(1));
    expect(text(doc)).toContain("<ThuTruong><HoTen/><ChucVu/></ThuTruong><DiaDanh/>");
    expect(validateHocBaXml(doc.bytes).ok).toBe(true);
  });
});

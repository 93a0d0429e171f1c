import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { HocBaError } from "../../../shared/errors/hocba-error.ts";
import { Gradebook, type KetQuaMon, type Learner, type Subject } from "../../../shared/model/gradebook.ts";
import { createHocBaBuilder, type BuiltHocBa } from "../../../shared/xml/hocbaso-v1/build-hoc-ba-xml.ts";
import { readHocBa } from "../../../shared/xml/hocbaso-v1/read-hoc-ba.ts";
import { XmlBuilder2Out } from "../../../shared/xml/hocbaso-v1/xmlbuilder2-out.ts";
import { validateHocBaXml } from "../../../native-host/xml/validate-hocba-xml.ts";
import { xmllintInvalid } from "./support/xmllint.ts";

/**
 * Random gradebooks. "Valid" ones satisfy the model and the format's lexical rules: building them
 * must never fail and must always give XSD-valid XML. "Wild" ones put any string and any number
 * anywhere the model allows: building may refuse (HocBaError naming the learner), never crash,
 * and whatever it builds is XSD-valid.
 */

const NFC_PIECES = [
  "a",
  "Z",
  "7",
  " ",
  "đ",
  "Đ",
  "ư",
  "ơ",
  "ắ",
  "ằ",
  "ẵ",
  "ữ",
  "ỹ",
  "Ấ",
  "Nguyễn",
  "Thị",
  "&",
  "<",
  ">",
  '"',
  "'",
  "]]>",
  "\n",
  "\r\n",
  "\t",
  "😀",
  "–",
  "·",
];
const NFD_PIECES = ["ắ".normalize("NFD"), "Ữ".normalize("NFD"), "ệ".normalize("NFD"), "a\u0301"];
const text = fc
  .array(fc.constantFrom(...NFC_PIECES, ...NFD_PIECES), { maxLength: 12 })
  .map((a) => a.join(""));
const requiredText = fc.tuple(fc.constantFrom("A", "Ánh", "Lê", "Ỷ", "x&y"), text).map(([a, b]) => a + b);
const code = fc.stringMatching(/^[0-9A-Za-z][0-9A-Za-z._-]{0,12}$/);
const maHocVien = fc.stringMatching(/^[0-9A-Za-z][0-9A-Za-z_-]{0,20}$/);
const level = fc.constantFrom("T" as const, "K" as const, "Đ" as const, "CĐ" as const);
const muc = fc.constantFrom("Đ" as const, "CĐ" as const);
const tbm = fc.integer({ min: 0, max: 100 }).map((n) => n / 10);
const date = fc
  .date({ min: new Date("1950-01-01T00:00:00Z"), max: new Date("2025-12-31T00:00:00Z"), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const time = fc
  .tuple(
    fc.date({
      min: new Date("2020-01-01T00:00:00Z"),
      max: new Date("2030-12-31T00:00:00Z"),
      noInvalidDate: true,
    }),
    fc.constantFrom("Z", "+07:00", "-03:30"),
  )
  .map(([d, tz]) => d.toISOString().slice(0, 19) + tz);

function result(
  subject: Subject,
  optional: boolean,
): fc.Arbitrary<{ tbm: number | null; mucDanhGia: "Đ" | "CĐ" | null }> {
  type R = { tbm: number | null; mucDanhGia: "Đ" | "CĐ" | null };
  const value: fc.Arbitrary<R> =
    subject.hinhThuc === "DiemSo"
      ? tbm.map((t): R => ({ tbm: t, mucDanhGia: null }))
      : muc.map((m): R => ({ tbm: null, mucDanhGia: m }));
  return optional ? fc.option(value, { nil: null }).map((v) => v ?? { tbm: null, mucDanhGia: null }) : value;
}

function ketQuaMon(subject: Subject): fc.Arbitrary<KetQuaMon> {
  const semester = result(subject, true).map((r) => ({ tx: [], gk: null, ck: null, ...r }));
  return fc.record({
    maMon: fc.constant(subject.ma),
    hk1: semester,
    hk2: semester,
    cn: result(subject, false),
    ktLai: fc.option(result(subject, false), { nil: null }),
    giaoVien: text,
    nhanXet: text,
  });
}

function learner(subjects: Subject[]): fc.Arbitrary<Learner> {
  return fc.record({
    hocVien: fc.record({
      maHocVien,
      soDinhDanh: fc.stringMatching(/^[0-9]{12}$/),
      hoTen: requiredText,
      ngaySinh: date,
      gioiTinh: fc.constantFrom("Nam" as const, "Nữ" as const),
      danToc: text,
      quocTich: text,
      noiSinh: text,
      noiO: text,
      hoTenCha: text,
      hoTenMe: text,
      hoTenNguoiGiamHo: text,
      doiTuongChinhSach: text,
    }),
    ketQua: fc
      .subarray(subjects, { minLength: 1 })
      .chain((chosen) => fc.tuple(...chosen.map(ketQuaMon)))
      .chain((list) => fc.shuffledSubarray(list, { minLength: list.length })),
    hocTap: fc.record({
      hk1: fc.option(level, { nil: null }),
      hk2: fc.option(level, { nil: null }),
      cn: level,
      sauKiemTraLai: fc.option(level, { nil: null }),
    }),
    renLuyen: fc.record({
      hk1: fc.option(level, { nil: null }),
      hk2: fc.option(level, { nil: null }),
      cn: level,
      sauRenLuyenHe: fc.option(level, { nil: null }),
    }),
    soBuoiNghi: fc.option(fc.integer({ min: 0, max: 999 }), { nil: null }),
    ketQuaXet: fc.constantFrom(
      "LenLop" as const,
      "HoanThanhChuongTrinh" as const,
      "KiemTraLai" as const,
      "RenLuyenHe" as const,
      "OLai" as const,
    ),
    ketQuaXetLai: fc.option(
      fc.constantFrom("LenLop" as const, "HoanThanhChuongTrinh" as const, "OLai" as const),
      { nil: null },
    ),
    danhHieu: fc.option(fc.constantFrom("XuatSac" as const, "Gioi" as const), { nil: null }),
    nhanXetGVCN: text,
    banGhi: fc.option(
      fc.record({
        idBanGhi: fc.uuid(),
        suKien: fc.constantFrom("NEW" as const, "UPDATE" as const, "CANCEL" as const),
        phienBan: fc.integer({ min: 1, max: 1000 }),
      }),
      { nil: undefined },
    ),
  });
}

const subjects = fc.uniqueArray(
  fc.record({
    ma: code,
    ten: requiredText,
    hinhThuc: fc.constantFrom("DiemSo" as const, "NhanXet" as const),
    soTietNam: fc.integer({ min: 1, max: 200 }),
  }),
  { minLength: 1, maxLength: 6, selector: (s) => s.ma },
);

const validGradebook: fc.Arbitrary<Gradebook> = subjects.chain((subs) =>
  fc.record({
    format: fc.constant("hocba-gradebook/1" as const),
    school: fc.record({
      maSo: code,
      maTruong: code,
      tenTruong: requiredText,
      capHoc: fc.constantFrom("05" as const, "04" as const),
      diaDanh: text,
    }),
    namHoc: fc.integer({ min: 2000, max: 2098 }).map((y) => `${y}-${y + 1}`),
    khoi: requiredText,
    lop: requiredText,
    gvcn: requiredText,
    thuTruong: fc.record({ hoTen: text, chucVu: text }),
    profile: code,
    thoiGianLap: time,
    subjects: fc.constant(subs),
    learners: fc.uniqueArray(learner(subs), {
      minLength: 1,
      maxLength: 3,
      selector: (l) => l.hocVien.maHocVien,
    }),
  }),
);

describe("property: random valid gradebooks always build to XSD-valid XML", () => {
  it("never throws; in-process XSD valid; xmlbuilder2 gives the same bytes; reads back", () => {
    const docs: BuiltHocBa[] = [];
    fc.assert(
      fc.property(validGradebook, (raw) => {
        const gb = Gradebook.parse(raw); // the generator only makes gradebooks the model accepts
        const build = createHocBaBuilder(gb);
        const reference = createHocBaBuilder(gb, { createOut: () => new XmlBuilder2Out() });
        for (const l of gb.learners) {
          const doc = build(l);
          const validation = validateHocBaXml(doc.bytes);
          expect(validation.errors).toEqual([]);
          expect(new TextDecoder().decode(reference(l).bytes)).toBe(new TextDecoder().decode(doc.bytes));
          const view = readHocBa(doc.bytes);
          expect(view.hocVien.hoTen).toBe(l.hocVien.hoTen.normalize("NFC").replace(/\r\n?/g, "\n"));
          expect(view.ketQua.map((m) => m.ma).sort()).toEqual(l.ketQua.map((k) => k.maMon).sort());
          if (docs.length < 300) docs.push({ ...doc, fileName: `${docs.length}-${doc.fileName}` });
        }
      }),
      { numRuns: 150 },
    );
    // The independent validator on everything collected, in one xmllint run.
    const lint = xmllintInvalid(docs);
    expect(lint.invalid, lint.output.slice(0, 2000)).toEqual([]);
  });
});

describe("property: wild gradebooks never crash the builder", () => {
  const anyText = fc.string({ unit: "binary", maxLength: 20 });
  const anyNumber = fc.oneof(
    fc.double({ noDefaultInfinity: false }),
    fc.integer({ min: -5, max: 1500 }),
    tbm,
  );
  const wildLearner = (subs: Subject[]) =>
    learner(subs).chain((l) =>
      fc
        .record({
          hoTen: anyText,
          maHocVien: fc.oneof(anyText, maHocVien),
          soDinhDanh: fc.oneof(anyText, fc.stringMatching(/^[0-9]{12}$/)),
          ngaySinh: fc.oneof(anyText, date, fc.constantFrom("2024-02-30", "2023-13-01")),
          nhanXetGVCN: anyText,
          score: anyNumber,
          soBuoiNghi: fc.option(anyNumber.map(Math.trunc), { nil: null }),
          ketQuaXet: fc.option(fc.constant("LenLop" as const), { nil: null }),
        })
        .map((w): Learner => {
          const ketQua = l.ketQua.map((k, i) =>
            i === 0 && k.cn.tbm !== null ? { ...k, cn: { tbm: w.score, mucDanhGia: null } } : k,
          );
          return {
            ...l,
            hocVien: {
              ...l.hocVien,
              hoTen: w.hoTen,
              maHocVien: w.maHocVien,
              soDinhDanh: w.soDinhDanh,
              ngaySinh: w.ngaySinh,
            },
            nhanXetGVCN: w.nhanXetGVCN,
            ketQua,
            soBuoiNghi: w.soBuoiNghi,
            ketQuaXet: w.ketQuaXet,
          };
        }),
    );

  it("refuses with a HocBaError naming the learner, or builds an XSD-valid document", () => {
    let refused = 0;
    let built = 0;
    fc.assert(
      fc.property(
        validGradebook.chain((gb) =>
          fc.tuple(fc.constant(gb), fc.array(wildLearner(gb.subjects), { minLength: 1, maxLength: 3 })),
        ),
        ([gb, learners]) => {
          const build = createHocBaBuilder(gb);
          for (const l of learners) {
            let doc: BuiltHocBa | undefined;
            try {
              doc = build(l);
            } catch (err) {
              expect(err).toBeInstanceOf(HocBaError);
              expect((err as HocBaError).params).toHaveProperty("maHocVien", l.hocVien.maHocVien);
              expect((err as HocBaError).message).not.toMatch(/\{\w+\}/);
              refused++;
              continue;
            }
            built++;
            expect(validateHocBaXml(doc.bytes).errors).toEqual([]);
          }
        },
      ),
      { numRuns: 200 },
    );
    expect(refused).toBeGreaterThan(0);
    expect(built).toBeGreaterThan(0);
  });
});

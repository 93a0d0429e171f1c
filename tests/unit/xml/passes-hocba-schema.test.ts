import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { seededRandom } from "../../support/seeded-random.ts";
import { Gradebook } from "../../../shared/model/gradebook.ts";
import { createHocBaBuilder } from "../../../shared/xml/hocbaso-v1/index.ts";
import { passesHocBaSchema, xsdPatternToRegExp } from "../../../native-host/xml/passes-hocba-schema.ts";
import { validateHocBaSchema } from "../../../native-host/xml/validate-hocba-xml.ts";
import { canonicalizeTree } from "../../../native-host/xmldsig/canonicalize-tree.ts";
import { HocBaXmlSyntaxError, parseHocBaXml } from "../../../native-host/xmldsig/parse-hocba-xml.ts";
import type { TreeElement } from "../../../native-host/xmldsig/xml-tree.ts";

/**
 * The fast schema pass (native-host/xml/passes-hocba-schema.ts) against libxml2 with the bundled
 * XSD, the verdict it stands in for: whatever it accepts, libxml2 must accept (the other way round
 * it only costs time: libxml2 is asked). Valid documents of every shape must pass it, or it saves
 * nothing.
 */
const FIXTURES = path.resolve(import.meta.dirname, "../../fixtures");

/** DLHocBa of `text`, or undefined when the strict parser refuses the text. */
function dataOf(text: string): TreeElement | undefined {
  try {
    return parseHocBaXml(text).documentElement?.kids.find((k): k is TreeElement => k.nodeType === 1);
  } catch (err) {
    if (err instanceof HocBaXmlSyntaxError) return undefined;
    throw err;
  }
}

/** The root of `text` (canonical data, DLHocBa at the root), or undefined when the parser refuses it. */
function rootOf(text: string): TreeElement | undefined {
  try {
    return parseHocBaXml(text).documentElement ?? undefined;
  } catch (err) {
    if (err instanceof HocBaXmlSyntaxError) return undefined;
    throw err;
  }
}

/** libxml2's verdict on the data, as the verifier asks it: in an empty envelope of its version. */
function libxml2Accepts(data: TreeElement): boolean {
  const envelope = `<?xml version="1.0" encoding="UTF-8"?>\n<HocBaSo PhienBan="1.0">${canonicalizeTree(data)}<DSCKS/></HocBaSo>\n`;
  return validateHocBaSchema(Buffer.from(envelope, "utf8")).length === 0;
}

function builtDocuments(): string[] {
  const out: string[] = [];
  for (const f of ["gradebook-gdtx-10.json", "gradebook-thpt-11.json"]) {
    const gb = Gradebook.parse(JSON.parse(readFileSync(path.join(FIXTURES, f), "utf8")));
    const build = createHocBaBuilder(gb);
    for (const l of gb.learners.slice(0, 12)) out.push(Buffer.from(build(l).bytes).toString("utf8"));
  }
  for (const f of readdirSync(path.join(FIXTURES, "golden")).filter((n) => n.endsWith(".xml"))) {
    out.push(readFileSync(path.join(FIXTURES, "golden", f), "utf8"));
  }
  return out;
}

/**
 * The optional parts of the format, for documents the builder rarely makes: each goes where "|"
 * is in its marker, or after the marker.
 */
const OPTIONAL_PARTS: Array<[after: string, part: string]> = [
  [
    "</ThuTruong>",
    "<KyThay><HoTen>Lê Văn An</HoTen><ChucVu>Phó Giám đốc</ChucVu><CCCD>001085012345</CCCD></KyThay>",
  ],
  ["</GVCN>", "<CCCDGVCN>001085012346</CCCDGVCN>"],
  [
    "</ThoiGianLap>",
    "<ThayThe><PhienBanTruoc>1</PhienBanTruoc><SHA256BanTruoc>" +
      "ab".repeat(32) +
      "</SHA256BanTruoc><LyDo>Sửa điểm</LyDo><SuaDoi><Muc><TruongDuLieu>KetQua/Mon[TO]/CN/TBM</TruongDuLieu><GiaTriCu>6.4</GiaTriCu><GiaTriMoi>6.5</GiaTriMoi></Muc></SuaDoi></ThayThe>",
  ],
  [
    "</HocVien>",
    "<QuaTrinhHocTap><Nam><NamHoc>2024-2025</NamHoc><Lop>9A</Lop><TenTruong>THCS Việt Trì</TenTruong><Ngay>2024-09-05</Ngay></Nam></QuaTrinhHocTap>",
  ],
  [
    "</HocVien>",
    "<ChuyenDen><Ngay>2026-01-12</Ngay><TruongCu>Trung tâm GDTX Lâm Thao</TruongCu></ChuyenDen>",
  ],
  [
    "</HocVien>",
    "<RoiTruong><TrangThai>ChuyenDi</TrangThai><Ngay>2026-03-02</Ngay><HocKyHoanThanh>1</HocKyHoanThanh><TruongChuyenDen>THPT Chuyên Hùng Vương</TruongChuyenDen></RoiTruong>",
  ],
  ["</CN>", "<KTLai><TBM>6.0</TBM></KTLai>"],
  ["</CN>", "<KTLai><MucDanhGia>Đ</MucDanhGia></KTLai>"],
  ["</KetQuaXet>", "<KetQuaXetLai>LenLop</KetQuaXetLai>"],
  ["</CN>|</HocTap>", "<SauKiemTraLai>Đ</SauKiemTraLai>"],
  ["</CN>|</RenLuyen>", "<SauRenLuyenHe>K</SauRenLuyenHe>"],
];

/** Values at the edges of the format's simple types. */
const VALUES = [
  "",
  " ",
  "\n",
  "\u00a0",
  "\u3000",
  "\u180e",
  "\u200b",
  "x\u3000",
  "&#13;",
  "&#9;a",
  "0.0",
  "10.0",
  "10.1",
  "9.95",
  "7,5",
  " 7.5",
  "7.5 ",
  "-0.0",
  "+7.5",
  "07.5",
  "1",
  "01",
  "+1",
  " 1",
  "0",
  "99999999999999999999999",
  "2024-02-29",
  "2026-02-29",
  "2026-13-01",
  "2026-04-31",
  "0000-01-01",
  "0999-01-01",
  "2026-1-01",
  "2026-05-25T08:00:00+07:00",
  "2026-05-25T08:00:00Z",
  "2026-05-25T08:00:00.123+07:00",
  "2026-05-25T08:00:00.1234+07:00",
  "2026-05-25T24:00:00+07:00",
  "2026-05-25T08:60:00+07:00",
  "2026-05-25T08:00:00+14:00",
  "2026-05-25T08:00:00+14:01",
  "2026-05-25T08:00:00+13:59",
  "2026-05-25T08:00:00",
  "T",
  "K",
  "Đ",
  "CĐ",
  "D",
  "Nam",
  "Nữ",
  "Nu",
  "NEW",
  "UPDATE",
  "CANCEL",
  "new",
  "DiemSo",
  "NhanXet",
  "LenLop",
  "OLai",
  "KiemTraLai",
  "XuatSac",
  "Gioi",
  "05",
  "04",
  "03",
  "06",
  "2025-2026",
  "2025-26",
  "025310581926",
  "02531058192",
  "0253105819261",
  "24a9a5e9-3e44-4609-a823-9f6634f52ecb",
  "24A9A5E9-3E44-4609-A823-9F6634F52ECB",
  "24a9a5e9-3e44-4609-a823-9f6634f52ec",
  "ab".repeat(32),
  "AB".repeat(32),
  "NV",
  "TO",
  "A".repeat(50),
  "A".repeat(51),
  "a.b_c-d",
  "-ab",
  "Phạm Minh Châu",
  "a&amp;b",
  "&lt;x&gt;",
  "ChuyenDi",
  "ThoiHoc",
  "2",
  "3",
  "45",
  "100",
  "1000",
];

const NAMES = ["Ma", "Ten", "TBM", "MucDanhGia", "HK1", "HK2", "CN", "Mon", "HoTen", "Ngay", "Foo", "CCCD"];
const ATTRIBUTES = [
  ' Id="DLHocBa"',
  ' Id="DLHocBa2"',
  ' Id=" DLHocBa"',
  ' xml:lang="vi"',
  ' foo="1"',
  ' xmlns:p="urn:p"',
  ' xmlns="urn:x"',
  ' xmlns=""',
  ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:nil="true"',
];
const BETWEEN = [" ", "\n  ", "\t", "&#32;", "&#xD;", "&#9;", "&#xA0;", "x", "<!-- -->"];

/** The canonical data as tokens: tags and text. */
function tokens(text: string): string[] {
  return text.split(/(<[^>]*>)/).filter((t) => t !== "");
}

const isStart = (t: string) => t.startsWith("<") && !t.startsWith("</") && !t.endsWith("/>");

/** Index past the element whose start tag is tokens[i]. */
function endOf(ts: string[], i: number): number {
  let depth = 0;
  for (let j = i; j < ts.length; j++) {
    const t = ts[j] as string;
    if (isStart(t)) depth++;
    else if (t.startsWith("</")) depth--;
    if (depth === 0) return j + 1;
  }
  return ts.length;
}

/** `text` with `part` inserted at `marker` (see OPTIONAL_PARTS), or undefined when it has no such place. */
function insertPart(text: string, marker: string, part: string): string | undefined {
  const [left = "", right = ""] = marker.includes("|") ? marker.split("|") : [marker, ""];
  const at = text.indexOf(left + right);
  if (at === -1) return undefined;
  return text.slice(0, at + left.length) + part + text.slice(at + left.length);
}

function mutate(text: string, rnd: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const op = Math.floor(rnd() * 9);
  if (op === 0) {
    const [marker, part] = pick(OPTIONAL_PARTS);
    return insertPart(text, marker, part) ?? text;
  }
  const ts = tokens(text);
  // Start tags below DLHocBa (index 0 is DLHocBa's own).
  const starts = ts.map((t, i) => (i > 0 && isStart(t) ? i : -1)).filter((i) => i !== -1);
  const i = pick(starts);
  const end = endOf(ts, i);
  const name = (ts[i] as string).slice(1).split(/[\s>]/)[0] ?? "";
  switch (op) {
    case 1: {
      // A simple element's value.
      const leaves = starts.filter((s) => ts[s + 1]?.startsWith("</") || ts[s + 2]?.startsWith("</"));
      const leaf = pick(leaves);
      const close = ts[leaf + 1]?.startsWith("</") ? leaf + 1 : leaf + 2;
      return [...ts.slice(0, leaf + 1), pick(VALUES), ...ts.slice(close)].join("");
    }
    case 2:
      return [...ts.slice(0, i), ...ts.slice(end)].join("");
    case 3:
      return [...ts.slice(0, end), ...ts.slice(i, end), ...ts.slice(end)].join("");
    case 4: {
      // Swap with the next sibling, when there is one.
      if (!isStart(ts[end] ?? "")) return text;
      const end2 = endOf(ts, end);
      return [...ts.slice(0, i), ...ts.slice(end, end2), ...ts.slice(i, end), ...ts.slice(end2)].join("");
    }
    case 5: {
      const other = pick(NAMES);
      return [
        ...ts.slice(0, i),
        (ts[i] as string).replace(name, other),
        ...ts.slice(i + 1, end - 1),
        `</${other}>`,
        ...ts.slice(end),
      ].join("");
    }
    case 6: {
      const at = rnd() < 0.2 ? 0 : i;
      return [
        ...ts.slice(0, at),
        (ts[at] as string).replace(/>$/, `${pick(ATTRIBUTES)}>`),
        ...ts.slice(at + 1),
      ].join("");
    }
    case 7:
      return [...ts.slice(0, i), pick(BETWEEN), ...ts.slice(i)].join("");
    default: {
      // A subject code repeated (xs:unique), or an element moved into another.
      const mas = [...text.matchAll(/<Ma>([^<]*)<\/Ma>/g)].map((m) => m[1] ?? "");
      if (rnd() < 0.5 && mas.length > 1) {
        return text.replace(`<Ma>${mas[1] ?? ""}</Ma>`, `<Ma>${mas[0] ?? ""}</Ma>`);
      }
      const j = pick(starts);
      if (j > i && j < end) return text;
      const moved = ts.slice(i, end);
      const rest = [...ts.slice(0, i), ...ts.slice(end)];
      const k = j > i ? j - moved.length : j;
      return [...rest.slice(0, k + 1), ...moved, ...rest.slice(k + 1)].join("");
    }
  }
}

describe("passesHocBaSchema (the fast schema pass) against libxml2", () => {
  const bases = builtDocuments()
    .map(dataOf)
    .filter((d): d is TreeElement => d !== undefined)
    .map((d) => canonicalizeTree(d));

  it("passes every valid document the builder makes and every golden file", () => {
    expect(bases.length).toBeGreaterThanOrEqual(24);
    for (const data of bases) {
      const el = rootOf(data) as TreeElement;
      expect(libxml2Accepts(el)).toBe(true);
      expect(passesHocBaSchema(el)).toBe(true);
    }
  });

  it("passes each optional part of the format, as libxml2 does", () => {
    for (const [marker, part] of OPTIONAL_PARTS) {
      const name = /^<(\w+)/.exec(part)?.[1] ?? "";
      const base = bases.find((b) => insertPart(b, marker, part) && !b.includes(`<${name}>`)) ?? "";
      const el = rootOf(insertPart(base, marker, part) ?? "") as TreeElement;
      expect(libxml2Accepts(el), part).toBe(true);
      expect(passesHocBaSchema(el), part).toBe(true);
    }
  });

  it("never passes what libxml2 refuses (6,000 mutated documents), and passes most of what it accepts", () => {
    const wrong: string[] = [];
    let libxmlValid = 0;
    let bothValid = 0;
    let refused = 0;
    for (let seed = 1; seed <= 6000; seed++) {
      const rnd = seededRandom(seed);
      let text = bases[seed % bases.length] as string;
      const steps = rnd() < 0.7 ? 1 : 2;
      for (let s = 0; s < steps; s++) text = mutate(text, rnd);
      const el = rootOf(text);
      if (!el) continue;
      const fast = passesHocBaSchema(el);
      const lib = libxml2Accepts(el);
      if (fast && !lib) wrong.push(`seed ${seed}: ${text}`);
      if (lib) libxmlValid++;
      if (lib && fast) bothValid++;
      if (!lib) refused++;
    }

    expect(wrong).toEqual([]);
    // Both sides of the boundary were exercised, and the pass is worth having.
    expect(refused).toBeGreaterThan(3000);
    expect(libxmlValid).toBeGreaterThan(1200);
    expect(bothValid / libxmlValid).toBeGreaterThan(0.9);
  });

  it("translates XSD patterns no wider than XSD reads them", () => {
    const required = xsdPatternToRegExp("[\\s\\S]*[^\\s\\p{Z}][\\s\\S]*");
    expect(required.test("a")).toBe(true);
    expect(required.test(" \u00a0a\n")).toBe(true);
    for (const blank of ["", " \t\r\n", "\u00a0", "\u3000", "\u180e", "\u200b", "\u2028"]) {
      expect(required.test(blank), JSON.stringify(blank)).toBe(false);
    }
    // XSD's \s is four characters: a no-break space is not one of them.
    expect(xsdPatternToRegExp("\\s*").test("\u00a0")).toBe(false);
    // ^ and $ are characters in XSD, and the whole value must match.
    expect(xsdPatternToRegExp("a^b$").test("a^b$")).toBe(true);
    expect(xsdPatternToRegExp("[0-9]{2}").test("123")).toBe(false);
    expect(() => xsdPatternToRegExp("\\i\\c*")).toThrow(/does not know/);
    expect(() => xsdPatternToRegExp("[a-z-[aeiou]]")).toThrow(/does not know/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HocBaError } from "../../../shared/errors/hocba-error.ts";
import type { PortalPage } from "../../../shared/portal-adapters/common/page-data.ts";
import { crawlClass, type FetchedPage } from "../../../shared/portal-adapters/crawl-class.ts";
import { extractGradebook } from "../../../shared/portal-adapters/extract-gradebook.ts";
import { smasAdapter } from "../../../shared/portal-adapters/smas-style/smas-adapter.ts";
import { vneduAdapter } from "../../../shared/portal-adapters/vnedu-style/vnedu-adapter.ts";
import { startPortal, type RunningPortal } from "../../portal-sim/start-portal.ts";
import { loadFixture, login, openPage, parseHtml, sessionFetch } from "./portal-client.ts";

/** Bad pages give errors that name the page and what is wrong, in Vietnamese; nothing is guessed. */

const gdtx = loadFixture("gradebook-gdtx-10.json");
let portal: RunningPortal;
/** Every page of class 10A1 in the SMAS layout, as fetched (HTML text by URL, crawl order). */
const smasPages = new Map<string, string>();
let base = "";

beforeAll(async () => {
  portal = await startPortal({ gradebooks: [gdtx] });
  base = portal.url;
  const fetchPage = sessionFetch(await login(base, "smas"));
  const recording = async (url: string): Promise<FetchedPage> => {
    const page = await fetchPage(url);
    smasPages.set(url, page.html ?? "");
    return page;
  };
  const start = await openPage(recording, `${base}/smas/Lop/ChiTiet?lopId=1001`);
  await crawlClass({ adapter: smasAdapter, start, fetchPage: recording, parseHtml: (h) => parseHtml(h) });
});
afterAll(async () => {
  await portal.close();
});

const SODIEM_TOAN = () => `${base}/smas/SoDiem/Index?lopId=1001&monId=TO`;
const TONG_KET = () => `${base}/smas/TongKet/Index?lopId=1001`;

const parsed = new Map<string, Document>();
const parsedPage = (url: string, html: string) => {
  let doc = parsed.get(url);
  if (!doc) parsed.set(url, (doc = parseHtml(html)));
  return doc;
};

/** Extracts the class with one page replaced (or removed when `html` is null). */
function extractWith(url: string, change: (html: string) => string | null): HocBaError[] {
  const pages: PortalPage[] = [];
  for (const [u, html] of smasPages) {
    if (u !== url) {
      pages.push({ url: u, doc: parsedPage(u, html) });
      continue;
    }
    const text = change(html);
    if (text !== null) pages.push({ url: u, doc: parseHtml(text) });
  }
  const result = extractGradebook(smasAdapter, pages);
  expect(result.gradebook).toBeNull();
  return result.problems;
}

function replaceOnce(html: string, from: string, to: string): string {
  const i = html.indexOf(from);
  expect(i, `«${from}» in the page`).toBeGreaterThanOrEqual(0);
  return html.slice(0, i) + to + html.slice(i + from.length);
}

describe("malformed SMAS pages", () => {
  it("the sample pages themselves are fine", () => {
    const pages = [...smasPages].map(([url, html]) => ({ url, doc: parsedPage(url, html) }));
    expect(extractGradebook(smasAdapter, pages).gradebook).toEqual(gdtx);
  });

  it("a missing column is named with its table and page", () => {
    const problems = extractWith(SODIEM_TOAN(), (html) =>
      html.replaceAll('<th rowspan="2">ĐĐGck</th>', '<th rowspan="2">Ghi chú</th>'),
    );
    expect(problems.map((p) => p.message)).toEqual([
      `Trang «Sổ điểm môn Toán - Lớp 10A1 - SMAS (${SODIEM_TOAN()})»: không thấy cột «CK (Học kỳ I)» trong bảng «Sổ điểm môn Toán».`,
    ]);
    expect(problems[0]?.localized("en")).toBe(
      `Page «Sổ điểm môn Toán - Lớp 10A1 - SMAS (${SODIEM_TOAN()})»: column «CK (Học kỳ I)» not found in table «Sổ điểm môn Toán».`,
    );
  });

  it("a page without its table says which table is missing", () => {
    const problems = extractWith(TONG_KET(), (html) =>
      html.replace(/<table class="t-grid" id="gridTongKet">[\s\S]*<\/table>/, "<p>Đang cập nhật</p>"),
    );
    expect(problems.map((p) => p.code)).toEqual(["EXTRACT_TABLE_MISSING"]);
    expect(problems[0]?.message).toBe(
      `Trang «Tổng kết - Lớp 10A1 - SMAS (${TONG_KET()})»: không thấy bảng «Tổng kết».`,
    );
  });

  it("every bad number is reported with its row, learner and column", () => {
    const first = gdtx.learners[0]?.hocVien.hoTen ?? "";
    const problems = extractWith(SODIEM_TOAN(), (html) => {
      const tbm = /<td class="tbm">([^<]*)<\/td>/.exec(html)?.[0] ?? "";
      const once = replaceOnce(html, tbm, '<td class="tbm">7,5,5</td>');
      const diem = /<td class="diem">([^<]*)<\/td>/.exec(once)?.[0] ?? "";
      return replaceOnce(once, diem, '<td class="diem">tám</td>');
    });
    expect(
      problems.map((p) => [p.code, p.params.row, p.params.learner, p.params.column, p.params.value]),
    ).toEqual([
      ["EXTRACT_BAD_GRADE", 1, first, "Học kỳ I › ĐĐGtx › 1", "tám"],
      ["EXTRACT_BAD_NUMBER", 1, first, "Học kỳ I › ĐTBmhk", "7,5,5"],
    ]);
    expect(problems[1]?.message).toBe(
      `Trang «Sổ điểm môn Toán - Lớp 10A1 - SMAS (${SODIEM_TOAN()})», bảng «Sổ điểm môn Toán», dòng 1 (${first}), cột «Học kỳ I › ĐTBmhk»: «7,5,5» không phải là điểm số (ví dụ 7,5).`,
    );
  });

  it("a learner row without a name is an error, not a skipped row", () => {
    const third = gdtx.learners[2]?.hocVien.hoTen ?? "";
    const problems = extractWith(SODIEM_TOAN(), (html) =>
      replaceOnce(html, `<td>${third}</td>`, "<td> </td>"),
    );
    expect(problems.map((p) => p.message)).toEqual([
      `Trang «Sổ điểm môn Toán - Lớp 10A1 - SMAS (${SODIEM_TOAN()})», bảng «Sổ điểm môn Toán»: dòng 3 không có họ tên học viên.`,
    ]);
  });

  it.each([
    ["an empty file", ""],
    ["an empty body", "<!DOCTYPE html><html><head><title></title></head><body>  </body></html>"],
  ])("%s is an empty page", (_name, html) => {
    const problems = extractWith(TONG_KET(), () => html);
    expect(problems.map((p) => p.message)).toEqual([
      `Trang «${TONG_KET()}» trống hoặc không có nội dung của cổng quản lý điểm.`,
    ]);
  });

  it("a login page in place of a page says the session expired", () => {
    const problems = extractWith(
      TONG_KET(),
      () => '<html><body><form><input name="u"><input type="password" name="p"></form></body></html>',
    );
    expect(problems.map((p) => p.code)).toEqual(["EXTRACT_LOGIN_PAGE"]);
  });

  it("a missing page is reported after the others were read", () => {
    const problems = extractWith(SODIEM_TOAN(), () => null);
    expect(problems.map((p) => p.message)).toEqual([
      "Thiếu sổ điểm môn «Toán»: chưa đọc được trang sổ điểm của môn này.",
    ]);
  });

  it("a sổ điểm of a subject the class does not have", () => {
    const problems = extractWith(SODIEM_TOAN(), (html) => html.replaceAll("Toán", "Thiên văn"));
    expect(problems.map((p) => p.code)).toEqual(["EXTRACT_UNKNOWN_SUBJECT", "EXTRACT_SODIEM_MISSING"]);
    expect(problems[0]?.params.subject).toBe("Thiên văn");
  });

  it("a row for a learner not in the class list, and a learner without a row", () => {
    const l = gdtx.learners[4]?.hocVien;
    const problems = extractWith(TONG_KET(), (html) =>
      replaceOnce(html, `<td>${l?.maHocVien}</td>`, "<td>9999999999</td>"),
    );
    expect(problems.map((p) => p.code)).toEqual(["EXTRACT_LEARNER_UNKNOWN", "EXTRACT_LEARNER_NO_ROW"]);
    expect(problems[1]?.message).toBe(`Học viên «${l?.hoTen}» không có dòng trong bảng tổng kết.`);
  });

  it("values that disagree between pages are both named", () => {
    const l = gdtx.learners[0]?.hocVien;
    const hoso = `${base}/smas/HoSo/ChiTiet?lopId=1001&hocSinhId=1001001`;
    const problems = extractWith(hoso, (html) =>
      replaceOnce(html, "<th>Giới tính</th><td>Nữ</td>", "<th>Giới tính</th><td>Nam</td>"),
    );
    expect(l?.gioiTinh).toBe("Nữ");
    expect(problems.map((p) => p.code)).toEqual(["EXTRACT_PROFILE_CONFLICT"]);
    expect(problems[0]?.params).toMatchObject({
      learner: l?.hoTen,
      field: "Giới tính",
      first: "Nữ",
      second: "Nam",
    });
  });
});

describe("malformed vnEdu API responses", () => {
  const api = async (path: string) => openPage(sessionFetch(await login(base, "vnedu")), base + path);

  it("an error response or an unknown body is a bad JSON page", () => {
    expect(() =>
      vneduAdapter.extract({
        url: "file:///x/sodiem.json",
        json: { success: false, message: "Phiên đăng nhập đã hết hạn" },
      }),
    ).toThrowError(
      "Trang «file:///x/sodiem.json»: dữ liệu JSON không đúng dạng (Phiên đăng nhập đã hết hạn).",
    );
    expect(() => vneduAdapter.extract({ url: "file:///x/sodiem.json", json: { hello: 1 } })).toThrowError(
      "Trang «file:///x/sodiem.json»: dữ liệu JSON không đúng dạng (không phải dữ liệu sổ điểm, hồ sơ, tổng kết hay nhận xét).",
    );
  });

  it("a missing key and a garbage value are named", async () => {
    const page = await api("/vnedu/api/sodiem?lop_id=1001&mon_id=NV");
    const json = structuredClone(page.json) as {
      rows: Record<string, unknown>[];
      metaData: { columns: { dataIndex: string }[] };
    };
    (json.rows[1] as Record<string, unknown>).tbm_hk2 = "7,5,5";
    expect(
      vneduAdapter
        .extract({ url: page.url, json })
        .problems.map((p) => [p.code, p.params.row, p.params.column]),
    ).toEqual([["EXTRACT_BAD_NUMBER", 2, "tbm_hk2"]]);
    for (const row of json.rows) delete row.ck_hk1;
    json.metaData.columns = json.metaData.columns.filter((c) => c.dataIndex !== "ck_hk1");
    expect(vneduAdapter.extract({ url: page.url, json }).problems.map((p) => p.message)).toEqual([
      `Trang «Sổ điểm (${page.url})»: không thấy cột «ck_hk1» trong bảng «Sổ điểm môn Ngữ văn».`,
    ]);
  });
});

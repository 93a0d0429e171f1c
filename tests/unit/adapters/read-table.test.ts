import { describe, expect, it } from "vitest";
import { DEFAULT_MAPPING } from "../../../shared/portal-adapters/common/default-mapping.ts";
import { extractTablesPage } from "../../../shared/portal-adapters/common/extract-tables.ts";
import { MappingMatcher } from "../../../shared/portal-adapters/common/header-mapping.ts";
import { readVneduJson } from "../../../shared/portal-adapters/vnedu-style/read-vnedu-json.ts";
import { parseHtml } from "./portal-client.ts";

/**
 * An HTML table and a vnEdu JSON store are read by the one table reader (common/read-table.ts):
 * the same values give the same rows and the same problems, whichever form the portal sent.
 */

const matcher = new MappingMatcher(DEFAULT_MAPPING);
const htmlPage = (body: string) =>
  extractTablesPage(
    parseHtml(`<!DOCTYPE html><html><head><title>T</title></head><body>${body}</body></html>`),
    "https://portal.example/p",
    matcher,
  );
const jsonPage = (api: "sodiem" | "hocba", json: unknown) =>
  readVneduJson({ url: "https://portal.example/api", title: "" }, json, api);

const LEARNERS = [
  ["HV01", "Nguyễn Văn An", "05/09/2009"],
  ["HV02", "Trần Thị Bình", "17/03/2009"],
] as const;
// TX1, TX2, GK, CK, TBm for each semester, then the year's TBm.
const SCORES = [
  ["7,5", "8", "6", "9", "7,8", "8", "", "7", "8,5", "8,1", "8,0"],
  ["5", "", "6,5", "4", "5,0", "6", "7", "6", "5", "5,8", "5,5"],
] as const;

function soDiemHtml(scores: readonly (readonly string[])[] = SCORES): string {
  const semester = (label: string) => `<th colspan="5">${label}</th>`;
  const leaves = "<th>TX1</th><th>TX2</th><th>GK</th><th>CK</th><th>TBm</th>";
  const rows = LEARNERS.map(
    (l, i) => `<tr>${[...l, ...(scores[i] ?? [])].map((c) => `<td>${c}</td>`).join("")}</tr>`,
  ).join("");
  return `<h3>Sổ điểm môn Toán</h3><table><thead>
    <tr><th rowspan="2">Mã học viên</th><th rowspan="2">Họ và tên</th><th rowspan="2">Ngày sinh</th>
      ${semester("Học kỳ I")}${semester("Học kỳ II")}<th rowspan="2">ĐTBm cả năm</th></tr>
    <tr>${leaves}${leaves}</tr></thead><tbody>${rows}</tbody></table>`;
}

function soDiemJson(scores: readonly (readonly string[])[] = SCORES) {
  const keys = ["tx1_hk1", "tx2_hk1", "gk_hk1", "ck_hk1", "tbm_hk1"];
  const all = [...keys, ...keys.map((k) => k.replace("hk1", "hk2")), "tbm_cn"];
  return {
    success: true,
    mon: { ma_mon: "TO", ten_mon: "Toán" },
    so_cot_tx: { hk1: 2, hk2: 2 },
    rows: LEARNERS.map(([ma, ten, ngay], i) => ({
      ma_hoc_sinh: ma,
      ho_ten: ten,
      ngay_sinh: ngay,
      ...Object.fromEntries(all.map((k, j) => [k, scores[i]?.[j] ?? null])),
    })),
    metaData: { columns: ["ma_hoc_sinh", "ho_ten", "ngay_sinh", ...all].map((dataIndex) => ({ dataIndex })) },
  };
}

describe("one table reader for HTML tables and JSON stores", () => {
  it("reads the same sổ điểm to the same rows", () => {
    const html = htmlPage(soDiemHtml());
    const json = jsonPage("sodiem", soDiemJson());
    expect(html.problems).toEqual([]);
    expect(json.problems).toEqual([]);
    const htmlRows = html.data.soDiem[0]?.rows;
    expect(htmlRows).toHaveLength(2);
    expect(htmlRows?.[0]).toEqual({
      ref: { row: 1, maHocVien: "HV01", hoTen: "Nguyễn Văn An", ngaySinh: "2009-09-05" },
      ketQua: {
        hk1: { tx: [7.5, 8], gk: 6, ck: 9, tbm: 7.8, mucDanhGia: null },
        hk2: { tx: [8, null], gk: 7, ck: 8.5, tbm: 8.1, mucDanhGia: null },
        cn: { tbm: 8, mucDanhGia: null },
        ktLai: null,
        giaoVien: "",
        nhanXet: "",
      },
    });
    expect(json.data.soDiem[0]?.rows).toEqual(htmlRows);
    expect(json.data.soDiem[0]).toMatchObject({ table: "Sổ điểm môn Toán", subjectCode: "TO" });
  });

  it("reports a bad cell at the same row and learner, naming the column as the portal does", () => {
    const bad = [SCORES[0], ["5", "tám", "6,5", "4", "5,0", "6", "7", "6", "5", "5,8", "5,5"]] as const;
    const where = (p: { code: string; params: Record<string, unknown> }) => [
      p.code,
      p.params.row,
      p.params.learner,
      p.params.column,
      p.params.value,
    ];
    expect(htmlPage(soDiemHtml(bad)).problems.map(where)).toEqual([
      ["EXTRACT_BAD_GRADE", 2, "Trần Thị Bình", "Học kỳ I › TX2", "tám"],
    ]);
    expect(jsonPage("sodiem", soDiemJson(bad)).problems.map(where)).toEqual([
      ["EXTRACT_BAD_GRADE", 2, "Trần Thị Bình", "tx2_hk1", "tám"],
    ]);
  });

  it("reports a bad birth date in a class list once, and keeps it empty for check", () => {
    const html = htmlPage(`<h3>Danh sách học viên</h3><table>
      <tr><th>Mã học viên</th><th>Họ và tên</th><th>Ngày sinh</th><th>Giới tính</th></tr>
      <tr><td>HV01</td><td>Nguyễn Văn An</td><td>31/31</td><td>Nam</td></tr></table>`);
    const json = jsonPage("hocba", {
      success: true,
      rows: [{ ma_hoc_sinh: "HV01", ho_ten: "Nguyễn Văn An", ngay_sinh: "31/31", gioi_tinh: "Nam" }],
    });
    for (const { data, problems } of [html, json]) {
      expect(problems.map((p) => [p.code, p.params.learner])).toEqual([
        ["EXTRACT_BAD_DATE", "Nguyễn Văn An"],
      ]);
      expect(data.profiles[0]?.hocVien).toEqual({
        maHocVien: "HV01",
        hoTen: "Nguyễn Văn An",
        ngaySinh: "",
        gioiTinh: "Nam",
      });
    }
  });

  it("an empty store is an empty table, not a table with missing columns", () => {
    const { data, problems } = jsonPage("sodiem", { success: true, mon: { ma_mon: "TO" }, rows: [] });
    expect(problems).toEqual([]);
    expect(data.soDiem).toEqual([
      expect.objectContaining({ table: "Sổ điểm môn TO", subjectCode: "TO", rows: [] }),
    ]);
  });
});

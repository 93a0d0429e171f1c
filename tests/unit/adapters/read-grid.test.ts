import { describe, expect, it } from "vitest";
import { DEFAULT_MAPPING } from "../../../shared/portal-adapters/common/default-mapping.ts";
import { classifyGrid } from "../../../shared/portal-adapters/common/extract-tables.ts";
import { MappingMatcher, mergeMappings } from "../../../shared/portal-adapters/common/header-mapping.ts";
import { readGrids } from "../../../shared/portal-adapters/common/read-grid.ts";
import { readKeyValues } from "../../../shared/portal-adapters/common/read-key-values.ts";
import { parseHtml } from "./portal-client.ts";

const matcher = new MappingMatcher(DEFAULT_MAPPING);
const page = (body: string) =>
  parseHtml(`<!DOCTYPE html><html><head><title>T</title></head><body>${body}</body></html>`);

describe("readGrids", () => {
  it("resolves merged header cells over several rows, drops hidden columns and rows, skips spacer rows", () => {
    const doc = page(`
      <h3>Sổ điểm môn Toán</h3>
      <table><thead>
        <tr><th rowspan="3">Họ và tên</th><th colspan="5">Học kỳ I</th><th rowspan="3" style="display: none">Mã cũ</th><th rowspan="3">Cả năm</th></tr>
        <tr><th colspan="2">ĐĐGtx</th><th rowspan="2">GK</th><th rowspan="2" hidden>CK</th><th rowspan="2">CK</th></tr>
        <tr><th>1</th><th>2</th></tr>
      </thead><tbody>
        <tr><td>An</td><td>7,5</td><td>8</td><td>6</td><td hidden>x</td><td>9</td><td style="display:none">X1</td><td>8,1</td></tr>
        <tr><td colspan="8">&nbsp;</td></tr>
        <tr style="display:none"><td>Ẩn</td><td>1</td><td>1</td><td>1</td><td>1</td><td>1</td><td>1</td><td>1</td></tr>
        <tr><td>Bình</td><td></td><td>8</td><td>6</td><td hidden>x</td><td>9</td><td style="display:none">X2</td><td>7</td></tr>
        <tr><td colspan="8">Học viên đã chuyển đi</td></tr>
      </tbody><tfoot><tr><td colspan="8">Tổng số: 2</td></tr></tfoot></table>`);
    const [grid] = readGrids(doc);
    expect(grid?.title).toBe("Sổ điểm môn Toán");
    expect(grid?.columns.map((c) => c.path)).toEqual([
      ["Họ và tên"],
      ["Học kỳ I", "ĐĐGtx", "1"],
      ["Học kỳ I", "ĐĐGtx", "2"],
      ["Học kỳ I", "GK"],
      ["Học kỳ I", "CK"],
      ["Cả năm"],
    ]);
    expect(grid?.rows.map((r) => r.cells)).toEqual([
      ["An", "7,5", "8", "6", "9", "8,1"],
      ["Bình", "", "8", "6", "9", "7"],
    ]);
    expect(grid?.rows.map((r) => r.rowNumber)).toEqual([1, 2]);
  });

  it("reads header rows made of <th> without <thead>, and ExtJS-style grids", () => {
    const doc = page(`
      <table><tr><th>Họ tên</th><th>Nhận xét</th></tr><tr><td>An</td><td>Chăm<br>ngoan</td></tr></table>
      <div class="x-grid"><div class="x-grid-header-ct">
        <div class="x-column-header x-hide-display"><span class="x-column-header-text">ID</span></div>
        <div class="x-column-header"><span class="x-column-header-text">Họ và tên</span></div>
        <div class="x-column-header x-group-header"><span class="x-column-header-text">Học kỳ I</span>
          <div class="x-column-header"><span class="x-column-header-text">TX1</span></div>
        </div></div>
        <div class="x-grid-view"><table class="x-grid-table"><tr class="x-grid-row">
          <td class="x-grid-cell x-hide-display"><div>9</div></td><td class="x-grid-cell"><div class="x-grid-cell-inner">An</div></td>
          <td class="x-grid-cell"><div class="x-grid-cell-inner">7,5</div></td></tr></table></div></div>`);
    const [table, ext] = readGrids(doc);
    expect(table?.rows[0]?.cells).toEqual(["An", "Chăm\nngoan"]);
    expect(ext?.columns.map((c) => c.path)).toEqual([["Họ và tên"], ["Học kỳ I", "TX1"]]);
    expect(ext?.rows[0]?.cells).toEqual(["An", "7,5"]);
  });

  it("reads label / value pairs from th+td rows, dl lists, label elements and 'Label: value' text", () => {
    const doc = page(`<table><tr><th>Năm học</th><td>2025-2026</td><th>Lớp</th><td>10A1</td></tr></table>
      <dl><dt>Khối</dt><dd>10</dd></dl><span class="label">Môn học:</span> <b>Toán</b><p>GVCN: Trần Thị B</p>
      <p style="display:none">Lớp: 12Z</p>`);
    expect(readKeyValues(doc)).toEqual([
      { label: "Năm học", value: "2025-2026" },
      { label: "Lớp", value: "10A1" },
      { label: "Khối", value: "10" },
      { label: "Môn học", value: "Toán" },
      { label: "GVCN", value: "Trần Thị B" },
    ]);
  });
});

describe("header mapping", () => {
  const resolve = (path: string[], kind: Parameters<MappingMatcher["resolve"]>[1], m = matcher) =>
    m.resolve({ path, label: path.join(" › ") }, kind);

  it.each([
    [["Học kỳ I", "TX1"], "soDiem", { field: "tx", group: "hk1" }],
    [["HỌC KỲ II", "ĐĐGtx", "3"], "soDiem", { field: "tx", group: "hk2" }],
    [["Ho\u0323c ky\u0300 I", "ĐĐGck"], "soDiem", { field: "ck", group: "hk1" }],
    [["TB HK1"], "soDiem", { field: "tbm", group: "hk1" }],
    [["HK I", "ĐĐGtx1"], "soDiem", { field: "tx", group: "hk1" }],
    [["Học kỳ 2", "ĐĐGgk"], "soDiem", { field: "gk", group: "hk2" }],
    [["HKII", "ĐTBm"], "soDiem", { field: "tbm", group: "hk2" }],
    [["hoc ky i", "tbm"], "soDiem", { field: "tbm", group: "hk1" }],
    [["ĐTBm cả năm"], "soDiem", { field: "tbm", group: "cn" }],
    [["Cả năm"], "soDiem", { field: "ketQua", group: "cn" }],
    [["CN"], "soDiem", { field: "ketQua", group: "cn" }],
    [["Kiểm tra lại", "TBm"], "soDiem", { field: "tbm", group: "lai" }],
    [["Họ tên"], "soDiem", { field: "hoTen" }],
    [["Nhận xét"], "soDiem", { field: "nhanXet" }],
    [["Nhận xét"], "nhanXet", { field: "nhanXetGVCN" }],
    [["Học lực HK2"], "tongKet", { field: "hocTap", group: "hk2" }],
    [["Hạnh kiểm", "Cả năm"], "tongKet", { field: "renLuyen", group: "cn" }],
    [["Học kỳ I", "Học lực"], "tongKet", { field: "hocTap", group: "hk1" }],
    [["CN", "Rèn luyện"], "tongKet", { field: "renLuyen", group: "cn" }],
    [["Sau kiểm tra lại, rèn luyện hè", "Học tập"], "tongKet", { field: "hocTap", group: "lai" }],
    [["Sau kiểm tra lại", "Kết quả"], "tongKet", { field: "ketQuaXetLai" }],
    [["Số buổi nghỉ"], "tongKet", { field: "soBuoiNghi" }],
    [["Ngày sinh"], "hoSo", { field: "ngaySinh" }],
  ] as const)("%j in a %s table → %j", (path, kind, expected) =>
    expect(resolve([...path], kind)).toEqual(expected),
  );

  it.each([
    [["TX1"], "soDiem"],
    [["Toán"], "tongKet"],
    [["Điểm trung bình môn cả năm", "Ngữ văn"], "tongKet"],
  ] as const)("%j in a %s table is not mapped", (path, kind) =>
    expect(resolve([...path], kind)).toBeUndefined(),
  );

  it("adds a user's synonyms to the defaults", () => {
    const custom = new MappingMatcher(
      mergeMappings(DEFAULT_MAPPING, {
        version: 1,
        groups: { hk1: ["Kỳ thứ nhất"] },
        columns: { ck: ["Thi học kỳ"] },
      }),
    );
    expect(resolve(["Kỳ thứ nhất", "Thi học kỳ"], "soDiem", custom)).toEqual({ field: "ck", group: "hk1" });
    expect(resolve(["Kỳ thứ nhất", "Thi học kỳ"], "soDiem")).toBeUndefined();
    expect(resolve(["HK1", "CK"], "soDiem", custom)).toEqual({ field: "ck", group: "hk1" });
  });

  it("classifies tables by their headers; a title decides between kinds", () => {
    const doc =
      page(`<h3>Nhận xét của GVCN</h3><table><tr><th>STT</th><th>Họ và tên</th><th>Nhận xét</th></tr><tr><td>1</td><td>An</td><td>Tốt</td></tr></table>
      <table><tr><th>Mã môn</th><th>Tên môn</th><th>Số tiết</th></tr><tr><td>TO</td><td>Toán</td><td>105</td></tr></table>
      <table><tr><th>Họ tên</th><th>Ngày sinh</th></tr><tr><td>An</td><td>01/02/2010</td></tr></table>`);
    expect(readGrids(doc).map((g) => classifyGrid(g, matcher, "")?.kind)).toEqual([
      "nhanXet",
      "monHoc",
      "hoSo",
    ]);
  });
});

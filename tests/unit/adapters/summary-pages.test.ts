import { describe, expect, it } from "vitest";
import type { Gradebook } from "../../../shared/model/gradebook.ts";
import { extractGradebook } from "../../../shared/portal-adapters/extract-gradebook.ts";
import { createGenericTableAdapter } from "../../../shared/portal-adapters/generic-table/generic-table-adapter.ts";
import { infoFromLines } from "../../../shared/portal-adapters/common/info-from-lines.ts";
import { readWorkbook, sheetWorkbook, summaryWorkbook, workbookBytes } from "./class-workbook.ts";
import { loadFixture, parseHtml } from "./portal-client.ts";

/**
 * Any summary page: the class read from title and header lines when there is no information
 * table; a year summary alone read into what it holds, with the list of what a complete record
 * still needs and where it comes from; a summary and a learner list (and the class sheet)
 * combined into one gradebook whose individual assessments are absent.
 */

const gdtx = loadFixture("gradebook-gdtx-10.json");
const adapter = createGenericTableAdapter();

async function pagesOf(...books: [string, Awaited<ReturnType<typeof workbookBytes>>][]) {
  const pages = [];
  for (const [name, bytes] of books) pages.push(...(await readWorkbook(bytes, `file:///tmp/${name}`)));
  return pages;
}

describe("class information from title, breadcrumbs and header lines", () => {
  it("reads the school, year, class, grade and homeroom teacher as written", () => {
    expect(
      infoFromLines([
        "SỔ ĐIỂM MÔN TOÁN - LỚP 11A2 - NĂM HỌC 2025-2026",
        "Trang chủ › Trường THPT Phan Đình Phùng › Sổ điểm",
        "GVCN: Nguyễn Thị Minh Nguyệt",
      ]),
    ).toEqual({
      namHoc: "2025-2026",
      lop: "11A2",
      khoi: "11",
      tenTruong: "Trường THPT Phan Đình Phùng",
      gvcn: "Nguyễn Thị Minh Nguyệt",
    });
    expect(infoFromLines(["Danh sách lớp học", "Năm học 2025-2027"])).toEqual({});
  });

  it("an HTML page without an information table: from its title and breadcrumb; a table wins over them", () => {
    const doc =
      parseHtml(`<!DOCTYPE html><html><head><title>Tổng kết - Lớp 10A1 - Năm học 2025-2026</title></head><body>
<ol class="breadcrumb"><li>Trang chủ</li><li>Trung tâm GDNN-GDTX Việt Trì</li><li>Tổng kết</li></ol>
<table><tr><th>Giáo viên chủ nhiệm</th><td>Trần Thị Thu Hằng</td></tr></table>
<table><thead><tr><th>Họ và tên</th><th>Học tập HK1</th><th>Rèn luyện HK1</th><th>Học tập HK2</th><th>Rèn luyện HK2</th><th>Học tập CN</th><th>Rèn luyện CN</th><th>Kết quả</th></tr></thead>
<tbody><tr><td>Phạm Minh Châu</td><td>T</td><td>T</td><td>T</td><td>T</td><td>T</td><td>T</td><td>Lên lớp</td></tr></tbody></table></body></html>`);
    const { data, problems } = adapter.extract({ url: "https://portal.example/tongket", doc });
    expect(problems).toEqual([]);
    expect(data.infoHints).toEqual({
      namHoc: "2025-2026",
      lop: "10A1",
      khoi: "10",
      tenTruong: "Trung tâm GDNN-GDTX Việt Trì",
    });
    expect(data.info.gvcn).toBe("Trần Thị Thu Hằng");
  });
});

describe("a year summary", () => {
  it("alone: nothing is invented; every missing part is named with the page or file that has it", async () => {
    const pages = await pagesOf(["tong-hop.xlsx", await workbookBytes(summaryWorkbook(gdtx))]);
    const strict = extractGradebook(adapter, pages);
    expect(strict.gradebook).toBeNull();
    const result = extractGradebook(adapter, pages, undefined, { partial: true });
    expect(result.problems.map((p) => p.message)).toEqual([]);
    expect(result.gradebook).toBeNull();
    expect(result.stillNeeded?.map((p) => p.message)).toEqual([
      "Còn thiếu «Mã Sở GD&ĐT», «Mã trường», «Cấp học»: lấy từ trang Thông tin lớp (hoặc tiêu đề trang, tệp ghi «Năm học …», «Lớp …», «Trường …»).",
      "Còn thiếu danh sách môn học của lớp: lấy từ trang Thông tin lớp / Danh sách môn học (bảng Mã môn, Tên môn học, Hình thức đánh giá, Số tiết/năm).",
      "Còn thiếu nhận xét của giáo viên chủ nhiệm: lấy từ trang Nhận xét của GVCN (hoặc cột Nhận xét của GVCN trong tệp tổng kết).",
      "Còn thiếu kết quả sau kiểm tra lại, rèn luyện hè (2 học viên): lấy từ trang Tổng kết cả năm (hoặc tệp tổng hợp kết quả cuối năm), cột Sau kiểm tra lại / rèn luyện hè.",
      `Còn thiếu «Mã học viên» (${gdtx.learners.length} học viên), «Giới tính» (${gdtx.learners.length} học viên), «Số định danh cá nhân» (${gdtx.learners.length} học viên), «Dân tộc» (${gdtx.learners.length} học viên), «Quốc tịch» (${gdtx.learners.length} học viên), «Nơi sinh» (${gdtx.learners.length} học viên), «Nơi ở» (${gdtx.learners.length} học viên), «Họ tên cha» (${gdtx.learners.length} học viên), «Họ tên mẹ» (${gdtx.learners.length} học viên): lấy từ danh sách học sinh của lớp có số định danh (trang hồ sơ học sinh hoặc tệp xuất danh sách học sinh).`,
    ]);
  });

  it("with the learner list and the class sheet: one gradebook, results without assessments, assessments named as needed", async () => {
    const pages = await pagesOf(
      ["tong-hop.xlsx", await workbookBytes(summaryWorkbook(gdtx))],
      ["danh-sach.xlsx", await workbookBytes(sheetWorkbook(gdtx, "Danh sách học sinh"))],
      ["lop.xlsx", await workbookBytes(sheetWorkbook(gdtx, "Thông tin lớp"))],
    );
    const result = extractGradebook(adapter, pages, undefined, { partial: true });
    expect(result.problems.map((p) => p.message)).toEqual([]);
    const gb = result.gradebook as Gradebook;
    expect(gb).not.toBeNull();
    expect(result.stillNeeded?.length).toBe(gdtx.subjects.length + 2);
    const retest = gdtx.learners.filter(
      (l) => l.ketQuaXet === "KiemTraLai" || l.ketQuaXet === "RenLuyenHe",
    ).length;
    expect(result.stillNeeded?.map((p) => p.message)).toContain(
      `Còn thiếu kết quả sau kiểm tra lại, rèn luyện hè (${retest} học viên): lấy từ trang Tổng kết cả năm (hoặc tệp tổng hợp kết quả cuối năm), cột Sau kiểm tra lại / rèn luyện hè.`,
    );
    expect(result.stillNeeded?.[0]?.message).toBe(
      "Còn thiếu ĐĐGtx, ĐĐGgk, ĐĐGck, giáo viên và nhận xét môn Ngữ văn (đã có kết quả học kỳ, cả năm từ «Trung tâm Giáo dục nghề nghiệp – Giáo dục thường xuyên Việt Trì»): lấy từ sổ điểm môn Ngữ văn (trang sổ điểm của môn hoặc tệp xuất sổ điểm môn).",
    );
    // Everything the three files hold is the source's; the assessments are absent, not invented.
    expect({ ...gb, learners: [] }).toEqual({ ...gdtx, learners: [] });
    gdtx.learners.forEach((learner, i) => {
      const got = gb.learners[i];
      expect(got?.hocVien).toEqual(learner.hocVien);
      // The summary has no columns after the re-test: those are absent (and named above).
      expect({ ...got, ketQua: [], nhanXetGVCN: "" }).toEqual({
        ...learner,
        ketQua: [],
        nhanXetGVCN: "",
        hocTap: { ...learner.hocTap, sauKiemTraLai: null },
        renLuyen: { ...learner.renLuyen, sauRenLuyenHe: null },
        ketQuaXetLai: null,
      });
      learner.ketQua.forEach((k, j) => {
        const r = got?.ketQua[j];
        expect(r?.maMon).toBe(k.maMon);
        expect(r?.hk1).toEqual({ tx: [], gk: null, ck: null, tbm: k.hk1.tbm, mucDanhGia: k.hk1.mucDanhGia });
        expect(r?.hk2).toEqual({ tx: [], gk: null, ck: null, tbm: k.hk2.tbm, mucDanhGia: k.hk2.mucDanhGia });
        expect(r?.cn).toEqual(k.cn);
        expect([r?.giaoVien, r?.nhanXet, r?.ktLai]).toEqual(["", "", null]);
      });
    });
  });
});

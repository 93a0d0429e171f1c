import ExcelJS from "exceljs";
import type { Diem, Gradebook } from "../../../shared/model/gradebook.ts";
import type { PortalPage } from "../../../shared/portal-adapters/common/page-data.ts";
import { workbookPages } from "../../../shared/portal-adapters/spreadsheet/workbook-pages.ts";
import { quaTrinhText, trangThaiText } from "../../portal-sim/movement-text.ts";
import { soDiemPlan, subjectRows } from "../../portal-sim/portal-data.ts";
import {
  fmtAverage,
  fmtAward,
  fmtCapHoc,
  fmtDateTime,
  fmtDecision,
  fmtDiem,
  fmtHinhThuc,
  fmtMuc,
  fmtProfile,
} from "../../portal-sim/portal-format.ts";

/**
 * Excel files as teachers export them from a portal, made from a sample class with exceljs: the
 * class information with its subjects, the learner list with số định danh, a sổ điểm sheet per
 * subject (merged two-row header, or three rows, or one sheet per semester), the year summary with
 * the GVCN's comments. Numbers are written as numbers or as text with a comma, dates as dates or
 * text, codes as numbers with a zero-padding format; a hidden column, row and sheet carry junk
 * that must not be read.
 */

export interface WorkbookOptions {
  /** "text": scores as "7,5" text; "number": as numbers; "mixed": alternating per row. */
  numbers?: "text" | "number" | "mixed";
  /** Three header rows (a "Kết quả đánh giá" band over the semesters). */
  threeRowHeader?: boolean;
  /** One sheet per subject and semester instead of one per subject. */
  perSemester?: boolean;
  /** Junk in a hidden column, a hidden row and a hidden sheet. */
  hiddenJunk?: boolean;
}

type Value = string | number | Date | null;

/** A date cell; a date that does not exist (30/02, kept for `check`) can only be text in Excel. */
const asDate = (iso: string): Value => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const d = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  return d && d.toISOString().slice(0, 10) === iso ? d : iso.split("-").reverse().join("/");
};

function score(d: Diem, asNumber: boolean): Value {
  if (d === null) return null;
  return typeof d === "number" && asNumber ? d : fmtDiem(d);
}
function average(n: number | null, asNumber: boolean): Value {
  if (n === null) return null;
  return asNumber ? n : fmtAverage(n);
}

/** Writes a header block: `rows` of [text, colspan, rowspan] cells starting at `top`. */
function header(ws: ExcelJS.Worksheet, top: number, rows: [string, number, number][][]): void {
  const taken = new Set<string>();
  rows.forEach((cells, i) => {
    let col = 1;
    for (const [text, colspan, rowspan] of cells) {
      while (taken.has(`${top + i}:${col}`)) col++;
      ws.getCell(top + i, col).value = text;
      if (colspan > 1 || rowspan > 1) ws.mergeCells(top + i, col, top + i + rowspan - 1, col + colspan - 1);
      for (let r = 0; r < rowspan; r++) {
        for (let c = 0; c < colspan; c++) taken.add(`${top + i + r}:${col + c}`);
      }
      col += colspan;
    }
  });
}

function lines(ws: ExcelJS.Worksheet, texts: string[]): number {
  texts.forEach((t, i) => (ws.getCell(i + 1, 1).value = t));
  return texts.length + 2; // a blank row, then the table
}

export function classWorkbook(gb: Gradebook, options: WorkbookOptions = {}): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const numbers = options.numbers ?? "mixed";
  const asNumber = (row: number) => numbers === "number" || (numbers === "mixed" && row % 2 === 0);
  const title = `Lớp ${gb.lop} - Năm học ${gb.namHoc}`;

  // Class information and subjects.
  const info = wb.addWorksheet("Thông tin lớp");
  const pairs: [string, string][] = [
    ["Mã Sở GD&ĐT:", gb.school.maSo],
    ["Mã trường:", gb.school.maTruong],
    ["Tên trường:", gb.school.tenTruong],
    ["Cấp học:", fmtCapHoc(gb.school.capHoc)],
    ["Địa danh:", gb.school.diaDanh],
    ["Năm học:", gb.namHoc],
    ["Khối:", gb.khoi],
    ["Lớp:", gb.lop],
    ["Giáo viên chủ nhiệm:", gb.gvcn],
    ["Thủ trưởng:", gb.thuTruong.hoTen],
    ["Chức vụ:", gb.thuTruong.chucVu],
    ["Quy chế đánh giá:", fmtProfile(gb.profile)],
    ...(gb.thoiGianLap ? ([["Thời gian lập:", fmtDateTime(gb.thoiGianLap)]] as [string, string][]) : []),
  ];
  info.getCell(1, 1).value = "THÔNG TIN LỚP HỌC";
  pairs.forEach(([label, value], i) => {
    info.getCell(i + 2, 1).value = label;
    info.getCell(i + 2, 3).value = value;
  });
  const subjectTop = pairs.length + 3;
  header(info, subjectTop, [
    [
      ["STT", 1, 1],
      ["Mã môn", 1, 1],
      ["Tên môn học", 1, 1],
      ["Hình thức đánh giá", 1, 1],
      ["Số tiết/năm", 1, 1],
    ],
  ]);
  gb.subjects.forEach((s, i) => {
    info.getRow(subjectTop + 1 + i).values = [i + 1, s.ma, s.ten, fmtHinhThuc(s), s.soTietNam];
  });

  // Learners, with số định danh; codes as numbers padded by their format on every other row.
  const list = wb.addWorksheet("Danh sách học sinh");
  const listTop = lines(list, [`DANH SÁCH HỌC SINH - ${title}`]);
  const listHeader = [
    "STT",
    "Mã học sinh",
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Số định danh cá nhân",
    "Dân tộc",
    "Quốc tịch",
    "Nơi sinh",
    "Nơi ở hiện nay",
    "Họ tên cha",
    "Họ tên mẹ",
    "Người giám hộ",
    "Đối tượng chính sách",
    "ID bản ghi",
    "Sự kiện",
    "Phiên bản",
    // Departure, arrival, learning history: our wording (docs/portals.md).
    "Trạng thái",
    "Ngày chuyển đi / thôi học",
    "Số học kỳ hoàn thành",
    "Nơi chuyển đến",
    "Chuyển từ trường",
    "Ngày chuyển đến",
    "Quá trình học tập",
  ];
  // With junk: a hidden first column headed "Họ và tên" too, holding other names.
  const junk = options.hiddenJunk ? ["Họ và tên"] : [];
  header(list, listTop, [[...junk, ...listHeader].map((h) => [h, 1, 1] as [string, number, number])]);
  gb.learners.forEach((l, i) => {
    const hv = l.hocVien;
    const r = listTop + 1 + i;
    const numericCode = asNumber(i) && /^\d+$/.test(hv.maHocVien);
    list.getRow(r).values = [
      ...(options.hiddenJunk ? [`Tên cũ ${i}`] : []),
      i + 1,
      numericCode ? Number(hv.maHocVien) : hv.maHocVien,
      hv.hoTen,
      asNumber(i) && /^\d{4}-\d{2}-\d{2}$/.test(hv.ngaySinh)
        ? asDate(hv.ngaySinh)
        : hv.ngaySinh.split("-").reverse().join("/"),
      hv.gioiTinh,
      hv.soDinhDanh,
      hv.danToc,
      hv.quocTich,
      hv.noiSinh,
      hv.noiO,
      hv.hoTenCha,
      hv.hoTenMe,
      hv.hoTenNguoiGiamHo,
      hv.doiTuongChinhSach,
      l.banGhi?.idBanGhi ?? null,
      l.banGhi?.suKien ?? null,
      l.banGhi?.phienBan ?? null,
      trangThaiText(l),
      l.roiTruong ? asDate(l.roiTruong.ngay) : null,
      l.roiTruong?.hocKyHoanThanh ?? null,
      l.roiTruong?.truongChuyenDen ?? null,
      l.chuyenDen?.truongCu ?? null,
      l.chuyenDen ? l.chuyenDen.ngay.split("-").reverse().join("/") : null,
      quaTrinhText(l) || null,
    ];
    if (numericCode) list.getCell(r, 2 + junk.length).numFmt = "0".repeat(hv.maHocVien.length);
  });
  if (options.hiddenJunk) {
    list.getColumn(1).hidden = true;
    // A hidden row among the learners: someone who left, not in the class.
    list.spliceRows(listTop + 3, 0, ["x", 99, "9999999999", "Học sinh đã chuyển đi", "01/01/2000", "Nam"]);
    list.getRow(listTop + 3).hidden = true;
  }

  // Sổ điểm per subject (or per subject and semester).
  gb.subjects.forEach((subject) => {
    const plan = soDiemPlan(gb, subject);
    const rows = subjectRows(gb, subject);
    const semesters: ("hk1" | "hk2" | "both")[] = options.perSemester ? ["hk1", "hk2"] : ["both"];
    for (const part of semesters) {
      const ws = wb.addWorksheet(
        part === "both" ? subject.ma : `${subject.ma} ${part === "hk1" ? "HK1" : "HK2"}`,
      );
      const partTitle = part === "both" ? "" : part === "hk1" ? " - HỌC KỲ I" : " - HỌC KỲ II";
      const top = lines(ws, [`SỔ ĐIỂM MÔN ${subject.ten.toUpperCase()}${partTitle}`, title]);
      const groups: { label: string; cols: string[]; values: (i: number) => Value[] }[] = [];
      for (const g of ["hk1", "hk2"] as const) {
        if (part !== "both" && part !== g) continue;
        const cols = [
          ...Array.from({ length: plan.tx[g] }, (_, n) => `TX${n + 1}`),
          "GK",
          "CK",
          ...(plan.tbm[g] ? ["TBm"] : []),
          ...(plan.muc[g] ? ["Mức ĐG"] : []),
        ];
        groups.push({
          label: g === "hk1" ? "Học kỳ I" : "Học kỳ II",
          cols,
          values: (i) => {
            const k = rows[i]?.kq[g];
            return k
              ? [
                  ...Array.from({ length: plan.tx[g] }, (_, n) => score(k.tx[n] ?? null, asNumber(i))),
                  score(k.gk, asNumber(i)),
                  score(k.ck, asNumber(i)),
                  ...(plan.tbm[g] ? [average(k.tbm, asNumber(i))] : []),
                  ...(plan.muc[g] ? [k.mucDanhGia] : []),
                ]
              : [];
          },
        });
      }
      if (part !== "hk1") {
        groups.push({
          label: "Cả năm",
          cols: [...(plan.tbm.cn ? ["TBm"] : []), ...(plan.muc.cn ? ["Mức ĐG"] : [])],
          values: (i) => {
            const k = rows[i]?.kq;
            return [
              ...(plan.tbm.cn ? [average(k?.cn.tbm ?? null, asNumber(i))] : []),
              ...(plan.muc.cn ? [k?.cn.mucDanhGia ?? null] : []),
            ];
          },
        });
        if (plan.lai) {
          groups.push({
            label: "Kiểm tra lại",
            cols: [...(plan.tbm.lai ? ["TBm"] : []), ...(plan.muc.lai ? ["Mức ĐG"] : [])],
            values: (i) => {
              const k = rows[i]?.kq.ktLai ?? null;
              return [
                ...(plan.tbm.lai ? [average(k?.tbm ?? null, asNumber(i))] : []),
                ...(plan.muc.lai ? [k?.mucDanhGia ?? null] : []),
              ];
            },
          });
        }
      }
      const hr = options.threeRowHeader ? 3 : 2;
      const ident: [string, number, number][] = [
        ["STT", 1, hr],
        ["Mã học sinh", 1, hr],
        ["Họ và tên", 1, hr],
        ["Ngày sinh", 1, hr],
      ];
      const tail: [string, number, number][] = [
        ["Giáo viên bộ môn", 1, hr],
        ["Nhận xét", 1, hr],
      ];
      const width = groups.reduce((n, g) => n + g.cols.length, 0);
      const headerRows: [string, number, number][][] = options.threeRowHeader
        ? [
            [...ident, ["Kết quả đánh giá", width, 1], ...tail],
            groups.map((g) => [g.label, g.cols.length, 1] as [string, number, number]),
            groups.flatMap((g) => g.cols.map((c) => [c, 1, 1] as [string, number, number])),
          ]
        : [
            [
              ...ident,
              ...groups.map((g) => [g.label, g.cols.length, 1] as [string, number, number]),
              ...tail,
            ],
            groups.flatMap((g) => g.cols.map((c) => [c, 1, 1] as [string, number, number])),
          ];
      header(ws, top, headerRows);
      rows.forEach(({ learner, kq }, i) => {
        ws.getRow(top + hr + i).values = [
          i + 1,
          learner.hocVien.maHocVien,
          learner.hocVien.hoTen,
          learner.hocVien.ngaySinh.split("-").reverse().join("/"),
          ...groups.flatMap((g) => g.values(i)),
          kq.giaoVien,
          part === "hk1" ? null : kq.nhanXet,
        ];
      });
      ws.getCell(top + hr + rows.length + 2, 3).value = "Người lập biểu";
    }
  });

  // Year summary and the GVCN's comments.
  const tk = wb.addWorksheet("Tổng kết");
  const tkTop = lines(tk, [`TỔNG HỢP KẾT QUẢ CUỐI NĂM - ${title}`]);
  header(tk, tkTop, [
    [
      ["STT", 1, 2],
      ["Mã học sinh", 1, 2],
      ["Họ và tên", 1, 2],
      ["Học kỳ I", 2, 1],
      ["Học kỳ II", 2, 1],
      ["Cả năm", 2, 1],
      ["Số buổi nghỉ", 1, 2],
      ["Kết quả xét", 1, 2],
      ["Sau kiểm tra lại, rèn luyện hè", 3, 1],
      ["Danh hiệu", 1, 2],
      ["Nhận xét của GVCN", 1, 2],
    ],
    [
      ["Học tập", 1, 1],
      ["Rèn luyện", 1, 1],
      ["Học tập", 1, 1],
      ["Rèn luyện", 1, 1],
      ["Học tập", 1, 1],
      ["Rèn luyện", 1, 1],
      ["Học tập", 1, 1],
      ["Rèn luyện", 1, 1],
      ["Kết quả", 1, 1],
    ],
  ]);
  gb.learners.forEach((l, i) => {
    tk.getRow(tkTop + 2 + i).values = [
      i + 1,
      l.hocVien.maHocVien,
      l.hocVien.hoTen,
      fmtMuc(l.hocTap.hk1),
      fmtMuc(l.renLuyen.hk1),
      fmtMuc(l.hocTap.hk2),
      fmtMuc(l.renLuyen.hk2),
      fmtMuc(l.hocTap.cn),
      fmtMuc(l.renLuyen.cn),
      l.soBuoiNghi,
      fmtDecision(l.ketQuaXet),
      fmtMuc(l.hocTap.sauKiemTraLai),
      fmtMuc(l.renLuyen.sauRenLuyenHe),
      fmtDecision(l.ketQuaXetLai),
      fmtAward(l.danhHieu, gb),
      l.nhanXetGVCN,
    ];
  });

  if (options.hiddenJunk) {
    const junk = wb.addWorksheet("Nháp");
    junk.state = "hidden";
    junk.getRow(1).values = ["STT", "Họ và tên", "TX1", "GK", "CK"];
    junk.getRow(2).values = [1, "Học sinh không có thật", 1, 1, 1];
  }
  return wb;
}

/**
 * The year summary teachers export ("Tổng hợp kết quả cuối năm"): one row per learner, each
 * subject's HK I / HK II / CN results under the subject's name, then học tập, rèn luyện, absences,
 * decision and award; no information table (the school, class and year are in the title lines).
 */
export function summaryWorkbook(gb: Gradebook): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("Tổng hợp");
  const top = lines(ws, [
    gb.school.tenTruong,
    `TỔNG HỢP KẾT QUẢ CUỐI NĂM - LỚP ${gb.lop} - NĂM HỌC ${gb.namHoc}`,
    `GVCN: ${gb.gvcn}`,
  ]);
  header(ws, top, [
    [
      ["STT", 1, 2],
      ["Họ và tên", 1, 2],
      ["Ngày sinh", 1, 2],
      ...gb.subjects.map((s) => [s.ten, 3, 1] as [string, number, number]),
      ["Học tập", 3, 1],
      ["Rèn luyện", 3, 1],
      ["Số buổi nghỉ", 1, 2],
      ["Danh hiệu", 1, 2],
      ["Kết quả xét", 1, 2],
    ],
    [
      ...gb.subjects.flatMap(() => ["HK I", "HK II", "CN"].map((r) => [r, 1, 1] as [string, number, number])),
      ["HK I", 1, 1],
      ["HK II", 1, 1],
      ["CN", 1, 1],
      ["HK I", 1, 1],
      ["HK II", 1, 1],
      ["CN", 1, 1],
    ],
  ]);
  const shown = (k: { tbm: number | null; mucDanhGia: string | null }) =>
    k.tbm !== null ? fmtAverage(k.tbm) : (k.mucDanhGia ?? null);
  gb.learners.forEach((l, i) => {
    ws.getRow(top + 2 + i).values = [
      i + 1,
      l.hocVien.hoTen,
      l.hocVien.ngaySinh.split("-").reverse().join("/"),
      ...gb.subjects.flatMap((s) => {
        const k = l.ketQua.find((x) => x.maMon === s.ma);
        return k ? [shown(k.hk1), shown(k.hk2), shown(k.cn)] : [null, null, null];
      }),
      fmtMuc(l.hocTap.hk1),
      fmtMuc(l.hocTap.hk2),
      fmtMuc(l.hocTap.cn),
      fmtMuc(l.renLuyen.hk1),
      fmtMuc(l.renLuyen.hk2),
      fmtMuc(l.renLuyen.cn),
      l.soBuoiNghi,
      fmtAward(l.danhHieu, gb),
      fmtDecision(l.ketQuaXet),
    ];
  });
  return wb;
}

/** One sheet of a class workbook as a workbook of its own (the learner list, the class information). */
export function sheetWorkbook(gb: Gradebook, name: "Danh sách học sinh" | "Thông tin lớp"): ExcelJS.Workbook {
  const full = classWorkbook(gb, { numbers: "text" });
  for (const ws of [...full.worksheets]) if (ws.name !== name) full.removeWorksheet(ws.id);
  return full;
}

/** The workbook as the CLI and the extension read it: bytes, loaded again with exceljs. */
export async function workbookBytes(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function readWorkbook(bytes: Buffer, fileUrl = "file:///tmp/lop.xlsx"): Promise<PortalPage[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbookPages(wb.worksheets, fileUrl);
}

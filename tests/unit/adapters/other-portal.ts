import type { Gradebook, Learner } from "../../../shared/model/gradebook.ts";
import {
  esc,
  fmtAverage,
  fmtDate,
  fmtDateTime,
  fmtDecision,
  fmtDiem,
  fmtMuc,
} from "../../portal-sim/portal-format.ts";
import { loadFixture } from "./portal-client.ts";

/**
 * A third, made-up portal whose wording no adapter knows ("Kỳ thứ nhất", "Miệng 1", "Thi cuối kỳ",
 * "XL học tập HKI", "Ý kiến GVCN"...): the generic adapter reads it only with a header mapping.
 * Built from a small slice of the GDTX sample (3 learners with a re-test, a summer training and an
 * award; a scored and a comment subject).
 */

export function smallGradebook(): Gradebook {
  const gb = loadFixture("gradebook-gdtx-10.json");
  const keep = new Set(["NV", "TO", "HDTNHN"]);
  const learners: Learner[] = [0, 22, 37].map((i) => {
    const l = gb.learners[i] as Learner;
    return { ...l, ketQua: l.ketQua.filter((k) => keep.has(k.maMon)) };
  });
  return { ...gb, subjects: gb.subjects.filter((s) => keep.has(s.ma)), learners };
}

export const OTHER_MAPPING_JSON = `{
  "version": 1,
  "description": "Cổng XYZ của Sở (thử nghiệm)",
  "groups": { "hk1": ["KỲ THỨ NHẤT"], "hk2": ["Ky\u0300 thu\u031b\u0301 hai"], "cn": ["Tổng kết năm"], "lai": ["Sau thi lại"] },
  "columns": {
    "maHocVien": ["Mã số"],
    "ngaySinh": ["Sinh ngày"],
    "tx": ["Miệng {n}"],
    "gk": ["Thi giữa kỳ"],
    "ck": ["Thi cuối kỳ"],
    "tbm": ["Điểm TK"],
    "mucDanhGia": ["Xếp mức"],
    "giaoVien": ["Người dạy"],
    "nhanXet": ["Lời nhận xét"],
    "hocTap": ["XL học tập"],
    "renLuyen": ["XL rèn luyện"],
    "soBuoiNghi": ["Nghỉ (buổi)"],
    "ketQuaXet": ["Xét duyệt"],
    "ketQuaXetLai": ["Xét duyệt lại"],
    "nhanXetGVCN": ["Ý kiến GVCN"],
    "maMon": ["Ký hiệu"],
    "hinhThuc": ["Kiểu"],
    "soTietNam": ["Tiết/năm"]
  },
  "info": { "maSo": ["Mã SGD"], "tenTruong": ["Cơ sở"], "maTruong": ["Mã CS"] }
}`;

export interface SavedPage {
  name: string;
  url: string;
  html: string;
}

const layout = (title: string, body: string) =>
  `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>${esc(title)} – Cổng XYZ</title></head><body><main>${body}</main></body></html>`;
const BASE = "https://xyz.example.edu.vn";

export function otherPortalPages(gb: Gradebook): SavedPage[] {
  const pages: SavedPage[] = [];
  const nameCells = (l: Learner) => {
    const parts = l.hocVien.hoTen.split(" ");
    const ten = parts.pop() ?? "";
    return `<td>${esc(l.hocVien.maHocVien)}</td><td>${esc(parts.join(" "))}</td><td>${esc(ten)}</td><td>${fmtDate(l.hocVien.ngaySinh)}</td>`;
  };
  const idHeaders = `<th>Mã số</th><th>Họ đệm</th><th>Tên</th><th>Sinh ngày</th>`;

  const info = [
    ["Mã SGD", gb.school.maSo],
    ["Cơ sở", gb.school.tenTruong],
    ["Mã CS", gb.school.maTruong],
    ["Cấp học", gb.school.capHoc === "05" ? "GDTX" : "THPT"],
    ["Địa danh", gb.school.diaDanh],
    ["Năm học", gb.namHoc],
    ["Khối", gb.khoi],
    ["Lớp", gb.lop],
    ["Giáo viên chủ nhiệm", gb.gvcn],
    ["Thủ trưởng", gb.thuTruong.hoTen],
    ["Chức vụ", gb.thuTruong.chucVu],
    ["Quy chế", gb.profile],
    ["Ngày lập", fmtDateTime(gb.thoiGianLap ?? "")],
  ];
  const subjects = gb.subjects
    .map(
      (s) =>
        `<tr><td>${esc(s.ma)}</td><td>${esc(s.ten)}</td><td>${s.hinhThuc === "DiemSo" ? "Điểm số" : "Nhận xét"}</td><td>${s.soTietNam}</td>` +
        `<td><a href="/diem/${esc(s.ma)}">Xem</a></td></tr>`,
    )
    .join("");
  const learners = gb.learners
    .map(
      (l, i) =>
        `<tr><td><a href="/hoso/${i + 1}">${i + 1}</a></td>${nameCells(l)}<td>${esc(l.hocVien.gioiTinh)}</td></tr>`,
    )
    .join("");
  pages.push({
    name: "lop.html",
    url: `${BASE}/lop/1`,
    html: layout(
      `Lớp ${gb.lop}`,
      `<dl>${info.map(([k, v]) => `<dt>${esc(k ?? "")}</dt><dd>${esc(v ?? "")}</dd>`).join("")}</dl>
<h2>Môn học của lớp</h2><table><tr><th>Ký hiệu</th><th>Tên môn</th><th>Kiểu</th><th>Tiết/năm</th><th></th></tr>${subjects}</table>
<h2>Danh sách học viên</h2><table><tr><th>TT</th>${idHeaders}<th>Giới tính</th></tr>${learners}</table>
<p><a href="/tongket/1">Tổng kết</a> · <a href="/nhanxet/1">Ý kiến GVCN (nhận xét GVCN)</a></p>`,
    ),
  });

  gb.subjects.forEach((s, si) => {
    const tx = (g: "hk1" | "hk2") =>
      Math.max(...gb.learners.map((l) => l.ketQua.find((k) => k.maMon === s.ma)?.[g].tx.length ?? 0));
    const result = s.hinhThuc === "DiemSo" ? "Điểm TK" : "Xếp mức";
    const sem = (g: "hk1" | "hk2", label: string) => `<th colspan="${tx(g) + 3}">${label}</th>`;
    const leaves = (g: "hk1" | "hk2") =>
      Array.from({ length: tx(g) }, (_, i) => `<th>Miệng ${i + 1}</th>`).join("") +
      `<th>Thi giữa kỳ</th><th>Thi cuối kỳ</th><th>${result}</th>`;
    const hasLai = gb.learners.some((l) => l.ketQua.find((k) => k.maMon === s.ma)?.ktLai);
    const rows = gb.learners
      .map((l) => {
        const k = l.ketQua.find((x) => x.maMon === s.ma);
        if (!k) return "";
        const semCells = (g: "hk1" | "hk2") =>
          Array.from({ length: tx(g) }, (_, i) => `<td>${fmtDiem(k[g].tx[i] ?? null)}</td>`).join("") +
          `<td>${fmtDiem(k[g].gk)}</td><td>${fmtDiem(k[g].ck)}</td><td>${s.hinhThuc === "DiemSo" ? fmtAverage(k[g].tbm) : fmtMuc(k[g].mucDanhGia)}</td>`;
        const cn = s.hinhThuc === "DiemSo" ? fmtAverage(k.cn.tbm) : fmtMuc(k.cn.mucDanhGia);
        const lai = hasLai
          ? `<td>${s.hinhThuc === "DiemSo" ? fmtAverage(k.ktLai?.tbm ?? null) : fmtMuc(k.ktLai?.mucDanhGia ?? null)}</td>`
          : "";
        return `<tr>${nameCells(l)}${semCells("hk1")}${semCells("hk2")}<td>${cn}</td>${lai}<td>${esc(k.giaoVien)}</td><td>${esc(k.nhanXet)}</td></tr>`;
      })
      .join("");
    pages.push({
      name: `mon-${si + 1}.html`,
      url: `${BASE}/diem/${s.ma}`,
      html: layout(
        `Bảng điểm ${s.ten}`,
        `<h1>Bảng điểm môn ${esc(s.ten)}</h1><table><thead>
<tr>${idHeaders.replace(/<th>/g, '<th rowspan="2">')}${sem("hk1", "KỲ THỨ NHẤT")}${sem("hk2", "Ky\u0300 thu\u031b\u0301 hai")}<th rowspan="2">Tổng kết năm</th>${
          hasLai ? `<th rowspan="2">Sau thi lại</th>` : ""
        }<th rowspan="2">Người dạy</th><th rowspan="2">Lời nhận xét</th></tr>
<tr>${leaves("hk1")}${leaves("hk2")}</tr></thead><tbody>${rows}</tbody></table>`,
      ),
    });
  });

  const award = (l: Learner) => (l.danhHieu === "XuatSac" ? "Xuất sắc" : l.danhHieu === "Gioi" ? "Giỏi" : "");
  const tk = gb.learners
    .map(
      (l) =>
        `<tr>${nameCells(l)}${[
          l.hocTap.hk1,
          l.hocTap.hk2,
          l.hocTap.cn,
          l.renLuyen.hk1,
          l.renLuyen.hk2,
          l.renLuyen.cn,
        ]
          .map((m) => `<td>${fmtMuc(m)}</td>`)
          .join(
            "",
          )}<td>${l.soBuoiNghi ?? ""}</td><td>${fmtDecision(l.ketQuaXet)}</td><td>${fmtMuc(l.hocTap.sauKiemTraLai)}</td><td>${fmtMuc(
          l.renLuyen.sauRenLuyenHe,
        )}</td><td>${fmtDecision(l.ketQuaXetLai)}</td><td>${award(l)}</td></tr>`,
    )
    .join("");
  pages.push({
    name: "tongket.html",
    url: `${BASE}/tongket/1`,
    html: layout(
      "Tổng kết",
      `<table><tr>${idHeaders}<th>XL học tập HKI</th><th>XL học tập HKII</th><th>XL học tập cả năm</th><th>XL rèn luyện HKI</th><th>XL rèn luyện HKII</th><th>XL rèn luyện cả năm</th>
<th>Nghỉ (buổi)</th><th>Xét duyệt</th><th>XL học tập sau thi lại</th><th>XL rèn luyện sau thi lại</th><th>Xét duyệt lại</th><th>Khen thưởng</th></tr>${tk}</table>`,
    ),
  });

  pages.push({
    name: "nhanxet.html",
    url: `${BASE}/nhanxet/1`,
    html: layout(
      "Ý kiến GVCN",
      `<table><tr>${idHeaders}<th>Ý kiến GVCN</th></tr>${gb.learners.map((l) => `<tr>${nameCells(l)}<td>${esc(l.nhanXetGVCN)}</td></tr>`).join("")}</table>`,
    ),
  });

  gb.learners.forEach((l, i) => {
    const hv = l.hocVien;
    const fields: [string, string][] = [
      ["Mã số", hv.maHocVien],
      ["Số định danh cá nhân", hv.soDinhDanh],
      ["Họ và tên", hv.hoTen],
      ["Ngày sinh", fmtDate(hv.ngaySinh)],
      ["Giới tính", hv.gioiTinh],
      ["Dân tộc", hv.danToc],
      ["Quốc tịch", hv.quocTich],
      ["Nơi sinh", hv.noiSinh],
      ["Nơi ở", hv.noiO],
      ["Họ tên cha", hv.hoTenCha],
      ["Họ tên mẹ", hv.hoTenMe],
      ["Người giám hộ", hv.hoTenNguoiGiamHo],
      ["Đối tượng chính sách", hv.doiTuongChinhSach],
    ];
    if (l.banGhi) {
      fields.push(
        ["ID bản ghi", l.banGhi.idBanGhi],
        ["Sự kiện", l.banGhi.suKien],
        ["Phiên bản", String(l.banGhi.phienBan)],
      );
    }
    pages.push({
      name: `hoso-${i + 1}.html`,
      url: `${BASE}/hoso/${i + 1}`,
      html: layout(
        `Hồ sơ ${hv.hoTen}`,
        `<dl>${fields.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join("")}</dl>`,
      ),
    });
  });
  return pages;
}

import type { Learner, Subject } from "../../shared/model/gradebook.ts";
import {
  esc,
  escLines,
  fmtAverage,
  fmtAward,
  fmtCapHoc,
  fmtDate,
  fmtDateTime,
  fmtDecision,
  fmtDiem,
  fmtHinhThuc,
  fmtMuc,
  fmtProfile,
  learnerWord,
} from "./portal-format.ts";
import { learnerId, soDiemPlan, subjectRows, type PortalClass } from "./portal-data.ts";
import { quaTrinhText, trangThaiText } from "./movement-text.ts";

/**
 * SMAS-style pages (Viettel "quản lý điểm và học bạ điện tử" look): server-rendered tables with
 * Vietnamese headers, merged header cells over three rows, hidden technical columns, spacer rows,
 * and some text sent decomposed (NFD) as older builds do.
 */

const nfd = (s: string) => s.normalize("NFD");

export function smasLayout(title: string, user: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>${esc(title)} - SMAS</title>
<style>
body{font-family:Arial,sans-serif;font-size:13px;margin:0}
#header{background:#c8102e;color:#fff;padding:8px 16px}
#menu{float:left;width:190px;padding:8px}
#content{margin-left:210px;padding:8px 16px}
table.t-grid,table.form-info{border-collapse:collapse;margin:8px 0}
.t-grid th,.t-grid td,.form-info th,.form-info td{border:1px solid #bbb;padding:3px 6px}
.t-grid th{background:#f0f0f0}
.form-info th{text-align:left;background:#fafafa;font-weight:normal}
</style></head>
<body class="smas">
<div id="header"><span class="brand">SMAS – Hệ thống quản lý nhà trường</span>
 <span class="user-info">Xin chào: ${esc(user)} | <a href="/logout">Đăng xuất</a></span></div>
<div id="menu"><ul>
 <li><a href="/smas/Lop/DanhSach">5.1 Danh sách lớp</a></li>
</ul></div>
<div id="content">
<h2 class="page-title">${esc(title)}</h2>
${body}
</div>
<div id="footer" style="display:none">SMAS v3.2 build 2025.08</div>
</body></html>`;
}

export function smasLoginPage(returnUrl: string, error: string): string {
  return `<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Đăng nhập - SMAS</title></head>
<body class="smas login">
<h2>Đăng nhập hệ thống SMAS</h2>
${error ? `<p class="error" style="color:#c00">${esc(error)}</p>` : ""}
<form method="post" action="/smas/Account/Login" id="loginForm">
 <input type="hidden" name="ReturnUrl" value="${esc(returnUrl)}">
 <p><label for="UserName">Tên đăng nhập</label> <input id="UserName" name="username" autocomplete="username"></p>
 <p><label for="Password">Mật khẩu</label> <input id="Password" name="password" type="password" autocomplete="current-password"></p>
 <p><button type="submit">Đăng nhập</button></p>
</form>
</body></html>`;
}

export function smasClassList(classes: readonly PortalClass[]): string {
  const rows = classes
    .map((c, i) => {
      const gb = c.gradebook;
      return `<tr><td>${i + 1}</td><td>${esc(gb.namHoc)}</td><td>${esc(gb.school.tenTruong)}</td><td>${esc(gb.khoi)}</td>
<td><a href="/smas/Lop/ChiTiet?lopId=${c.id}">${esc(gb.lop)}</a></td><td>${esc(gb.gvcn)}</td><td>${gb.learners.length}</td></tr>`;
    })
    .join("\n");
  return `<table class="t-grid" id="gridLop"><thead><tr><th>STT</th><th>Năm học</th><th>Đơn vị</th><th>Khối</th><th>Lớp</th><th>GVCN</th><th>Sĩ số</th></tr></thead>
<tbody>${rows}</tbody></table>`;
}

function classInfo(cls: PortalClass): string {
  const gb = cls.gradebook;
  const school = gb.school.capHoc === "05" ? "Trung tâm" : "Trường";
  const cell = (label: string, value: string) => `<th>${esc(label)}</th><td>${esc(value)}</td>`;
  return `<table class="form-info" id="thongTinLop">
<tr>${cell("Mã Sở GD&ĐT", gb.school.maSo)}${cell(school, gb.school.tenTruong)}</tr>
<tr>${cell("Mã trường", gb.school.maTruong)}${cell("Cấp học", fmtCapHoc(gb.school.capHoc))}</tr>
<tr>${cell("Năm học", gb.namHoc)}${cell("Khối", gb.khoi)}</tr>
<tr>${cell("Lớp", gb.lop)}${cell("Giáo viên chủ nhiệm", gb.gvcn)}</tr>
<tr>${cell("Thủ trưởng đơn vị", gb.thuTruong.hoTen)}${cell("Chức vụ", gb.thuTruong.chucVu)}</tr>
<tr>${cell("Địa danh", gb.school.diaDanh)}${cell("Quy chế đánh giá", fmtProfile(gb.profile))}</tr>
${gb.thoiGianLap !== undefined ? `<tr>${cell("Thời gian lập học bạ", fmtDateTime(gb.thoiGianLap))}<th>Sĩ số</th><td>${gb.learners.length}</td></tr>` : ""}
</table>`;
}

/** Class page: information, subject list with links to each sổ điểm, learner list with links to profiles. */
export function smasClassPage(cls: PortalClass): string {
  const gb = cls.gradebook;
  const word = learnerWord(gb);
  const subjects = gb.subjects
    .map(
      (
        s,
        i,
      ) => `<tr><td>${i + 1}</td><td>${esc(s.ma)}</td><td>${esc(s.ten)}</td><td>${esc(fmtHinhThuc(s))}</td><td>${s.soTietNam}</td>
<td><a href="/smas/SoDiem/Index?lopId=${cls.id}&amp;monId=${encodeURIComponent(s.ma)}">Xem sổ điểm</a></td></tr>`,
    )
    .join("\n");
  const learners = gb.learners
    .map(
      (
        l,
        i,
      ) => `<tr><td>${i + 1}</td><td style="display:none">${learnerId(cls, i)}</td><td>${esc(l.hocVien.maHocVien)}</td>
<td><a href="/smas/HoSo/ChiTiet?lopId=${cls.id}&amp;hocSinhId=${learnerId(cls, i)}">${esc(l.hocVien.hoTen)}</a></td>
<td>${fmtDate(l.hocVien.ngaySinh)}</td><td>${esc(l.hocVien.gioiTinh)}</td><td class="hidden">${trangThaiText(l)}</td></tr>`,
    )
    .join("\n");
  return `<div class="breadcrumb">Lớp ${esc(gb.lop)} / ${esc(gb.namHoc)}</div>
<h3 class="title">Thông tin lớp</h3>
${classInfo(cls)}
<ul class="nav-links">
 <li><a href="/smas/TongKet/Index?lopId=${cls.id}">Tổng kết cuối năm</a></li>
 <li><a href="/smas/NhanXet/GVCN?lopId=${cls.id}">5.3.3 Nhận xét in học bạ của GVCN</a></li>
</ul>
<h3 class="title">Danh sách môn học</h3>
<table class="t-grid" id="gridMonHoc"><thead><tr><th>STT</th><th>Mã môn</th><th>Tên môn học</th><th>Hình thức đánh giá</th><th>Số tiết/năm</th><th>Sổ điểm</th></tr></thead>
<tbody>${subjects}</tbody></table>
<h3 class="title">Danh sách ${word}</h3>
<table class="t-grid" id="gridHocSinh"><thead><tr><th>STT</th><th style="display:none">HocSinhID</th><th>Mã ${word}</th><th>Họ và tên</th><th>Ngày sinh</th><th>Giới tính</th><th class="hidden">Trạng thái</th></tr></thead>
<tbody>${learners}</tbody></table>`;
}

const spacer = (width: number) => `<tr class="t-spacer"><td colspan="${width}">&nbsp;</td></tr>`;

/** A column a test can drop from a sổ điểm page, as a portal update or a broken page would. */
export type SoDiemColumn = "ĐĐGgk" | "ĐĐGck";

/**
 * Sổ điểm of one subject: "Học kỳ I" over "ĐĐGtx" over "1 2 3 4", GK, CK, ĐTBmhk, and a hidden stale
 * CK column. `drop` (test-only) leaves one column out of both semesters.
 */
export function smasSoDiemPage(cls: PortalClass, subject: Subject, drop?: SoDiemColumn): string {
  const gb = cls.gradebook;
  const plan = soDiemPlan(gb, subject);
  const gk = drop !== "ĐĐGgk";
  const ck = drop !== "ĐĐGck";
  const periodic = (gk ? 1 : 0) + (ck ? 1 : 0);
  const word = learnerWord(gb);
  const semHeader = (g: "hk1" | "hk2") => {
    const n = plan.tx[g];
    const width = n + periodic + 1 + (plan.tbm[g] ? 1 : 0) + (plan.muc[g] ? 1 : 0);
    return `<th colspan="${width}">${nfd(g === "hk1" ? "Học kỳ I" : "Học kỳ II")}</th>`;
  };
  const semSub = (g: "hk1" | "hk2") =>
    `${plan.tx[g] > 0 ? `<th colspan="${plan.tx[g]}">ĐĐGtx</th>` : ""}${gk ? `<th rowspan="2">ĐĐGgk</th>` : ""}<th rowspan="2" style="display:none">CK</th>${ck ? `<th rowspan="2">ĐĐGck</th>` : ""}` +
    `${plan.tbm[g] ? `<th rowspan="2">ĐTBmhk</th>` : ""}${plan.muc[g] ? `<th rowspan="2">Mức đánh giá</th>` : ""}`;
  const semNums = (g: "hk1" | "hk2") =>
    Array.from({ length: plan.tx[g] }, (_, i) => `<th>${i + 1}</th>`).join("");
  const cnBoth = plan.tbm.cn && plan.muc.cn;
  const cnHeader = cnBoth ? `<th colspan="2" rowspan="2">Cả năm</th>` : `<th rowspan="3">Cả năm</th>`;
  const cnLeaves = cnBoth ? `<th>TBm</th><th>Mức đánh giá</th>` : "";
  const laiWidth = (plan.tbm.lai ? 1 : 0) + (plan.muc.lai ? 1 : 0);
  const laiHeader = plan.lai ? `<th colspan="${laiWidth}" rowspan="2">Kiểm tra lại</th>` : "";
  const laiLeaves = plan.lai
    ? `${plan.tbm.lai ? "<th>TBm</th>" : ""}${plan.muc.lai ? "<th>Mức đánh giá</th>" : ""}`
    : "";

  const rows = subjectRows(gb, subject);
  const width =
    5 +
    plan.tx.hk1 +
    plan.tx.hk2 +
    2 * (periodic + 1) +
    [plan.tbm.hk1, plan.muc.hk1, plan.tbm.hk2, plan.muc.hk2].filter(Boolean).length +
    (cnBoth ? 2 : 1) +
    laiWidth +
    2;
  const body = rows
    .map(({ learner, index, kq }, i) => {
      const sem = (g: "hk1" | "hk2") => {
        const s = kq[g];
        const tx = Array.from(
          { length: plan.tx[g] },
          (_, j) => `<td class="diem">${fmtDiem(s.tx[j] ?? null)}</td>`,
        ).join("");
        return (
          tx +
          (gk ? `<td>${fmtDiem(s.gk)}</td>` : "") +
          `<td style="display:none">x</td>` +
          (ck ? `<td>${fmtDiem(s.ck)}</td>` : "") +
          (plan.tbm[g] ? `<td class="tbm">${fmtAverage(s.tbm)}</td>` : "") +
          (plan.muc[g] ? `<td>${fmtMuc(s.mucDanhGia)}</td>` : "")
        );
      };
      const cn = cnBoth
        ? `<td>${fmtAverage(kq.cn.tbm)}</td><td>${fmtMuc(kq.cn.mucDanhGia)}</td>`
        : `<td class="tbm">${plan.tbm.cn ? fmtAverage(kq.cn.tbm) : fmtMuc(kq.cn.mucDanhGia)}</td>`;
      const lai = plan.lai
        ? (plan.tbm.lai ? `<td>${fmtAverage(kq.ktLai?.tbm ?? null)}</td>` : "") +
          (plan.muc.lai ? `<td>${fmtMuc(kq.ktLai?.mucDanhGia ?? null)}</td>` : "")
        : "";
      const row = `<tr><td>${i + 1}</td><td style="display:none">${learnerId(cls, index)}</td><td>${esc(learner.hocVien.maHocVien)}</td>
<td>${esc(learner.hocVien.hoTen)}</td><td>${fmtDate(learner.hocVien.ngaySinh)}</td>${sem("hk1")}${sem("hk2")}${cn}${lai}
<td>${esc(kq.giaoVien)}</td><td>${escLines(kq.nhanXet)}</td></tr>`;
      return (i > 0 && i % 10 === 0 ? spacer(width) + "\n" : "") + row;
    })
    .join("\n");
  return `<div class="breadcrumb">Lớp ${esc(gb.lop)} / Sổ điểm</div>
<div class="filter"><span class="label">Môn học:</span> <b>${esc(subject.ten)}</b> <span class="label">Lớp:</span> <b>${esc(gb.lop)}</b></div>
<table class="t-grid" id="gridSoDiem">
<caption>Sổ điểm môn ${esc(subject.ten)}</caption>
<thead>
<tr><th rowspan="3">STT</th><th rowspan="3" style="display:none">HocSinhID</th><th rowspan="3">Mã ${word}</th><th rowspan="3">Họ và tên</th><th rowspan="3">Ngày sinh</th>
${semHeader("hk1")}${semHeader("hk2")}${cnHeader}${laiHeader}<th rowspan="3">Giáo viên bộ môn</th><th rowspan="3">Nhận xét</th></tr>
<tr>${semSub("hk1")}${semSub("hk2")}</tr>
<tr>${semNums("hk1")}${semNums("hk2")}${cnLeaves}${laiLeaves}</tr>
</thead>
<tbody>
${body}
</tbody>
<tfoot><tr><td colspan="${width}">Tổng số: ${rows.length} ${word}</td></tr></tfoot>
</table>`;
}

/** Tổng kết: per-subject yearly averages, then học tập / rèn luyện per semester and year, absences, decisions, awards. */
export function smasTongKetPage(cls: PortalClass): string {
  const gb = cls.gradebook;
  const word = learnerWord(gb);
  const subjects = gb.subjects;
  const avg = (l: Learner, s: Subject) => {
    const kq = l.ketQua.find((k) => k.maMon === s.ma);
    if (!kq) return "";
    return s.hinhThuc === "DiemSo" ? fmtAverage(kq.cn.tbm) : fmtMuc(kq.cn.mucDanhGia);
  };
  const body = gb.learners
    .map(
      (
        l,
        i,
      ) => `<tr><td>${i + 1}</td><td>${esc(l.hocVien.maHocVien)}</td><td>${esc(nfd(l.hocVien.hoTen))}</td>
${subjects.map((s) => `<td>${avg(l, s)}</td>`).join("")}
<td>${fmtMuc(l.hocTap.hk1)}</td><td>${fmtMuc(l.renLuyen.hk1)}</td><td>${fmtMuc(l.hocTap.hk2)}</td><td>${fmtMuc(l.renLuyen.hk2)}</td>
<td>${fmtMuc(l.hocTap.cn)}</td><td>${fmtMuc(l.renLuyen.cn)}</td><td>${l.soBuoiNghi ?? ""}</td><td>${fmtDecision(l.ketQuaXet)}</td>
<td>${fmtMuc(l.hocTap.sauKiemTraLai)}</td><td>${fmtMuc(l.renLuyen.sauRenLuyenHe)}</td><td>${fmtDecision(l.ketQuaXetLai)}</td>
<td>${esc(fmtAward(l.danhHieu, gb))}</td></tr>`,
    )
    .join("\n");
  return `<div class="breadcrumb">Lớp ${esc(gb.lop)} / Tổng kết</div>
<h3 class="title">Tổng kết cuối năm lớp ${esc(gb.lop)}</h3>
<table class="t-grid" id="gridTongKet">
<thead>
<tr><th rowspan="2">STT</th><th rowspan="2">Mã ${word}</th><th rowspan="2">Họ và tên</th>
<th colspan="${subjects.length}">Điểm trung bình môn cả năm</th>
<th colspan="2">${nfd("Học kỳ I")}</th><th colspan="2">${nfd("Học kỳ II")}</th><th colspan="4">Cả năm</th>
<th colspan="3">Sau kiểm tra lại, rèn luyện hè</th><th rowspan="2">Danh hiệu</th></tr>
<tr>${subjects.map((s) => `<th title="${esc(s.ten)}">${esc(s.ten)}</th>`).join("")}
<th>Học tập</th><th>Rèn luyện</th><th>Học tập</th><th>Rèn luyện</th><th>Học tập</th><th>Rèn luyện</th><th>Số buổi nghỉ</th><th>Kết quả xét</th>
<th>Học tập</th><th>Rèn luyện</th><th>Kết quả xét lại</th></tr>
</thead>
<tbody>
${body}
</tbody></table>`;
}

/** One learner's profile (hồ sơ): every HocVien field as label / value pairs. */
export function smasHoSoPage(cls: PortalClass, index: number): string {
  const gb = cls.gradebook;
  const l = gb.learners[index];
  if (!l) return "";
  const hv = l.hocVien;
  const word = learnerWord(gb);
  const cell = (label: string, value: string) => `<th>${esc(label)}</th><td>${esc(value)}</td>`;
  const banGhi = l.banGhi
    ? `<tr>${cell("ID bản ghi", l.banGhi.idBanGhi)}${cell("Sự kiện", l.banGhi.suKien)}</tr>
<tr>${cell("Phiên bản", String(l.banGhi.phienBan))}<th></th><td></td></tr>`
    : "";
  // Departure, arrival and the learning history: the simulator's own wording (movement-text.ts).
  const r = l.roiTruong;
  const movement = [
    `<tr>${cell("Trạng thái", trangThaiText(l))}${r ? cell("Ngày chuyển đi / thôi học", fmtDate(r.ngay)) : "<th></th><td></td>"}</tr>`,
    r
      ? `<tr>${cell("Số học kỳ hoàn thành", String(r.hocKyHoanThanh))}${cell("Nơi chuyển đến", r.truongChuyenDen ?? "")}</tr>`
      : "",
    l.chuyenDen
      ? `<tr>${cell("Chuyển từ trường", l.chuyenDen.truongCu)}${cell("Ngày chuyển đến", fmtDate(l.chuyenDen.ngay))}</tr>`
      : "",
    l.quaTrinhHocTap?.length
      ? `<tr><th>Quá trình học tập</th><td colspan="3">${esc(quaTrinhText(l))}</td></tr>`
      : "",
  ].join("");
  return `<div class="breadcrumb">Lớp ${esc(gb.lop)} / Hồ sơ ${word}</div>
<h3 class="title">Hồ sơ ${word}: ${esc(hv.hoTen)}</h3>
<table class="form-info" id="hoSoHocSinh">
<tr>${cell(`Mã ${word}`, hv.maHocVien)}${cell("Số định danh cá nhân", hv.soDinhDanh)}</tr>
<tr>${cell("Họ và tên", hv.hoTen)}${cell("Ngày sinh", fmtDate(hv.ngaySinh))}</tr>
<tr>${cell("Giới tính", hv.gioiTinh)}${cell("Dân tộc", hv.danToc)}</tr>
<tr>${cell("Quốc tịch", hv.quocTich)}${cell("Nơi sinh", hv.noiSinh)}</tr>
<tr>${cell("Chỗ ở hiện nay", hv.noiO)}${cell("Đối tượng chính sách", hv.doiTuongChinhSach)}</tr>
<tr>${cell("Họ và tên cha", hv.hoTenCha)}${cell("Họ và tên mẹ", hv.hoTenMe)}</tr>
<tr>${cell("Họ và tên người giám hộ", hv.hoTenNguoiGiamHo)}<th></th><td></td></tr>
${banGhi}
${movement}
</table>
<p><a href="/smas/Lop/ChiTiet?lopId=${cls.id}">« Quay lại lớp</a></p>`;
}

export function smasNhanXetPage(cls: PortalClass): string {
  const gb = cls.gradebook;
  const word = learnerWord(gb);
  const body = gb.learners
    .map(
      (l, i) =>
        `<tr><td>${i + 1}</td><td>${esc(l.hocVien.maHocVien)}</td><td>${esc(l.hocVien.hoTen)}</td><td class="nhan-xet">${escLines(l.nhanXetGVCN)}</td></tr>`,
    )
    .join("\n");
  return `<div class="breadcrumb">Lớp ${esc(gb.lop)} / 5.3.3</div>
<h3 class="title">Nhận xét in học bạ của GVCN</h3>
<table class="t-grid" id="gridNhanXet"><thead><tr><th>STT</th><th>Mã ${word}</th><th>Họ và tên</th><th>Nhận xét của GVCN</th></tr></thead>
<tbody>
${body}
</tbody></table>`;
}

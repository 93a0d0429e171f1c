import type { Gradebook, Subject } from "../../shared/model/gradebook.ts";
import { learnerId, soDiemPlan, subjectRows, type PortalClass } from "./portal-data.ts";
import {
  esc,
  fmtAverage,
  fmtAward,
  fmtDate,
  fmtDecision,
  fmtDiem,
  fmtMuc,
  learnerWord,
} from "./portal-format.ts";

/**
 * vnEdu v5 teacher web (school sub-domain …vnedu.vn/v5/), as public third-party tools show it: an
 * ExtJS desktop whose page script holds the globals `my_token`, `phpviet_user` and
 * `phpviet_nam_hoc_v5`; windows are filled with HTML fragments loaded by a form POST to
 * `?load=edu.<module>.<view>`, and data comes as JSON from `?call=edu.<module>.<method>`. The sổ
 * điểm fragment ("SỔ ĐIỂM CHI TIẾT") keeps the class, subject and semester in hidden inputs, draws
 * a `table.tablefix` with two header rows, keys each row by the learner's code (`tr id`) and puts
 * every grade in an input (`input.input_diem`, `input_diem_tbm` in `td.tbhk_tt`, the comment in
 * `textarea.input_nhan_xet`) under `td[data-cot]`; the subject teacher is in `#gvbm`.
 *
 * Where the sources stop (the tổng kết fragment's columns, the JSON methods' names and fields),
 * the simulator's choices are its own: docs/portals.md says which.
 */

/** vnEdu's own id of a subject in a class (iMonHocId), distinct from the subject code. */
export function v5SubjectId(cls: PortalClass, subject: Subject): string {
  const i = cls.gradebook.subjects.findIndex((s) => s.ma === subject.ma);
  return `7${cls.id}${String(i + 1).padStart(2, "0")}`;
}

/** The school year's first calendar year, as vnEdu's `phpviet_nam_hoc_v5` and `app_nam_hoc` carry it. */
export function v5NamHoc(gb: Gradebook): string {
  return gb.namHoc.slice(0, 4);
}

const SEMESTER_LABEL = { 1: "Học kỳ I", 2: "Học kỳ II" } as const;

export function v5LoginPage(next: string, error: string): string {
  return `<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Đăng nhập hệ thống vnEdu</title></head>
<body class="sso">
<h2>Đăng nhập vnEdu</h2>
${error ? `<p class="error">${esc(error)}</p>` : ""}
<form method="post" action="/sso/?call=auth.login">
 <input type="hidden" name="next" value="${esc(next)}">
 <p><label>Tên đăng nhập <input name="txtUsername" autocomplete="username"></label></p>
 <p><label>Mật khẩu <input name="txtPassword" type="password" autocomplete="current-password"></label></p>
 <p><button type="submit">Đăng nhập</button></p>
</form></body></html>`;
}

/** The desktop shell: globals, a "Sổ điểm" shortcut and its window (class, subject, semester, Xem). */
export function v5Shell(
  classes: readonly PortalClass[],
  user: { id: number; name: string },
  token: string,
): string {
  const first = classes[0]?.gradebook;
  const subjects = Object.fromEntries(
    classes.map((c) => [c.id, c.gradebook.subjects.map((s) => ({ id: v5SubjectId(c, s), ten: s.ten }))]),
  );
  const classOptions = classes
    .map(
      (c) => `<option value="${c.id}" data-khoi="${esc(c.gradebook.khoi)}">${esc(c.gradebook.lop)}</option>`,
    )
    .join("");
  const globals = {
    my_token: token,
    phpviet_user: { id: user.id, site_id: Number(first?.school.maTruong ?? 0) },
    phpviet_nam_hoc_v5: Number(first ? v5NamHoc(first) : 0),
  };
  return `<!DOCTYPE html>
<html class="x-border-box x-viewport" lang="vi"><head><meta charset="utf-8">
<title>${esc(first?.school.tenTruong ?? "vnEdu")} - vnEdu</title>
<script type="text/javascript">
var my_token = ${JSON.stringify(globals.my_token)};
var phpviet_user = ${JSON.stringify(globals.phpviet_user)};
var phpviet_nam_hoc_v5 = ${globals.phpviet_nam_hoc_v5};
var V5_MON_HOC = ${JSON.stringify(subjects).replace(/</g, "\\u003c")};
</script>
<style>
body{font-family:Tahoma,Arial,sans-serif;font-size:12px;margin:0;background:#3d71b8}
.ux-desktop-shortcut{display:inline-block;width:90px;margin:12px;color:#fff;cursor:pointer;text-align:center}
.x-window{position:absolute;top:40px;left:130px;right:20px;background:#fff;border:1px solid #99bbe8}
.x-window-header{background:#cbddf3;padding:4px 8px;font-weight:bold}
.tablefix{border-collapse:collapse}.tablefix th,.tablefix td{border:1px solid #525354;padding:2px}
.input_diem,.input_diem_tbm{width:40px;text-align:center}
</style></head>
<body class="x-body x-reset x-container" role="application">
<div id="desktop" class="x-panel">
 <div class="ux-desktop-shortcut" id="Sổ điểm-shortcut" data-module="edu.so_diem.nhap"><span class="ux-desktop-shortcut-text">Sổ điểm</span></div>
 <div class="ux-desktop-shortcut" id="Tổng kết-shortcut"><span class="ux-desktop-shortcut-text">Tổng kết</span></div>
 <span class="x-user">${esc(user.name)}</span> <a href="/v5/?call=auth.logout" style="color:#fff">Thoát</a>
</div>
<div class="x-window" id="win-sodiem" style="display:none">
 <div class="x-window-header"><span class="x-window-header-text">Nhập điểm</span></div>
 <div class="x-toolbar">
  <label>Lớp <select id="cboLop">${classOptions}</select></label>
  <label>Môn <select id="cboMon"></select></label>
  <label>Học kỳ <select id="cboHocKy"><option value="1">Học kỳ I</option><option value="2">Học kỳ II</option></select></label>
  <button type="button" id="btnXem">Xem</button>
 </div>
 <div class="x-window-body" id="sodiem-body"></div>
</div>
<script type="text/javascript">
(function () {
  var win = document.getElementById("win-sodiem");
  var lop = document.getElementById("cboLop"), mon = document.getElementById("cboMon"), hk = document.getElementById("cboHocKy");
  function fillMon() {
    mon.innerHTML = "";
    (V5_MON_HOC[lop.value] || []).forEach(function (m) {
      var o = document.createElement("option"); o.value = m.id; o.textContent = m.ten; mon.appendChild(o);
    });
  }
  lop.addEventListener("change", fillMon);
  fillMon();
  document.getElementById("Sổ điểm-shortcut").addEventListener("dblclick", function () { win.style.display = "block"; });
  document.getElementById("Sổ điểm-shortcut").addEventListener("click", function () { win.style.display = "block"; });
  document.getElementById("btnXem").addEventListener("click", function () {
    var body = new URLSearchParams({
      app_nam_hoc: String(phpviet_nam_hoc_v5), nam_hoc: String(phpviet_nam_hoc_v5),
      iKhoi: lop.options[lop.selectedIndex].getAttribute("data-khoi"), iLopId: lop.value,
      iMonHocId: mon.value, iHocKyId: hk.value, winid: "win-sodiem", my_token: my_token
    });
    fetch("/v5/?load=edu.so_diem.nhap", { method: "POST", credentials: "same-origin", body: body })
      .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.text(); })
      .then(function (html) { document.getElementById("sodiem-body").innerHTML = html; })
      .catch(function (e) { document.getElementById("sodiem-body").textContent = "Lỗi: " + e.message; });
  });
})();
</script>
</body></html>`;
}

/** The identity part of a tablefix: STT, the hidden code, the name in two cells, the birth date. */
function identityHeader(rowspan: number): string {
  return `<th rowspan="${rowspan}">STT</th><th rowspan="${rowspan}" style="display:none">Mã học sinh</th><th rowspan="${rowspan}" colspan="2">Họ và tên</th><th rowspan="${rowspan}">Ngày sinh</th>`;
}

function identityCells(code: string, hoTen: string, ngaySinh: string, stt: number): string {
  const words = hoTen.split(" ");
  const ten = words.pop() ?? "";
  return `<td align="center">${stt}</td><td align="center" style="display:none">${esc(code)}</td><td align="left"><b>${esc(words.join(" "))}</b></td><td align="left"><b>${esc(ten)}</b></td><td align="center">${esc(fmtDate(ngaySinh))}</td>`;
}

const input = (cls: string, name: string, value: string, extra = "") =>
  `<input class="${cls}" name="${name}" id="${name}" value="${esc(value)}" value0="${esc(value)}" maxlength="500"${extra}>`;

/** One subject's sổ điểm for one semester (iHocKyId 1 or 2); the second also shows the year. */
export function v5SoDiemFragment(cls: PortalClass, subject: Subject, hocKy: 1 | 2): string {
  const gb = cls.gradebook;
  const plan = soDiemPlan(gb, subject);
  const g = hocKy === 1 ? "hk1" : "hk2";
  const nTx = plan.tx[g];
  const singles: { cot: string; label: string; kind: "diem" | "tbm" | "nx" }[] = [
    { cot: "gk", label: "Giữa kỳ", kind: "diem" },
    { cot: "ck", label: "Cuối kỳ", kind: "diem" },
  ];
  if (plan.tbm[g]) singles.push({ cot: "tbhk", label: `TBM ${hocKy === 1 ? "HK1" : "HK2"}`, kind: "tbm" });
  if (plan.muc[g]) {
    singles.push({ cot: "xlhk", label: `Mức ĐG ${hocKy === 1 ? "HK1" : "HK2"}`, kind: "diem" });
  }
  if (hocKy === 2) {
    if (plan.tbm.cn) singles.push({ cot: "tbcn", label: "TBM cả năm", kind: "tbm" });
    if (plan.muc.cn) singles.push({ cot: "xlcn", label: "Mức ĐG cả năm", kind: "diem" });
    if (plan.tbm.lai) singles.push({ cot: "tbktl", label: "TBM sau KT lại", kind: "tbm" });
    if (plan.muc.lai) singles.push({ cot: "xlktl", label: "Mức ĐG sau KT lại", kind: "diem" });
    singles.push({ cot: "nx", label: "Nhận xét", kind: "nx" });
  }
  const head1 =
    identityHeader(2) +
    (nTx > 0 ? `<th colspan="${nTx}">Điểm ĐG thường xuyên</th>` : "") +
    singles.map((c) => `<th rowspan="2" data-cot="${c.cot}">${esc(c.label)}</th>`).join("");
  const head2 = Array.from({ length: nTx }, (_, j) => `<th data-cot="tx${j + 1}">${j + 1}</th>`).join("");
  const rows = subjectRows(gb, subject)
    .map(({ learner, index, kq }, i) => {
      const hs = learnerId(cls, index);
      const s = kq[g];
      const name = (cot: string) => `txt_${hs}_${cot}_${g}`;
      const tx = Array.from(
        { length: nTx },
        (_, j) =>
          `<td data-cot="tx${j + 1}">${input("input_diem", name(`tx${j + 1}`), fmtDiem(s.tx[j] ?? null))}</td>`,
      );
      const value = (cot: string): string => {
        switch (cot) {
          case "gk":
            return fmtDiem(s.gk);
          case "ck":
            return fmtDiem(s.ck);
          case "tbhk":
            return fmtAverage(s.tbm);
          case "xlhk":
            return s.mucDanhGia ?? "";
          case "tbcn":
            return fmtAverage(kq.cn.tbm);
          case "xlcn":
            return kq.cn.mucDanhGia ?? "";
          case "tbktl":
            return fmtAverage(kq.ktLai?.tbm ?? null);
          case "xlktl":
            return kq.ktLai?.mucDanhGia ?? "";
          default:
            return "";
        }
      };
      const cells = singles.map((c) => {
        if (c.kind === "nx") {
          return `<td data-cot="nx"><textarea class="input_nhan_xet" name="${name("nx")}" rows="2">${esc(kq.nhanXet)}</textarea></td>`;
        }
        if (c.kind === "tbm") {
          return `<td class="tbhk_tt" data-cot="${c.cot}">${input("input_diem_tbm", name(c.cot), value(c.cot), " readonly")}</td>`;
        }
        return `<td data-cot="${c.cot}">${input("input_diem", name(c.cot), value(c.cot))}</td>`;
      });
      return `<tr id="${esc(learner.hocVien.maHocVien)}" hoc_sinh_id="${hs}">${identityCells(learner.hocVien.maHocVien, learner.hocVien.hoTen, learner.hocVien.ngaySinh, i + 1)}${tx.join("")}${cells.join("")}</tr>`;
    })
    .join("\n");
  const teacher = subjectRows(gb, subject)[0]?.kq.giaoVien ?? "";
  return `<div class="so-diem-chi-tiet">
<input type="hidden" id="iNamHoc" name="iNamHoc" value="${esc(v5NamHoc(gb))}">
<input type="hidden" id="iKhoi" name="iKhoi" value="${esc(gb.khoi)}">
<input type="hidden" id="iLopId" name="iLopId" value="${cls.id}">
<input type="hidden" id="iMonHocId" name="iMonHocId" value="${v5SubjectId(cls, subject)}">
<input type="hidden" id="iHocKy" name="iHocKy" value="${hocKy}">
<div class="tieu-de" style="text-align:center"><b>SỔ ĐIỂM CHI TIẾT</b></div>
<div class="thong-tin" style="text-align:center">Lớp <b>${esc(gb.lop)}</b> – Môn học: <b class="ten-mon">${esc(subject.ten)}</b> – ${SEMESTER_LABEL[hocKy]} – Năm học ${esc(gb.namHoc)}</div>
<div id="gvbm">Giáo viên bộ môn: <b>${esc(teacher)}</b></div>
<div class="toolbar"><button type="button" class="btLuu">Lưu</button> <button type="button">Nhập xuất</button></div>
<table class="tablefix" cellspacing="0" cellpadding="0">
<thead><tr>${head1}</tr><tr>${head2}</tr></thead>
<tbody>
${rows}
</tbody></table></div>`;
}

const LEVEL_OPTIONS = ["", "T", "K", "Đ", "CĐ"] as const;

function levelSelect(name: string, value: "T" | "K" | "Đ" | "CĐ" | null): string {
  const options = LEVEL_OPTIONS.map(
    (v) =>
      `<option value="${v}"${v === (value ?? "") ? " selected" : ""}>${v === "" ? "" : esc(fmtMuc(v))}</option>`,
  ).join("");
  return `<select class="input_diem" name="${name}">${options}</select>`;
}

/** The class's year summary: học tập / rèn luyện per semester and year, absences, decisions, award, GVCN comment. */
export function v5TongKetFragment(cls: PortalClass): string {
  const gb = cls.gradebook;
  const head1 =
    identityHeader(2) +
    `<th colspan="2">Học kỳ I</th><th colspan="2">Học kỳ II</th><th colspan="2">Cả năm</th>` +
    `<th rowspan="2" data-cot="nghi">Số buổi nghỉ</th><th rowspan="2" data-cot="ket_qua">Kết quả</th>` +
    `<th colspan="3">Sau KT lại, RL hè</th><th rowspan="2" data-cot="danh_hieu">Danh hiệu</th>` +
    `<th rowspan="2" data-cot="nx_gvcn">Nhận xét của GVCN</th>`;
  const pair = (g: string) => `<th data-cot="ht_${g}">Học tập</th><th data-cot="rl_${g}">Rèn luyện</th>`;
  const head2 =
    pair("hk1") +
    pair("hk2") +
    pair("cn") +
    `<th data-cot="ht_ktl">Học tập</th><th data-cot="rl_rlh">Rèn luyện</th><th data-cot="ket_qua_lai">Kết quả</th>`;
  const rows = gb.learners
    .map((l, i) => {
      const hs = learnerId(cls, i);
      const n = (cot: string) => `tk_${hs}_${cot}`;
      const cell = (cot: string, html: string) => `<td data-cot="${cot}">${html}</td>`;
      return `<tr id="${esc(l.hocVien.maHocVien)}" hoc_sinh_id="${hs}">${identityCells(l.hocVien.maHocVien, l.hocVien.hoTen, l.hocVien.ngaySinh, i + 1)}${[
        cell("ht_hk1", levelSelect(n("ht_hk1"), l.hocTap.hk1)),
        cell("rl_hk1", levelSelect(n("rl_hk1"), l.renLuyen.hk1)),
        cell("ht_hk2", levelSelect(n("ht_hk2"), l.hocTap.hk2)),
        cell("rl_hk2", levelSelect(n("rl_hk2"), l.renLuyen.hk2)),
        cell("ht_cn", levelSelect(n("ht_cn"), l.hocTap.cn)),
        cell("rl_cn", levelSelect(n("rl_cn"), l.renLuyen.cn)),
        cell("nghi", input("input_diem", n("nghi"), l.soBuoiNghi === null ? "" : String(l.soBuoiNghi))),
        cell("ket_qua", input("input_diem", n("ket_qua"), fmtDecision(l.ketQuaXet))),
        cell("ht_ktl", levelSelect(n("ht_ktl"), l.hocTap.sauKiemTraLai)),
        cell("rl_rlh", levelSelect(n("rl_rlh"), l.renLuyen.sauRenLuyenHe)),
        cell("ket_qua_lai", input("input_diem", n("ket_qua_lai"), fmtDecision(l.ketQuaXetLai))),
        cell("danh_hieu", input("input_diem", n("danh_hieu"), fmtAward(l.danhHieu, gb))),
        cell(
          "nx_gvcn",
          `<textarea class="input_nhan_xet" name="${n("nx_gvcn")}" rows="2">${esc(l.nhanXetGVCN)}</textarea>`,
        ),
      ].join("")}</tr>`;
    })
    .join("\n");
  return `<div class="tong-ket">
<input type="hidden" id="iNamHoc" name="iNamHoc" value="${esc(v5NamHoc(gb))}">
<input type="hidden" id="iKhoi" name="iKhoi" value="${esc(gb.khoi)}">
<input type="hidden" id="iLopId" name="iLopId" value="${cls.id}">
<input type="hidden" id="iHocKy" name="iHocKy" value="0">
<div class="tieu-de" style="text-align:center"><b>TỔNG KẾT CẢ NĂM</b></div>
<div class="thong-tin" style="text-align:center">Lớp <b>${esc(gb.lop)}</b> – Năm học ${esc(gb.namHoc)} – ${gb.learners.length} ${learnerWord(gb)}</div>
<div class="toolbar"><button type="button">Tính tổng kết</button> <button type="button">Lưu</button> <button type="button">Nhập xuất</button></div>
<table class="tablefix" cellspacing="0" cellpadding="0">
<thead><tr>${head1}</tr><tr>${head2}</tr></thead>
<tbody>
${rows}
</tbody></table></div>`;
}

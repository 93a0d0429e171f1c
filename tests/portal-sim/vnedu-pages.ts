import { esc } from "./portal-format.ts";
import type { PortalClass } from "./portal-data.ts";

/**
 * vnEdu-style pages: an ExtJS-like window shell (`.x-window-header-text` titles "Sổ điểm",
 * "Sổ học bạ", "Nhận xét của GVCN") whose grids are empty in the HTML and drawn by a small inline
 * script from the JSON API, like the real teacher UI. Adapters read the API; the drawn DOM is
 * readable too (`.x-grid` headers and rows).
 */

/** The inline renderer: plain ES2017, no external library; exported so tests can run it on linkedom. */
export const VNEDU_GRID_SCRIPT = String.raw`(function () {
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.setAttribute("class", cls);
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  var FORM_LABELS = {
    ma_so: "Mã Sở GD&ĐT", ten_truong: "Đơn vị", ma_truong: "Mã trường", cap_hoc: "Cấp học", dia_danh: "Địa danh",
    nam_hoc: "Năm học", khoi: "Khối", ten_lop: "Lớp", gvcn: "Giáo viên chủ nhiệm", thu_truong: "Thủ trưởng",
    chuc_vu_thu_truong: "Chức vụ", quy_che: "Quy chế đánh giá", thoi_gian_lap: "Thời gian lập"
  };
  function renderForm(form, data) {
    var d = data.data || {};
    Object.keys(FORM_LABELS).forEach(function (k) {
      if (d[k] === undefined || d[k] === null) return;
      var item = el("div", "x-form-item");
      item.appendChild(el("label", "x-form-item-label", FORM_LABELS[k] + ":"));
      item.appendChild(el("div", "x-form-display-field", d[k]));
      form.appendChild(item);
    });
  }
  function renderGrid(grid, data) {
    var cols = data.metaData.columns;
    var header = el("div", "x-grid-header-ct");
    var lastGroup = null, groupEl = null;
    cols.forEach(function (c) {
      var h = el("div", "x-column-header" + (c.hidden ? " x-hide-display" : ""));
      h.appendChild(el("span", "x-column-header-text", c.text));
      if (c.group) {
        if (c.group !== lastGroup) {
          groupEl = el("div", "x-column-header x-group-header");
          groupEl.appendChild(el("span", "x-column-header-text", c.group));
          header.appendChild(groupEl);
          lastGroup = c.group;
        }
        groupEl.appendChild(h);
      } else {
        lastGroup = null;
        header.appendChild(h);
      }
    });
    var view = el("div", "x-grid-view");
    var table = el("table", "x-grid-table");
    var tbody = el("tbody");
    data.rows.forEach(function (r) {
      var tr = el("tr", "x-grid-row");
      cols.forEach(function (c) {
        var td = el("td", "x-grid-cell" + (c.hidden ? " x-hide-display" : ""));
        td.appendChild(el("div", "x-grid-cell-inner", r[c.dataIndex]));
        tr.appendChild(td);
      });
      tbody.appendChild(tr);
    });
    table.appendChild(tbody);
    view.appendChild(table);
    grid.appendChild(header);
    grid.appendChild(view);
  }
  var targets = document.querySelectorAll("[data-source]");
  return Promise.all(Array.prototype.map.call(targets, function (target) {
    return fetch(target.getAttribute("data-source"), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
      .then(function (data) {
        if (target.getAttribute("class").indexOf("x-form") >= 0) renderForm(target, data); else renderGrid(target, data);
        target.setAttribute("data-loaded", "1");
      })
      .catch(function (e) {
        target.textContent = "Lỗi tải dữ liệu: " + e.message;
        target.setAttribute("data-loaded", "error");
      });
  }));
})();`;

export function vneduShell(opts: { title: string; user: string; body: string; menu?: string }): string {
  return `<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>${esc(opts.title)} | vnEdu</title>
<style>
body{font-family:Tahoma,Arial,sans-serif;font-size:12px;margin:0;background:#dfe8f6}
.x-window{margin:8px;border:1px solid #99bbe8;background:#fff}
.x-window-header{background:#cbddf3;padding:4px 8px;font-weight:bold}
.x-grid-header-ct{display:flex;background:#eee}
.x-column-header{border:1px solid #ccc;padding:2px 4px}
.x-group-header{display:flex;flex-direction:column}
.x-hide-display{display:none!important}
.x-grid-cell{border:1px solid #eee;padding:2px 4px}
#west{float:left;width:220px}
</style></head>
<body class="x-body vnedu">
<div id="north" class="x-toolbar"><span class="x-logo">vnEdu – Sổ điểm điện tử</span>
 <span class="x-user">Người dùng: ${esc(opts.user)}</span> <a href="/logout">Thoát</a></div>
<div id="west" class="x-panel x-tree">${opts.menu ?? ""}</div>
<div class="x-window" id="main-window">
 <div class="x-window-header"><span class="x-window-header-text">${esc(opts.title)}</span></div>
 <div class="x-window-body">${opts.body}</div>
</div>
<script>${VNEDU_GRID_SCRIPT}</script>
</body></html>`;
}

export function vneduLoginPage(next: string, error: string): string {
  return `<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Đăng nhập | vnEdu</title></head>
<body class="x-body vnedu login">
<div class="x-window"><div class="x-window-header"><span class="x-window-header-text">Đăng nhập vnEdu</span></div>
${error ? `<div class="x-form-invalid-msg">${esc(error)}</div>` : ""}
<form method="post" action="/vnedu/login">
 <input type="hidden" name="next" value="${esc(next)}">
 <label>Tên đăng nhập <input name="username" autocomplete="username"></label>
 <label>Mật khẩu <input name="password" type="password" autocomplete="current-password"></label>
 <button type="submit">Đăng nhập</button>
</form></div>
</body></html>`;
}

function classMenu(cls: PortalClass): string {
  const q = `lop_id=${cls.id}`;
  const subjects = cls.gradebook.subjects
    .map(
      (s) =>
        `<li class="x-tree-node"><a href="/vnedu/sodiem?${q}&amp;mon_id=${encodeURIComponent(s.ma)}">${esc(s.ten)}</a></li>`,
    )
    .join("\n");
  return `<ul class="x-tree-root">
<li class="x-tree-node"><a href="/vnedu/lop?${q}">Lớp ${esc(cls.gradebook.lop)}</a></li>
<li class="x-tree-node">Sổ điểm<ul>${subjects}</ul></li>
<li class="x-tree-node"><a href="/vnedu/hocba?${q}">Sổ học bạ</a></li>
<li class="x-tree-node"><a href="/vnedu/tongket?${q}">Tổng kết</a></li>
<li class="x-tree-node"><a href="/vnedu/nhanxet?${q}">Nhận xét của GVCN</a></li>
</ul>`;
}

const grid = (source: string, id: string) =>
  `<div class="x-grid x-panel" id="${id}" data-source="${esc(source)}"></div>`;

export function vneduClassListPage(user: string): string {
  return vneduShell({ title: "Danh sách lớp", user, body: grid("/vnedu/api/dslop", "grid-dslop") });
}

export function vneduClassPage(cls: PortalClass, user: string): string {
  return vneduShell({
    title: `Lớp ${cls.gradebook.lop}`,
    user,
    menu: classMenu(cls),
    body: `<div class="x-form x-panel" id="form-lop" data-source="/vnedu/api/lop?lop_id=${cls.id}"></div>`,
  });
}

export function vneduSoDiemPage(cls: PortalClass, maMon: string, user: string): string {
  const subject = cls.gradebook.subjects.find((s) => s.ma === maMon);
  return vneduShell({
    title: "Sổ điểm",
    user,
    menu: classMenu(cls),
    body: `<div class="x-toolbar"><span class="x-form-item-label">Môn học:</span> <b class="x-mon">${esc(subject?.ten ?? maMon)}</b></div>${grid(
      `/vnedu/api/sodiem?lop_id=${cls.id}&mon_id=${encodeURIComponent(maMon)}`,
      "grid-sodiem",
    )}`,
  });
}

export function vneduListPage(cls: PortalClass, kind: "hocba" | "tongket" | "nhanxet", user: string): string {
  const title = { hocba: "Sổ học bạ", tongket: "Tổng kết", nhanxet: "Nhận xét của GVCN" }[kind];
  return vneduShell({
    title,
    user,
    menu: classMenu(cls),
    body: grid(`/vnedu/api/${kind}?lop_id=${cls.id}`, `grid-${kind}`),
  });
}

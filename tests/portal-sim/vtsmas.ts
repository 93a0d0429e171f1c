import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Diem, Gradebook, KetQuaMon, Subject } from "../../shared/model/gradebook.ts";
import { learnerId, soDiemPlan, subjectRows, type PortalClass } from "./portal-data.ts";
import { esc, fmtAward, fmtDecision } from "./portal-format.ts";
import { HttpError, readBody, readForm, safeNext, send, sendJson } from "./sim-http.ts";
import { quaTrinhText, trangThaiText } from "./movement-text.ts";

/**
 * The new SMAS (vtsmas.vn) layout: a single-page app at `/vtsmas/` whose script holds an OAuth
 * bearer token (password grant at the SSO's `connect/token`, scope ScoreBookService) in
 * localStorage and calls a JSON gateway; on the real site the gateway is gateway.vtsmas.vn, here
 * it is `/gateway/` on the same server (the page's `appConfig.apiGateway` says where). The gateway
 * answers only with the bearer token.
 *
 * From public third-party code: the school years, the class list (POST `phan-trang`), learners by
 * class, the class's subjects for the score book (`lop-mon-hoc/so-danh-gia`), the score book per
 * class / subject / semester (`pointDetails[{pointGroupCode, pointCode, pointValue}]`) and its
 * template (`pointGroupSortOrders[].pointGroup.points[{pointCode, pointName, pointType 1 score /
 * 2 average / 4 comment, batchNumberCode TX|GHK|CHK}]`). The score book's and template's
 * addresses, the school, the year summary and a few learner fields are the simulator's own
 * (docs/portals.md).
 */

export const VTSMAS_TOKEN_KEY = (origin: string) => `oidc.user:${origin}/vtsmas/sso:vtsmas_web`;

export interface VtsmasOptions {
  classes: readonly PortalClass[];
  users: readonly { username: string; password: string; name: string }[];
  stats: { served: string[] };
  delayMs?: number;
}

/** A school year of one school (the gateway's lists are the logged-in school's). */
export const vtsmasYearId = (gb: Gradebook) => `sy-${gb.school.maTruong}-${gb.namHoc}`;
const schoolLevelCode = (gb: Gradebook) => (gb.school.capHoc === "05" ? "05" : "04");
const schoolLevelName = (gb: Gradebook) =>
  gb.school.capHoc === "05" ? "Giáo dục thường xuyên" : "Trung học phổ thông";
const classId = (cls: PortalClass) => `c${cls.id}`;
const studentId = (cls: PortalClass, index: number) => `st-${learnerId(cls, index)}`;

/** API values: dot decimals, Đ / CĐ as is. */
const pointValue = (d: Diem) => (d === null ? null : String(d));

export function vtsmasSchoolYears(classes: readonly PortalClass[]) {
  const years = new Map<string, Gradebook>();
  for (const c of classes) years.set(vtsmasYearId(c.gradebook), c.gradebook);
  return [...years].map(([id, gb]) => ({
    id,
    schoolYearId: id,
    code: gb.namHoc,
    currentYear: true,
    principalName: gb.thuTruong.hoTen,
    principalId: "emp-head",
    isActive: true,
  }));
}

export function vtsmasSchool(gb: Gradebook) {
  return {
    departmentCode: gb.school.maSo,
    schoolCode: gb.school.maTruong,
    schoolName: gb.school.tenTruong,
    schoolLevelName: schoolLevelName(gb),
    placeName: gb.school.diaDanh,
    principalTitle: gb.thuTruong.chucVu,
    studyRecordDate: gb.thoiGianLap ?? null,
  };
}

export function vtsmasClassItem(cls: PortalClass) {
  const gb = cls.gradebook;
  return {
    id: classId(cls),
    className: gb.lop,
    gradeLevelCode: gb.khoi,
    gradeLevel: `Khối ${gb.khoi}`,
    schoolLevel: schoolLevelName(gb),
    schoolLevelCode: schoolLevelCode(gb),
    schoolYearId: vtsmasYearId(gb),
    schoolYearCode: gb.namHoc,
    homeroomTeacherName: gb.gvcn,
    studentCount: gb.learners.length,
  };
}

export function vtsmasStudents(cls: PortalClass) {
  return cls.gradebook.learners.map((l, i) => {
    const hv = l.hocVien;
    return {
      id: studentId(cls, i),
      studentCode: hv.maHocVien,
      fullName: hv.hoTen,
      dateOfBirth: hv.ngaySinh ? `${hv.ngaySinh}T00:00:00` : "",
      genderCode: hv.gioiTinh === "Nam" ? "1" : "2",
      genderName: hv.gioiTinh,
      identifyNumber: hv.soDinhDanh,
      ethnicName: hv.danToc,
      nationalityName: hv.quocTich,
      birthPlace: hv.noiSinh,
      address: hv.noiO,
      fatherName: hv.hoTenCha,
      motherName: hv.hoTenMe,
      guardianName: hv.hoTenNguoiGiamHo,
      policyTargetName: hv.doiTuongChinhSach,
      syncRecordId: l.banGhi?.idBanGhi ?? null,
      syncEvent: l.banGhi?.suKien ?? null,
      syncVersion: l.banGhi?.phienBan ?? null,
      classId: classId(cls),
      className: cls.gradebook.lop,
      statusCode: l.roiTruong ? (l.roiTruong.trangThai === "ChuyenDi" ? "02" : "03") : "01",
      status: trangThaiText(l),
      sortOrderByClass: i + 1,
      // The simulator's own keys (docs/portals.md): departure, arrival, learning history.
      leavingDate: l.roiTruong?.ngay ?? null,
      completedSemesters: l.roiTruong?.hocKyHoanThanh ?? null,
      transferToSchool: l.roiTruong?.truongChuyenDen ?? null,
      transferFromSchool: l.chuyenDen?.truongCu ?? null,
      arrivalDate: l.chuyenDen?.ngay ?? null,
      learningHistory: quaTrinhText(l) || null,
    };
  });
}

/** subjectType: 0 = đánh giá bằng điểm số, 1 = bằng nhận xét. */
export function vtsmasClassSubjects(cls: PortalClass) {
  const gb = cls.gradebook;
  return gb.subjects.map((s, i) => {
    const plan = soDiemPlan(gb, s);
    const teacher = subjectRows(gb, s)[0]?.kq.giaoVien ?? "";
    return {
      id: `cs-${cls.id}-${s.ma}`,
      classId: classId(cls),
      className: gb.lop,
      gradeLevelCode: gb.khoi,
      subjectCode: s.ma,
      subjectName: s.ten,
      subjectType: s.hinhThuc === "DiemSo" ? 0 : 1,
      numberLessionSemester1: Math.ceil(s.soTietNam / 2),
      numberLessionSemester2: Math.floor(s.soTietNam / 2),
      regularReviewScore: plan.tx.hk1,
      regularReviewScoreHKII: plan.tx.hk2,
      midtermAssessmentScore: 1,
      finalAssessmentScore: 1,
      coefficient: 1,
      schoolLevelCode: schoolLevelCode(gb),
      schoolYearId: vtsmasYearId(gb),
      schoolYearCode: gb.namHoc,
      teacherName: teacher,
      sort: i + 1,
    };
  });
}

interface Point {
  pointCode: string;
  pointName: string;
  pointType: 1 | 2 | 4;
  pointWeight: number;
  batchNumberCode: string | null;
  sortOrder: number;
}

/** The template of one subject and semester, with the columns its data needs. */
function templatePoints(gb: Gradebook, subject: Subject, semester: 1 | 2): Point[] {
  const plan = soDiemPlan(gb, subject);
  const g = semester === 1 ? "hk1" : "hk2";
  const roman = semester === 1 ? "I" : "II";
  const points: Point[] = [];
  const push = (p: Omit<Point, "sortOrder">) => points.push({ ...p, sortOrder: points.length + 1 });
  for (let n = 1; n <= plan.tx[g]; n++) {
    push({
      pointCode: `TX${n}`,
      pointName: `ĐĐGtx ${n}`,
      pointType: 1,
      pointWeight: 1,
      batchNumberCode: "TX",
    });
  }
  push({ pointCode: "GK", pointName: "ĐĐGgk", pointType: 1, pointWeight: 2, batchNumberCode: "GHK" });
  push({ pointCode: "CK", pointName: "ĐĐGck", pointType: 1, pointWeight: 3, batchNumberCode: "CHK" });
  if (plan.tbm[g]) {
    push({
      pointCode: "TBHK",
      pointName: `TBm học kỳ ${roman}`,
      pointType: 2,
      pointWeight: 0,
      batchNumberCode: null,
    });
  }
  if (plan.muc[g]) {
    push({
      pointCode: "DGHK",
      pointName: `Mức đánh giá học kỳ ${roman}`,
      pointType: 2,
      pointWeight: 0,
      batchNumberCode: null,
    });
  }
  if (semester === 2) {
    if (plan.tbm.cn) {
      push({
        pointCode: "TBCN",
        pointName: "TBm cả năm",
        pointType: 2,
        pointWeight: 0,
        batchNumberCode: null,
      });
    }
    if (plan.muc.cn) {
      push({
        pointCode: "DGCN",
        pointName: "Mức đánh giá cả năm",
        pointType: 2,
        pointWeight: 0,
        batchNumberCode: null,
      });
    }
    if (plan.tbm.lai) {
      push({
        pointCode: "TBKTL",
        pointName: "TBm sau kiểm tra lại",
        pointType: 2,
        pointWeight: 0,
        batchNumberCode: null,
      });
    }
    if (plan.muc.lai) {
      push({
        pointCode: "DGKTL",
        pointName: "Mức đánh giá sau kiểm tra lại",
        pointType: 2,
        pointWeight: 0,
        batchNumberCode: null,
      });
    }
    push({ pointCode: "NX", pointName: "Nhận xét", pointType: 4, pointWeight: 0, batchNumberCode: null });
  }
  return points;
}

/** Templates of a school level and year: one per class grade, subject and semester (older ones too). */
export function vtsmasTemplates(classes: readonly PortalClass[], level: string, yearId: string) {
  const out = [];
  for (const cls of classes) {
    const gb = cls.gradebook;
    if (schoolLevelCode(gb) !== level || vtsmasYearId(gb) !== yearId) continue;
    for (const subject of gb.subjects) {
      for (const semester of [1, 2] as const) {
        const template = (appliedDate: string, points: Point[]) => ({
          id: `tpl-${cls.id}-${subject.ma}-${semester}-${appliedDate.slice(0, 4)}`,
          gradeCodes: [gb.khoi],
          subjectCodes: [subject.ma],
          semester,
          scoreBookType: 1,
          appliedDate,
          pointGroupSortOrders: [
            {
              sortOrder: 1,
              pointGroup: {
                pointGroupCode: `G${semester}`,
                pointGroupName: `Học kỳ ${semester === 1 ? "I" : "II"}`,
                points,
              },
            },
          ],
        });
        // An older template, replaced by the one applied last: the reader must take the latest.
        out.push(template("2024-08-01T00:00:00", templatePoints(gb, subject, semester).slice(0, 2)));
        out.push(template("2025-08-15T00:00:00", templatePoints(gb, subject, semester)));
      }
    }
  }
  return out;
}

function pointValues(kq: KetQuaMon, semester: 1 | 2): Record<string, string | null> {
  const s = semester === 1 ? kq.hk1 : kq.hk2;
  const values: Record<string, string | null> = {
    GK: pointValue(s.gk),
    CK: pointValue(s.ck),
    TBHK: s.tbm === null ? null : String(s.tbm),
    DGHK: s.mucDanhGia,
  };
  s.tx.forEach((d, i) => (values[`TX${i + 1}`] = pointValue(d)));
  if (semester === 2) {
    values.TBCN = kq.cn.tbm === null ? null : String(kq.cn.tbm);
    values.DGCN = kq.cn.mucDanhGia;
    values.TBKTL = kq.ktLai?.tbm === undefined || kq.ktLai.tbm === null ? null : String(kq.ktLai.tbm);
    values.DGKTL = kq.ktLai?.mucDanhGia ?? null;
    values.NX = kq.nhanXet;
  }
  return values;
}

export function vtsmasScoreBook(cls: PortalClass, subject: Subject, semester: 1 | 2) {
  const points = templatePoints(cls.gradebook, subject, semester);
  return subjectRows(cls.gradebook, subject).map(({ index, kq }) => {
    const values = pointValues(kq, semester);
    return {
      studentId: studentId(cls, index),
      pointDetails: points
        .map((p) => ({
          pointGroupCode: `G${semester}`,
          pointCode: p.pointCode,
          pointValue: values[p.pointCode] ?? null,
        }))
        .filter((d) => d.pointValue !== null && d.pointValue !== ""),
    };
  });
}

const MUC = (v: string | null) => v ?? "";

/** The year summary per learner (levels as T/K/Đ/CĐ codes, decisions and awards in words). */
export function vtsmasYearSummary(cls: PortalClass) {
  const gb = cls.gradebook;
  return gb.learners.map((l, i) => ({
    studentId: studentId(cls, i),
    studyResultSemester1: MUC(l.hocTap.hk1),
    trainingResultSemester1: MUC(l.renLuyen.hk1),
    studyResultSemester2: MUC(l.hocTap.hk2),
    trainingResultSemester2: MUC(l.renLuyen.hk2),
    studyResultYear: MUC(l.hocTap.cn),
    trainingResultYear: MUC(l.renLuyen.cn),
    studyResultRetest: MUC(l.hocTap.sauKiemTraLai),
    trainingResultSummer: MUC(l.renLuyen.sauRenLuyenHe),
    absentCount: l.soBuoiNghi,
    yearEndDecision: fmtDecision(l.ketQuaXet),
    retestDecision: fmtDecision(l.ketQuaXetLai),
    titleName: fmtAward(l.danhHieu, gb),
    homeroomComment: l.nhanXetGVCN,
  }));
}

function loginPage(next: string, error: string): string {
  return `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Đăng nhập - SMAS</title></head>
<body class="vtsmas-login"><h2>Đăng nhập SMAS</h2>${error ? `<p class="error">${esc(error)}</p>` : ""}
<form method="post" action="/vtsmas/login"><input type="hidden" name="next" value="${esc(next)}">
<p><label>Tên đăng nhập <input name="username" autocomplete="username"></label></p>
<p><label>Mật khẩu <input name="password" type="password" autocomplete="current-password"></label></p>
<p><button type="submit">Đăng nhập</button></p></form></body></html>`;
}

/** After the password grant: the app keeps the token in localStorage, as an OIDC client does, then opens the app. */
function tokenPage(origin: string, token: string, next: string): string {
  const user = {
    access_token: token,
    token_type: "Bearer",
    scope: "ScoreBookService",
    expires_at: 4102444800,
  };
  return `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>SMAS</title></head><body>
<script>localStorage.setItem(${JSON.stringify(VTSMAS_TOKEN_KEY(origin))}, ${JSON.stringify(JSON.stringify(user))});
location.replace(${JSON.stringify(next)});</script></body></html>`;
}

/** The app: it reads the token from localStorage and draws the class's learners from the gateway. */
function appPage(): string {
  return `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Sổ điểm - SMAS</title>
<script>window.appConfig = { apiGateway: "/gateway", ssoAuthority: "/vtsmas/sso" };</script></head>
<body class="vtsmas"><app-root><div class="app-header">SMAS – Sổ điểm</div>
<div id="hoc-sinh">Đang tải…</div></app-root>
<script>
(function () {
  var q = new URLSearchParams(location.search), user = null;
  for (var i = 0; i < localStorage.length; i++) {
    var k = localStorage.key(i);
    if (k.indexOf("oidc.user:") === 0) user = JSON.parse(localStorage.getItem(k));
  }
  if (!user) { location.replace("/vtsmas/login?next=" + encodeURIComponent(location.pathname + location.search)); return; }
  fetch(appConfig.apiGateway + "/api/hoc-sinh/lay-hoc-sinh-theo-lop/" + q.get("classId") + "/" + q.get("schoolYearId"),
    { headers: { Authorization: "Bearer " + user.access_token } })
    .then(function (r) { if (!r.ok) throw new Error("HTTP " + r.status); return r.json(); })
    .then(function (list) {
      var el = document.getElementById("hoc-sinh"); el.textContent = "";
      var ul = document.createElement("ul");
      list.forEach(function (s) { var li = document.createElement("li"); li.textContent = s.fullName; ul.appendChild(li); });
      el.appendChild(ul);
    })
    .catch(function (e) { document.getElementById("hoc-sinh").textContent = "Lỗi: " + e.message; });
})();
</script></body></html>`;
}

export function createVtsmas(options: VtsmasOptions) {
  const { classes, users, stats } = options;
  const tokens = new Set<string>();
  const issue = () => {
    const token = randomBytes(24).toString("base64url");
    tokens.add(token);
    return token;
  };
  const findUser = (form: URLSearchParams) =>
    users.find((u) => u.username === form.get("username") && u.password === form.get("password"));

  const gateway = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const auth = /^Bearer (\S+)$/.exec(req.headers.authorization ?? "")?.[1];
    if (!auth || !tokens.has(auth)) return sendJson(res, 401, { error: "invalid_token" });
    const path = url.pathname.replace(/^\/gateway/, "");
    stats.served.push(`${req.method ?? "GET"} ${path}${url.search}`);
    if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
    const byClass = (id: string | undefined) => classes.find((c) => classId(c) === id);
    let m: RegExpExecArray | null;
    if (path === "/api/danh-muc-truong/nam-hoc-nha-truong/tat-ca") {
      return sendJson(res, 200, vtsmasSchoolYears(classes));
    }
    if ((m = /^\/api\/danh-muc-truong\/thong-tin-truong\/([^/]+)$/.exec(path))) {
      const cls = byClass(decodeURIComponent(m[1] ?? ""));
      if (!cls) throw new HttpError(404, "Không tìm thấy lớp");
      return sendJson(res, 200, vtsmasSchool(cls.gradebook));
    }
    if (path === "/api/hoc-sinh/lop-hoc/phan-trang" && req.method === "POST") {
      const body = JSON.parse((await readBody(req)) || "{}") as {
        params?: { filterItems?: { propertyName: string; value: string }[] };
      };
      const filters = body.params?.filterItems ?? [];
      const items = classes
        .map(vtsmasClassItem)
        .filter((c) =>
          filters.every((f) => String((c as Record<string, unknown>)[f.propertyName]) === f.value),
        );
      return sendJson(res, 200, { totalCount: items.length, items });
    }
    if ((m = /^\/api\/hoc-sinh\/lay-hoc-sinh-theo-lop\/([^/]+)\/([^/]+)$/.exec(path))) {
      const cls = byClass(decodeURIComponent(m[1] ?? ""));
      if (!cls) throw new HttpError(404, "Không tìm thấy lớp");
      return sendJson(res, 200, vtsmasStudents(cls));
    }
    if ((m = /^\/api\/hoc-tap\/lop-mon-hoc\/so-danh-gia\/([^/]+)\/([^/]+)$/.exec(path))) {
      const cls = byClass(decodeURIComponent(m[1] ?? ""));
      if (!cls) throw new HttpError(404, "Không tìm thấy lớp");
      return sendJson(res, 200, vtsmasClassSubjects(cls));
    }
    if ((m = /^\/api\/hoc-tap\/so-diem\/mau-so-diem\/([^/]+)\/([^/]+)$/.exec(path))) {
      return sendJson(
        res,
        200,
        vtsmasTemplates(classes, decodeURIComponent(m[1] ?? ""), decodeURIComponent(m[2] ?? "")),
      );
    }
    if (path === "/api/hoc-tap/so-diem/danh-sach" && req.method === "POST") {
      const body = JSON.parse((await readBody(req)) || "{}") as {
        subjectCode?: string;
        classRoomId?: string;
        semester?: number;
        scoreBookType?: number;
      };
      const cls = byClass(body.classRoomId);
      const subject = cls?.gradebook.subjects.find((s) => s.ma === body.subjectCode);
      if (!cls || !subject || (body.semester !== 1 && body.semester !== 2) || body.scoreBookType !== 1) {
        throw new HttpError(400, "Tham số sổ điểm không hợp lệ");
      }
      return sendJson(res, 200, vtsmasScoreBook(cls, subject, body.semester));
    }
    if ((m = /^\/api\/hoc-tap\/tong-ket\/lop\/([^/]+)\/([^/]+)$/.exec(path))) {
      const cls = byClass(decodeURIComponent(m[1] ?? ""));
      if (!cls) throw new HttpError(404, "Không tìm thấy lớp");
      return sendJson(res, 200, vtsmasYearSummary(cls));
    }
    throw new HttpError(404, "Không tìm thấy");
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    const path = url.pathname;
    try {
      if (path.startsWith("/gateway/")) {
        await gateway(req, res, url);
        return true;
      }
      if (!path.startsWith("/vtsmas")) return false;
      if (path === "/vtsmas/sso/connect/token" && req.method === "POST") {
        const form = await readForm(req);
        if (form.get("grant_type") !== "password" || !findUser(form)) {
          sendJson(res, 400, { error: "invalid_grant" });
          return true;
        }
        sendJson(res, 200, {
          access_token: issue(),
          token_type: "Bearer",
          expires_in: 3600,
          scope: "ScoreBookService",
        });
        return true;
      }
      if (path === "/vtsmas/login") {
        if (req.method === "POST") {
          const form = await readForm(req);
          const next = safeNext(form.get("next"), "/vtsmas/");
          if (!findUser(form)) send(res, 200, loginPage(next, "Tên đăng nhập hoặc mật khẩu không đúng."));
          else send(res, 200, tokenPage(`http://${req.headers.host ?? "127.0.0.1"}`, issue(), next));
        } else send(res, 200, loginPage(url.searchParams.get("next") ?? "/vtsmas/", ""));
        return true;
      }
      stats.served.push(path + url.search);
      send(res, 200, appPage());
      return true;
    } catch (err) {
      const status = err instanceof HttpError ? err.status : 500;
      sendJson(res, status, { error: err instanceof Error ? err.message : String(err) });
      return true;
    }
  };

  /** Test helper: a token as the SSO's password grant would give. */
  return { handle, issueToken: issue };
}

export { classId as vtsmasClassId };

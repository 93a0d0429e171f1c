import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Diem, Gradebook, Subject } from "../../shared/model/gradebook.ts";
import { learnerId, subjectRows, type PortalClass } from "./portal-data.ts";
import { movementJson } from "./movement-text.ts";
import { fmtAverage, fmtAward, fmtDate, fmtDecision, fmtDiem, fmtMuc } from "./portal-format.ts";
import { cookieValue, HttpError, readForm, redirect, safeNext, send, sendJson } from "./sim-http.ts";
import {
  v5LoginPage,
  v5NamHoc,
  v5Shell,
  v5SoDiemFragment,
  v5SubjectId,
  v5TongKetFragment,
} from "./vnedu-v5-pages.ts";

/**
 * The vnEdu v5 layout of the simulator: SSO login (`/sso/?call=auth.login`, txtUsername /
 * txtPassword, cookie PHPSESSID), the desktop shell at `/v5/`, fragments by POST
 * `/v5/?load=edu.<module>.<view>` and JSON by POST `/v5/?call=edu.<module>.<method>`, both only
 * with the session and the page's `my_token`. Also the parents' lookup
 * `/sllservices/index.php?call=solienlac.getSodiem` (JSON, or JSONP with `callback`).
 */

export const V5_COOKIE = "PHPSESSID";

interface V5Session {
  user: { username: string; name: string; id: number };
  token: string;
}

export interface V5Options {
  classes: readonly PortalClass[];
  users: readonly { username: string; password: string; name: string }[];
  stats: { served: string[] };
  delayMs?: number;
}

/** Class details: the school's and the class's fields (as the vnEdu-style API names them). */
export function v5ClassInfo(cls: PortalClass) {
  const gb = cls.gradebook;
  return {
    success: true,
    data: {
      lop_id: cls.id,
      ten_lop: gb.lop,
      khoi: gb.khoi,
      nam_hoc: gb.namHoc,
      gvcn: gb.gvcn,
      ma_so: gb.school.maSo,
      ma_truong: gb.school.maTruong,
      ten_truong: gb.school.tenTruong,
      cap_hoc: gb.school.capHoc === "05" ? "GDTX" : "THPT",
      dia_danh: gb.school.diaDanh,
      thu_truong: gb.thuTruong.hoTen,
      chuc_vu_thu_truong: gb.thuTruong.chucVu,
      quy_che: gb.profile,
      thoi_gian_lap: gb.thoiGianLap ?? null,
    },
  };
}

/** loai_nhap_diem: 1 = điểm số (as the parents' lookup shows), 2 = nhận xét. */
export function v5Subjects(cls: PortalClass) {
  return {
    success: true,
    data: cls.gradebook.subjects.map((s) => ({
      mon_hoc_id: v5SubjectId(cls, s),
      ma_mon: s.ma,
      ten_mon: s.ten,
      loai_nhap_diem: s.hinhThuc === "DiemSo" ? 1 : 2,
      so_tiet: s.soTietNam,
    })),
  };
}

export function v5Learners(cls: PortalClass) {
  return {
    success: true,
    data: cls.gradebook.learners.map((l, i) => {
      const hv = l.hocVien;
      return {
        hoc_sinh_id: learnerId(cls, i),
        ma_hoc_sinh: hv.maHocVien,
        so_dinh_danh: hv.soDinhDanh,
        ho_ten: hv.hoTen,
        ngay_sinh: fmtDate(hv.ngaySinh),
        gioi_tinh: hv.gioiTinh,
        dan_toc: hv.danToc,
        quoc_tich: hv.quocTich,
        noi_sinh: hv.noiSinh,
        noi_o: hv.noiO,
        ho_ten_cha: hv.hoTenCha,
        ho_ten_me: hv.hoTenMe,
        ho_ten_giam_ho: hv.hoTenNguoiGiamHo,
        doi_tuong_cs: hv.doiTuongChinhSach,
        id_ban_ghi: l.banGhi?.idBanGhi ?? null,
        su_kien: l.banGhi?.suKien ?? null,
        phien_ban: l.banGhi?.phienBan ?? null,
        ...movementJson(l),
      };
    }),
  };
}

const diemList = (values: readonly Diem[]) =>
  values.filter((v) => v !== null).map((v) => ({ diem: fmtDiem(v) }));

/**
 * The parents' lookup of one learner's results (solienlac.getSodiem): `diem[]` per `hoc_ky`
 * (1, 2, 0 = cả năm), each with `mon_hoc[]` (TX, GK, CK lists of {diem}, TK, loai_nhap_diem) and
 * `tong_ket` (hoc_luc / hanh_kiem, shown as học tập / rèn luyện under TT22).
 */
export function v5GetSodiem(gb: Gradebook, maHocSinh: string) {
  const learner = gb.learners.find((l) => l.hocVien.maHocVien === maHocSinh);
  if (!learner) return { success: false, message: "Không tìm thấy học sinh" };
  const subject = (maMon: string): Subject | undefined => gb.subjects.find((s) => s.ma === maMon);
  const semester = (hocKy: 1 | 2 | 0) => ({
    hoc_ky: hocKy,
    isTT22: true,
    lop_type: 0,
    mon_hoc: learner.ketQua.map((k) => {
      const s = subject(k.maMon);
      const scored = s?.hinhThuc === "DiemSo";
      const part = hocKy === 1 ? k.hk1 : hocKy === 2 ? k.hk2 : null;
      const result = part ?? k.cn;
      return {
        ten_mon_hoc: s?.ten ?? k.maMon,
        loai_nhap_diem: scored ? 1 : 2,
        TX: part ? diemList(part.tx) : [],
        GK: part ? diemList([part.gk]) : [],
        CK: part ? diemList([part.ck]) : [],
        TK: result.tbm !== null ? fmtAverage(result.tbm) : (result.mucDanhGia ?? ""),
      };
    }),
    tong_ket: {
      diem_tk: "",
      hoc_luc: fmtMuc(
        hocKy === 1 ? learner.hocTap.hk1 : hocKy === 2 ? learner.hocTap.hk2 : learner.hocTap.cn,
      ),
      hanh_kiem: fmtMuc(
        hocKy === 1 ? learner.renLuyen.hk1 : hocKy === 2 ? learner.renLuyen.hk2 : learner.renLuyen.cn,
      ),
      danh_hieu: hocKy === 0 ? fmtAward(learner.danhHieu, gb) : "",
      len_lop: hocKy === 0 ? fmtDecision(learner.ketQuaXet) : "",
    },
  });
  return {
    success: true,
    hoc_sinh: {
      ma_hoc_sinh: learner.hocVien.maHocVien,
      ho_ten: learner.hocVien.hoTen,
      ngay_sinh: fmtDate(learner.hocVien.ngaySinh),
      lop: gb.lop,
    },
    diem: [semester(1), semester(2), semester(0)],
  };
}

export function createVneduV5(options: V5Options) {
  const { classes, users, stats } = options;
  const sessions = new Map<string, V5Session>();

  const session = (req: IncomingMessage) => {
    const sid = cookieValue(req, V5_COOKIE);
    return sid ? sessions.get(sid) : undefined;
  };

  const login = async (req: IncomingMessage, res: ServerResponse) => {
    const form = await readForm(req);
    const next = safeNext(form.get("next"), "/v5/");
    const index = users.findIndex(
      (u) => u.username === form.get("txtUsername") && u.password === form.get("txtPassword"),
    );
    const user = users[index];
    if (!user) return send(res, 200, v5LoginPage(next, "Tên đăng nhập hoặc mật khẩu không đúng."));
    const sid = randomBytes(18).toString("hex");
    sessions.set(sid, {
      user: { username: user.username, name: user.name, id: 1000 + index },
      token: randomBytes(16).toString("hex"),
    });
    redirect(res, next, { "Set-Cookie": `${V5_COOKIE}=${sid}; Path=/; HttpOnly; SameSite=Lax` });
  };

  /** A fragment or JSON call: the session, its my_token, then the class and the subject it names. */
  const call = async (req: IncomingMessage, res: ServerResponse, url: URL, s: V5Session) => {
    const form = await readForm(req);
    if (form.get("my_token") !== s.token) {
      return sendJson(res, 403, { success: false, message: "Token không hợp lệ, hãy tải lại trang" });
    }
    const cls = classes.find((c) => c.id === form.get("iLopId"));
    if (!cls) throw new HttpError(404, "Không tìm thấy lớp");
    if (form.get("app_nam_hoc") !== v5NamHoc(cls.gradebook)) throw new HttpError(404, "Sai năm học");
    const load = url.searchParams.get("load");
    const method = url.searchParams.get("call");
    stats.served.push(`${url.pathname}?${load ? `load=${load}` : `call=${method}`}&${form.toString()}`);
    if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
    if (load === "edu.so_diem.nhap") {
      const subject = cls.gradebook.subjects.find((s) => v5SubjectId(cls, s) === form.get("iMonHocId"));
      if (!subject) throw new HttpError(404, "Không tìm thấy môn học");
      const hocKy = form.get("iHocKyId");
      if (hocKy !== "1" && hocKy !== "2") throw new HttpError(404, "Học kỳ không hợp lệ");
      if (subjectRows(cls.gradebook, subject).length === 0) {
        throw new HttpError(404, "Môn học không có học sinh");
      }
      return send(res, 200, v5SoDiemFragment(cls, subject, hocKy === "1" ? 1 : 2));
    }
    if (load === "edu.tong_ket.nhap") return send(res, 200, v5TongKetFragment(cls));
    switch (method) {
      case "edu.lop_hoc.getThongTin":
        return sendJson(res, 200, v5ClassInfo(cls));
      case "edu.lop_hoc.getDSMonHoc":
        return sendJson(res, 200, v5Subjects(cls));
      case "edu.hoc_sinh.getDSHocSinhLop":
        return sendJson(res, 200, v5Learners(cls));
    }
    throw new HttpError(404, "Không tìm thấy chức năng");
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> => {
    const path = url.pathname;
    const method = req.method ?? "GET";
    const isData = url.searchParams.has("load") || url.searchParams.has("call");
    try {
      if (path === "/sso/" || path === "/sso") {
        if (method === "POST") await login(req, res);
        else send(res, 200, v5LoginPage(url.searchParams.get("next") ?? "/v5/", ""));
        return true;
      }
      if (path === "/sllservices/index.php") {
        const cls = classes.find((c) =>
          c.gradebook.learners.some((l) => l.hocVien.maHocVien === url.searchParams.get("ma_hoc_sinh")),
        );
        if (url.searchParams.get("call") !== "solienlac.getSodiem" || !cls) {
          throw new HttpError(404, "Không tìm thấy");
        }
        const body = JSON.stringify(v5GetSodiem(cls.gradebook, url.searchParams.get("ma_hoc_sinh") ?? ""));
        const callback = url.searchParams.get("callback");
        if (callback && /^[A-Za-z_$][\w$]*$/.test(callback)) {
          send(res, 200, `${callback}(${body});`, "application/javascript; charset=utf-8");
        } else send(res, 200, body, "application/json; charset=utf-8");
        return true;
      }
      if (path !== "/v5/" && path !== "/v5" && path !== "/v5/index.php") return false;
      const s = session(req);
      if (!s) {
        if (isData) sendJson(res, 401, { success: false, message: "Phiên làm việc đã hết hạn" });
        else redirect(res, `/sso/?call=auth.login&next=${encodeURIComponent(path + url.search)}`);
        return true;
      }
      if (url.searchParams.get("call") === "auth.logout") {
        sessions.delete(cookieValue(req, V5_COOKIE) ?? "");
        redirect(res, "/sso/?call=auth.login", { "Set-Cookie": `${V5_COOKIE}=; Path=/; Max-Age=0` });
        return true;
      }
      if (isData) {
        if (method !== "POST") throw new HttpError(405, "Phương thức không được hỗ trợ");
        await call(req, res, url, s);
        return true;
      }
      stats.served.push(path);
      send(res, 200, v5Shell(classes, s.user, s.token));
      return true;
    } catch (err) {
      const status = err instanceof HttpError ? err.status : 500;
      const message = err instanceof Error ? err.message : String(err);
      sendJson(res, status, { success: false, message });
      return true;
    }
  };

  return { handle };
}

import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Gradebook } from "../../shared/model/gradebook.ts";
import { learnerId, makeClasses, type PortalClass } from "./portal-data.ts";
import { esc } from "./portal-format.ts";
import { cookieValue, HttpError, readForm, redirect, safeNext, send } from "./sim-http.ts";
import { createVneduV5 } from "./vnedu-v5.ts";
import { createVtsmas } from "./vtsmas.ts";
import {
  smasClassList,
  smasClassPage,
  smasHoSoPage,
  smasLayout,
  smasLoginPage,
  smasNhanXetPage,
  smasSoDiemPage,
  smasTongKetPage,
  type SoDiemColumn,
} from "./smas-pages.ts";
import { apiDanhSachLop, apiHocBa, apiLop, apiNhanXet, apiSoDiem, apiTongKet } from "./vnedu-api.ts";
import {
  vneduClassListPage,
  vneduClassPage,
  vneduListPage,
  vneduLoginPage,
  vneduSoDiemPage,
} from "./vnedu-pages.ts";

/**
 * A local vendor-portal simulator: a real HTTP server on 127.0.0.1 serving the sample gradebooks
 * in two layouts, vnEdu style (/vnedu/, JSON API + script-drawn grids) and SMAS style (/smas/,
 * server-rendered tables). Pages need the session cookie set by logging in; without it pages
 * redirect to the login page and APIs answer 401 JSON. Deterministic, no external resources.
 */

export interface PortalUser {
  username: string;
  password: string;
  name: string;
}

export interface PortalOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  gradebooks: readonly Gradebook[];
  users?: readonly PortalUser[];
  /** Delay every authenticated response by this many ms (to observe crawl concurrency). */
  delayMs?: number;
  /**
   * TEST-ONLY: serve one subject's SMAS sổ điểm page without a column, as a portal update or a
   * broken page would (class id as in the URLs, subject code).
   */
  brokenSoDiem?: { classId: string; monId: string; dropColumn: SoDiemColumn };
}

export interface PortalStats {
  requests: number;
  inFlight: number;
  maxInFlight: number;
  /** Paths served to an authenticated session, in order. */
  served: string[];
}

export interface RunningPortal {
  url: string;
  port: number;
  classes: readonly PortalClass[];
  users: readonly PortalUser[];
  stats: PortalStats;
  close(): Promise<void>;
}

export const SESSION_COOKIE = "SIMSESSID";

export function defaultUsers(gradebooks: readonly Gradebook[]): PortalUser[] {
  const first = gradebooks[0];
  return [
    { username: "gvcn", password: "123456", name: first?.gvcn ?? "Giáo viên chủ nhiệm" },
    { username: "giamdoc", password: "123456", name: first?.thuTruong.hoTen ?? "Giám đốc" },
  ];
}

interface Session {
  user: PortalUser;
}

function indexPage(classes: readonly PortalClass[]): string {
  const list = classes
    .map((c) => `<li>${esc(c.gradebook.lop)} (${esc(c.gradebook.school.tenTruong)}): mã lớp ${c.id}</li>`)
    .join("");
  return `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Cổng mô phỏng</title></head><body>
<h1>Cổng quản lý điểm mô phỏng (chỉ để thử nghiệm)</h1>
<ul><li><a href="/v5/">vnEdu v5 (giáo viên)</a></li><li><a href="/vtsmas/">SMAS mới (vtsmas)</a></li><li><a href="/vnedu/">Giao diện kiểu vnEdu</a></li><li><a href="/smas/">Giao diện kiểu SMAS</a></li></ul>
<p>Các lớp:</p><ul>${list}</ul></body></html>`;
}

export async function startPortal(options: PortalOptions): Promise<RunningPortal> {
  const classes = makeClasses(options.gradebooks);
  const users = options.users ?? defaultUsers(options.gradebooks);
  const sessions = new Map<string, Session>();
  const stats: PortalStats = { requests: 0, inFlight: 0, maxInFlight: 0, served: [] };
  const findClass = (id: string | null) => classes.find((c) => c.id === id);
  const v5 = createVneduV5({ classes, users, stats, delayMs: options.delayMs });
  const vtsmas = createVtsmas({ classes, users, stats, delayMs: options.delayMs });

  const login = async (req: IncomingMessage, res: ServerResponse, layout: "vnedu" | "smas") => {
    const form = await readForm(req);
    const nextField = layout === "vnedu" ? "next" : "ReturnUrl";
    const next = safeNext(form.get(nextField), layout === "vnedu" ? "/vnedu/" : "/smas/");
    const user = users.find(
      (u) => u.username === form.get("username") && u.password === form.get("password"),
    );
    if (!user) {
      const error = "Tên đăng nhập hoặc mật khẩu không đúng.";
      send(res, 200, layout === "vnedu" ? vneduLoginPage(next, error) : smasLoginPage(next, error));
      return;
    }
    const sid = randomBytes(18).toString("hex");
    sessions.set(sid, { user });
    redirect(res, next, { "Set-Cookie": `${SESSION_COOKIE}=${sid}; Path=/; HttpOnly; SameSite=Lax` });
  };

  const vnedu = (url: URL, session: Session, res: ServerResponse) => {
    const path = url.pathname;
    const cls = findClass(url.searchParams.get("lop_id"));
    const user = session.user.name;
    const json = (body: unknown) => send(res, 200, JSON.stringify(body), "application/json; charset=utf-8");
    if (path === "/vnedu/" || path === "/vnedu") return redirect(res, "/vnedu/dslop");
    if (path === "/vnedu/dslop") return send(res, 200, vneduClassListPage(user));
    if (path === "/vnedu/api/dslop") return json(apiDanhSachLop(classes));
    if (!cls) throw new HttpError(404, "Không tìm thấy lớp");
    switch (path) {
      case "/vnedu/lop":
        return send(res, 200, vneduClassPage(cls, user));
      case "/vnedu/sodiem": {
        const subject = cls.gradebook.subjects.find((s) => s.ma === url.searchParams.get("mon_id"));
        if (!subject) throw new HttpError(404, "Không tìm thấy môn học");
        return send(res, 200, vneduSoDiemPage(cls, subject.ma, user));
      }
      case "/vnedu/hocba":
      case "/vnedu/tongket":
      case "/vnedu/nhanxet":
        return send(
          res,
          200,
          vneduListPage(cls, path.slice("/vnedu/".length) as "hocba" | "tongket" | "nhanxet", user),
        );
      case "/vnedu/api/lop":
        return json(apiLop(cls));
      case "/vnedu/api/hocba":
        return json(apiHocBa(cls));
      case "/vnedu/api/tongket":
        return json(apiTongKet(cls));
      case "/vnedu/api/nhanxet":
        return json(apiNhanXet(cls));
      case "/vnedu/api/sodiem": {
        const subject = cls.gradebook.subjects.find((s) => s.ma === url.searchParams.get("mon_id"));
        if (!subject) throw new HttpError(404, "Không tìm thấy môn học");
        return json(apiSoDiem(cls, subject));
      }
    }
    throw new HttpError(404, "Không tìm thấy trang");
  };

  const smas = (url: URL, session: Session, res: ServerResponse) => {
    const path = url.pathname;
    const user = session.user.name;
    const page = (title: string, body: string) => send(res, 200, smasLayout(title, user, body));
    if (path === "/smas/" || path === "/smas") return redirect(res, "/smas/Lop/DanhSach");
    if (path === "/smas/Lop/DanhSach") return page("Danh sách lớp", smasClassList(classes));
    const cls = findClass(url.searchParams.get("lopId"));
    if (!cls) throw new HttpError(404, "Không tìm thấy lớp");
    const gb = cls.gradebook;
    switch (path) {
      case "/smas/Lop/ChiTiet":
        return page(`Lớp ${gb.lop}`, smasClassPage(cls));
      case "/smas/SoDiem/Index": {
        const subject = gb.subjects.find((s) => s.ma === url.searchParams.get("monId"));
        if (!subject) throw new HttpError(404, "Không tìm thấy môn học");
        const broken = options.brokenSoDiem;
        const drop =
          broken?.classId === cls.id && broken.monId === subject.ma ? broken.dropColumn : undefined;
        return page(`Sổ điểm môn ${subject.ten} - Lớp ${gb.lop}`, smasSoDiemPage(cls, subject, drop));
      }
      case "/smas/TongKet/Index":
        return page(`Tổng kết - Lớp ${gb.lop}`, smasTongKetPage(cls));
      case "/smas/NhanXet/GVCN":
        return page(`Nhận xét của GVCN - Lớp ${gb.lop}`, smasNhanXetPage(cls));
      case "/smas/HoSo/ChiTiet": {
        const id = url.searchParams.get("hocSinhId") ?? "";
        const index = gb.learners.findIndex((_, i) => learnerId(cls, i) === id);
        if (index < 0) throw new HttpError(404, "Không tìm thấy học sinh");
        return page(`Hồ sơ - ${gb.learners[index]?.hocVien.hoTen ?? ""}`, smasHoSoPage(cls, index));
      }
    }
    throw new HttpError(404, "Không tìm thấy trang");
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const path = url.pathname;
    const method = req.method ?? "GET";
    const isApi = path.includes("/api/");
    try {
      if (await v5.handle(req, res, url)) return;
      if (await vtsmas.handle(req, res, url)) return;
      if (path === "/") return send(res, 200, indexPage(classes));
      if (path === "/vnedu/login" || path === "/smas/Account/Login") {
        const layout = path.startsWith("/vnedu") ? "vnedu" : "smas";
        if (method === "POST") return await login(req, res, layout);
        if (method !== "GET") throw new HttpError(405, "Phương thức không được hỗ trợ");
        const next = url.searchParams.get(layout === "vnedu" ? "next" : "ReturnUrl") ?? "";
        return send(res, 200, layout === "vnedu" ? vneduLoginPage(next, "") : smasLoginPage(next, ""));
      }
      if (path === "/logout") {
        const sid = cookieValue(req, SESSION_COOKIE);
        if (sid) sessions.delete(sid);
        return redirect(res, "/", {
          "Set-Cookie": `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`,
        });
      }
      const layout = path.startsWith("/vnedu") ? "vnedu" : path.startsWith("/smas") ? "smas" : null;
      if (!layout) throw new HttpError(404, "Không tìm thấy trang");
      if (method !== "GET") throw new HttpError(405, "Phương thức không được hỗ trợ");
      const sid = cookieValue(req, SESSION_COOKIE);
      const session = sid ? sessions.get(sid) : undefined;
      if (!session) {
        if (isApi) {
          return send(
            res,
            401,
            JSON.stringify({ success: false, message: "Phiên đăng nhập đã hết hạn" }),
            "application/json; charset=utf-8",
          );
        }
        const back = encodeURIComponent(path + url.search);
        return redirect(
          res,
          layout === "vnedu" ? `/vnedu/login?next=${back}` : `/smas/Account/Login?ReturnUrl=${back}`,
        );
      }
      stats.served.push(path + url.search);
      if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
      if (layout === "vnedu") vnedu(url, session, res);
      else smas(url, session, res);
    } catch (err) {
      const status = err instanceof HttpError ? err.status : 500;
      const message = err instanceof Error ? err.message : String(err);
      if (isApi) {
        send(res, status, JSON.stringify({ success: false, message }), "application/json; charset=utf-8");
      } else {
        send(
          res,
          status,
          `<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Lỗi ${status}</title></head><body><h1>Lỗi ${status}</h1><p>${esc(message)}</p></body></html>`,
        );
      }
    }
  };

  const server = createServer((req, res) => {
    stats.requests++;
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    res.on("close", () => stats.inFlight--);
    void handle(req, res);
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    classes,
    users,
    stats,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crawlClass } from "../../../shared/portal-adapters/crawl-class.ts";
import { extractGradebook } from "../../../shared/portal-adapters/extract-gradebook.ts";
import { createGenericTableAdapter } from "../../../shared/portal-adapters/generic-table/generic-table-adapter.ts";
import { vneduAdapter } from "../../../shared/portal-adapters/vnedu-style/vnedu-adapter.ts";
import { SESSION_COOKIE, startPortal, type RunningPortal } from "../../portal-sim/start-portal.ts";
import { VNEDU_GRID_SCRIPT } from "../../portal-sim/vnedu-pages.ts";
import { loadFixture, login, openPage, parseHtml, sessionFetch } from "../adapters/portal-client.ts";

const gdtx = loadFixture("gradebook-gdtx-10.json");
const thpt = loadFixture("gradebook-thpt-11.json");
let portal: RunningPortal;

beforeAll(async () => {
  portal = await startPortal({ gradebooks: [gdtx, thpt] });
});
afterAll(async () => {
  await portal.close();
});

describe("portal simulator", () => {
  it("listens on 127.0.0.1 only, on the port it was given (0 = a free one)", () => {
    expect(portal.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(portal.port).toBeGreaterThan(0);
  });

  it.each([
    ["/vnedu/lop?lop_id=1001", "/vnedu/login?next="],
    ["/vnedu/sodiem?lop_id=1001&mon_id=TO", "/vnedu/login?next="],
    ["/smas/Lop/ChiTiet?lopId=1001", "/smas/Account/Login?ReturnUrl="],
    ["/smas/HoSo/ChiTiet?lopId=1001&hocSinhId=1001001", "/smas/Account/Login?ReturnUrl="],
  ])("page %s without a session redirects to the login page", async (path, login) => {
    const res = await fetch(portal.url + path, { redirect: "manual" });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(login + encodeURIComponent(path));
  });

  it.each(["/vnedu/api/sodiem?lop_id=1001&mon_id=TO", "/vnedu/api/hocba?lop_id=1001", "/vnedu/api/dslop"])(
    "API %s without a session answers 401 JSON",
    async (path) => {
      for (const cookie of [undefined, `${SESSION_COOKIE}=forged`]) {
        const res = await fetch(portal.url + path, { headers: cookie ? { Cookie: cookie } : {} });
        expect(res.status).toBe(401);
        expect(res.headers.get("content-type")).toContain("application/json");
        expect(await res.json()).toMatchObject({ success: false });
      }
    },
  );

  it("logs in with the sample accounts and sets an HttpOnly session cookie", async () => {
    for (const username of ["gvcn", "giamdoc"]) {
      const res = await fetch(portal.url + "/smas/Account/Login", {
        method: "POST",
        body: new URLSearchParams({
          username,
          password: "123456",
          ReturnUrl: "/smas/Lop/ChiTiet?lopId=1002",
        }),
        redirect: "manual",
      });
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe("/smas/Lop/ChiTiet?lopId=1002");
      expect(res.headers.get("set-cookie")).toMatch(
        new RegExp(`^${SESSION_COOKIE}=[0-9a-f]{36}; Path=/; HttpOnly; SameSite=Lax$`),
      );
    }
  });

  it("refuses a wrong password and never redirects off the site after login", async () => {
    const bad = await fetch(portal.url + "/vnedu/login", {
      method: "POST",
      body: new URLSearchParams({ username: "gvcn", password: "654321" }),
      redirect: "manual",
    });
    expect(bad.status).toBe(200);
    expect(bad.headers.get("set-cookie")).toBeNull();
    expect(await bad.text()).toContain("Tên đăng nhập hoặc mật khẩu không đúng.");
    const offsite = await fetch(portal.url + "/vnedu/login", {
      method: "POST",
      body: new URLSearchParams({ username: "gvcn", password: "123456", next: "//evil.example/" }),
      redirect: "manual",
    });
    expect(offsite.headers.get("location")).toBe("/vnedu/");
  });

  it("logging out ends the session", async () => {
    const cookie = await login(portal.url, "smas");
    const ok = await fetch(portal.url + "/smas/Lop/DanhSach", {
      headers: { Cookie: cookie },
      redirect: "manual",
    });
    expect(ok.status).toBe(200);
    await fetch(portal.url + "/logout", { headers: { Cookie: cookie }, redirect: "manual" });
    const after = await fetch(portal.url + "/smas/Lop/DanhSach", {
      headers: { Cookie: cookie },
      redirect: "manual",
    });
    expect(after.status).toBe(302);
  });

  it("lists every loaded class in both layouts", async () => {
    const sm = await (
      await fetch(portal.url + "/smas/Lop/DanhSach", { headers: { Cookie: await login(portal.url, "smas") } })
    ).text();
    expect(sm).toContain(">10A1</a>");
    expect(sm).toContain(">11A2</a>");
    const vn = (await (
      await fetch(portal.url + "/vnedu/api/dslop", { headers: { Cookie: await login(portal.url, "vnedu") } })
    ).json()) as {
      rows: { ten_lop: string; si_so: number }[];
    };
    expect(vn.rows.map((r) => [r.ten_lop, r.si_so])).toEqual([
      ["10A1", 42],
      ["11A2", 35],
    ]);
  });

  it("serves no external resource and shows decimals with a comma", async () => {
    const fetchPage = sessionFetch(await login(portal.url, "smas"));
    const page = await fetchPage(portal.url + "/smas/SoDiem/Index?lopId=1001&monId=TO");
    expect(page.html).not.toMatch(/(src|href)="https?:/);
    expect(page.html).toMatch(/<td class="tbm">\d+,\d<\/td>/);
    const vn = await fetchPage(portal.url + "/vnedu/sodiem?lop_id=1001&mon_id=TO");
    expect(vn.html).not.toMatch(/(src|href)="https?:/);
  });

  it("answers 404 for an unknown class or subject", async () => {
    const cookie = await login(portal.url, "smas");
    const res = await fetch(portal.url + "/smas/SoDiem/Index?lopId=1001&monId=XYZ", {
      headers: { Cookie: cookie },
    });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("Không tìm thấy môn học");
  });
});

describe("vnEdu shell pages drawn by their inline script", () => {
  /** Runs the page's own script on linkedom with the session's fetch, as a browser would. */
  async function render(path: string, cookie: string): Promise<Document> {
    const fetchPage = sessionFetch(cookie);
    const html = (await fetchPage(portal.url + path)).html ?? "";
    const doc = parseHtml(html);
    const pageFetch = (url: string) => fetch(new URL(url, portal.url), { headers: { Cookie: cookie } });
    // The page's own script, in a fresh context that only has the page's document and fetch.
    await (runInNewContext(VNEDU_GRID_SCRIPT, { document: doc, fetch: pageFetch }) as Promise<unknown>);
    return doc;
  }

  it("the drawn grids hold the same values the API gives (read by the generic adapter)", async () => {
    const cookie = await login(portal.url, "vnedu");
    const doc = await render("/vnedu/sodiem?lop_id=1001&mon_id=HDTNHN", cookie);
    expect(doc.querySelector("[data-source]")?.getAttribute("data-loaded")).toBe("1");
    expect(doc.querySelectorAll(".x-grid-row")).toHaveLength(gdtx.learners.length);
    const generic = createGenericTableAdapter();
    const fromDom = generic.extract({ url: portal.url + "/vnedu/sodiem?lop_id=1001&mon_id=HDTNHN", doc });
    expect(fromDom.problems).toEqual([]);

    const fetchPage = sessionFetch(cookie);
    const api = await openPage(fetchPage, portal.url + "/vnedu/api/sodiem?lop_id=1001&mon_id=HDTNHN");
    const fromApi = vneduAdapter.extract(api);
    expect(fromDom.data.soDiem[0]?.rows).toEqual(fromApi.data.soDiem[0]?.rows);
    expect(fromDom.data.soDiem[0]?.subjectHints[0]).toBe("Hoạt động trải nghiệm, hướng nghiệp");
    const subject = gdtx.subjects.find((s) => s.ma === "HDTNHN");
    expect(fromApi.data.soDiem[0]?.rows.map((r) => r.ketQua)).toEqual(
      gdtx.learners.map((l) => {
        const { maMon, ...rest } = l.ketQua.find((k) => k.maMon === subject?.ma) ?? { maMon: "" };
        return maMon === "HDTNHN" ? rest : undefined;
      }),
    );
  });

  it("the drawn class form shows the class information", async () => {
    const cookie = await login(portal.url, "vnedu");
    const doc = await render("/vnedu/lop?lop_id=1002", cookie);
    const labels = Array.from(doc.querySelectorAll(".x-form-item-label"), (l) => l.textContent);
    expect(labels).toContain("Năm học:");
    const generic = createGenericTableAdapter();
    const data = generic.extract({ url: portal.url + "/vnedu/lop?lop_id=1002", doc }).data;
    expect(data.info).toMatchObject({
      lop: "11A2",
      namHoc: "2025-2026",
      maTruong: thpt.school.maTruong,
      profile: "thpt-tt22",
    });
  });

  it("a vnEdu crawl needs only the API pages", async () => {
    const fetchPage = sessionFetch(await login(portal.url, "vnedu"));
    const start = await openPage(fetchPage, portal.url + "/vnedu/tongket?lop_id=1002");
    const crawl = await crawlClass({
      adapter: vneduAdapter,
      start,
      fetchPage,
      parseHtml: (h) => parseHtml(h),
    });
    expect(crawl.pages.slice(1).every((p) => p.json !== undefined)).toBe(true);
    expect(extractGradebook(vneduAdapter, crawl.pages).gradebook).toEqual(thpt);
  });
});

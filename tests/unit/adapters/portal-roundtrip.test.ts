import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Gradebook } from "../../../shared/model/gradebook.ts";
import { crawlClass } from "../../../shared/portal-adapters/crawl-class.ts";
import { extractGradebook, readClassFromPortal } from "../../../shared/portal-adapters/extract-gradebook.ts";
import type { PortalAdapter } from "../../../shared/portal-adapters/portal-adapter.ts";
import { createAdapters, detectAdapter } from "../../../shared/portal-adapters/registry.ts";
import { smasAdapter } from "../../../shared/portal-adapters/smas-style/smas-adapter.ts";
import { vneduAdapter } from "../../../shared/portal-adapters/vnedu-style/vnedu-adapter.ts";
import { startPortal, type RunningPortal } from "../../portal-sim/start-portal.ts";
import { loadFixture, login, openPage, parseHtml, sessionFetch } from "./portal-client.ts";

/**
 * The key property: every page of a class, fetched from the simulator with a logged-in session and
 * read by the adapter, gives back the source gradebook field by field, in both layouts, for the
 * GDTX and the THPT sample.
 */

const gdtx = loadFixture("gradebook-gdtx-10.json");
const thpt = loadFixture("gradebook-thpt-11.json");
let portal: RunningPortal;

beforeAll(async () => {
  portal = await startPortal({ gradebooks: [gdtx, thpt] });
});
afterAll(async () => {
  await portal.close();
});

const LAYOUTS: { layout: "vnedu" | "smas"; adapter: PortalAdapter; classPath: (id: string) => string }[] = [
  { layout: "vnedu", adapter: vneduAdapter, classPath: (id) => `/vnedu/lop?lop_id=${id}` },
  { layout: "smas", adapter: smasAdapter, classPath: (id) => `/smas/Lop/ChiTiet?lopId=${id}` },
];
const FIXTURES: [string, Gradebook, string][] = [
  ["GDTX 10A1", gdtx, "1001"],
  ["THPT 11A2", thpt, "1002"],
];

describe.each(LAYOUTS)("$layout layout", ({ layout, adapter, classPath }) => {
  it.each(FIXTURES)("reads class %s back exactly", async (_name, source, id) => {
    const fetchPage = sessionFetch(await login(portal.url, layout));
    const start = await openPage(fetchPage, portal.url + classPath(id));
    expect(detectAdapter(start, createAdapters())?.id).toBe(adapter.id);
    expect(adapter.pageKind(start)).toBe("lop");

    const result = await readClassFromPortal({
      adapter,
      start,
      fetchPage,
      parseHtml: (html) => parseHtml(html),
      concurrency: 4,
    });
    expect(result.problems.map((p) => p.message)).toEqual([]);
    expect(result.gradebook).toEqual(source);
    // Field by field too, so a failure names the place.
    const gb = result.gradebook as Gradebook;
    expect(gb.subjects).toEqual(source.subjects);
    source.learners.forEach((learner, i) => {
      expect(gb.learners[i]?.hocVien, `học viên ${i + 1}`).toEqual(learner.hocVien);
      expect(gb.learners[i]?.ketQua, `kết quả ${learner.hocVien.hoTen}`).toEqual(learner.ketQua);
    });
  });

  it("visits every page of the class once, a few at a time, and only with the session", async () => {
    const slow = await startPortal({ gradebooks: [gdtx], delayMs: 15 });
    try {
      const fetchPage = sessionFetch(await login(slow.url, layout));
      const start = await openPage(fetchPage, slow.url + classPath("1001"));
      const before = slow.stats.served.length;
      const crawl = await crawlClass({
        adapter,
        start,
        fetchPage,
        parseHtml: (h) => parseHtml(h),
        concurrency: 3,
      });
      expect(crawl.problems).toEqual([]);
      const served = slow.stats.served.slice(before);
      expect(new Set(served).size).toBe(served.length);
      const expectedPages =
        layout === "vnedu" ? 4 + gdtx.subjects.length : 2 + gdtx.subjects.length + gdtx.learners.length;
      expect(served.length).toBe(expectedPages);
      expect(slow.stats.maxInFlight).toBeLessThanOrEqual(3);
      expect(slow.stats.maxInFlight).toBeGreaterThan(1);
    } finally {
      await slow.close();
    }
  });
});

describe("a class with deliberate errors (for hocba check)", () => {
  it("comes through exactly as the source: wrong values, too few ĐĐGtx, a duplicated learner, an impossible date", async () => {
    const errors = loadFixture("gradebook-errors.json");
    const withErrors = await startPortal({ gradebooks: [errors] });
    try {
      for (const { layout, adapter, classPath } of LAYOUTS) {
        const fetchPage = sessionFetch(await login(withErrors.url, layout));
        const start = await openPage(fetchPage, withErrors.url + classPath("1001"));
        const result = await readClassFromPortal({
          adapter,
          start,
          fetchPage,
          parseHtml: (h) => parseHtml(h),
        });
        expect(result.problems.map((p) => p.message)).toEqual([]);
        expect(result.gradebook).toEqual(errors);
      }
    } finally {
      await withErrors.close();
    }
  });
});

describe("crawl failures", () => {
  it("names the page that failed and still reads the others", async () => {
    const fetchPage = sessionFetch(await login(portal.url, "smas"));
    const start = await openPage(fetchPage, portal.url + "/smas/Lop/ChiTiet?lopId=1001");
    const failing = async (url: string) => {
      if (url.includes("monId=TO")) throw new Error("mất kết nối");
      return fetchPage(url);
    };
    const result = await readClassFromPortal({
      adapter: smasAdapter,
      start,
      fetchPage: failing,
      parseHtml: (h) => parseHtml(h),
    });
    expect(result.gradebook).toBeNull();
    const messages = result.problems.map((p) => p.message);
    expect(messages[0]).toBe(
      `Không tải được trang «${portal.url}/smas/SoDiem/Index?lopId=1001&monId=TO»: mất kết nối`,
    );
    expect(messages).toContain("Thiếu sổ điểm môn «Toán»: chưa đọc được trang sổ điểm của môn này.");
  });

  it("reports an expired session (pages redirect to the login form) instead of reading it", async () => {
    const fetchPage = sessionFetch(await login(portal.url, "smas"));
    const start = await openPage(fetchPage, portal.url + "/smas/Lop/ChiTiet?lopId=1001");
    const expired = sessionFetch("SIMSESSID=expired");
    const result = await crawlClass({
      adapter: smasAdapter,
      start,
      fetchPage: expired,
      parseHtml: (h) => parseHtml(h),
    });
    expect(result.pages).toHaveLength(1);
    expect(result.problems.length).toBeGreaterThan(0);
    expect(result.problems.every((p) => p.code === "EXTRACT_LOGIN_PAGE")).toBe(true);
  });

  it("refuses to start from a page that is not a class page", async () => {
    const fetchPage = sessionFetch(await login(portal.url, "smas"));
    const list = await openPage(fetchPage, portal.url + "/smas/Lop/DanhSach");
    await expect(
      crawlClass({ adapter: smasAdapter, start: list, fetchPage, parseHtml: (h) => parseHtml(h) }),
    ).rejects.toMatchObject({
      code: "EXTRACT_NOT_CLASS_PAGE",
    });
  });

  it("never follows links to another site", async () => {
    const fetchPage = sessionFetch(await login(portal.url, "smas"));
    const start = await openPage(fetchPage, portal.url + "/smas/Lop/ChiTiet?lopId=1001");
    const evil: PortalAdapter = {
      ...smasAdapter,
      links: (p) => (p === start ? ["https://example.org/steal", ...smasAdapter.links(p)] : []),
    };
    const asked: string[] = [];
    const crawl = await crawlClass({
      adapter: evil,
      start,
      fetchPage: (url) => {
        asked.push(url);
        return fetchPage(url);
      },
      parseHtml: (h) => parseHtml(h),
    });
    expect(asked.every((u) => u.startsWith(portal.url))).toBe(true);
    expect(crawl.pages.length).toBe(asked.length + 1);
  });
});

describe("the adapters tell their pages apart", () => {
  it("each layout's pages are detected by its own adapter only", async () => {
    const vn = sessionFetch(await login(portal.url, "vnedu"));
    const sm = sessionFetch(await login(portal.url, "smas"));
    const vnPage = await openPage(vn, portal.url + "/vnedu/sodiem?lop_id=1001&mon_id=TO");
    const smPage = await openPage(sm, portal.url + "/smas/SoDiem/Index?lopId=1001&monId=TO");
    expect([vneduAdapter.detect(vnPage), smasAdapter.detect(vnPage)]).toEqual([true, false]);
    expect([vneduAdapter.detect(smPage), smasAdapter.detect(smPage)]).toEqual([false, true]);
    // Without their addresses (saved files), by content.
    const savedVn = { url: "file:///tmp/a.html", doc: vnPage.doc as Document };
    const savedSm = { url: "file:///tmp/b.html", doc: smPage.doc as Document };
    expect(detectAdapter(savedVn)?.id).toBe("vnedu-style");
    expect(detectAdapter(savedSm)?.id).toBe("smas-style");
    expect(smasAdapter.pageKind(savedSm)).toBe("soDiem");
    const json = await openPage(vn, portal.url + "/vnedu/api/tongket?lop_id=1001");
    expect(vneduAdapter.pageKind({ url: "file:///tmp/t.json", json: json.json })).toBe("tongKet");
    expect(
      extractGradebook(vneduAdapter, [{ url: "file:///tmp/t.json", json: json.json }]).problems[0]?.code,
    ).toBe("EXTRACT_INFO_MISSING");
  });
});

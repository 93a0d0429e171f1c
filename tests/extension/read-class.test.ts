import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { dispatchAction } from "../../extension/background/dispatch-action.ts";
import type { ActionResult, PageInspection, ReadClassResult } from "../../extension/models/wire.ts";
import { startPortal, type RunningPortal } from "../portal-sim/start-portal.ts";
import { testDeps } from "./support/background-deps.ts";
import { fakeHelper } from "./support/fake-native.ts";
import { contentFetcher, fixture, portalLogin } from "./support/portal.ts";

function value<T>(result: ActionResult): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/** "Read this class" sent from tab 1 on `url`, with the page as the portal serves it to `cookie`. */
async function readClassFromTab(
  deps: ReturnType<typeof testDeps>,
  url: string,
  cookie: string,
): Promise<ReadClassResult> {
  const html = await (await fetch(url, { headers: { Cookie: cookie } })).text();
  return value<ReadClassResult>(
    await dispatchAction(
      { action: "read-class", url, html },
      { id: deps.extensionId, url, tab: { id: 1, url } },
      deps,
    ),
  );
}

describe("reading a class through the content script's fetch (real simulator, real adapters)", () => {
  let portal: RunningPortal;
  const source = fixture("gradebook-gdtx-10.json");
  const withErrors = fixture("gradebook-errors.json");

  beforeAll(async () => {
    portal = await startPortal({ gradebooks: [source, withErrors] });
  });
  afterAll(async () => portal.close());
  beforeEach(() => fakeBrowser.reset());

  it.each([
    ["smas", "/smas/Lop/ChiTiet?lopId=1001"],
    ["vnedu", "/vnedu/lop?lop_id=1001"],
  ] as const)(
    "%s layout: the 42-learner class is read, checked and stored unchanged",
    async (layout, path) => {
      const cookie = await portalLogin(portal.url, layout);
      const deps = testDeps(fakeHelper(), { portals: [{ origin: portal.url, adapter: "auto" }] });
      deps.tabHandler = contentFetcher(cookie);
      const url = portal.url + path;
      const html = await (await fetch(url, { headers: { Cookie: cookie } })).text();
      const sender = { id: deps.extensionId, url, tab: { id: 9, url }, frameId: 0 };

      const inspection = value<PageInspection>(
        await dispatchAction({ action: "inspect-page", url, html }, sender, deps),
      );
      expect(inspection.classPage).toBe(true);
      expect(inspection.adapterId).toBe(`${layout}-style`);

      const result = value<ReadClassResult>(
        await dispatchAction({ action: "read-class", url, html }, sender, deps),
      );
      expect(result.problems).toEqual([]);
      expect(result.saved).toMatchObject({
        learnerCount: 42,
        errorCount: 0,
        lop: "10A1",
        learnerWord: "học viên",
      });
      const stored = await (await deps.db()).getGradebook(result.saved?.classKey ?? "");
      expect(stored?.gradebook).toEqual(source);
      expect(stored?.sourceOrigin).toBe(portal.url);
      // Every page was fetched by the content script in the tab that asked, and progress was reported.
      const fetches = deps.tabMessages.filter((m) => (m.message as { type: string }).type === "hocba-fetch");
      expect(fetches.length).toBeGreaterThan(3);
      expect(fetches.every((m) => m.tabId === 9 && m.frameId === 0)).toBe(true);
      expect(deps.tabMessages.some((m) => (m.message as { type: string }).type === "hocba-progress")).toBe(
        true,
      );
    },
  );

  it("a class with errors on the portal is stored, and its errors are counted for the panel", async () => {
    const cookie = await portalLogin(portal.url, "smas");
    const deps = testDeps(fakeHelper(), { portals: [{ origin: portal.url, adapter: "smas" }] });
    deps.tabHandler = contentFetcher(cookie);
    const url = `${portal.url}/smas/Lop/ChiTiet?lopId=1002`;
    const result = await readClassFromTab(deps, url, cookie);
    expect(result.problems).toEqual([]);
    expect(result.saved?.learnerCount).toBe(withErrors.learners.length);
    expect(result.saved?.errorCount).toBeGreaterThanOrEqual(withErrors.learners.length);
    const stored = await (await deps.db()).getGradebook(result.saved?.classKey ?? "");
    expect(stored?.gradebook.learners.map((l) => l.hocVien)).toEqual(
      withErrors.learners.map((l) => l.hocVien),
    );
  });

  it("the options' school fills only what the portal does not show", async () => {
    const cookie = await portalLogin(portal.url, "smas");
    const school = {
      maSo: "99",
      maTruong: "79000701",
      tenTruong: "Trường khác",
      diaDanh: "",
      capHoc: "05" as const,
    };
    const deps = testDeps(fakeHelper(), { portals: [{ origin: portal.url, adapter: "smas" }], school });
    // This portal does not show the school's code on any page.
    const noCode = (html: string) => html.replace(/<th>Mã trường<\/th><td>[^<]*<\/td>/g, "");
    const fetcher = contentFetcher(cookie);
    deps.tabHandler = async (message) => {
      const reply = await fetcher(message);
      return reply?.ok && reply.page.html
        ? { ...reply, page: { ...reply.page, html: noCode(reply.page.html) } }
        : reply;
    };
    const url = `${portal.url}/smas/Lop/ChiTiet?lopId=1001`;
    const html = noCode(await (await fetch(url, { headers: { Cookie: cookie } })).text());
    const result = value<ReadClassResult>(
      await dispatchAction(
        { action: "read-class", url, html },
        { id: deps.extensionId, url, tab: { id: 1, url } },
        deps,
      ),
    );
    expect(result.problems).toEqual([]);
    const stored = await (await deps.db()).getGradebook(result.saved?.classKey ?? "");
    expect(stored?.gradebook.school).toEqual({ ...source.school, maTruong: "79000701" });
  });

  it("a page the portal cannot serve is named in the problems, and nothing is stored", async () => {
    const cookie = await portalLogin(portal.url, "smas");
    const deps = testDeps(fakeHelper(), { portals: [{ origin: portal.url, adapter: "smas" }] });
    const fetcher = contentFetcher(cookie);
    // The content script's fetch of one sổ điểm page fails (HTTP 500 on the portal).
    deps.tabHandler = (message) => {
      const url = (message as { url?: string }).url ?? "";
      if (url.includes("monId=TO")) {
        return {
          ok: false,
          error: { code: "EXT_CRAWL_FAILED", params: { page: url, status: 500 }, message: "500" },
        };
      }
      return fetcher(message);
    };
    const url = `${portal.url}/smas/Lop/ChiTiet?lopId=1001`;
    const result = await readClassFromTab(deps, url, cookie);
    expect(result.saved).toBeUndefined();
    expect(result.problems.map((p) => p.code)).toContain("EXT_CRAWL_FAILED");
    expect(result.problems.find((p) => p.code === "EXT_CRAWL_FAILED")?.message).toMatch(/monId=TO.*HTTP 500/);
    expect(await (await deps.db()).listGradebooks()).toEqual([]);
  });

  it("the class list is not a class page, and a logged-out crawl names the login page", async () => {
    const cookie = await portalLogin(portal.url, "smas");
    const deps = testDeps(fakeHelper(), { portals: [{ origin: portal.url, adapter: "auto" }] });
    const listUrl = `${portal.url}/smas/Lop/DanhSach`;
    const listHtml = await (await fetch(listUrl, { headers: { Cookie: cookie } })).text();
    const sender = { id: deps.extensionId, url: listUrl, tab: { id: 1, url: listUrl } };
    expect(
      value<PageInspection>(
        await dispatchAction({ action: "inspect-page", url: listUrl, html: listHtml }, sender, deps),
      ).classPage,
    ).toBe(false);

    const url = `${portal.url}/smas/Lop/ChiTiet?lopId=1001`;
    const html = await (await fetch(url, { headers: { Cookie: cookie } })).text();
    deps.tabHandler = contentFetcher("SIMSESSID=expired");
    const result = value<ReadClassResult>(
      await dispatchAction(
        { action: "read-class", url, html },
        { ...sender, url, tab: { id: 1, url } },
        deps,
      ),
    );
    expect(result.saved).toBeUndefined();
    expect(result.problems.length).toBeGreaterThan(0);
    expect(result.problems.map((p) => p.code)).toContain("EXTRACT_LOGIN_PAGE");
  });

  it("refuses pages of an origin that is not configured", async () => {
    const deps = testDeps(fakeHelper(), { portals: [{ origin: "https://other.vn", adapter: "auto" }] });
    const url = `${portal.url}/smas/Lop/ChiTiet?lopId=1001`;
    const result = await dispatchAction(
      { action: "read-class", url, html: "<html></html>" },
      { id: deps.extensionId, url, tab: { id: 1, url } },
      deps,
    );
    expect(result).toMatchObject({ ok: false, error: { code: "EXT_SENDER_REJECTED" } });
    expect(deps.tabMessages).toEqual([]);
  });
});

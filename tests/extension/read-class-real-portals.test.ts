import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { dispatchAction } from "../../extension/background/dispatch-action.ts";
import { contentWireError } from "../../extension/content/content-error.ts";
import { fetchPortalPage } from "../../extension/content/fetch-portal-page.ts";
import { findPageBearer, type StorageLike } from "../../extension/content/find-page-bearer.ts";
import type {
  ActionResult,
  PageInspection,
  PortalFetchRequest,
  ReadClassResult,
} from "../../extension/models/wire.ts";
import { startPortal, type RunningPortal } from "../portal-sim/start-portal.ts";
import { VTSMAS_TOKEN_KEY, vtsmasYearId } from "../portal-sim/vtsmas.ts";
import { loginV5, openV5Class } from "../unit/adapters/portal-client.ts";
import { testDeps } from "./support/background-deps.ts";
import { fakeHelper } from "./support/fake-native.ts";
import { fixture } from "./support/portal.ts";

/**
 * The extension's reading path on the real portals' shapes: the background crawls, the content
 * script's own fetchPortalPage performs each request (vnEdu v5's form POSTs with the page's
 * my_token and the session cookie; the new SMAS's gateway calls with the bearer token it finds in
 * the page's storage), and the class is stored unchanged.
 */

function value<T>(result: ActionResult): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

const realFetch = globalThis.fetch;
/** What the browser does for the content script: the page's cookies go with same-origin requests. */
function browserFetch(cookie: string) {
  vi.stubGlobal("fetch", (input: string, init: RequestInit = {}) =>
    realFetch(input, {
      ...init,
      headers: {
        ...(init.headers as Record<string, string>),
        ...(init.credentials === "omit" ? {} : { Cookie: cookie }),
      },
    }),
  );
}

function storage(entries: Record<string, string>): StorageLike {
  const keys = Object.keys(entries);
  return { length: keys.length, key: (i) => keys[i] ?? null, getItem: (k) => entries[k] ?? null };
}

describe("reading vnEdu v5 and the new SMAS through the content script's fetch", () => {
  let portal: RunningPortal;
  const source = fixture("gradebook-gdtx-10.json");

  beforeAll(async () => {
    portal = await startPortal({ gradebooks: [source] });
  });
  afterAll(async () => portal.close());
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => vi.unstubAllGlobals());

  async function read(url: string, html: string, bearerStorage: StorageLike[]) {
    const deps = testDeps(fakeHelper(), { portals: [{ origin: portal.url, adapter: "auto" }] });
    deps.tabHandler = async (message) => {
      const m = message as PortalFetchRequest;
      if (m.type !== "hocba-fetch") return undefined;
      try {
        const page = await fetchPortalPage(m.url, portal.url, {
          ...(m.request ? { request: m.request } : {}),
          ...(m.apiOrigins ? { apiOrigins: m.apiOrigins } : {}),
          bearer: () => findPageBearer(bearerStorage),
        });
        return { ok: true, page };
      } catch (err) {
        // As the content script answers: the error's code and parameters, worded by the background.
        return { ok: false, error: contentWireError(err) };
      }
    };
    const sender = { id: deps.extensionId, url, tab: { id: 3, url }, frameId: 0 };
    const inspection = value<PageInspection>(
      await dispatchAction({ action: "inspect-page", url, html }, sender, deps),
    );
    const result = value<ReadClassResult>(
      await dispatchAction({ action: "read-class", url, html }, sender, deps),
    );
    const stored = result.saved ? await (await deps.db()).getGradebook(result.saved.classKey) : undefined;
    return { inspection, result, stored, deps };
  }

  it("vnEdu v5: form POSTs with the page's my_token and the session; the class is stored unchanged", async () => {
    const cookie = await loginV5(portal.url);
    const start = await openV5Class(portal.url, cookie, { lopId: "1001" });
    browserFetch(cookie);
    const { inspection, result, stored, deps } = await read(start.url, start.html, []);
    expect(inspection).toEqual({ classPage: true, adapterId: "vnedu-v5" });
    expect(result.problems).toEqual([]);
    expect(stored?.gradebook).toEqual(source);
    const posts = deps.tabMessages
      .map((m) => m.message as PortalFetchRequest)
      .filter((m) => m.type === "hocba-fetch" && m.request?.method === "POST");
    expect(posts.length).toBe(4 + 2 * source.subjects.length);
    expect(posts.every((m) => m.request?.form?.my_token === start.token)).toBe(true);
  });

  it("new SMAS: gateway calls carry the bearer token found in the page's storage, never a password", async () => {
    const grant = await realFetch(portal.url + "/vtsmas/sso/connect/token", {
      method: "POST",
      body: new URLSearchParams({ grant_type: "password", username: "gvcn", password: "123456" }),
    });
    const { access_token: token } = (await grant.json()) as { access_token: string };
    const url = `${portal.url}/vtsmas/so-diem?classId=c1001&schoolYearId=${vtsmasYearId(source)}`;
    const html = await (await realFetch(url)).text();
    browserFetch("");
    const local = storage({
      theme: "dark",
      [VTSMAS_TOKEN_KEY(portal.url)]: JSON.stringify({
        access_token: token,
        token_type: "Bearer",
        expires_at: 4102444800,
      }),
    });
    const { inspection, result, stored, deps } = await read(url, html, [local]);
    expect(inspection).toEqual({ classPage: true, adapterId: "vtsmas" });
    expect(result.problems).toEqual([]);
    expect(stored?.gradebook).toEqual(source);
    // The token stays in the content script: the background's messages never carry it.
    expect(JSON.stringify(deps.tabMessages)).not.toContain(token);
  });

  it("new SMAS without a session in the page: says to log in again, asks for no password", async () => {
    const url = `${portal.url}/vtsmas/so-diem?classId=c1001&schoolYearId=${vtsmasYearId(source)}`;
    const html = await (await realFetch(url)).text();
    browserFetch("");
    const { result } = await read(url, html, [storage({})]);
    expect(result.saved).toBeUndefined();
    expect(result.problems[0]?.message).toContain("Không thấy phiên đăng nhập của cổng trên trang này");
  });
});

describe("findPageBearer", () => {
  const jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJlLXZhbHVl";
  it.each([
    [
      "an OIDC user entry",
      {
        "oidc.user:https://sso.vtsmas.vn:web": JSON.stringify({ access_token: jwt, expires_at: 4102444800 }),
      },
    ],
    ["a plain token entry", { access_token: jwt }],
    ["a 'Bearer …' value", { "app.token": `Bearer ${jwt}` }],
  ])("finds %s", (_name, entries) => {
    expect(findPageBearer([storage(entries)], 1_700_000_000_000)).toBe(jwt);
  });

  it("ignores an expired session, unrelated entries and values that are not tokens", () => {
    expect(
      findPageBearer(
        [
          storage({
            "oidc.user:x": JSON.stringify({ access_token: jwt, expires_at: 1_600_000_000 }),
            language: "vi",
            token: "not a token!",
          }),
        ],
        1_700_000_000_000,
      ),
    ).toBeUndefined();
  });
});

describe("fetchPortalPage with requests", () => {
  afterEach(() => vi.unstubAllGlobals());
  const ORIGIN = "https://truong.vtsmas.vn";
  const GATEWAY = "https://gateway.vtsmas.vn";

  function respond(url: string) {
    const f = vi.fn((_input: string, _init?: RequestInit) =>
      Promise.resolve({
        ok: true,
        status: 200,
        url,
        headers: new Headers({ "content-type": "application/json" }),
        json: () => Promise.resolve([] as unknown),
        text: () => Promise.resolve("[]"),
      }),
    );
    vi.stubGlobal("fetch", f);
    return f;
  }

  it("an API origin named by the adapter gets the page's token and no cookies", async () => {
    const f = respond(`${GATEWAY}/api/x`);
    await fetchPortalPage(`${GATEWAY}/api/x`, ORIGIN, {
      request: { url: `${GATEWAY}/api/x`, method: "POST", json: { a: 1 }, auth: "page-bearer" },
      apiOrigins: [GATEWAY],
      bearer: () => "tok-123456789012345",
    });
    expect(f.mock.calls[0]?.[1]).toMatchObject({
      method: "POST",
      credentials: "omit",
      body: '{"a":1}',
      headers: { Authorization: "Bearer tok-123456789012345", "Content-Type": "application/json" },
    });
  });

  it("an origin the adapter did not name is still refused", async () => {
    const f = respond("https://evil.example/api");
    await expect(
      fetchPortalPage("https://evil.example/api", ORIGIN, { apiOrigins: [GATEWAY], bearer: () => "t" }),
    ).rejects.toMatchObject({ code: "EXT_CRAWL_OTHER_ORIGIN" });
    expect(f).not.toHaveBeenCalled();
  });

  it("a form POST to the portal goes with the session cookie", async () => {
    const f = respond(`${ORIGIN}/v5/?load=edu.so_diem.nhap`);
    await fetchPortalPage("/v5/?load=edu.so_diem.nhap", ORIGIN, {
      request: {
        url: `${ORIGIN}/v5/?load=edu.so_diem.nhap`,
        method: "POST",
        form: { iLopId: "1", my_token: "t" },
      },
    });
    expect(f.mock.calls[0]?.[1]).toMatchObject({
      method: "POST",
      credentials: "same-origin",
      body: "iLopId=1&my_token=t",
    });
  });
});

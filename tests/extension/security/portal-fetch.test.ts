import { afterEach, describe, expect, it, vi } from "vitest";
import type { ContentError } from "../../../extension/content/content-error.ts";
import { fetchPortalPage } from "../../../extension/content/fetch-portal-page.ts";
import { formatMessage } from "../../../shared/errors/message-table.ts";

/**
 * Security review, extension: the content script fetches only pages of the portal it runs on. A
 * link to another site was already refused; a portal page that redirects elsewhere (an open
 * redirect, a compromised link) was followed and its content read as the class's grades.
 */
const ORIGIN = "https://hocba.vnedu.vn";

function respond(url: string, body: string, type = "text/html") {
  const fetchMock = vi.fn((_input: string, _init?: RequestInit) =>
    Promise.resolve({
      ok: true,
      status: 200,
      url,
      headers: new Headers({ "content-type": type }),
      text: () => Promise.resolve(body),
      json: () => Promise.resolve(JSON.parse(body) as unknown),
    }),
  );
  vi.stubGlobal("fetch", fetchMock);
  return fetchMock;
}

afterEach(() => vi.unstubAllGlobals());

describe("fetchPortalPage", () => {
  it("fetches a page of the portal with the user's session, cookies to the same origin only", async () => {
    const f = respond(`${ORIGIN}/lop/1`, "<html></html>");
    expect(await fetchPortalPage("/lop/1", ORIGIN)).toEqual({
      url: `${ORIGIN}/lop/1`,
      html: "<html></html>",
    });
    expect(f.mock.calls[0]?.[1]).toMatchObject({ credentials: "same-origin" });
  });

  it("follows a redirect inside the portal", async () => {
    respond(`${ORIGIN}/lop/1?trang=2`, '{"a":1}', "application/json");
    expect(await fetchPortalPage("/lop/1", ORIGIN)).toEqual({
      url: `${ORIGIN}/lop/1?trang=2`,
      json: { a: 1 },
    });
  });

  it.each(["https://evil.example/lop/1", "//evil.example/x", "http://hocba.vnedu.vn/lop/1"])(
    "refuses a link to another origin: %s",
    async (url) => {
      const f = respond(url, "");
      await expect(fetchPortalPage(url, ORIGIN)).rejects.toMatchObject({ code: "EXT_CRAWL_OTHER_ORIGIN" });
      expect(f).not.toHaveBeenCalled();
    },
  );

  it.each([
    "https://evil.example/fake-grades",
    "http://hocba.vnedu.vn/lop/1",
    "https://hocba.vnedu.vn.evil.example/",
  ])("refuses a portal page that redirected to %s, without reading it", async (finalUrl) => {
    respond(finalUrl, "<table><tr><td>Nguyễn Văn Giả</td><td>10</td></tr></table>");
    const error = await fetchPortalPage("/lop/1", ORIGIN).then(
      () => undefined,
      (err: unknown) => err as ContentError,
    );
    expect(error).toMatchObject({
      code: "EXT_CRAWL_OTHER_ORIGIN",
      params: { origin: new URL(finalUrl).origin },
    });
    // The content script carries no message table: the background words its errors.
    expect(error && formatMessage(error.code, error.params)).toContain("chỉ đọc dữ liệu từ chính cổng");
  });
});

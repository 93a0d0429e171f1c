import { beforeEach, describe, expect, it } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { dispatchAction } from "../../extension/background/dispatch-action.ts";
import type { ActionResult, HelperStatus, TokenList } from "../../extension/models/wire.ts";
import { failingConnector, fakeHelper } from "./support/fake-native.ts";
import { EXT_ORIGIN, PAGE_SENDER, PORTAL_SENDER, testDeps } from "./support/background-deps.ts";

function value<T>(result: ActionResult): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

describe("dispatchAction", () => {
  beforeEach(() => fakeBrowser.reset());

  it("reports the helper's version and tokens", async () => {
    const deps = testDeps(fakeHelper({ hostVersion: "0.1.0" }));
    const status = value<HelperStatus>(
      await dispatchAction({ action: "get-helper-status" }, PAGE_SENDER, deps),
    );
    expect(status).toEqual({ installed: true, version: "0.1.0", tokens: ["TestToken"] });
    // The port is closed after the question.
    expect((deps.connector as ReturnType<typeof fakeHelper>).ports.every((p) => p.disconnected)).toBe(true);
  });

  it.each([
    ["Specified native messaging host not found.", "EXT_HOST_NOT_FOUND"],
    ["Access to the specified native messaging host is forbidden.", "EXT_HOST_FORBIDDEN"],
    ["Native host has exited.", "EXT_HOST_EXITED"],
  ])("helper missing (%s) → not installed with %s and a fix", async (reason, code) => {
    const deps = testDeps(failingConnector(reason));
    const status = value<HelperStatus>(
      await dispatchAction({ action: "get-helper-status" }, PAGE_SENDER, deps),
    );
    expect(status.installed).toBe(false);
    expect(status.error?.code).toBe(code);
    expect(status.error?.message).toMatch(/Cách khắc phục/);
  });

  it("refuses a helper speaking another protocol version", async () => {
    const deps = testDeps(fakeHelper({ protocolVersion: 99 }));
    const status = value<HelperStatus>(
      await dispatchAction({ action: "get-helper-status" }, PAGE_SENDER, deps),
    );
    expect(status.error?.code).toBe("EXT_HOST_VERSION");
  });

  it("lists tokens with certificates for extension pages", async () => {
    const deps = testDeps(fakeHelper());
    const list = value<TokenList>(await dispatchAction({ action: "list-tokens" }, PAGE_SENDER, deps));
    expect(list.tokens[0]?.certificates[0]?.commonName).toBe("Trần Thị B");
  });

  it("passes the helper's own error code through", async () => {
    const deps = testDeps(
      fakeHelper({
        handle: (req, port) => {
          port.reply({
            type: "error",
            requestId: req.requestId,
            error: { code: "NO_SUCH_CODE", message: "Hỏng token" },
          });
          return true;
        },
      }),
    );
    const result = await dispatchAction({ action: "list-tokens" }, PAGE_SENDER, deps);
    expect(result).toMatchObject({
      ok: false,
      error: { code: "EXT_HOST_ERROR", params: { detail: "Hỏng token" } },
    });
  });

  it.each([
    ["a content script asking for the helper", { action: "get-helper-status" }, PORTAL_SENDER],
    ["a content script listing tokens", { action: "list-tokens" }, PORTAL_SENDER],
    ["an extension page reading a class", { action: "read-class", url: "x", html: "" }, PAGE_SENDER],
    [
      "an unconfigured site",
      { action: "read-class", url: "x", html: "" },
      {
        ...PORTAL_SENDER,
        url: "https://evil.example/",
        origin: "https://evil.example",
        tab: { id: 1, url: "https://evil.example/" },
      },
    ],
    [
      "a content script asking to validate a mapping",
      { action: "validate-mapping", text: "{}" },
      PORTAL_SENDER,
    ],
    ["another extension", { action: "get-helper-status" }, { ...PAGE_SENDER, id: "x" }],
  ])("refuses %s", async (_name, message, sender) => {
    const deps = testDeps(fakeHelper());
    const result = await dispatchAction(message, sender, deps);
    expect(result).toMatchObject({ ok: false, error: { code: "EXT_SENDER_REJECTED" } });
    expect(deps.connector).toMatchObject({ ports: [] });
  });

  it.each([null, 42, {}, { action: "rm-rf" }, { action: "__proto__" }])(
    "refuses malformed message %j",
    async (message) => {
      const result = await dispatchAction(message, PAGE_SENDER, testDeps(fakeHelper()));
      expect(result).toMatchObject({ ok: false, error: { code: "EXT_UNKNOWN_ACTION" } });
    },
  );

  it("opens the review page for classes and a role", async () => {
    const deps = testDeps(fakeHelper());
    const result = await dispatchAction(
      { action: "open-review", classKeys: ["a/2025-2026/12A1", "b"], role: "ThuTruong" },
      PAGE_SENDER,
      deps,
    );
    expect(result).toEqual({ ok: true, value: { tabId: 42 } });
    expect(deps.opened).toEqual(["/review.html?lop=a%2F2025-2026%2F12A1&lop=b&vaiTro=ThuTruong"]);
    const bad = await dispatchAction(
      { action: "open-review", classKeys: [], role: "Admin" },
      PAGE_SENDER,
      deps,
    );
    expect(bad).toMatchObject({ ok: false, error: { code: "EXT_BAD_REQUEST" } });
  });

  it("registers the content script only on configured origins that were granted", async () => {
    const deps = testDeps(fakeHelper(), {
      portals: [
        { origin: "http://127.0.0.1:4321", adapter: "auto" },
        { origin: "https://hocba.vnedu.vn", adapter: "vnedu" },
      ],
    });
    deps.granted = ["http://127.0.0.1/*"];
    const result = await dispatchAction(
      { action: "sync-portals" },
      { ...PAGE_SENDER, url: `${EXT_ORIGIN}/options.html` },
      deps,
    );
    expect(result).toEqual({ ok: true, value: { origins: ["http://127.0.0.1:4321"] } });
    expect(deps.registered).toEqual([["http://127.0.0.1/*"]]);
  });
});

import { describe, expect, it } from "vitest";
import { classifySender, type SenderInfo } from "../../extension/background/sender.ts";

const ctx = {
  extensionId: "gdknnkanhjmadldekbnniniikejkdjff",
  extensionOrigin: "chrome-extension://gdknnkanhjmadldekbnniniikejkdjff",
  portalOrigins: ["https://hocba.vnedu.vn", "http://127.0.0.1:4321"],
};
const ext = ctx.extensionOrigin;

describe("classifySender", () => {
  it.each<[string, SenderInfo, string]>([
    ["popup (no tab)", { id: ctx.extensionId, url: `${ext}/popup.html`, origin: ext }, "extension-page"],
    [
      "review page in a tab",
      {
        id: ctx.extensionId,
        url: `${ext}/review.html?lop=x`,
        tab: { id: 3, url: `${ext}/review.html?lop=x` },
      },
      "extension-page",
    ],
    [
      "content script on a configured portal",
      {
        id: ctx.extensionId,
        url: "https://hocba.vnedu.vn/vnedu/lop/1",
        origin: "https://hocba.vnedu.vn",
        tab: { id: 7, url: "https://hocba.vnedu.vn/vnedu/lop/1" },
      },
      "portal-content-script",
    ],
    [
      "content script on the simulator with a port",
      {
        id: ctx.extensionId,
        url: "http://127.0.0.1:4321/smas/",
        tab: { id: 8, url: "http://127.0.0.1:4321/smas/" },
      },
      "portal-content-script",
    ],
    [
      "same host, other port",
      { id: ctx.extensionId, url: "http://127.0.0.1:9999/", tab: { id: 8, url: "http://127.0.0.1:9999/" } },
      "unknown",
    ],
    [
      "content script on an unconfigured site",
      { id: ctx.extensionId, url: "https://evil.example/", tab: { id: 9, url: "https://evil.example/" } },
      "unknown",
    ],
    [
      "portal iframe inside another site",
      { id: ctx.extensionId, url: "https://hocba.vnedu.vn/x", tab: { id: 9, url: "https://evil.example/" } },
      "unknown",
    ],
    ["another extension", { id: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", url: `${ext}/popup.html` }, "unknown"],
    ["no id", { url: `${ext}/popup.html` }, "unknown"],
    [
      "extension page URL claimed by a portal tab",
      { id: ctx.extensionId, url: `${ext}/review.html`, tab: { id: 1, url: "https://hocba.vnedu.vn/" } },
      "unknown",
    ],
    [
      "opaque origin",
      {
        id: ctx.extensionId,
        origin: "null",
        url: "about:blank",
        tab: { id: 2, url: "https://hocba.vnedu.vn/" },
      },
      "unknown",
    ],
  ])("%s", (_name, sender, kind) => {
    expect(classifySender(sender, ctx)).toBe(kind);
  });
});

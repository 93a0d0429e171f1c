import { describe, expect, it } from "vitest";
import { EXTENSION_ID, FIREFOX_EXTENSION_ID } from "../../../shared/config/extension-identity.ts";
import { allowedExtensions, identifyCaller } from "../../../native-host/host/identify-caller.ts";
import { parseRequest } from "../../../native-host/host/parse-request.ts";

const signBatch = {
  type: "sign-batch",
  requestId: "b-1",
  role: "GVCN",
  tokenLabel: "TestToken",
  certId: "02",
  pin: "123456",
  documents: [{ fileName: "HV0001_2025-2026.xml", xml: "<HocBaSo/>" }],
};

describe("parseRequest", () => {
  it.each([
    [{ type: "hello", requestId: "1", protocolVersion: 1, client: { name: "ext", version: "0.1.0" } }],
    [{ type: "status", requestId: "2" }],
    [{ type: "list-tokens", requestId: "3" }],
    [signBatch],
    [{ ...signBatch, pin: undefined }],
    [{ ...signBatch, documents: [{ fileName: "a.xml", xml: "PEhvY0JhU28vPg==", encoding: "base64" }] }],
    [{ type: "verify", requestId: "4", documents: [{ fileName: "a.XML", xml: "<a/>" }] }],
    [{ type: "cancel", requestId: "b-1" }],
    [{ type: "archive-list", requestId: "5", namHoc: "2025-2026", limit: 10, offset: 0 }],
  ])("accepts %j", (value) => {
    const parsed = parseRequest(value);
    expect(parsed.ok).toBe(true);
  });

  it.each<[string, unknown, string, string | null, string]>([
    ["not an object", [1, 2], "HOST_BAD_REQUEST", null, "(toàn bộ yêu cầu)"],
    ["null", null, "HOST_BAD_REQUEST", null, "(toàn bộ yêu cầu)"],
    ["no type", { requestId: "1" }, "HOST_BAD_REQUEST", "1", "type"],
    ["unknown command", { type: "sign-everything", requestId: "1" }, "HOST_UNKNOWN_COMMAND", "1", ""],
    ["prototype key as command", { type: "__proto__", requestId: "1" }, "HOST_UNKNOWN_COMMAND", "1", ""],
    ["unknown field", { type: "status", requestId: "1", debug: true }, "HOST_BAD_REQUEST", "1", "debug"],
    [
      "unknown field in a document",
      { ...signBatch, documents: [{ fileName: "a.xml", xml: "<a/>", path: "/etc" }] },
      "HOST_BAD_REQUEST",
      "b-1",
      "documents[0].{path}",
    ],
    ["wrong type", { ...signBatch, documents: "all" }, "HOST_BAD_REQUEST", "b-1", "documents"],
    ["unknown role", { ...signBatch, role: "HieuPho" }, "HOST_BAD_REQUEST", "b-1", "role"],
    ["upper-case cert id", { ...signBatch, certId: "0A" }, "HOST_BAD_REQUEST", "b-1", "certId"],
    ["odd-length cert id", { ...signBatch, certId: "012" }, "HOST_BAD_REQUEST", "b-1", "certId"],
    [
      "file name with a folder",
      { ...signBatch, documents: [{ fileName: "../x.xml", xml: "<a/>" }] },
      "HOST_BAD_REQUEST",
      "b-1",
      "documents[0].fileName",
    ],
    [
      "file name not .xml",
      { ...signBatch, documents: [{ fileName: "x.exe", xml: "<a/>" }] },
      "HOST_BAD_REQUEST",
      "b-1",
      "documents[0].fileName",
    ],
    ["empty batch", { ...signBatch, documents: [] }, "HOST_BAD_REQUEST", "b-1", "documents"],
    ["bad request id", { ...signBatch, requestId: "a b" }, "HOST_BAD_REQUEST", null, "requestId"],
    ["number PIN", { ...signBatch, pin: 123456 }, "HOST_BAD_REQUEST", "b-1", "pin"],
    ["short PIN", { ...signBatch, pin: "12" }, "HOST_BAD_REQUEST", "b-1", "pin"],
    [
      "unknown encoding",
      { ...signBatch, documents: [{ fileName: "a.xml", xml: "x", encoding: "hex" }] },
      "HOST_BAD_REQUEST",
      "b-1",
      "documents[0].encoding",
    ],
    [
      "protocol version as string",
      { type: "hello", requestId: "1", protocolVersion: "1", client: { name: "e", version: "1" } },
      "HOST_BAD_REQUEST",
      "1",
      "protocolVersion",
    ],
  ])("refuses %s", (_name, value, code, requestId, field) => {
    const parsed = parseRequest(value);
    if (parsed.ok) throw new Error("accepted");
    expect(parsed.error.code).toBe(code);
    expect(parsed.requestId).toBe(requestId);
    if (field) expect(parsed.error.params.field).toBe(field);
    expect(parsed.error.message).toMatch(/^(Yêu cầu|Trình ký)/);
  });

  it("never echoes the PIN in the error", () => {
    const parsed = parseRequest({ ...signBatch, pin: "9876543210".repeat(10) });
    if (parsed.ok) throw new Error("accepted");
    expect(JSON.stringify(parsed.error.toJSON())).not.toContain("9876543210");
  });
});

describe("identifyCaller", () => {
  const allowed = allowedExtensions({});
  it.each([
    [[`chrome-extension://${EXTENSION_ID}/`], "chromium"],
    [[`chrome-extension://${EXTENSION_ID}/`, "--parent-window=1234"], "chromium"],
    [["/home/u/.mozilla/native-messaging-hosts/vn.hocba.signer.json", FIREFOX_EXTENSION_ID], "firefox"],
    [["C:\\hocba\\vn.hocba.signer.firefox.json", FIREFOX_EXTENSION_ID], "firefox"],
  ])("accepts %j", (args, browser) => {
    expect(identifyCaller(args, allowed).browser).toBe(browser);
  });

  it.each([
    [["chrome-extension://abcdefghijklmnopabcdefghijklmnop/"]],
    [[`chrome-extension://${EXTENSION_ID}`]],
    [[`chrome-extension://${EXTENSION_ID}/evil`]],
    [[`https://${EXTENSION_ID}/`]],
    [[`chrome-extension://${EXTENSION_ID}/`, "--other"]],
    [["/x/manifest.json", "evil@example.com"]],
    [["/x/manifest.json", FIREFOX_EXTENSION_ID, "extra"]],
    [[FIREFOX_EXTENSION_ID]],
  ])("refuses %j", (args) => {
    expect(() => identifyCaller(args, allowed)).toThrow(
      expect.objectContaining({ code: "HOST_ORIGIN_REFUSED" }) as Error,
    );
  });

  it("refuses no caller with a hint for people running it by hand", () => {
    expect(() => identifyCaller([], allowed)).toThrow(
      expect.objectContaining({ code: "HOST_NO_CALLER" }) as Error,
    );
  });

  it("accepts extra ids from HOCBA_EXTRA_EXTENSION_IDS, by kind", () => {
    const extra = allowedExtensions({
      HOCBA_EXTRA_EXTENSION_IDS: "abcdefghijklmnopabcdefghijklmnop, store@hocba.vn, junk id",
    });
    expect(extra.chromium).toEqual([EXTENSION_ID, "abcdefghijklmnopabcdefghijklmnop"]);
    expect(extra.firefox).toEqual([FIREFOX_EXTENSION_ID, "store@hocba.vn"]);
    expect(identifyCaller(["chrome-extension://abcdefghijklmnopabcdefghijklmnop/"], extra).extensionId).toBe(
      "abcdefghijklmnopabcdefghijklmnop",
    );
  });
});

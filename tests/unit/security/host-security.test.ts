import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EXTENSION_ID, FIREFOX_EXTENSION_ID } from "../../../shared/config/extension-identity.ts";
import { HocBaArchive } from "../../../native-host/archive/hocba-archive.ts";
import { openHostLog } from "../../../native-host/host/host-log.ts";
import { allowedExtensions, identifyCaller } from "../../../native-host/host/identify-caller.ts";
import type { Reply } from "../host/host-process.ts";
import { scratchDir } from "../host/scratch-dir.ts";
import { useHostHarness } from "../host/host-harness.ts";

/**
 * Security review, helper: who may start it, what it agrees to sign before it asks the token for
 * the PIN, and where the PIN can never appear.
 */
const harness = useHostHarness({ dataPrefix: "hocba-sec" });
const { start, signRequest } = harness;

/** A PIN nobody would type, so that finding it anywhere means it leaked. */
const WRONG_PIN = "739184";

describe("the helper refuses what it may not sign before it logs in", () => {
  it("a batch of only non-học-bạ documents fails each one and never tries the (wrong) PIN", async () => {
    const { host, data } = start();
    await host.hello();
    const garbage = [
      { fileName: "a.xml", xml: "<HocBaSo/>" },
      { fileName: "b.xml", xml: "not xml at all" },
      { fileName: "c.xml", xml: Buffer.from([0, 1, 2, 255]).toString("base64"), encoding: "base64" },
      { fileName: "d.xml", xml: '<?xml version="1.0"?><Invoice><Amount>1</Amount></Invoice>' },
    ];
    host.send(signRequest("g1", garbage, { pin: WRONG_PIN }));
    const replies = await host.collect("g1");
    expect(replies.filter((r) => r.type === "error")).toEqual([]);
    expect(
      replies.filter((r) => r.type === "sign-failed").map((r) => (r.error as { code: string }).code),
    ).toEqual([
      "SIGN_INVALID_DOCUMENT",
      "SIGN_INVALID_DOCUMENT",
      "SIGN_INVALID_DOCUMENT",
      "SIGN_INVALID_DOCUMENT",
    ]);
    expect(replies.at(-1)).toMatchObject({ type: "done", signed: 0, failed: 4 });
    host.end();
    await host.exited;
    const archive = HocBaArchive.open(path.join(data, "archive.sqlite"));
    try {
      // No login was attempted: the audit has no failed login.
      const details = [...archive.auditLog()]
        .map((e) => `${e.event} ${JSON.stringify(e.details)}`)
        .join("\n");
      expect(details).not.toContain("login");
      expect(details).not.toContain("TOKEN_PIN");
    } finally {
      archive.close();
    }
  });

  it("documents signed out of order or twice are refused by the check before signing, the rest signed after one login", async () => {
    const { host, data } = start();
    await host.hello();
    const first = harness.docs[0];
    const second = harness.docs[1];
    if (!first || !second) throw new Error("documents");
    host.send(signRequest("once", [first]));
    const signed = (await host.collect("once")).find((r) => r.type === "signed");
    const signedXml = String(signed?.xml);
    const mark = host.mark();
    host.send(
      signRequest("mix", [
        { fileName: "again.xml", xml: signedXml },
        second,
        { fileName: "bad.xml", xml: "<HocBaSo PhienBan='1.0'/>" },
      ]),
    );
    const replies = await host.collect("mix", ["done", "error"], mark);
    const failed = replies.filter((r) => r.type === "sign-failed");
    expect(failed.map((r) => [r.index, (r.error as { code: string }).code])).toEqual([
      [0, "SIGN_ROLE_ALREADY_SIGNED"],
      [2, "SIGN_INVALID_DOCUMENT"],
    ]);
    expect(replies.filter((r) => r.type === "signed").map((r) => r.index)).toEqual([1]);
    expect(replies.at(-1)).toMatchObject({ type: "done", signed: 1, failed: 2 });
    // Both were refused by the check made before a document goes to the token (the helper logs in
    // once one document passed it, and checks the others while the token signs): neither reached it.
    const archive = HocBaArchive.open(path.join(data, "archive.sqlite"));
    try {
      const refusals = [...archive.auditLog()]
        .filter((e) => e.batchId === "mix" && e.event === "signing-failed")
        .map((e) => JSON.parse(e.details) as { fileName?: string; stage?: string; code?: string });
      expect(refusals.map((d) => [d.fileName, d.stage, d.code])).toEqual([
        ["again.xml", "check", "SIGN_ROLE_ALREADY_SIGNED"],
        ["bad.xml", "check", "SIGN_INVALID_DOCUMENT"],
      ]);
    } finally {
      archive.close();
    }

    // ThuTruong on an unsigned document: refused before login, so even a wrong PIN is never tried.
    const mark2 = host.mark();
    host.send(signRequest("tt", [second], { role: "ThuTruong", certId: "02", pin: WRONG_PIN }));
    const tt = await host.collect("tt", ["done", "error"], mark2);
    expect(tt.map((r) => r.type)).toEqual(["sign-failed", "done"]);
    expect((tt[0]?.error as { code: string }).code).toBe("SIGN_OUT_OF_ORDER_MISSING");
  });
});

describe("the PIN never comes back and is never logged", () => {
  it("in malformed requests, wrong logins and a successful batch", async () => {
    const { host, data } = start();
    await host.hello();
    const sentinel = "PIN-sentinel-Zq81";
    const requests: Array<[string, Record<string, unknown>]> = [
      ["too-long", signRequest("p1", harness.docs.slice(0, 1), { pin: `${sentinel}${"9".repeat(60)}` })],
      ["unknown-key", signRequest("p2", harness.docs.slice(0, 1), { maPin: sentinel })],
      ["pin-as-cert", signRequest("p3", harness.docs.slice(0, 1), { certId: sentinel })],
      ["wrong", signRequest("p4", harness.docs.slice(0, 1), { pin: sentinel })],
      ["right", signRequest("p5", harness.docs.slice(0, 2))],
    ];
    for (const [, request] of requests) host.send(request);
    for (const [, request] of requests) await host.collect(String(request.requestId));
    const byId = (id: string) => host.replies.filter((r: Reply) => r.requestId === id);
    expect(byId("p1")[0]).toMatchObject({ type: "error", error: { code: "HOST_BAD_REQUEST" } });
    expect(byId("p4")[0]).toMatchObject({
      type: "error",
      error: { code: expect.stringMatching(/^TOKEN_PIN/) as string },
    });
    expect(byId("p5").at(-1)).toMatchObject({ type: "done", signed: 2 });
    host.end();
    await host.exited;
    const everything = [
      JSON.stringify(host.replies),
      host.stderr,
      readFileSync(path.join(data, "logs", "host.log"), "utf8"),
    ].join("\n");
    expect(everything).not.toContain(sentinel);
    expect(everything).not.toContain(harness.token.pin);
  });
});

describe("the helper's log file", () => {
  it("is readable by the user only, even when an older version left it world-readable", () => {
    const dir = scratchDir("hocba-log");
    const file = path.join(dir, "logs", "host.log");
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o755 });
    writeFileSync(file, "old line\n", { mode: 0o644 });
    chmodSync(file, 0o644);
    chmodSync(path.dirname(file), 0o755);
    const log = openHostLog(file, null);
    log.info("start", { caller: "x" });
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    expect(readFileSync(file, "utf8")).toContain("start");
  });

  it("a new log is created 0600 in a 0700 folder", () => {
    const file = path.join(scratchDir("hocba-log"), "deep", "logs", "host.log");
    openHostLog(file, null).info("start");
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
  });
});

describe("only our extension may start the helper", () => {
  const allowed = allowedExtensions({});
  const ok = `chrome-extension://${EXTENSION_ID}/`;
  it.each<[string, string[]]>([
    ["Chrome", [ok]],
    ["Chrome on Windows", [ok, "--parent-window=0"]],
    ["Firefox", ["/home/u/.mozilla/native-messaging-hosts/x.json", FIREFOX_EXTENSION_ID]],
    ["Firefox on Windows", ["C:\\Users\\u\\AppData\\x.JSON", FIREFOX_EXTENSION_ID]],
  ])("accepts %s", (_name, args) => {
    expect(identifyCaller(args, allowed).extensionId).toBeTruthy();
  });

  it.each<[string, string[]]>([
    ["no trailing slash", [`chrome-extension://${EXTENSION_ID}`]],
    ["upper-case id", [`chrome-extension://${EXTENSION_ID.toUpperCase()}/`]],
    ["extra path", [`${ok}background.js`]],
    ["query", [`${ok}?x=1`]],
    ["trailing newline", [`${ok}\n`]],
    ["leading space", [` ${ok}`]],
    ["another scheme", [`moz-extension://${EXTENSION_ID}/`]],
    ["a web page", ["https://hocba.vnedu.vn/"]],
    ["bad parent window", [ok, "--parent-window=abc"]],
    ["extra argument", [ok, "--remote-debugging-port=9222"]],
    ["Firefox id without manifest", [FIREFOX_EXTENSION_ID]],
    ["Firefox with a third argument", ["/x.json", FIREFOX_EXTENSION_ID, "--x"]],
    ["Firefox, manifest not .json", ["/x.txt", FIREFOX_EXTENSION_ID]],
    ["Firefox, another add-on", ["/x.json", "evil@example.com"]],
    ["Firefox id in the Chrome form", [`chrome-extension://${FIREFOX_EXTENSION_ID}/`]],
    ["Chrome id in the Firefox form", ["/x.json", EXTENSION_ID]],
  ])("refuses %s", (_name, args) => {
    expect(() => identifyCaller(args, allowed)).toThrow(
      expect.objectContaining({ code: "HOST_ORIGIN_REFUSED" }),
    );
  });

  it("refuses a missing caller", () => {
    expect(() => identifyCaller([], allowed)).toThrow(expect.objectContaining({ code: "HOST_NO_CALLER" }));
  });

  it("extra ids from the launcher are only taken when well-formed (no wildcards, no origins)", () => {
    const extra = allowedExtensions({
      HOCBA_EXTRA_EXTENSION_IDS: `*, chrome-extension://${"b".repeat(32)}/, ${"c".repeat(32)}`,
    });
    expect(extra.chromium).toEqual([EXTENSION_ID, "c".repeat(32)]);
    expect(extra.firefox).toEqual([FIREFOX_EXTENSION_ID]);
  });

  it("a refused caller gets one error frame and the helper exits without reading requests", async () => {
    const { host } = start(undefined, [`chrome-extension://${EXTENSION_ID.toUpperCase()}/`]);
    const { code } = await host.exited;
    expect(code).not.toBe(0);
    expect(host.replies).toEqual([
      expect.objectContaining({
        type: "error",
        error: expect.objectContaining({ code: "HOST_ORIGIN_REFUSED" }) as unknown,
      }) as unknown,
    ]);
  });
});

import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { FIREFOX_EXTENSION_ID } from "../../../shared/config/extension-identity.ts";
import { HostReply } from "../../../shared/protocol/responses.ts";
import { checkArchive } from "../../../native-host/archive/check-archive.ts";
import { HocBaArchive } from "../../../native-host/archive/hocba-archive.ts";
import { rawFrame, type Reply } from "./host-process.ts";
import { useHostHarness } from "./host-harness.ts";

const harness = useHostHarness({
  // Every byte the helper wrote was a well-formed frame that the extension can parse.
  afterEnd(h) {
    expect(h.garbage).toBe("");
    expect(h.trailing).toBe(0);
    for (const r of h.replies) {
      expect(HostReply.safeParse(r).success, JSON.stringify(r).slice(0, 300)).toBe(true);
    }
  },
});
const { start, dataDir, signRequest } = harness;

const sha = (s: string): string => createHash("sha256").update(s, "utf8").digest("hex");

function byType(replies: Reply[], type: string): Reply[] {
  return replies.filter((r) => r.type === type);
}

function openArchive(data: string): HocBaArchive {
  return HocBaArchive.open(path.join(data, "archive.sqlite"));
}

describe("hocba host: session", () => {
  it("answers hello with version, capabilities and limits", async () => {
    const { host } = start();
    expect(await host.hello()).toMatchObject({
      type: "hello",
      protocolVersion: 1,
      capabilities: expect.arrayContaining([
        "hello",
        "status",
        "list-tokens",
        "sign-batch",
        "verify",
        "cancel",
        "archive-list",
        "import-package",
        "queues",
        "archived-documents",
        "progress",
        "record-check-confirmation",
        "check-confirmations",
      ]) as string[],
      limits: { maxRequestBytes: 8 * 1024 * 1024, maxReplyBytes: 1024 * 1024, maxDocumentsPerRequest: 2000 },
    });
  });

  it("refuses commands before hello and an unknown protocol version", async () => {
    const { host } = start();
    host.send({ type: "status", requestId: "s1" });
    host.send({ type: "hello", requestId: "h9", protocolVersion: 9, client: { name: "old", version: "0" } });
    host.send({ type: "status", requestId: "s2" });
    const s1 = await host.next((r) => r.requestId === "s1");
    const h9 = await host.next((r) => r.requestId === "h9");
    const s2 = await host.next((r) => r.requestId === "s2");
    expect(s1).toMatchObject({ type: "error", error: { code: "HOST_HELLO_REQUIRED" } });
    expect(h9).toMatchObject({
      type: "error",
      error: { code: "HOST_VERSION_MISMATCH", params: { client: 9, host: 1 } },
    });
    expect(s2).toMatchObject({ type: "error", error: { code: "HOST_HELLO_REQUIRED" } });
  });

  it("reports status: modules, tokens, archive", async () => {
    const { host, data } = start();
    await host.hello();
    host.send({ type: "status", requestId: "st" });
    const status = await host.next((r) => r.requestId === "st");
    expect(status.type).toBe("status");
    expect(status.modules).toContainEqual({ path: "/usr/lib/softhsm/libsofthsm2.so", loaded: true });
    expect((status.tokens as { label: string }[]).map((t) => t.label).sort()).toEqual([
      "HocBa-Test",
      "HocBa-Trong",
    ]);
    expect(status.archive).toEqual({ path: path.join(data, "archive.sqlite"), documents: 0 });
  });

  it("lists tokens with certificates, identity numbers, key usage and PIN state", async () => {
    const { host } = start();
    await host.hello();
    host.send({ type: "list-tokens", requestId: "lt" });
    const reply = await host.next((r) => r.requestId === "lt");
    const tokens = reply.tokens as {
      label: string;
      pin: Record<string, boolean>;
      certificates: {
        id: string;
        label: string;
        commonName: string;
        identifiers: string[];
        keyUsage: string[];
        hasPrivateKey: boolean;
        usableForSigning: boolean;
      }[];
    }[];
    const test = tokens.find((t) => t.label === "HocBa-Test");
    expect(test?.pin).toEqual({
      protectedAuthenticationPath: false,
      countLow: false,
      finalTry: false,
      locked: false,
      toBeChanged: false,
    });
    const byLabel = new Map(test?.certificates.map((c) => [c.label, c]));
    expect(byLabel.get("gvcn")).toMatchObject({
      id: "01",
      commonName: "Trần Thị Thu Hằng",
      hasPrivateKey: true,
      usableForSigning: true,
    });
    expect(byLabel.get("gvcn")?.identifiers.some((i) => i.startsWith("CCCD:"))).toBe(true);
    expect(byLabel.get("gvcn")?.keyUsage).toEqual(
      expect.arrayContaining(["digitalSignature", "nonRepudiation"]),
    );
    expect(byLabel.get("het-han")?.usableForSigning).toBe(false);
    expect(byLabel.get("sai-muc-dich")?.usableForSigning).toBe(false);
    expect(byLabel.get("int-ca")).toMatchObject({ hasPrivateKey: false, usableForSigning: false });
  });

  it.each<[string, unknown, string, string | null]>([
    ["unknown command", { type: "sign-all", requestId: "x1" }, "HOST_UNKNOWN_COMMAND", "x1"],
    ["unknown field", { type: "status", requestId: "x2", verbose: true }, "HOST_BAD_REQUEST", "x2"],
    ["wrong type", { type: "archive-list", requestId: "x3", limit: "10" }, "HOST_BAD_REQUEST", "x3"],
    ["not an object", "status", "HOST_BAD_REQUEST", null],
  ])("answers %s with a typed error and keeps serving", async (_name, message, code, requestId) => {
    const { host } = start();
    await host.hello();
    host.send(message);
    host.send({ type: "archive-list", requestId: "after" });
    const error = await host.next((r) => r.type === "error");
    expect(error).toMatchObject({ requestId, error: { code } });
    expect((error.error as { message: string }).message).toMatch(/^(Yêu cầu|Trình ký)/);
    expect((await host.next((r) => r.requestId === "after")).type).toBe("archive-entries");
  });

  it("never signs from a request with an unknown field, even a complete one", async () => {
    const { host, data } = start();
    await host.hello();
    host.send({ ...signRequest("evil", harness.docs.slice(0, 1)), sign: true });
    host.send({ ...signRequest("evil2", [{ ...harness.docs[0], extra: 1 }]) });
    expect((await host.next((r) => r.requestId === "evil")).type).toBe("error");
    expect((await host.next((r) => r.requestId === "evil2")).type).toBe("error");
    host.end();
    await host.exited;
    expect(byType(host.replies, "signed")).toEqual([]);
    const archive = openArchive(data);
    expect(archive.count()).toBe(0);
    archive.close();
  });

  it("reports invalid UTF-8 and invalid JSON frames, and stays in sync", async () => {
    const { host } = start();
    await host.hello();
    host.write(rawFrame(Buffer.from([0xc3, 0x28])));
    host.write(rawFrame(Buffer.from("{oops")));
    host.send({ type: "archive-list", requestId: "ok" });
    await host.next((r) => r.requestId === "ok");
    expect(byType(host.replies, "error").map((r) => (r.error as { code: string }).code)).toEqual([
      "HOST_FRAME_NOT_UTF8",
      "HOST_FRAME_NOT_JSON",
    ]);
  });

  it("answers an oversized frame with an error and exits, without reading it", async () => {
    const { host } = start();
    await host.hello();
    const header = Buffer.alloc(4);
    header.writeUInt32LE(64 * 1024 * 1024, 0);
    host.write(header);
    const exit = await host.exited;
    expect(exit.code).toBe(1);
    expect(byType(host.replies, "error")[0]).toMatchObject({
      requestId: null,
      error: { code: "HOST_FRAME_TOO_LARGE" },
    });
  });

  it("exits without a crash when the browser closes the pipe mid-frame", async () => {
    const { host } = start();
    await host.hello();
    host.write(Buffer.from([100, 0, 0, 0, 0x7b]));
    host.end();
    expect((await host.exited).code).toBe(1);
    expect(byType(host.replies, "error")[0]).toMatchObject({
      requestId: null,
      error: { code: "HOST_FRAME_TRUNCATED" },
    });
    expect(host.stderr).not.toMatch(/\n\s+at /);
  });
});

describe("hocba host: caller check", () => {
  it.each([
    [["chrome-extension://abcdefghijklmnopabcdefghijklmnop/"]],
    [["https://evil.example/"]],
    [["/tmp/m.json", "evil@example.com"]],
  ])("refuses %j: one error frame, exit 1, nothing processed", async (args) => {
    const { host, data } = start(undefined, args);
    host.send({ type: "hello", requestId: "h", protocolVersion: 1, client: { name: "x", version: "1" } });
    host.send(signRequest("b", harness.docs.slice(0, 1)));
    const exit = await host.exited;
    expect(exit.code).toBe(1);
    expect(host.replies).toEqual([
      {
        type: "error",
        requestId: null,
        error: expect.objectContaining({ code: "HOST_ORIGIN_REFUSED" }) as unknown,
      },
    ]);
    expect(host.stderr).not.toMatch(/\n\s+at /);
    const archive = openArchive(data);
    expect(archive.count()).toBe(0);
    archive.close();
  });

  it("accepts Firefox's manifest path + extension id", async () => {
    const { host } = start(undefined, [
      "/home/u/.mozilla/native-messaging-hosts/vn.hocba.signer.json",
      FIREFOX_EXTENSION_ID,
    ]);
    expect((await host.hello()).type).toBe("hello");
  });

  it("explains itself when run by hand, writing nothing to stdout", async () => {
    const { host } = start(undefined, []);
    const exit = await host.exited;
    expect(exit.code).toBe(1);
    expect(host.replies).toEqual([]);
    expect(host.stderr).toContain("hocba install");
  });
});

describe("hocba host: signing", () => {
  it("signs a batch: progress, one signed event per document, done; each archived", async () => {
    const { host, data } = start();
    await host.hello();
    const batch = harness.docs.slice(0, 5);
    host.send(signRequest("b1", batch));
    const replies = await host.collect("b1");
    expect(replies.map((r) => r.type)).toEqual([
      ...Array<string[]>(5).fill(["progress", "signed"]).flat(),
      "done",
    ]);
    const signed = byType(replies, "signed");
    for (const [i, r] of signed.entries()) {
      expect(r).toMatchObject({ index: i, fileName: batch[i]?.fileName, role: "GVCN", resumed: false });
      expect(r.sha256).toBe(sha(r.xml as string));
      expect(r.xml as string).toContain("<GVCN><ds:Signature");
      expect((r.signer as { commonName: string }).commonName).toBe("Trần Thị Thu Hằng");
      expect(r.signingTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$/);
    }
    expect(replies.at(-1)).toMatchObject({
      type: "done",
      signed: 5,
      resumed: 0,
      failed: 0,
      skipped: 0,
      cancelled: false,
    });

    // The signed documents verify (real verifier, test root trusted) and sit in the archive.
    host.send({
      type: "verify",
      requestId: "v1",
      documents: signed.map((r) => ({ fileName: r.fileName, xml: r.xml })),
    });
    const verified = await host.collect("v1");
    expect(byType(verified, "verified").every((r) => r.valid === true && r.complete === false)).toBe(true);
    expect(verified.at(-1)).toMatchObject({ type: "verify-done", valid: 5, invalid: 0 });
    host.send({ type: "archive-list", requestId: "al", limit: 2 });
    const list = await host.next((r) => r.requestId === "al");
    expect(list).toMatchObject({
      total: 5,
      entries: [{ maHocVien: "2507510005", namHoc: "2025-2026", batchId: "b1" }, {}],
    });
    host.end();
    await host.exited;
    const archive = openArchive(data);
    expect(checkArchive(archive)).toEqual([]);
    expect([...archive.auditLog()].map((e) => e.event)).toEqual([
      "batch-started",
      ...Array<string>(5).fill("document-signed"),
      "batch-finished",
      "verify",
    ]);
    archive.close();
  });

  it("resends answer from the archive without logging in: nothing is signed twice", async () => {
    const data = dataDir();
    const first = start(data).host;
    await first.hello();
    first.send(signRequest("r1", harness.docs.slice(0, 3)));
    const firstSigned = byType(await first.collect("r1"), "signed");
    first.end();
    await first.exited;

    const { host } = start(data);
    await host.hello();
    // A wrong PIN proves no login happens: every document is already archived for this role.
    host.send(signRequest("r2", harness.docs.slice(0, 3), { pin: "000000" }));
    const replies = await host.collect("r2");
    expect(replies.at(-1)).toMatchObject({ type: "done", signed: 0, resumed: 3, failed: 0 });
    expect(byType(replies, "signed").map((r) => [r.resumed, r.sha256])).toEqual(
      firstSigned.map((r) => [true, r.sha256]),
    );
    expect(byType(replies, "progress")).toEqual([]);
  });

  it("signs anew, not from the archive, when the batch signs with another certificate", async () => {
    const { host, data } = start();
    await host.hello();
    host.send(signRequest("c1", harness.docs.slice(0, 2)));
    const first = byType(await host.collect("c1"), "signed");
    // The same documents, the same role, the teacher's other certificate (06, her EC card).
    host.send(signRequest("c2", harness.docs.slice(0, 2), { certId: "06" }));
    const replies = await host.collect("c2");
    expect(replies.at(-1)).toMatchObject({ type: "done", signed: 2, resumed: 0, failed: 0 });
    const again = byType(replies, "signed");
    expect(again.map((r) => r.resumed)).toEqual([false, false]);
    expect(again.map((r) => r.sha256)).not.toEqual(first.map((r) => r.sha256));
    expect(new Set(again.map((r) => (r.signer as { certSha256: string }).certSha256)).size).toBe(1);
    expect((again[0]?.signer as { certSha256: string }).certSha256).not.toBe(
      (first[0]?.signer as { certSha256: string }).certSha256,
    );
    host.end();
    await host.exited;
    const archive = openArchive(data);
    expect(archive.count()).toBe(4);
    expect(checkArchive(archive)).toEqual([]);
    expect([...archive.auditLog()].filter((e) => e.event === "resume-refused")).toHaveLength(2);
    archive.close();
    const log = readFileSync(path.join(data, "logs", "host.log"), "utf8");
    expect(log.match(/signed-anew.*SIGN_RESUME_OTHER_CERTIFICATE/g)).toHaveLength(2);
  });

  it("reports a wrong PIN once, never retries, signs nothing; the right PIN then works", async () => {
    const { host, data } = start();
    await host.hello();
    host.send(signRequest("w1", harness.docs.slice(0, 2), { pin: "999999" }));
    const replies = await host.collect("w1");
    expect(replies).toEqual([
      {
        type: "error",
        requestId: "w1",
        error: expect.objectContaining({
          code: expect.stringMatching(/^TOKEN_PIN_INCORRECT/) as string,
        }) as unknown,
      },
    ]);
    expect(JSON.stringify(replies)).not.toContain("999999");
    host.send(signRequest("w2", harness.docs.slice(0, 2)));
    expect((await host.collect("w2")).at(-1)).toMatchObject({ type: "done", signed: 2 });
    host.end();
    await host.exited;
    const archive = openArchive(data);
    const failures = [...archive.auditLog()].filter((e) => e.event === "signing-failed");
    expect(failures).toHaveLength(1);
    expect(failures[0]?.details).toContain("login");
    expect(failures[0]?.details).not.toContain("999999");
    // The helper's log has the batch but neither PIN.
    const log = readFileSync(path.join(data, "logs", "host.log"), "utf8");
    expect(log).toContain('requestId="w1"');
    expect(log).not.toContain("999999");
    expect(log).not.toContain(harness.token.pin);
    archive.close();
  });

  it("fails one bad document and signs the rest", async () => {
    const { host } = start();
    await host.hello();
    const bad = { fileName: "hong.xml", xml: "<HocBaSo/>" };
    host.send(
      signRequest("m1", [
        harness.docs[0] ?? bad,
        bad,
        { fileName: "b64.xml", xml: "***", encoding: "base64" },
        harness.docs[1] ?? bad,
      ]),
    );
    const replies = await host.collect("m1");
    const failed = byType(replies, "sign-failed").sort((a, b) => Number(a.index) - Number(b.index));
    expect(failed.map((r) => [r.index, (r.error as { code: string }).code])).toEqual([
      [1, "SIGN_INVALID_DOCUMENT"],
      [2, "HOST_DOCUMENT_NOT_BASE64"],
    ]);
    expect(replies.at(-1)).toMatchObject({ type: "done", signed: 2, failed: 2 });
  });

  it("signs a document sent twice in one batch only once", async () => {
    const { host, data } = start();
    await host.hello();
    const doc = harness.docs[5];
    if (!doc) throw new Error("no document");
    host.send(signRequest("twice", [doc, doc]));
    const replies = await host.collect("twice");
    const signed = byType(replies, "signed");
    expect(signed.map((r) => r.resumed)).toEqual([false, true]);
    expect(signed[1]?.sha256).toBe(signed[0]?.sha256);
    expect(replies.at(-1)).toMatchObject({ type: "done", signed: 1, resumed: 1 });
    host.end();
    await host.exited;
    const archive = openArchive(data);
    expect(archive.count()).toBe(1);
    archive.close();
  });

  it("cancels between documents; a resumed batch finishes the rest without signing anything twice", async () => {
    const data = dataDir();
    const { host } = start(data);
    await host.hello();
    host.send(signRequest("c1", harness.docs));
    await host.next((r) => r.requestId === "c1" && r.type === "signed");
    host.send({ type: "cancel", requestId: "c1" });
    const ack = await host.next((r) => r.type === "cancel-ack");
    expect(ack).toEqual({ type: "cancel-ack", requestId: "c1", found: true });
    const replies = await host.collect("c1");
    const done = replies.at(-1) as Reply & { signed: number; skipped: number };
    expect(done).toMatchObject({ type: "done", cancelled: true, failed: 0 });
    expect(done.signed).toBeGreaterThanOrEqual(1);
    expect(done.skipped).toBeGreaterThan(0);
    expect(done.signed + done.skipped).toBe(harness.docs.length);
    expect(byType(replies, "signed")).toHaveLength(done.signed);

    host.send({ type: "cancel", requestId: "c1" });
    expect(await host.next((r) => r.type === "cancel-ack" && r.found === false)).toBeTruthy();

    const mark = host.mark();
    host.send(signRequest("c1", harness.docs));
    const resumed = await host.collect("c1", ["done", "error"], mark);
    expect(resumed.at(-1)).toMatchObject({
      type: "done",
      resumed: done.signed,
      signed: harness.docs.length - done.signed,
      cancelled: false,
    });
    host.end();
    await host.exited;
    const archive = openArchive(data);
    expect(archive.count()).toBe(harness.docs.length);
    expect([...archive.auditLog()].filter((e) => e.event === "document-signed")).toHaveLength(
      harness.docs.length,
    );
    expect([...archive.auditLog()].filter((e) => e.event === "batch-cancelled")).toHaveLength(1);
    expect(checkArchive(archive)).toEqual([]);
    archive.close();
  });

  it("stops before the next document when the browser disconnects, logs out and exits", async () => {
    const { host, data } = start();
    await host.hello();
    host.send(signRequest("gone", harness.docs));
    await host.next((r) => r.requestId === "gone" && r.type === "signed");
    host.end();
    expect((await host.exited).code).toBe(0);
    const archive = openArchive(data);
    expect(checkArchive(archive)).toEqual([]);
    expect(archive.count()).toBeLessThan(harness.docs.length);
    expect([...archive.auditLog()].at(-1)?.event).toBe("batch-cancelled");
    archive.close();
    const log = readFileSync(path.join(data, "logs", "host.log"), "utf8");
    expect(log).toContain("module-finalized");
  });

  it("refuses a second batch with the id of one still running", async () => {
    const { host } = start();
    await host.hello();
    host.send(signRequest("d1", harness.docs.slice(0, 20)));
    host.send(signRequest("d1", harness.docs.slice(20, 22)));
    const dup = await host.next((r) => r.requestId === "d1" && r.type === "error");
    expect(dup).toMatchObject({ error: { code: "HOST_DUPLICATE_REQUEST" } });
    expect((await host.collect("d1", ["done"])).at(-1)).toMatchObject({ type: "done", signed: 20 });
  });

  it("never sends a reply over 1 MiB: a too-large signed document fails its reply but stays archived", async () => {
    const { host, data } = start();
    await host.hello();
    const source = harness.docs[2];
    if (!source) throw new Error("no document");
    const comment = "Học viên chăm chỉ, tiến bộ rõ rệt. ".repeat(32 * 1024); // ~1.3 MB of UTF-8
    const big = {
      fileName: source.fileName,
      xml: source.xml.replace(/<NhanXetGVCN>[^<]*<\/NhanXetGVCN>/, `<NhanXetGVCN>${comment}</NhanXetGVCN>`),
    };
    expect(Buffer.byteLength(big.xml)).toBeGreaterThan(1024 * 1024);
    host.send(signRequest("big", [big, harness.docs[3] ?? big]));
    const replies = await host.collect("big");
    expect(byType(replies, "sign-failed")[0]).toMatchObject({
      index: 0,
      error: { code: "HOST_REPLY_TOO_LARGE" },
    });
    expect(byType(replies, "signed").map((r) => r.index)).toEqual([1]);
    expect(replies.at(-1)).toMatchObject({ type: "done", signed: 1, failed: 1 });
    host.end();
    await host.exited;
    const archive = openArchive(data);
    expect(
      archive
        .list()
        .entries.map((e) => e.maHocVien)
        .sort(),
    ).toEqual(["2507510003", "2507510004"]);
    archive.close();
  });

  it("verifies: a tampered document and a non-XML one are invalid, with reasons", async () => {
    const { host } = start();
    await host.hello();
    host.send(signRequest("t1", harness.docs.slice(0, 1)));
    const signed = byType(await host.collect("t1"), "signed")[0];
    const xml = signed?.xml as string;
    const tampered = xml.replace(/<SoBuoiNghi>\d+<\/SoBuoiNghi>/, "<SoBuoiNghi>0</SoBuoiNghi>");
    expect(tampered).not.toBe(xml);
    host.send({
      type: "verify",
      requestId: "v2",
      documents: [
        { fileName: "a.xml", xml },
        { fileName: "b.xml", xml: tampered },
        { fileName: "c.xml", xml: "không phải XML" },
      ],
    });
    const replies = byType(await host.collect("v2"), "verified");
    expect(replies.map((r) => r.valid)).toEqual([true, false, false]);
    const sigProblems = (replies[1]?.signatures as { problems: { code: string }[] }[])[0]?.problems ?? [];
    expect(sigProblems.length).toBeGreaterThan(0);
    expect((replies[2]?.problems as unknown[]).length).toBeGreaterThan(0);
  });
});

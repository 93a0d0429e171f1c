import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type AddressInfo, type Socket } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HostReply } from "../../../shared/protocol/responses.ts";
import { checkArchive } from "../../../native-host/archive/check-archive.ts";
import { HocBaArchive } from "../../../native-host/archive/hocba-archive.ts";
import { startPgCluster, type PgCluster } from "../../support/pg-cluster.ts";
import { xmlsec1Verify } from "../../support/xmlsec1.ts";
import { HostProcess, type Reply } from "../host/host-process.ts";
import { copyTestToken } from "../host/copy-test-token.ts";
import { useHostHarness } from "../host/host-harness.ts";

/**
 * Several helpers on one shared archive (a real PostgreSQL server), each a real helper process on
 * the SoftHSM token: what two PCs of a centre do at the same time, a server that goes away in the
 * middle of a batch, and a helper killed in the middle of one.
 */

const harness = useHostHarness({ dataPrefix: "hocba-shared" });
let pg: PgCluster;
beforeAll(() => {
  pg = startPgCluster();
});
afterAll(() => pg.destroy());

let databases = 0;
const sha = (s: string): string => createHash("sha256").update(s, "utf8").digest("hex");

/**
 * A helper (as Chrome starts it) whose archive is the shared one at `url`, on a PC of its own: its
 * own copy of the token (copyTestToken), as each PC has its own USB token. Two helpers on one
 * SoftHSM store fail each other's logins now and then (TOKEN_NOT_FOUND, TOKEN_PKCS11_ERROR): that
 * failed this file's concurrent batches with a batch-level `error` once in a full run.
 */
function helper(url: string, extra: NodeJS.ProcessEnv = {}): { host: HostProcess; data: string } {
  const own = copyTestToken(harness.token);
  return harness.start(undefined, undefined, { ...own.env, HOCBA_ARCHIVE_URL: url, ...extra });
}

function signedOf(replies: Reply[]): Array<Reply & { fileName: string; xml: string; sha256: string }> {
  return replies.filter((r) => r.type === "signed" || r.type === "archived-document") as Array<
    Reply & { fileName: string; xml: string; sha256: string }
  >;
}

function expectVerifiedByXmlsec1(xml: string): void {
  const r = xmlsec1Verify(Buffer.from(xml), "sig-GVCN", {
    root: path.join(harness.token.dir, "root.pem"),
    intermediate: path.join(harness.token.dir, "int.pem"),
  });
  expect(r.ok, r.output).toBe(true);
}

/** The audit chain is one line: seq 1..n without gaps, each entry linked to the one before. */
function expectLinearChain(archive: HocBaArchive): void {
  const log = [...archive.auditLog()];
  expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
  for (let i = 1; i < log.length; i++) expect(log[i]?.prevHash).toBe(log[i - 1]?.hash);
  expect(checkArchive(archive)).toEqual([]);
}

function expectNoPassword(text: string): void {
  expect(text).not.toContain(pg.password);
  expect(text).not.toContain(encodeURIComponent(pg.password));
}

describe("one archive for the whole centre (PostgreSQL)", () => {
  it("two helpers sign different classes at the same time: every document archived once, one linear chain", async () => {
    const url = pg.createDatabase(`ky_${++databases}`);
    const a = helper(url);
    const b = helper(url);
    const lopA = harness.docs.slice(0, 21);
    const lopB = harness.docs.slice(21);
    await Promise.all([a.host.hello(), b.host.hello()]);
    a.host.send(harness.signRequest("lop-A", lopA));
    b.host.send(harness.signRequest("lop-B", lopB));
    const [ra, rb] = await Promise.all([a.host.collect("lop-A"), b.host.collect("lop-B")]);
    // The whole last reply in the message: an error reply's code is what says why a batch stopped.
    expect(ra.at(-1), JSON.stringify(ra.at(-1))).toMatchObject({
      type: "done",
      signed: lopA.length,
      resumed: 0,
      failed: 0,
    });
    expect(rb.at(-1), JSON.stringify(rb.at(-1))).toMatchObject({
      type: "done",
      signed: lopB.length,
      resumed: 0,
      failed: 0,
    });

    const archive = HocBaArchive.open(url);
    try {
      expect(archive.count()).toBe(harness.docs.length);
      expectLinearChain(archive);
      const events = [...archive.auditLog()].map((e) => e.event);
      expect(events.filter((e) => e === "batch-started")).toHaveLength(2);
      expect(events.filter((e) => e === "document-signed")).toHaveLength(harness.docs.length);
      expect(events.filter((e) => e === "batch-finished")).toHaveLength(2);
      const archived = new Map(archive.list().entries.map((e) => [e.fileName, e.sha256]));
      for (const r of [...signedOf(ra), ...signedOf(rb)]) {
        expect(archived.get(r.fileName)).toBe(r.sha256);
        expect(sha(r.xml)).toBe(r.sha256);
        expectVerifiedByXmlsec1(r.xml);
      }
    } finally {
      archive.close();
    }
  });

  it("the same documents in the same role on two helpers at the same moment: one signature archived each, the other helper resumes it", async () => {
    const url = pg.createDatabase(`ky_${++databases}`);
    const a = helper(url);
    const b = helper(url);
    const docs = harness.docs.slice(0, 6);
    await Promise.all([a.host.hello(), b.host.hello()]);
    a.host.send(harness.signRequest("cung-lop", docs));
    b.host.send(harness.signRequest("cung-lop", docs));
    const [ra, rb] = await Promise.all([a.host.collect("cung-lop"), b.host.collect("cung-lop")]);
    for (const r of [ra, rb]) {
      const done = r.at(-1);
      expect(done).toMatchObject({ type: "done", failed: 0 });
      expect(Number(done?.signed) + Number(done?.resumed)).toBe(docs.length);
    }
    const sa = new Map(signedOf(ra).map((r) => [r.fileName, r]));
    const sb = new Map(signedOf(rb).map((r) => [r.fileName, r]));
    const archive = HocBaArchive.open(url);
    try {
      expect(archive.count()).toBe(docs.length);
      expectLinearChain(archive);
      const archived = new Map(archive.list().entries.map((e) => [e.fileName, e.sha256]));
      for (const d of docs) {
        const x = sa.get(d.fileName);
        const y = sb.get(d.fileName);
        // Both helpers hand back the one archived signature; exactly one of them made it.
        expect(x?.sha256).toBe(archived.get(d.fileName));
        expect(y?.sha256).toBe(archived.get(d.fileName));
        expect([x?.resumed, y?.resumed].sort()).toEqual([false, true]);
        expectVerifiedByXmlsec1(x?.xml ?? "");
      }
    } finally {
      archive.close();
    }
  });

  it("the server stops in the middle of a batch: what was archived stays, the rest say why, and a retry after it returns completes the batch", async () => {
    const url = pg.createDatabase(`ky_${++databases}`);
    const docs = harness.docs.slice(0, 12);
    // Each signature takes 150 ms longer (as a USB token): the server can be stopped between two.
    const { host, data } = helper(url, { HOCBA_TEST_SIGN_DELAY_MS: "150" });
    await host.hello();
    host.send(harness.signRequest("mat-ket-noi", docs));
    let seen = 0;
    await host.next((r) => r.requestId === "mat-ket-noi" && r.type === "signed" && ++seen >= 3);
    pg.stopImmediate();
    const first = await host.collect("mat-ket-noi");
    const delivered = signedOf(first);
    const failed = first.filter((r) => r.type === "sign-failed") as Array<
      Reply & { fileName: string; error: { code: string; message: string } }
    >;
    expect(delivered.length).toBeGreaterThanOrEqual(3);
    expect(failed.length).toBeGreaterThan(0);
    expect(delivered.length + failed.length).toBe(docs.length);
    for (const f of failed) {
      expect(f.error.code).toBe("ARCHIVE_CONNECTION_LOST");
      expect(f.error.message).toContain("Mất kết nối tới kho lưu trữ chung");
      expect(f.error.message).toContain(`máy chủ 127.0.0.1:${pg.port}`);
      expectNoPassword(f.error.message);
    }
    // The batch's end cannot be written either: the request ends with the same reason.
    const end = first.at(-1);
    if (end?.type === "error") expect(end).toMatchObject({ error: { code: "ARCHIVE_CONNECTION_LOST" } });
    else expect(end).toMatchObject({ type: "done", failed: failed.length });

    pg.start();
    const archive = HocBaArchive.open(url);
    try {
      const archived = new Map(archive.list().entries.map((e) => [e.fileName, e.sha256]));
      for (const r of delivered) expect(archived.get(r.fileName)).toBe(r.sha256);
      expectLinearChain(archive);
    } finally {
      archive.close();
    }

    // The same helper, still running, connects again: the delivered ones come back, the rest are signed.
    host.send(harness.signRequest("thu-lai", docs));
    const retry = await host.collect("thu-lai");
    const done = retry.at(-1);
    expect(done).toMatchObject({ type: "done", failed: 0, skipped: 0 });
    expect(Number(done?.signed) + Number(done?.resumed)).toBe(docs.length);
    const again = new Map(signedOf(retry).map((r) => [r.fileName, r]));
    for (const r of delivered) {
      expect(again.get(r.fileName)).toMatchObject({ resumed: true, sha256: r.sha256 });
    }
    for (const r of again.values()) expectVerifiedByXmlsec1(r.xml);
    const after = HocBaArchive.open(url);
    try {
      expect(after.count()).toBe(docs.length);
      expectLinearChain(after);
    } finally {
      after.close();
    }
    host.end();
    await host.exited;
    expectNoPassword(readFileSync(path.join(data, "logs", "host.log"), "utf8"));
  });

  it("the director's helper on another PC sees the teacher's class in its queues, signs it, and the teacher's helper sees that", async () => {
    const url = pg.createDatabase(`ky_${++databases}`);
    const teacher = helper(url);
    const director = helper(url);
    const docs = harness.docs.slice(0, 5);
    await Promise.all([teacher.host.hello(), director.host.hello()]);
    teacher.host.send(harness.signRequest("gvcn", docs));
    expect((await teacher.host.collect("gvcn")).at(-1)).toMatchObject({ type: "done", signed: 5, failed: 0 });

    director.host.send({ type: "queues", requestId: "q1", namHoc: "2025-2026" });
    const q1 = await director.host.next((r) => r.requestId === "q1");
    expect(q1).toMatchObject({
      type: "queues",
      classes: [{ signedGvcn: 5, waitingThuTruong: 5, waitingDonVi: 0 }],
    });
    const lop = (q1.classes as Array<{ lop: string }>)[0]?.lop ?? "";
    director.host.send({
      type: "archived-documents",
      requestId: "ad",
      namHoc: "2025-2026",
      lop,
      forRole: "ThuTruong",
    });
    const waiting = signedOf(await director.host.collect("ad", ["archived-documents-done", "error"]));
    expect(waiting).toHaveLength(5);
    director.host.send(
      harness.signRequest(
        "tt",
        waiting.map((d) => ({ fileName: d.fileName, xml: d.xml })),
        { role: "ThuTruong", certId: "02" },
      ),
    );
    const tt = await director.host.collect("tt");
    expect(tt.at(-1)).toMatchObject({ type: "done", signed: 5, failed: 0 });
    for (const r of signedOf(tt)) {
      const x = xmlsec1Verify(Buffer.from(r.xml), "sig-ThuTruong", {
        root: path.join(harness.token.dir, "root.pem"),
        intermediate: path.join(harness.token.dir, "int.pem"),
      });
      expect(x.ok, x.output).toBe(true);
    }

    teacher.host.send({ type: "queues", requestId: "q2", namHoc: "2025-2026" });
    expect(await teacher.host.next((r) => r.requestId === "q2")).toMatchObject({
      classes: [{ lop, signedThuTruong: 5, waitingThuTruong: 0, waitingDonVi: 5 }],
    });
    const archive = HocBaArchive.open(url);
    try {
      expect(archive.count()).toBe(10);
      expectLinearChain(archive);
    } finally {
      archive.close();
    }
  });

  it("kill -9 of a helper in the middle of a batch: the shared archive stays consistent and the batch resumes", async () => {
    const url = pg.createDatabase(`ky_${++databases}`);
    const docs = harness.docs.slice(0, 16);
    const request = harness.signRequest("lop-kill", docs);
    const delivered = new Map<string, string>();
    for (const killAfter of [1, 6]) {
      const { host } = helper(url);
      await host.hello();
      host.send(request);
      let seen = 0;
      await host.next((r) => r.type === "signed" && !r.resumed && ++seen >= killAfter);
      host.child.kill("SIGKILL");
      expect((await host.exited).signal).toBe("SIGKILL");
      for (const r of signedOf(host.replies)) delivered.set(r.fileName, r.sha256);
      const archive = HocBaArchive.open(url);
      try {
        expectLinearChain(archive);
        const archived = new Map(archive.list().entries.map((e) => [e.fileName, e.sha256]));
        for (const [fileName, hash] of delivered) expect(archived.get(fileName)).toBe(hash);
      } finally {
        archive.close();
      }
    }
    const { host } = helper(url);
    await host.hello();
    host.send(request);
    const replies = await host.collect("lop-kill");
    const done = replies.at(-1);
    expect(done).toMatchObject({ type: "done", failed: 0, skipped: 0 });
    expect(Number(done?.resumed)).toBeGreaterThanOrEqual(delivered.size);
    for (const r of signedOf(replies)) {
      const before = delivered.get(r.fileName);
      if (before) expect(r).toMatchObject({ resumed: true, sha256: before });
    }
    const archive = HocBaArchive.open(url);
    try {
      expect(archive.count()).toBe(docs.length);
      expectLinearChain(archive);
    } finally {
      archive.close();
    }
  });

  it("a server that accepts connections but does not answer: the batch stops before the login with ARCHIVE_CONNECT_TIMEOUT, in Vietnamese, after the address's connect_timeout", async () => {
    const held: Socket[] = [];
    const silent = createServer((socket) => held.push(socket));
    const port = await new Promise<number>((resolve) =>
      silent.listen(0, "127.0.0.1", () => resolve((silent.address() as AddressInfo).port)),
    );
    try {
      const { host } = helper(
        `postgres://hocba:${encodeURIComponent(pg.password)}@127.0.0.1:${port}/kho?connect_timeout=1`,
      );
      await host.hello();
      host.send(harness.signRequest("khong-tra-loi", harness.docs.slice(0, 2)));
      const replies = await host.collect("khong-tra-loi");
      const end = replies.at(-1);
      expect(end, JSON.stringify(end)).toMatchObject({
        type: "error",
        error: {
          code: "ARCHIVE_CONNECT_TIMEOUT",
          params: { server: `127.0.0.1:${port}/kho (hocba)`, seconds: 1 },
        },
      });
      expect(String((end?.error as { message?: unknown }).message)).toMatch(
        /^Máy chủ kho lưu trữ chung \(PostgreSQL, .*\) không trả lời trong 1 giây, nên chưa có gì được đọc hay ghi vào kho\./,
      );
      // Nothing signed: the archive is opened before the PIN reaches the token.
      expect(signedOf(replies)).toEqual([]);
      expectNoPassword(JSON.stringify(replies));
    } finally {
      for (const s of held) s.destroy();
      silent.close();
    }
  });

  it("status names the shared archive without its password", async () => {
    const url = pg.createDatabase(`ky_${++databases}`);
    const { host } = helper(url);
    await host.hello();
    host.send({ type: "status", requestId: "st" });
    const status = await host.next((r) => r.requestId === "st");
    expect(HostReply.safeParse(status).success).toBe(true);
    expect(status.archive).toEqual({
      engine: "postgres",
      path: `postgres://hocba@127.0.0.1:${pg.port}/ky_${databases}`,
      server: `127.0.0.1:${pg.port}/ky_${databases} (hocba)`,
      documents: 0,
    });
    expectNoPassword(JSON.stringify(status));
  });
});

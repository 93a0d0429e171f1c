import { beforeEach, describe, expect, it } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { runSignBatch, type PagePort } from "../../extension/background/actions/sign-batch.ts";
import { dispatchPort, type IncomingPort } from "../../extension/background/dispatch-port.ts";
import type { DocumentToSign, SignPortEvent } from "../../extension/models/wire.ts";
import { fakeHelper, type FakeConnector } from "./support/fake-native.ts";
import { EXT_ORIGIN, PAGE_SENDER, PORTAL_SENDER, testDeps } from "./support/background-deps.ts";

class FakePagePort implements IncomingPort {
  readonly events: SignPortEvent[] = [];
  readonly listeners = {
    message: new Set<(m: unknown) => void>(),
    disconnect: new Set<(p: PagePort) => void>(),
  };
  disconnected = false;
  onEvent: (event: SignPortEvent) => void = () => undefined;
  constructor(
    readonly name: string,
    readonly sender = PAGE_SENDER,
  ) {}
  onMessage = {
    addListener: (l: (m: unknown) => void) => this.listeners.message.add(l),
    removeListener: (l: (m: unknown) => void) => this.listeners.message.delete(l),
  };
  onDisconnect = {
    addListener: (l: (p: PagePort) => void) => this.listeners.disconnect.add(l),
    removeListener: (l: (p: PagePort) => void) => this.listeners.disconnect.delete(l),
  };
  postMessage(event: SignPortEvent): void {
    this.events.push(event);
    this.onEvent(event);
  }
  disconnect(): void {
    this.disconnected = true;
  }
  /** The page sends a message. */
  send(message: unknown): void {
    for (const l of this.listeners.message) l(message);
  }
  /** The page goes away. */
  close(): void {
    this.disconnected = true;
    for (const l of this.listeners.disconnect) l(this);
  }
}

function docs(n: number): DocumentToSign[] {
  return Array.from({ length: n }, (_, i) => {
    const ma = `HV${String(i + 1).padStart(4, "0")}`;
    return {
      id: `k|${ma}`,
      classKey: "k",
      maHocVien: ma,
      hoTen: `Học viên ${i + 1}`,
      fileName: `${ma}_2025-2026.xml`,
      xml: `<?xml version="1.0" encoding="UTF-8"?><HocBaSo PhienBan="1.0"><DLHocBa Id="DLHocBa"/><DSCKS/></HocBaSo>`,
    };
  });
}

const START = { type: "start", role: "GVCN", tokenLabel: "TestToken", certId: "02", pin: "123456" } as const;

describe("sign-batch over a page port", () => {
  beforeEach(() => fakeBrowser.reset());

  it("streams progress and results, stores each signed document, then closes both ports", async () => {
    const connector = fakeHelper({ pin: "123456" });
    const deps = testDeps(connector);
    const port = new FakePagePort("sign-batch");
    const finished = runSignBatch(port, deps);
    port.send({ ...START, documents: docs(3) });
    await finished;
    const types = port.events.map((e) => e.type);
    expect(types.filter((t) => t === "signed")).toHaveLength(3);
    expect(types.filter((t) => t === "progress")).toHaveLength(3);
    expect(port.events.at(-1)).toEqual({
      type: "done",
      signed: 3,
      resumed: 0,
      failed: 0,
      skipped: 0,
      cancelled: false,
    });
    const stored = await (await deps.db()).listDocuments("k");
    expect(stored.map((d) => [d.maHocVien, d.signedRoles])).toEqual([
      ["HV0001", ["GVCN"]],
      ["HV0002", ["GVCN"]],
      ["HV0003", ["GVCN"]],
    ]);
    expect(port.disconnected).toBe(true);
    expect(port.listeners.message.size + port.listeners.disconnect.size).toBe(0);
    const native = connector.ports[0];
    expect(native?.disconnected).toBe(true);
    // The PIN went to the helper once, in sign-batch, and nowhere else.
    const withPin = native?.posted.filter((m) => JSON.stringify(m).includes("123456")) ?? [];
    expect(withPin).toHaveLength(1);
    expect(withPin[0]).toMatchObject({
      type: "sign-batch",
      pin: "123456",
      role: "GVCN",
      tokenLabel: "TestToken",
      certId: "02",
    });
    expect(JSON.stringify(port.events)).not.toContain("123456");
  });

  it("reports per-document failures and a wrong PIN as a batch error", async () => {
    const deps = testDeps(fakeHelper({ pin: "123456", failFiles: ["HV0002_2025-2026.xml"] }));
    const port = new FakePagePort("sign-batch");
    const finished = runSignBatch(port, deps);
    port.send({ ...START, documents: docs(3) });
    await finished;
    expect(port.events.filter((e) => e.type === "sign-failed")).toEqual([
      expect.objectContaining({ id: "k|HV0002", fileName: "HV0002_2025-2026.xml" }),
    ]);
    expect(port.events.at(-1)).toMatchObject({ type: "done", signed: 2, failed: 1 });

    const wrongPin = new FakePagePort("sign-batch");
    const again = runSignBatch(wrongPin, testDeps(fakeHelper({ pin: "123456" })));
    wrongPin.send({ ...START, pin: "000000", documents: docs(1) });
    await again;
    // A code the table knows is kept, so the page can word it in its own language.
    expect(wrongPin.events).toEqual([
      { type: "error", error: expect.objectContaining({ code: "TOKEN_PIN_INCORRECT" }) as unknown },
    ]);
  });

  it("cancel stops the batch before the next document", async () => {
    const connector: FakeConnector = fakeHelper();
    const deps = testDeps(connector);
    const port = new FakePagePort("sign-batch");
    port.onEvent = (e) => {
      if (e.type === "signed" && e.id === "k|HV0002") port.send({ type: "cancel" });
    };
    const finished = runSignBatch(port, deps);
    port.send({ ...START, documents: docs(10) });
    await finished;
    const done = port.events.at(-1);
    expect(done).toMatchObject({ type: "done", cancelled: true });
    expect(done?.type === "done" && done.signed).toBeLessThan(10);
    expect(connector.ports[0]?.posted.some((m) => (m as { type: string }).type === "cancel")).toBe(true);
  });

  it("the helper dies mid-batch: the page hears of it only once every signed document is stored", async () => {
    const connector = fakeHelper();
    const deps = testDeps(connector);
    const openDb = deps.db;
    // A slow disk: each store takes a while, so it is still running when the helper dies.
    deps.db = async () => {
      const db = await openDb();
      const put = db.putDocument.bind(db);
      db.putDocument = async (entry) => {
        await new Promise((resolve) => setTimeout(resolve, 30));
        return put(entry);
      };
      return db;
    };
    const port = new FakePagePort("sign-batch");
    let storedAtError: Promise<number> | undefined;
    port.onEvent = (e) => {
      if (e.type === "signed" && e.id === "k|HV0002") {
        connector.ports[0]?.hostDisconnect("Native host has exited.");
      }
      if (e.type === "error") {
        storedAtError = openDb().then(async (db) => (await db.listDocuments("k")).length);
      }
    };
    const finished = runSignBatch(port, deps);
    port.send({ ...START, documents: docs(10) });
    await finished;
    const signed = port.events.filter((e) => e.type === "signed").length;
    expect(signed).toBeGreaterThanOrEqual(2);
    expect(port.events.at(-1)).toEqual({
      type: "error",
      error: expect.objectContaining({ code: "EXT_HOST_EXITED" }) as unknown,
    });
    expect(await storedAtError).toBe(signed);
  });

  it("a page that closes mid-batch cancels it", async () => {
    const connector = fakeHelper();
    const port = new FakePagePort("sign-batch");
    port.onEvent = (e) => {
      if (e.type === "signed") port.close();
    };
    await Promise.all([
      runSignBatch(port, testDeps(connector)),
      Promise.resolve(port.send({ ...START, documents: docs(10) })),
    ]);
    expect(connector.ports[0]?.posted.some((m) => (m as { type: string }).type === "cancel")).toBe(true);
    expect(connector.ports[0]?.disconnected).toBe(true);
  });

  it.each([
    ["no certificate", { ...START, certId: "" }, "EXT_CERTIFICATE_REQUIRED"],
    ["no document", { ...START, documents: [] }, "EXT_NOTHING_SELECTED"],
    ["bad role", { ...START, role: "Admin" }, "EXT_BAD_REQUEST"],
  ])("refuses a start with %s", async (_name, start, code) => {
    const connector = fakeHelper();
    const port = new FakePagePort("sign-batch");
    const finished = runSignBatch(port, testDeps(connector));
    port.send({ documents: docs(1), ...start });
    await finished;
    expect(port.events).toEqual([{ type: "error", error: expect.objectContaining({ code }) as unknown }]);
    expect(connector.ports).toHaveLength(0);
  });

  it("only extension pages may open the sign-batch port", () => {
    const deps = testDeps(fakeHelper());
    const fromPortal = new FakePagePort("sign-batch", PORTAL_SENDER);
    dispatchPort(fromPortal, deps);
    expect(fromPortal.disconnected).toBe(true);
    expect(fromPortal.listeners.message.size).toBe(0);
    const unknownName = new FakePagePort("other", { ...PAGE_SENDER, url: `${EXT_ORIGIN}/review.html` });
    dispatchPort(unknownName, deps);
    expect(unknownName.disconnected).toBe(true);
    const ok = new FakePagePort("sign-batch");
    dispatchPort(ok, deps);
    expect(ok.disconnected).toBe(false);
    expect(ok.listeners.message.size).toBe(1);
  });
});

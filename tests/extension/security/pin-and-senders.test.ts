import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { IDBFactory } from "fake-indexeddb";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { runSignBatch, type PagePort } from "../../../extension/background/actions/sign-batch.ts";
import { dispatchAction } from "../../../extension/background/dispatch-action.ts";
import { dispatchPort } from "../../../extension/background/dispatch-port.ts";
import { EXTENSION_CONFIG } from "../../../extension/config.ts";
import type { DocumentToSign, SignPortEvent } from "../../../extension/models/wire.ts";
import { HocBaDb } from "../../../extension/services/hocba-db.ts";
import wxtConfig from "../../../wxt.config.ts";
import { PAGE_SENDER, PORTAL_SENDER, testDeps } from "../support/background-deps.ts";
import { fakeHelper } from "../support/fake-native.ts";

/**
 * Security review, extension: the PIN is typed only in the review page, travels once to the
 * helper, and is kept nowhere; content scripts and web pages cannot reach anything that carries
 * it; the manifest asks for no more than it needs.
 */
const REPO = path.resolve(import.meta.dirname, "../../..");
const RIGHT_PIN = "482915";
const WRONG_PIN = "913375";

class PagePortStub implements PagePort {
  readonly events: SignPortEvent[] = [];
  private readonly message = new Set<(m: unknown) => void>();
  private readonly gone = new Set<(p: PagePort) => void>();
  disconnected = false;
  name: string = EXTENSION_CONFIG.signBatchPortName;
  constructor(readonly sender: object = PAGE_SENDER) {}
  onMessage = {
    addListener: (l: (m: unknown) => void) => this.message.add(l),
    removeListener: (l: (m: unknown) => void) => this.message.delete(l),
  };
  onDisconnect = {
    addListener: (l: (p: PagePort) => void) => this.gone.add(l),
    removeListener: (l: (p: PagePort) => void) => this.gone.delete(l),
  };
  postMessage(event: SignPortEvent): void {
    this.events.push(event);
  }
  disconnect(): void {
    this.disconnected = true;
  }
  send(message: unknown): void {
    for (const l of this.message) l(message);
  }
  get listening(): number {
    return this.message.size;
  }
}

function documents(n: number): DocumentToSign[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `k|HV${i}`,
    classKey: "k",
    maHocVien: `HV${i}`,
    hoTen: `Học viên ${i}`,
    fileName: `HV${i}_2025-2026.xml`,
    xml: `<?xml version="1.0" encoding="UTF-8"?><HocBaSo PhienBan="1.0"><DLHocBa Id="DLHocBa"/><DSCKS/></HocBaSo>`,
  }));
}

const start = (pin: string) => ({
  type: "start",
  role: "GVCN",
  tokenLabel: "TestToken",
  certId: "02",
  pin,
  documents: documents(2),
});

/** Every value IndexedDB holds, as text. */
async function dumpIndexedDb(factory: IDBFactory): Promise<string> {
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const r = factory.open(EXTENSION_CONFIG.dbName, EXTENSION_CONFIG.dbVersion);
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error ?? new Error("open"));
  });
  const out: unknown[] = [];
  for (const name of Array.from(db.objectStoreNames)) {
    out.push(
      await new Promise((resolve, reject) => {
        const r = db.transaction(name, "readonly").objectStore(name).getAll();
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error ?? new Error("getAll"));
      }),
    );
  }
  db.close();
  return JSON.stringify(out);
}

describe("the PIN is used once and kept nowhere", () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(() => vi.restoreAllMocks());

  it("after a signed batch and a wrong-PIN batch: not in storage, IndexedDB, console or page events; no retry", async () => {
    const logged: unknown[] = [];
    for (const m of ["log", "info", "warn", "error", "debug"] as const) {
      vi.spyOn(console, m).mockImplementation((...a: unknown[]) => void logged.push(a));
    }
    const factory = new IDBFactory();
    const connector = fakeHelper({ pin: RIGHT_PIN });
    const deps = testDeps(connector);
    deps.db = () => HocBaDb.open(factory);

    const ok = new PagePortStub();
    const first = runSignBatch(ok, deps);
    ok.send(start(RIGHT_PIN));
    await first;
    expect(ok.events.at(-1)).toMatchObject({ type: "done", signed: 2 });

    const wrong = new PagePortStub();
    const second = runSignBatch(wrong, deps);
    wrong.send(start(WRONG_PIN));
    await second;
    expect(wrong.events).toEqual([
      { type: "error", error: expect.objectContaining({ code: "TOKEN_PIN_INCORRECT" }) as unknown },
    ]);

    // The wrong PIN reached the helper exactly once: no automatic retry, no second connection.
    const posted = connector.ports.flatMap((p) => p.posted);
    expect(posted.filter((m) => JSON.stringify(m).includes(WRONG_PIN))).toHaveLength(1);
    expect(posted.filter((m) => (m as { type?: string }).type === "sign-batch")).toHaveLength(2);

    const kept = [
      JSON.stringify(await fakeBrowser.storage.local.get(null)),
      JSON.stringify(await fakeBrowser.storage.session.get(null)),
      JSON.stringify(await fakeBrowser.storage.sync.get(null)),
      await dumpIndexedDb(factory),
      JSON.stringify(logged),
      JSON.stringify([...ok.events, ...wrong.events]),
    ].join("\n");
    expect(kept).toContain("HV1"); // the dump did find the stored documents
    expect(kept).not.toContain(RIGHT_PIN);
    expect(kept).not.toContain(WRONG_PIN);
  });
});

describe("nothing a content script sends can carry a PIN to the helper", () => {
  beforeEach(() => fakeBrowser.reset());

  it("the signing port refuses a portal content script whatever the port is called", () => {
    for (const name of [EXTENSION_CONFIG.signBatchPortName, "", "x"]) {
      const connector = fakeHelper();
      const port = new PagePortStub(PORTAL_SENDER);
      port.name = name;
      dispatchPort(port, testDeps(connector));
      expect(port.disconnected).toBe(true);
      expect(port.listening).toBe(0);
      expect(connector.ports).toHaveLength(0);
    }
  });

  it.each([
    { action: "sign-batch", pin: RIGHT_PIN, documents: documents(1) },
    { action: "start", pin: RIGHT_PIN },
    { action: "open-review", classKeys: ["k"], pin: RIGHT_PIN },
    { action: "inspect-page", url: `${PORTAL_SENDER.url}`, html: "<html></html>", pin: RIGHT_PIN },
  ])("a one-shot message %j from the portal never reaches the helper", async (message) => {
    const connector = fakeHelper({ pin: RIGHT_PIN });
    const deps = testDeps(connector);
    await dispatchAction(message, PORTAL_SENDER, deps);
    expect(JSON.stringify(connector.ports.flatMap((p) => p.posted))).not.toContain(RIGHT_PIN);
  });

  it("an extension page framed by a web page is not an extension page", async () => {
    const framed = {
      id: PAGE_SENDER.id,
      url: `${PAGE_SENDER.origin}/review.html`,
      tab: { id: 3, url: "https://evil.example/" },
    };
    const result = await dispatchAction({ action: "list-tokens" }, framed, testDeps(fakeHelper()));
    expect(result).toMatchObject({ ok: false, error: { code: "EXT_SENDER_REJECTED" } });
  });
});

/** Relative imports of a module, resolved to repository paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(path.join(REPO, file), "utf8");
  return [...text.matchAll(/from\s+"(\.{1,2}\/[^"]+)"/g)].map((m) =>
    path.relative(REPO, path.resolve(path.dirname(path.join(REPO, file)), m[1] ?? "")),
  );
}

function moduleGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const todo = [entry];
  for (let f = todo.pop(); f !== undefined; f = todo.pop()) {
    if (seen.has(f)) continue;
    seen.add(f);
    todo.push(...importsOf(f));
  }
  return seen;
}

function extensionSources(dir = "extension"): string[] {
  return readdirSync(path.join(REPO, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory()) return extensionSources(rel);
    return /\.(ts|tsx)$/.test(e.name) ? [rel] : [];
  });
}

describe("where the PIN can be typed, and what the code can reach", () => {
  it("the only PIN field is in the review page's sign panel", () => {
    const withPassword = extensionSources().filter((f) =>
      /type=["']password["']/.test(readFileSync(path.join(REPO, f), "utf8")),
    );
    expect(withPassword).toEqual(["extension/ui/review/sign-panel.tsx"]);
    expect(moduleGraph("extension/entrypoints/review/main.tsx")).toContain(
      "extension/ui/review/sign-panel.tsx",
    );
    for (const entry of ["extension/entrypoints/popup/main.tsx", "extension/entrypoints/options/main.tsx"]) {
      expect(moduleGraph(entry)).not.toContain("extension/ui/review/sign-panel.tsx");
    }
  });

  it("the portal content script's code never touches the signing port, the helper or a PIN field", () => {
    const graph = [...moduleGraph("extension/entrypoints/portal.content.ts")];
    expect(graph).toContain("extension/content/fetch-portal-page.ts");
    for (const file of graph) {
      const text = readFileSync(path.join(REPO, file), "utf8");
      expect(text, file).not.toMatch(
        /startSignBatch|connectNative|runtime\.connect\(|\stype=["']password["']/,
      );
      expect(file).not.toMatch(/^extension\/(ui\/review|background)\//);
    }
  });

  it("no network access but the content script's same-origin fetch, and no remote or dynamic code", () => {
    const offenders = extensionSources().flatMap((f) => {
      // Code only: comments may talk about fetch().
      const text = readFileSync(path.join(REPO, f), "utf8")
        .replace(/\/\*[\s\S]*?\*\//g, "")
        .replace(/(^|[^:])\/\/.*$/gm, "$1");
      const hits = [
        ...text.matchAll(
          /\b(fetch|XMLHttpRequest|WebSocket|EventSource|sendBeacon|importScripts|eval|Function)\s*\(/g,
        ),
      ].map((m) => m[1]);
      return hits.length > 0 ? [`${f}: ${hits.join(", ")}`] : [];
    });
    expect(offenders).toEqual(["extension/content/fetch-portal-page.ts: fetch"]);
  });
});

describe("the manifest", () => {
  type Manifest = Record<string, unknown>;
  const manifestFor = async (browser: "chrome" | "firefox"): Promise<Manifest> => {
    const make = wxtConfig.manifest as (env: {
      browser: string;
      manifestVersion: 3;
      mode: string;
      command: string;
    }) => Manifest | Promise<Manifest>;
    return make({ browser, manifestVersion: 3, mode: "production", command: "build" });
  };

  it.each(["chrome", "firefox"] as const)(
    "%s: minimal permissions, no door for web pages or remote code",
    async (browser) => {
      const m = await manifestFor(browser);
      expect(m.permissions).toEqual(["nativeMessaging", "storage", "scripting"]);
      expect(m.optional_host_permissions).toEqual(["http://*/*", "https://*/*"]);
      for (const key of [
        "externally_connectable",
        "host_permissions",
        "content_scripts",
        "web_accessible_resources",
        "content_security_policy",
        "optional_permissions",
        "sandbox",
      ]) {
        expect(m, key).not.toHaveProperty(key);
      }
    },
  );
});

import { spawnSync } from "node:child_process";
import { existsSync, lstatSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { ROOT } from "./extension-browser.ts";

/**
 * Looks at what the extension and the helper keep, from the outside: the extension's IndexedDB and
 * chrome.storage (evaluated in one of its pages), the helper's archive (`hocba archive`), its log
 * file and the browser profile on disk. Used by the e2e tests to check what is stored and what is not.
 */

/** A signed document as the extension stores it (the fields the tests look at). */
export interface StoredDocumentView {
  id: string;
  classKey: string;
  maHocVien: string;
  signedRoles: string[];
  xml: string;
}

/** The signed documents of one class in the extension's IndexedDB. */
export async function storedDocuments(page: Page, classKey: string): Promise<StoredDocumentView[]> {
  return page.evaluate(
    (key) =>
      new Promise<StoredDocumentView[]>((resolve, reject) => {
        const open = indexedDB.open("hocba");
        open.onerror = () => reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const get = open.result
            .transaction("documents")
            .objectStore("documents")
            .index("byClass")
            .getAll(key);
          get.onsuccess = () => resolve(get.result as StoredDocumentView[]);
          get.onerror = () => reject(new Error(String(get.error)));
        };
      }),
    classKey,
  );
}

/** TEST-ONLY: writes signed-document records straight into the extension's IndexedDB. */
export async function putStoredDocuments(
  page: Page,
  documents: readonly StoredDocumentView[],
): Promise<void> {
  await page.evaluate(
    (docs) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open("hocba");
        open.onerror = () => reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const tx = open.result.transaction("documents", "readwrite");
          for (const doc of docs) tx.objectStore("documents").put(doc);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(new Error(String(tx.error)));
        };
      }),
    documents,
  );
}

/** Every record of every object store of every IndexedDB database of the extension. */
export type IndexedDbDump = Record<string, Record<string, unknown[]>>;

/** What the extension keeps: chrome.storage (local, sync, session) and all of its IndexedDB. */
export interface ExtensionStorageDump {
  storage: Record<"local" | "sync" | "session", Record<string, unknown>>;
  indexedDb: IndexedDbDump;
}

/** Dumps the extension's storage; `page` must be one of its pages (chrome-extension://…). */
export async function dumpExtensionStorage(page: Page): Promise<ExtensionStorageDump> {
  return page.evaluate(async () => {
    const storage = {
      local: await chrome.storage.local.get(null),
      sync: await chrome.storage.sync.get(null),
      session: await chrome.storage.session.get(null),
    };
    const request = <T>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(new Error(String(r.error)));
      });
    const indexedDb: Record<string, Record<string, unknown[]>> = {};
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await request(indexedDB.open(info.name));
      const stores: Record<string, unknown[]> = {};
      for (const name of Array.from(db.objectStoreNames)) {
        stores[name] = await request(db.transaction(name).objectStore(name).getAll());
      }
      db.close();
      indexedDb[info.name] = stores;
    }
    return { storage, indexedDb };
  });
}

/** Every property name at any depth of a JSON-like value. */
export function propertyNames(value: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => propertyNames(v, into));
  else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      into.add(k);
      propertyNames(v, into);
    }
  }
  return into;
}

/** The value as JSON with every `xml` property left out (signed XML holds base64 and hex at random). */
export function jsonWithoutXml(value: unknown): string {
  return JSON.stringify(value, (key, v: unknown) => (key === "xml" ? undefined : v));
}

/** An entry of `hocba archive list --json`. */
export interface ArchiveEntryView {
  id: number;
  maHocVien: string;
  namHoc: string;
  role: string;
  fileName: string;
  batchId: string;
}

function runHocba(
  args: string[],
  env: NodeJS.ProcessEnv,
): { status: number; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [path.join(ROOT, "bin/hocba.mjs"), ...args], {
    cwd: ROOT,
    env,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

/** The helper's archive, as `hocba archive list --json` shows it (env: the browser's, with HOCBA_DATA_DIR). */
export function archiveEntries(env: NodeJS.ProcessEnv): ArchiveEntryView[] {
  const run = runHocba(["archive", "list", "--json"], env);
  if (run.status !== 0) throw new Error(`hocba archive list: exit ${run.status}: ${run.stderr}`);
  return (JSON.parse(run.stdout) as { entries: ArchiveEntryView[] }).entries;
}

/** `hocba archive check --json`: whether the archive matches its hash-chained log. */
export function archiveCheck(env: NodeJS.ProcessEnv): { ok: boolean; problems: unknown[] } {
  const run = runHocba(["archive", "check", "--json"], env);
  return JSON.parse(run.stdout) as { ok: boolean; problems: unknown[] };
}

/** The helper's log file (HOCBA_DATA_DIR/logs/host.log), "" before the helper first ran. */
export function helperLog(dataDir: string): string {
  const file = path.join(dataDir, "logs", "host.log");
  return existsSync(file) ? readFileSync(file, "utf8") : "";
}

/** Process id of the helper that logged the last `sign-batch` start. */
export function pidOfLastBatch(dataDir: string): number {
  const lines = helperLog(dataDir)
    .split("\n")
    .filter((l) => / sign-batch /.test(l));
  const pid = /pid=(\d+)/.exec(lines.at(-1) ?? "")?.[1];
  if (!pid) throw new Error("no sign-batch in the helper's log");
  return Number(pid);
}

/** Regular files under `dir` (recursively) whose bytes contain `text` in UTF-8 or UTF-16LE. */
export function filesContaining(dir: string, text: string): string[] {
  const needles = [Buffer.from(text, "utf8"), Buffer.from(text, "utf16le")];
  const found: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const file = path.join(d, name);
      let stat;
      try {
        stat = lstatSync(file);
      } catch {
        continue; // removed while we walk (the browser is running)
      }
      if (stat.isDirectory()) walk(file);
      else if (stat.isFile()) {
        let bytes: Buffer;
        try {
          bytes = readFileSync(file);
        } catch {
          continue;
        }
        if (needles.some((n) => bytes.includes(n))) found.push(path.relative(dir, file));
      }
    }
  };
  walk(dir);
  return found;
}

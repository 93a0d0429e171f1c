import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HocBaArchive } from "../../../native-host/archive/hocba-archive.ts";
import {
  connectTimeoutOf,
  DEFAULT_CONNECT_TIMEOUT_MS,
  PgSyncClient,
} from "../../../native-host/archive/pg/pg-sync-client.ts";
import { HocBaError } from "../../../shared/errors/hocba-error.ts";

/**
 * A shared archive whose server cannot be reached when the archive is opened (the first thing a
 * helper's batch does): the error says which of the two it is, in Vietnamese, within the connect
 * timeout the archive's address asks for (libpq's connect_timeout), and never shows the password.
 */

const PASSWORD = "mật-khẩu-bí";

/** A server that accepts TCP connections and never says a word (a stuck server, a bad proxy). */
let silent: net.Server;
const held: net.Socket[] = [];
let silentPort = 0;
/** A port nobody listens on. */
let closedPort = 0;

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve((server.address() as net.AddressInfo).port)),
  );
}

beforeAll(async () => {
  silent = net.createServer((socket) => held.push(socket));
  silentPort = await listen(silent);
  const probe = net.createServer();
  closedPort = await listen(probe);
  await new Promise<void>((resolve) => probe.close(() => resolve()));
});

afterAll(() => {
  for (const s of held) s.destroy();
  silent.close();
});

function openFails(url: string): { error: HocBaError; ms: number } {
  const start = performance.now();
  try {
    HocBaArchive.open(url).close();
  } catch (err) {
    expect(err).toBeInstanceOf(HocBaError);
    return { error: err as HocBaError, ms: performance.now() - start };
  }
  throw new Error(`${url} opened`);
}

describe("the shared archive's server cannot be reached at open", () => {
  it("a server that accepts but does not answer: ARCHIVE_CONNECT_TIMEOUT after the URL's connect_timeout, not the default", () => {
    const url = `postgres://hocba:${encodeURIComponent(PASSWORD)}@127.0.0.1:${silentPort}/kho?connect_timeout=2`;
    const { error, ms } = openFails(url);
    expect(error.code).toBe("ARCHIVE_CONNECT_TIMEOUT");
    // Two seconds asked, counted from the connection attempt (the worker's start-up comes on top):
    // well before the 10 s default, even with one retry of the connection (4 s) on a loaded machine.
    expect(ms).toBeGreaterThanOrEqual(1_900);
    expect(ms).toBeLessThan(DEFAULT_CONNECT_TIMEOUT_MS - 1_000);
    expect(error.message).toBe(
      `Máy chủ kho lưu trữ chung (PostgreSQL, 127.0.0.1:${silentPort}/kho (hocba)) không trả lời trong 2 giây, ` +
        "nên chưa có gì được đọc hay ghi vào kho. Hãy kiểm tra máy chủ đang chạy và mạng tới nó, rồi thử lại; " +
        "nếu mạng chậm, tăng thời gian chờ bằng connect_timeout=<số giây> trong địa chỉ kho " +
        "(HOCBA_ARCHIVE_URL hoặc hocba install --archive-url).",
    );
    expect(error.message).not.toContain(PASSWORD);
    expect(error.message).not.toContain(encodeURIComponent(PASSWORD));
  });

  it("nobody listening: ARCHIVE_SERVER_UNREACHABLE at once, naming the server and the system's reason", () => {
    const url = `postgres://hocba:${encodeURIComponent(PASSWORD)}@127.0.0.1:${closedPort}/kho`;
    const { error } = openFails(url);
    expect(error.code).toBe("ARCHIVE_SERVER_UNREACHABLE");
    expect(error.message).toMatch(
      new RegExp(
        `^Không kết nối được tới máy chủ kho lưu trữ chung \\(PostgreSQL, 127\\.0\\.0\\.1:${closedPort}/kho \\(hocba\\)\\): .*ECONNREFUSED.*\\. Chưa có gì được đọc hay ghi vào kho\\.`,
      ),
    );
    expect(error.message).not.toContain(PASSWORD);
  });
});

describe("an address the connection cannot read", () => {
  it("is answered at once by the connection's worker, without the password, instead of a silent wait", () => {
    // archivePath refuses such an address before connecting; this is the connection's own guard.
    const client = new PgSyncClient(`postgres://hocba:${encodeURIComponent(PASSWORD)}@127.0.0.1:99999/kho`);
    const start = performance.now();
    try {
      expect(() => client.query("SELECT 1")).toThrow(/the archive's address cannot be read/);
      expect(performance.now() - start).toBeLessThan(DEFAULT_CONNECT_TIMEOUT_MS);
      let message = "";
      try {
        client.query("SELECT 1");
      } catch (err) {
        message = (err as Error).message;
      }
      expect(message).not.toContain(PASSWORD);
      expect(message).not.toContain(encodeURIComponent(PASSWORD));
    } finally {
      client.close();
    }
  });
});

describe("connect_timeout in the archive's address", () => {
  it("is read as libpq's whole seconds; absent, zero or not a number: the default", () => {
    const base = "postgres://hocba@db.truong.local:5432/kho";
    expect(connectTimeoutOf(`${base}?connect_timeout=25`)).toBe(25_000);
    expect(connectTimeoutOf(`${base}?sslmode=require&connect_timeout=3`)).toBe(3_000);
    expect(connectTimeoutOf(base)).toBe(DEFAULT_CONNECT_TIMEOUT_MS);
    expect(connectTimeoutOf(`${base}?connect_timeout=0`)).toBe(DEFAULT_CONNECT_TIMEOUT_MS);
    expect(connectTimeoutOf(`${base}?connect_timeout=abc`)).toBe(DEFAULT_CONNECT_TIMEOUT_MS);
    expect(connectTimeoutOf(`${base}?connect_timeout=1.5`)).toBe(DEFAULT_CONNECT_TIMEOUT_MS);
    expect(DEFAULT_CONNECT_TIMEOUT_MS).toBe(10_000);
  });
});

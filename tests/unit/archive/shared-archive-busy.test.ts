import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HocBaArchive } from "../../../native-host/archive/hocba-archive.ts";
import { PgArchiveStore } from "../../../native-host/archive/pg/pg-archive-store.ts";
import { IDLE_IN_TRANSACTION_MS } from "../../../native-host/archive/pg/pg-sync-client.ts";
import { HocBaError } from "../../../shared/errors/hocba-error.ts";
import { startPgCluster, type PgCluster } from "../../support/pg-cluster.ts";

/**
 * Another PC holding the shared archive's write lock (a PC whose network was cut in the middle of
 * a write, or a stuck process): a helper's write waits lock_timeout, then says the archive is busy
 * in Vietnamese, and writes once the lock is free; and every helper session asks the server to end
 * it if it is ever left inside a transaction, so that one PC cannot keep the lock for hours.
 */

/** pg-archive-store.ts's write lock: ("hocb", 1). */
const LOCK_CLASS = 0x686f6362;
const WRITE_LOCK = 1;

let cluster: PgCluster;
let url: string;

beforeAll(() => {
  cluster = startPgCluster();
  url = cluster.createDatabase("busy");
  HocBaArchive.open(url).close(); // the schema
}, 120_000);
afterAll(() => cluster.destroy());

describe("the shared archive's write lock held by another PC", () => {
  it("a write waits lock_timeout, then ARCHIVE_BUSY in Vietnamese (nothing written, no password); it writes once the lock is free", async () => {
    const other = new pg.Client({ connectionString: url });
    await other.connect();
    const archive = HocBaArchive.open(url, { lockTimeoutMs: 2_000 });
    try {
      await other.query("BEGIN");
      await other.query("SELECT pg_advisory_xact_lock($1, $2)", [LOCK_CLASS, WRITE_LOCK]);
      const start = performance.now();
      let error: unknown;
      try {
        archive.appendAudit("batch-started", "busy-1", { tool: "test" });
      } catch (err) {
        error = err;
      }
      const ms = performance.now() - start;
      expect(error).toBeInstanceOf(HocBaError);
      const e = error as HocBaError;
      expect(e.code).toBe("ARCHIVE_BUSY");
      expect(e.message).toContain("đang bận: một máy khác giữ quyền ghi quá 2 giây");
      expect(e.message).toContain("tài liệu này chưa được lưu");
      expect(e.message).not.toContain(cluster.password);
      expect(ms).toBeGreaterThanOrEqual(1_900);
      expect(ms).toBeLessThan(30_000);
      expect([...archive.auditLog()].filter((a) => a.batchId === "busy-1")).toEqual([]);

      await other.query("ROLLBACK");
      archive.appendAudit("batch-started", "busy-2", { tool: "test" });
      const log = [...archive.auditLog()];
      expect(log.filter((a) => a.batchId === "busy-2")).toHaveLength(1);
      // The chain stayed linear: seq 1, 2, 3… without a gap.
      expect(log.map((a) => a.seq)).toEqual(log.map((_, i) => i + 1));
    } finally {
      archive.close();
      await other.end();
    }
  }, 60_000);

  it("each helper session is ended by the server if left inside a transaction", () => {
    const store = PgArchiveStore.open(url);
    try {
      const [row] = store.all<{ idle_in_transaction_session_timeout: string }>(
        "SHOW idle_in_transaction_session_timeout",
      );
      expect(row?.idle_in_transaction_session_timeout).toBe(`${IDLE_IN_TRANSACTION_MS / 1000}s`);
      const [lock] = store.all<{ lock_timeout: string }>("SHOW lock_timeout");
      expect(lock?.lock_timeout).toBe("30s");
    } finally {
      store.close();
    }
  }, 60_000);
});

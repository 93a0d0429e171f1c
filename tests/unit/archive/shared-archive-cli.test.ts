import { readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { archiveSigned } from "../../../native-host/archive/archive-signed.ts";
import { checkArchive } from "../../../native-host/archive/check-archive.ts";
import { archivePath } from "../../../native-host/archive/data-dir.ts";
import { HocBaArchive } from "../../../native-host/archive/hocba-archive.ts";
import { describeArchiveServer, redactArchiveUrl } from "../../../native-host/archive/pg/archive-url.ts";
import { PG_GUARD_TRIGGERS, PG_SCHEMA_VERSION } from "../../../native-host/archive/pg/pg-migrations.ts";
import { PgSyncClient } from "../../../native-host/archive/pg/pg-sync-client.ts";
import { startPgCluster, type PgCluster } from "../../support/pg-cluster.ts";
import { sampleDocuments } from "../../support/hocba-documents.ts";
import { runHocba } from "../../support/run-hocba.ts";
import { useTestToken } from "../../support/test-token.ts";
import { scratchDir } from "../host/scratch-dir.ts";
import { hocBaXml, makeCertificateDer } from "./archive-fixtures.ts";

let pg: PgCluster;
let cert: Buffer;
beforeAll(() => {
  pg = startPgCluster();
  cert = makeCertificateDer("Lê Thị Hoa");
});
afterAll(() => pg.destroy());

let databases = 0;
const freshDb = (): string => pg.createDatabase(`cli_${++databases}`);

/** A PC's own archive with `n` signed documents. */
function localArchive(n: number): string {
  const file = path.join(scratchDir("pc-archive"), "archive.sqlite");
  const archive = HocBaArchive.open(file);
  for (let i = 1; i <= n; i++) {
    const id = `HV${String(i).padStart(4, "0")}`;
    archiveSigned(archive, {
      batchId: "pc-1",
      fileName: `${id}_2025-2026.xml`,
      role: "GVCN",
      input: hocBaXml(id),
      signed: hocBaXml(id, "2025-2026", "<GVCN>s</GVCN>"),
      signerCertDer: cert,
      signingTime: "2026-05-20T09:00:00+07:00",
    });
  }
  archive.close();
  return file;
}

/** Neither the password nor its URL-encoded form, anywhere. */
function expectNoPassword(...texts: string[]): void {
  for (const text of texts) {
    expect(text).not.toContain(pg.password);
    expect(text).not.toContain(encodeURIComponent(pg.password));
  }
}

const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: scratchDir("home"),
  ...extra,
});

describe("the shared archive's address", () => {
  it("is redacted wherever it is shown", () => {
    const url = "postgres://hocba:S%C3%AD%40cret@db.trungtam.local:5433/kho?sslmode=require&password=x";
    const shown = redactArchiveUrl(url);
    expect(shown).toBe("postgres://hocba:***@db.trungtam.local:5433/kho?sslmode=require&password=***");
    expect(describeArchiveServer(url)).toBe(
      "máy chủ db.trungtam.local:5433, cơ sở dữ liệu kho, người dùng hocba",
    );
    expect(redactArchiveUrl("postgres://a:b@[bad")).toBe("postgres://***");
  });

  it("comes from --archive, HOCBA_ARCHIVE_URL, HOCBA_ARCHIVE, then the saved setting", () => {
    const where = { platform: "linux" as const, homedir: "/home/gv", cwd: "/w" };
    const url = "postgres://u:p@h/db";
    // Handed around without its password (printed, sent in replies); the connection gets it back.
    const bare = "postgres://u@h/db";
    expect(archivePath({ ...where, env: { HOCBA_ARCHIVE_URL: url, HOCBA_ARCHIVE: "/e/a.sqlite" } })).toBe(
      bare,
    );
    expect(archivePath({ ...where, env: { HOCBA_ARCHIVE_URL: url }, flag: "k.sqlite" })).toBe("/w/k.sqlite");
    expect(archivePath({ ...where, env: { HOCBA_ARCHIVE_URL: "", HOCBA_ARCHIVE: "/e/a.sqlite" } })).toBe(
      "/e/a.sqlite",
    );
    expect(archivePath({ ...where, env: {}, flag: url })).toBe(bare);
  });
});

describe("a shared archive chosen by HOCBA_ARCHIVE_URL", () => {
  it("is handed around without its password and still opens; hocba sign never prints the password", async () => {
    const url = freshDb();
    const location = archivePath({ platform: "linux", homedir: "/home/gv", env: { HOCBA_ARCHIVE_URL: url } });
    expectNoPassword(location);
    const archive = HocBaArchive.open(location);
    expect(archive.count()).toBe(0);
    expectNoPassword(archive.path);
    archive.close();

    const tok = useTestToken();
    const dir = scratchDir("sign-shared");
    const files = sampleDocuments(2).map((d) => {
      const f = path.join(dir, d.name);
      writeFileSync(f, d.bytes);
      return f;
    });
    const e = { ...tok.env, HOME: scratchDir("home-sign"), HOCBA_ARCHIVE_URL: url };
    const args = [
      "sign",
      ...files,
      "--role",
      "gvcn",
      "--token",
      tok.tokenLabel,
      "--cert",
      "gvcn",
      "--pin-stdin",
    ];
    const signed = await runHocba([...args, "--out", path.join(dir, "out")], {
      env: e,
      input: `${tok.pin}\n`,
    });
    expect(signed.code, signed.stderr).toBe(0);
    const json = await runHocba([...args, "--out", path.join(dir, "out2"), "--json"], {
      env: e,
      input: `${tok.pin}\n`,
    });
    expect(json.code, json.stderr).toBe(0);
    expectNoPassword(signed.stdout, signed.stderr, json.stdout, json.stderr);
    const shared = HocBaArchive.open(url);
    expect(shared.count()).toBe(2);
    expect(checkArchive(shared)).toEqual([]);
    shared.close();
  });
});

describe("the schema on an empty database", () => {
  it("is created at open by every version's migration, once, even by two helpers at the same moment", async () => {
    const url = freshDb();
    // Two processes open the empty database together: one migrates, the other waits and finds it done.
    const [a, b] = await Promise.all([
      runHocba(["archive", "list", "--json", "--archive", url], { env: env() }),
      runHocba(["archive", "list", "--json", "--archive", url], { env: env() }),
    ]);
    expect(a.code, a.stderr).toBe(0);
    expect(b.code, b.stderr).toBe(0);
    expect(JSON.parse(a.stdout)).toEqual({ total: 0, entries: [] });
    const db = new PgSyncClient(url);
    try {
      const versions = db.query<{ version: number }>(
        "SELECT version FROM hocba_schema ORDER BY version",
      ).rows;
      expect(versions.map((v) => v.version)).toEqual(
        Array.from({ length: PG_SCHEMA_VERSION }, (_, i) => i + 1),
      );
      const triggers = db
        .query<{ tgname: string }>("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY tgname")
        .rows.map((r) => r.tgname);
      expect(triggers).toEqual([...PG_GUARD_TRIGGERS].sort());
      expect(() => db.query("TRUNCATE documents")).toThrow(/append-only/);
    } finally {
      db.close();
    }
  });
});

describe("hocba archive migrate", () => {
  it("copies a PC's archive into the shared one once, chains verified, and says so in Vietnamese", async () => {
    const file = localArchive(3);
    const url = freshDb();
    const first = await runHocba(["archive", "migrate", "--to", url, "--from", file], { env: env() });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain("Kho đích: PostgreSQL (máy chủ 127.0.0.1:");
    expect(first.stdout).toContain(
      "Đã chép 3 tài liệu vào kho chung (0 tài liệu đã có sẵn, bỏ qua; kho nguồn có 3)",
    );
    expect(first.stdout).toContain("Nhật ký kho nguồn và kho đích đều khớp; kho chung có 3 tài liệu.");
    const again = await runHocba(["archive", "migrate", "--to", url, "--from", file], { env: env() });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(
      "Đã chép 0 tài liệu vào kho chung (3 tài liệu đã có sẵn, bỏ qua; kho nguồn có 3)",
    );
    expectNoPassword(first.stdout, first.stderr, again.stdout, again.stderr);

    const local = HocBaArchive.open(file);
    const shared = HocBaArchive.open(url);
    try {
      expect(shared.engine).toBe("postgres");
      expect(shared.count()).toBe(3);
      expect(checkArchive(shared)).toEqual([]);
      expect([...shared.auditLog()].map((e) => e.event)).toEqual(Array<string>(3).fill("document-signed"));
      const mine = [...local.documents()];
      const theirs = [...shared.documents()];
      expect(theirs.map((d) => [d.sha256, d.role, d.archivedAt, d.batchId])).toEqual(
        mine.map((d) => [d.sha256, d.role, d.archivedAt, d.batchId]),
      );
      expect(Buffer.compare(theirs[0]?.bytes ?? Buffer.alloc(0), mine[0]?.bytes ?? Buffer.alloc(1))).toBe(0);
    } finally {
      local.close();
      shared.close();
    }

    // A second PC's archive joins: only its own documents are added, after the first PC's.
    const other = localArchive(4);
    const third = await runHocba(["archive", "migrate", "--from", other], {
      env: env({ HOCBA_ARCHIVE_URL: url }),
    });
    expect(third.code, third.stderr).toBe(0);
    // HV0001-3 are the same signed bytes (same fixture, same certificate): present; HV0004 is new.
    expect(third.stdout).toContain("Đã chép 1 tài liệu vào kho chung (3 tài liệu đã có sẵn");
    const check = await runHocba(["archive", "check", "--archive", url], { env: env() });
    expect(check.code, check.stdout).toBe(0);
    expect(check.stdout).toContain("Kho lưu trữ: PostgreSQL (máy chủ 127.0.0.1:");
    expect(check.stdout).toContain("nguyên vẹn: 4 tài liệu");
    expectNoPassword(third.stdout, third.stderr, check.stdout, check.stderr);
  });

  it("refuses a damaged source and copies nothing", async () => {
    const file = localArchive(2);
    const { openSqlite } = await import("../../../native-host/archive/open-sqlite.ts");
    const db = openSqlite(file);
    db.exec("DROP TRIGGER documents_no_update; UPDATE documents SET nam_hoc = '2024-2025' WHERE id = 2");
    db.close();
    const url = freshDb();
    const run = await runHocba(["archive", "migrate", "--to", url, "--from", file], { env: env() });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("kho nguồn có 2 vấn đề");
    const shared = HocBaArchive.open(url);
    expect(shared.count()).toBe(0);
    shared.close();
  });
});

describe("hocba install --archive-url", () => {
  it("saves the shared archive for this user (readable by them only); every command then uses it, never showing the password", async () => {
    const url = freshDb();
    const home = scratchDir("home-install");
    const e = {
      PATH: process.env.PATH,
      HOME: home,
      HOCBA_INSTALL_ROOT: scratchDir("install-root"),
    };
    const install = await runHocba(["install", "--browser", "chrome", "--archive-url", url], { env: e });
    expect(install.code, install.stderr).toBe(0);
    expect(install.stdout).toContain("kho lưu trữ là PostgreSQL (máy chủ 127.0.0.1:");
    expect(install.stdout).toContain("Đã kết nối kho lưu trữ chung: 0 tài liệu đã ký.");
    const settings = path.join(home, ".local", "share", "hocba-signer", "settings.json");
    expect(statSync(settings).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(settings, "utf8"))).toEqual({ archiveUrl: url });

    const shared = HocBaArchive.open(url);
    archiveSigned(shared, {
      batchId: "pc-2",
      fileName: "HV0009_2025-2026.xml",
      role: "GVCN",
      input: hocBaXml("HV0009"),
      signed: hocBaXml("HV0009", "2025-2026", "<GVCN>s</GVCN>"),
      signerCertDer: cert,
      signingTime: "2026-05-20T09:00:00+07:00",
    });
    shared.close();
    const list = await runHocba(["archive", "list"], { env: e });
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toContain(
      `Kho lưu trữ: PostgreSQL (máy chủ 127.0.0.1:${pg.port}, cơ sở dữ liệu cli_${databases}, người dùng hocba)`,
    );
    expect(list.stdout).toContain("postgres://hocba:***@127.0.0.1");
    expect(list.stdout).toContain("HV0009");
    expectNoPassword(install.stdout, install.stderr, list.stdout, list.stderr);

    const back = await runHocba(["install", "--browser", "chrome", "--archive-url", "local"], { env: e });
    expect(back.code, back.stderr).toBe(0);
    expect(JSON.parse(readFileSync(settings, "utf8"))).toEqual({});
    const bad = await runHocba(["install", "--archive-url", "mysql://x"], { env: e });
    expect(bad.code).toBe(2);
  });
});

describe("TLS (sslmode in the URL, as PostgreSQL's own tools read it)", () => {
  const encrypted = (url: string): boolean => {
    const db = new PgSyncClient(url);
    try {
      return (
        db.query<{ ssl: boolean }>("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").rows[0]
          ?.ssl === true
      );
    } finally {
      db.close();
    }
  };

  it("encrypts with require, checks the server's certificate with verify-full, and refuses a server it cannot verify", () => {
    const url = freshDb();
    expect(encrypted(`${url}?sslmode=disable`)).toBe(false);
    expect(encrypted(`${url}?sslmode=require`)).toBe(true);
    const verified = `${url}?sslmode=verify-full&sslrootcert=${encodeURIComponent(pg.caFile)}`;
    expect(encrypted(verified)).toBe(true);
    const archive = HocBaArchive.open(verified);
    expect(archive.count()).toBe(0);
    archive.close();
    // No root to check the self-signed certificate against: refused, and the password not shown.
    let refused: unknown;
    try {
      HocBaArchive.open(`${url}?sslmode=verify-full`).close();
    } catch (err) {
      refused = err;
    }
    expect(refused).toMatchObject({ code: "ARCHIVE_OPEN_FAILED" });
    expect((refused as Error).message).toMatch(/certificate/i);
    expectNoPassword((refused as Error).message);
  });
});

describe("a server restarted while the helper is idle", () => {
  it("is reached again on the next use, without an error for the first document", () => {
    const url = freshDb();
    const archive = HocBaArchive.open(url);
    try {
      archive.appendAudit("batch-started", "b1", { documents: 1 });
      pg.stopImmediate();
      pg.start();
      expect(archive.count()).toBe(0);
      const stored = archiveSigned(archive, {
        batchId: "b1",
        fileName: "HV0001_2025-2026.xml",
        role: "GVCN",
        input: hocBaXml("HV0001"),
        signed: hocBaXml("HV0001", "2025-2026", "<GVCN>s</GVCN>"),
        signerCertDer: cert,
        signingTime: "2026-05-20T09:00:00+07:00",
      });
      expect(stored.alreadyArchived).toBe(false);
      expect(checkArchive(archive)).toEqual([]);
    } finally {
      archive.close();
    }
  });
});

describe("the append-only guards on the server", () => {
  it("count as removed when disabled, and check says so", () => {
    const url = freshDb();
    const archive = HocBaArchive.open(url);
    try {
      expect(archive.missingGuards()).toEqual([]);
      const db = new PgSyncClient(url);
      try {
        db.query("ALTER TABLE documents DISABLE TRIGGER documents_no_update");
        db.query("DROP TRIGGER audit_no_truncate ON audit_log");
      } finally {
        db.close();
      }
      expect(archive.missingGuards()).toEqual(["documents_no_update", "audit_no_truncate"]);
      expect(checkArchive(archive).map((p) => p.code)).toEqual(["ARCHIVE_GUARDS_REMOVED"]);
    } finally {
      archive.close();
    }
  });
});

import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * A throw-away PostgreSQL server for the shared-archive tests: Debian's PostgreSQL 15 binaries
 * (package `postgresql`, scripts/ensure-deps.sh), a cluster in a temporary folder, run as an
 * unprivileged user (`postgres` through runuser when the tests run as root), listening on
 * 127.0.0.1 only on a free port, with one database and one password-protected owner. Nothing is
 * skipped when the binaries are missing: the tests fail and say what to install.
 */

export const PG_BIN = process.env.HOCBA_TEST_PG_BIN ?? "/usr/lib/postgresql/15/bin";

export interface PgCluster {
  /** postgres://hocba:<password>@127.0.0.1:<port>/hocba_kho */
  url: string;
  password: string;
  port: number;
  /** The cluster's folder (data/, server.log). */
  dir: string;
  /**
   * The server's self-signed TLS certificate (CN and subjectAltName 127.0.0.1): the server accepts
   * TLS, so sslmode=require, and verify-full with sslrootcert=caFile, can be tested.
   */
  caFile: string;
  /** pg_ctl stop -m immediate: the server drops every connection at once (a crash or a pulled cable). */
  stopImmediate(): void;
  /** Starts the stopped server again on the same port. */
  start(): void;
  /** A new, empty database owned by the same user; its URL. */
  createDatabase(name: string): string;
  /** Stops the server and removes its folder. */
  destroy(): void;
}

const asRoot = typeof process.getuid === "function" && process.getuid() === 0;

/** Runs a PostgreSQL binary as the unprivileged user. */
function pg(bin: string, args: string[], options: { input?: string } = {}): string {
  const file = path.join(PG_BIN, bin);
  const [cmd, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", file, ...args]] : [file, args];
  return execFileSync(cmd, argv, {
    encoding: "utf8",
    input: options.input,
    stdio: ["pipe", "pipe", "pipe"],
    cwd: os.tmpdir(),
  });
}

/** A TCP port nobody listens on right now (asked of the OS in a child: this must stay synchronous). */
function freePort(): number {
  const r = spawnSync(
    process.execPath,
    [
      "-e",
      "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})",
    ],
    { encoding: "utf8" },
  );
  const port = Number(r.stdout);
  if (!Number.isInteger(port) || port <= 0) throw new Error(`no free port: ${r.stderr}`);
  return port;
}

export function startPgCluster(): PgCluster {
  if (!existsSync(path.join(PG_BIN, "initdb")) || !existsSync(path.join(PG_BIN, "pg_ctl"))) {
    throw new Error(
      `PostgreSQL 15 binaries not found in ${PG_BIN} (initdb, pg_ctl): install the Debian package ` +
        "'postgresql' (bash scripts/ensure-deps.sh), or set HOCBA_TEST_PG_BIN to their folder",
    );
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), "hocba-pg-"));
  const data = path.join(dir, "data");
  const log = path.join(dir, "server.log");
  const password = `pw-${Math.random().toString(36).slice(2)}-Bí`;
  const superPw = path.join(dir, "superuser.pw");
  writeFileSync(superPw, `su-${Math.random().toString(36).slice(2)}\n`);
  const caFile = path.join(dir, "server.crt");
  const keyFile = path.join(dir, "server.key");
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      keyFile,
      "-out",
      caFile,
      "-days",
      "2",
      "-subj",
      "/CN=127.0.0.1",
      "-addext",
      "subjectAltName=IP:127.0.0.1",
    ],
    { stdio: "ignore" },
  );
  chmodSync(keyFile, 0o600);
  chmodSync(dir, 0o700);
  if (asRoot) execFileSync("chown", ["-R", "postgres:postgres", dir]);
  pg("initdb", [
    "-D",
    data,
    "-U",
    "hocba_su",
    "--pwfile",
    superPw,
    "--auth-local=trust",
    "--auth-host=scram-sha-256",
    "-E",
    "UTF8",
    "--locale=C",
  ]);
  const port = freePort();
  const options = [
    `-p ${port}`,
    "-c listen_addresses=127.0.0.1",
    `-c unix_socket_directories=${dir}`,
    "-c fsync=off",
    "-c max_connections=50",
    "-c ssl=on",
    `-c ssl_cert_file=${caFile}`,
    `-c ssl_key_file=${keyFile}`,
  ].join(" ");
  const start = (): void => {
    pg("pg_ctl", ["-D", data, "-o", options, "-l", log, "-w", "-t", "60", "start"]);
  };
  const stop = (mode: "fast" | "immediate"): void => {
    pg("pg_ctl", ["-D", data, "-m", mode, "-w", "stop"]);
  };
  const psql = (sql: string): void => {
    pg(
      "psql",
      ["-h", dir, "-p", String(port), "-U", "hocba_su", "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-q"],
      {
        input: sql,
      },
    );
  };
  const urlOf = (db: string): string =>
    `postgres://hocba:${encodeURIComponent(password)}@127.0.0.1:${port}/${db}`;
  start();
  psql(`CREATE ROLE hocba LOGIN PASSWORD '${password}';\nCREATE DATABASE hocba_kho OWNER hocba;\n`);
  let running = true;
  return {
    url: urlOf("hocba_kho"),
    password,
    port,
    dir,
    caFile,
    stopImmediate() {
      stop("immediate");
      running = false;
    },
    start() {
      start();
      running = true;
    },
    createDatabase(name: string) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
      psql(`CREATE DATABASE ${name} OWNER hocba;\n`);
      return urlOf(name);
    },
    destroy() {
      try {
        if (running) stop("fast");
      } finally {
        running = false;
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

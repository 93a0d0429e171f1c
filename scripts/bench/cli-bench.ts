/**
 * What the user runs, end to end (issue #14): the `hocba` command and the helper process, each
 * against a bare baseline measured in the same run, under the same load (`npm run bench`, or
 * `node --import ./bin/register-ts.mjs scripts/bench/cli-bench.ts`):
 *   1. `hocba sign` of 300 distinct files (read, check, sign, each output written atomically, each
 *      document archived durably), minus its start-up (the same command on one file), against a
 *      bare C_Sign loop on the same SoftHSM token: goal ≤ 1.5×; where the time goes (--cpu-prof);
 *      the output files alone, written durably by one thread, against the same loop (a floor:
 *      the command writes them on a thread of its own, beside the token); and the floor the
 *      command's CPU time allows (all its threads, spread perfectly over the cores);
 *   2. start-up: `node bin/hocba.mjs --version` against `node -e 0` (goal ≤ 5×); the time from the
 *      start of `hocba sign` and of the helper (`hocba host`) to their first signature;
 *   3. `hocba verify` of 1,000 signed files, minus start-up, against bare RSA verification of the
 *      same SignedInfos: goal ≤ 10×; where the time goes; two floors: the command's CPU time spread
 *      perfectly over the cores, and the verifier alone on one core's share (verify-floor.ts);
 *   5. the helper with a token that takes 150 ms per signature (HOCBA_TEST_SIGN_DELAY_MS, the
 *      test-only delay of native-host/host/test-sign-delay.ts), 40 documents: what the pipeline
 *      adds to 40 × (150 ms + one bare C_Sign): goal < 5%.
 * (4, the extension against the CLI and the helper's memory, are extension-bench and sign-bench.)
 * The machine is shared: every ratio compares runs interleaved in this one process, so both sides
 * meet the same load, which is printed (os.loadavg) at the start and end of each part.
 * Benchmarks report; they never fail.
 */
import { spawn, spawnSync } from "node:child_process";
import { verify as cryptoVerify, X509Certificate } from "node:crypto";
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { EXTENSION_ID } from "../../shared/config/extension-identity.ts";
import { Gradebook } from "../../shared/model/gradebook.ts";
import { createHocBaBuilder } from "../../shared/xml/hocbaso-v1/index.ts";
import { talkToHost } from "./talk-to-host.ts";
import { prepareHocBaSignature } from "../../native-host/sign/sign-hocba.ts";
import { openBareSigner, type BareSigner } from "./bare-signer.ts";
import { openTokenSession } from "../../native-host/token/token-session.ts";
import { excC14n, parseXmlStrict } from "../../native-host/xmldsig/xml-dom.ts";
import { phaseTimes, readProfile, type Phase } from "./profile-phases.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BIN = path.join(ROOT, "bin/hocba.mjs");
const MODULE = "/usr/lib/softhsm/libsofthsm2.so";
const TOKEN = "HocBa-Test";
const PIN = "123456";
const N_SIGN = 300;
const N_VERIFY = 1000;
const N_SLOW = 40;
const SLOW_MS = 150;
const ROUNDS = 3;
const STARTUP_RUNS = 9;
const DS = "http://www.w3.org/2000/09/xmldsig#";

const fmt = (x: number, d = 0) => x.toFixed(d);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(" / ");
const list = (xs: number[]) => xs.map((x) => fmt(x)).join(", ");
const goal = (ok: boolean) => (ok ? "MET" : "NOT MET");

interface Work {
  dir: string;
  env: NodeJS.ProcessEnv;
}

/** `count` distinct unsigned documents (the fixture class, learners under new codes) as files. */
function writeDocuments(dir: string, count: number, tag: string): string[] {
  const gb = Gradebook.parse(
    JSON.parse(readFileSync(path.join(ROOT, "tests/fixtures/gradebook-gdtx-10.json"), "utf8")),
  );
  const build = createHocBaBuilder(gb);
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const base = gb.learners[i % gb.learners.length];
    if (!base) throw new Error("no learner");
    const built = build({
      ...base,
      hocVien: { ...base.hocVien, maHocVien: `${base.hocVien.maHocVien}${tag}${i}` },
      banGhi: undefined,
    });
    const file = path.join(dir, built.fileName);
    writeFileSync(file, built.bytes);
    files.push(file);
  }
  return files;
}

/**
 * Runs `command argv` in the bench's environment and fails with its stderr unless it exits 0: wall
 * time from spawn to exit, and its standard output when `stdout` is "pipe".
 */
function spawnChecked(
  work: Work,
  what: string,
  command: string,
  argv: string[],
  stdout: "ignore" | "pipe",
): { ms: number; stdout: string } {
  const t0 = performance.now();
  const r = spawnSync(command, argv, {
    env: work.env,
    encoding: "utf8",
    stdio: ["ignore", stdout, "pipe"],
    maxBuffer: 64 << 20,
  });
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${what} exited ${r.status}: ${r.stderr}`);
  return { ms, stdout: r.stdout ?? "" };
}

/** Runs `node [nodeArgs] bin/hocba.mjs args`; wall time from spawn to exit. */
function hocba(work: Work, args: string[], nodeArgs: string[] = []): number {
  const argv = [...nodeArgs, BIN, ...args];
  return spawnChecked(work, `hocba ${args[0] ?? ""}`, process.execPath, argv, "ignore").ms;
}

/**
 * The same, through bash, whose `times` gives the command's CPU time (user and system, every
 * thread): wall time and CPU time, in ms.
 */
function hocbaCpu(work: Work, args: string[]): { ms: number; cpuMs: number } {
  const script = '"$@" >/dev/null; s=$?; times; exit $s';
  const argv = ["-c", script, "hocba", process.execPath, BIN, ...args];
  const r = spawnChecked(work, `hocba ${args[0] ?? ""}`, "bash", argv, "pipe");
  // The second line is the children's: "0m1.234s 0m0.456s" (user, system).
  const children = r.stdout.trim().split("\n").at(-1) ?? "";
  const seconds = [...children.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60 + Number(m[2]));
  if (seconds.length !== 2) throw new Error(`bash times: «${children}»`);
  return { ms: r.ms, cpuMs: ((seconds[0] ?? 0) + (seconds[1] ?? 0)) * 1000 };
}

/** `hocba sign` of `files` as GVCN, into a fresh output folder and a fresh archive. */
function signArgs(work: Work, files: string[], run: string): string[] {
  const out = path.join(work.dir, "runs", run);
  rmSync(out, { recursive: true, force: true });
  return [
    "sign",
    ...files,
    "--role",
    "gvcn",
    "--token",
    TOKEN,
    "--cert",
    "gvcn",
    "--module",
    MODULE,
    "--pin-env",
    "HOCBA_BENCH_PIN",
    "--out",
    path.join(out, "out"),
    "--archive",
    path.join(out, "archive.sqlite"),
  ];
}

const bareSigner = (): BareSigner => openBareSigner(MODULE, TOKEN);

function timeBare(bare: { sign(data: Buffer): void }, inputs: Buffer[]): number {
  const t0 = performance.now();
  for (const si of inputs) bare.sign(si);
  return performance.now() - t0;
}

/**
 * The output files alone, as `hocba sign` writes them durably but in one thread and nothing else:
 * each to a temporary file, written, fsync'ed (when `sync`), closed and renamed; the folder
 * fsync'ed at the end. A floor on this disk for the writer thread that works beside the token.
 */
function timeBareWrites(contents: Buffer[], dir: string, sync: boolean): number {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const t0 = performance.now();
  for (const [i, bytes] of contents.entries()) {
    const target = path.join(dir, `${i}.xml`);
    const fd = openSync(`${target}.tmp`, "w");
    writeSync(fd, bytes);
    if (sync) fsyncSync(fd);
    closeSync(fd);
    renameSync(`${target}.tmp`, target);
  }
  const folder = openSync(dir, "r");
  if (sync) fsyncSync(folder);
  closeSync(folder);
  return performance.now() - t0;
}

const SIGN_PHASES: Phase[] = [
  { label: "(idle: token thread, fsync, file I/O)", match: /^\(idle\) / },
  { label: "garbage collector", match: /^\(garbage collector\) / },
  { label: "start-up (loading modules)", match: /node:internal\/modules|register-ts\.mjs|\/esbuild\// },
  {
    label: "token session, certificates, login",
    match: /token-session\.ts|certificate-info\.ts|check-signer-revocation|find-token-module/,
  },
  {
    label: "check before the login (format, XSD, order, authority)",
    match: /check-signable\.ts|check-signable-fast|plain-signable/,
  },
  {
    label: "prepare (SignedInfo) and finish",
    match: /sign-hocba\.ts|signature-xml\.ts|token-batch-signer\.ts/,
  },
  { label: "token calls (C_Sign*, signature check)", match: /token-signer\.ts|load-pkcs11-module\.ts|koffi/ },
  {
    label: "archive (SQLite transaction, audit chain)",
    match: /archive-signed\.ts|hocba-archive\.ts|archive-store\.ts|open-sqlite\.ts|libsql/,
  },
  { label: "output files (atomic writes)", match: /write-file-atomic\.ts|durable-writes/ },
  { label: "reading input files, SHA-256", match: /^readFile |audit-chain\.ts/ },
  { label: "batch pipeline and CLI output", match: /sign-archived-batch\.ts|commands\/sign\.ts/ },
];

const VERIFY_PHASES: Phase[] = [
  { label: "(idle: file I/O, other programs)", match: /^\(idle\) / },
  { label: "garbage collector", match: /^\(garbage collector\) / },
  { label: "start-up (loading modules)", match: /node:internal\/modules|register-ts\.mjs|\/esbuild\// },
  { label: "XSD validation (libxml2)", match: /validate-hocba-xml\.ts|libxml2-wasm/ },
  { label: "parsing (parse-hocba-xml)", match: /parse-hocba-xml\.ts|xml-tree\.ts|parseXmlStrict|@xmldom/ },
  { label: "canonicalisation (exc-c14n)", match: /canonicalize-tree\.ts|excC14n|xml-crypto/ },
  {
    label: "certificates and chains",
    match: /trust-anchors|certificate-info|pkijs|asn1js|X509Certificate|build-chain|check-revocation/,
  },
  { label: "typed view of the data (readHocBa)", match: /read-hoc-ba\.ts|readHocBa/ },
  { label: "signature checks (profile, RSA, times)", match: /examine-signature|inspect-hocba|verifyOneShot/ },
  { label: "report (formatting, output)", match: /format-verify-report|format-version-chain|writeLine/ },
];

function printPhases(title: string, dir: string, phases: Phase[], docs: number): void {
  const times = phaseTimes(readProfile(dir), phases);
  console.log(`   ${title} (main thread, node --cpu-prof, ${fmt(times.totalMs)} ms in all):`);
  for (const p of times.phases) {
    if (p.ms < 0.5) continue;
    console.log(`     ${p.label.padEnd(58)} ${fmt(p.ms).padStart(6)} ms  ${fmt(p.ms / docs, 3)} ms/doc`);
  }
}

function signing(work: Work, signedInfos: Buffer[], bare: { sign(data: Buffer): void }) {
  console.log(`\n1. hocba sign of ${N_SIGN} distinct files, one login (load ${load()})`);
  const files = writeDocuments(path.join(work.dir, "in"), N_SIGN, "S");
  hocba(work, signArgs(work, files.slice(0, 5), "warm-up")); // disk cache, token files
  const full: number[] = [];
  const one: number[] = [];
  const bare300: number[] = [];
  const writes: number[] = [];
  const unsynced: number[] = [];
  let outputs: Buffer[] = [];
  const cpu: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const all = hocbaCpu(work, signArgs(work, files, `full-${round}`));
    const single = hocbaCpu(work, signArgs(work, files.slice(round, round + 1), `one-${round}`));
    full.push(all.ms);
    one.push(single.ms);
    cpu.push(all.cpuMs - single.cpuMs);
    bare300.push(timeBare(bare, signedInfos));
    if (round === 0) {
      const out = path.join(work.dir, "runs", "full-0", "out");
      outputs = readdirSync(out).map((f) => readFileSync(path.join(out, f)));
    }
    writes.push(timeBareWrites(outputs, path.join(work.dir, "bare-writes"), true));
    unsynced.push(timeBareWrites(outputs, path.join(work.dir, "bare-writes"), false));
  }
  const tFull = median(full);
  const tOne = median(one);
  const tBare = median(bare300);
  const tWrites = median(writes);
  const perBare = tBare / N_SIGN;
  const ratio = (tFull - tOne) / (perBare * (N_SIGN - 1));
  console.log(`   hocba sign, ${N_SIGN} files:  ${fmt(tFull)} ms  (runs ${list(full)})`);
  console.log(
    `   hocba sign, 1 file:      ${fmt(tOne)} ms  (start-up, login, one signature; runs ${list(one)})`,
  );
  console.log(`   bare C_Sign loop:        ${fmt(tBare)} ms for ${N_SIGN}  (runs ${list(bare300)})`);
  console.log(
    `   ratio (${fmt(tFull)} − ${fmt(tOne)}) / (${N_SIGN - 1} × ${fmt(perBare, 2)}): ${fmt(ratio, 2)}×  (goal ≤ 1.5×: ${goal(ratio <= 1.5)}); ${fmt((tFull - tOne) / (N_SIGN - 1), 2)} ms per document`,
  );
  console.log(
    `   the ${outputs.length} output files alone, durably, one thread (open, write, fsync, rename): ${fmt(tWrites)} ms = ${fmt(tWrites / tBare, 2)}× the bare loop (runs ${list(writes)}; without the fsyncs ${fmt(median(unsynced))} ms)`,
  );
  const profDir = path.join(work.dir, "prof-sign");
  hocba(work, signArgs(work, files, "profiled"), ["--cpu-prof", `--cpu-prof-dir=${profDir}`]);
  printPhases(`where the time goes, one run of ${N_SIGN}`, profDir, SIGN_PHASES, N_SIGN);
  console.log(
    "   (the token signs on a libuv thread while the main thread checks and prepares the next documents;",
  );
  console.log("   what the main thread waits for shows as idle; load at the end " + load() + ")");
  // The floor: the CPU the 299 further documents cost the command (every thread, the token's
  // included), spread over the cores perfectly, is as fast as any order of that work can go.
  const cores = os.availableParallelism();
  const cpuPerDoc = median(cpu) / (N_SIGN - 1);
  console.log(
    `   floor: the command's CPU time (all threads, the token's C_Sign included), 300 files minus 1, is ${fmt(cpuPerDoc, 2)} ms per document (runs ${list(cpu)} ms); spread perfectly over ${cores} cores, at least ${fmt(cpuPerDoc / cores, 2)} ms per document = ${fmt(cpuPerDoc / cores / perBare, 2)}× the bare loop`,
  );
  return { tOne, tFull, tBare };
}

/** Signed copies of `count` new documents (through hocba sign), for the verification part. */
function signedFiles(work: Work, count: number): string[] {
  const files = writeDocuments(path.join(work.dir, "to-verify"), count, "V");
  hocba(work, signArgs(work, files, "verify-set"));
  const out = path.join(work.dir, "runs", "verify-set", "out");
  return readdirSync(out)
    .filter((f) => f.endsWith(".xml"))
    .sort()
    .map((f) => path.join(out, f));
}

/**
 * The verifier alone on `share` of `files` (scripts/bench/verify-floor.ts, a fresh process), in ms:
 * no thread could verify its share faster, so the command cannot beat this ratio.
 */
function verifyFloor(work: Work, share: number, root: string, files: string[]): number {
  const script = path.join(ROOT, "scripts/bench/verify-floor.ts");
  const argv = ["--import", path.join(ROOT, "bin/register-ts.mjs"), script, String(share), root, ...files];
  const r = spawnChecked(work, "verify-floor", process.execPath, argv, "pipe");
  return (JSON.parse(r.stdout.trim().split("\n").at(-1) ?? "{}") as { coldMs: number }).coldMs;
}

function verification(work: Work) {
  console.log(`\n3. hocba verify of ${N_VERIFY} signed files (load ${load()})`);
  const files = signedFiles(work, N_VERIFY);
  const trust = ["--trust", path.join(work.dir, "token", "root.pem")];
  // The same SignedInfos, canonical, with their SignatureValues, for the bare verification.
  const pub = new X509Certificate(readFileSync(path.join(work.dir, "token", "gvcn.pem"))).publicKey;
  const pairs = files.map((f) => {
    const doc = parseXmlStrict(readFileSync(f, "utf8"));
    const si = doc.getElementsByTagNameNS(DS, "SignedInfo")[0];
    const sv = doc.getElementsByTagNameNS(DS, "SignatureValue")[0];
    if (!si || !sv) throw new Error(`${f}: no signature`);
    return { data: Buffer.from(excC14n(si), "utf8"), sig: Buffer.from(sv.textContent ?? "", "base64") };
  });
  hocba(work, ["verify", ...trust, files[0] ?? ""]);
  const all: number[] = [];
  const one: number[] = [];
  const bare: number[] = [];
  // One core's share of the files after the first, if the cores shared them perfectly.
  const share = Math.ceil((N_VERIFY - 1) / os.availableParallelism());
  const floors: number[] = [];
  let valid = 0;
  const cpu: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const many = hocbaCpu(work, ["verify", ...trust, ...files]);
    const single = hocbaCpu(work, ["verify", ...trust, files[round] ?? ""]);
    all.push(many.ms);
    one.push(single.ms);
    cpu.push(many.cpuMs - single.cpuMs);
    const t0 = performance.now();
    valid = pairs.filter((p) => cryptoVerify("sha256", p.data, pub, p.sig)).length;
    bare.push(performance.now() - t0);
    floors.push(verifyFloor(work, share, trust[1] ?? "", files));
  }
  if (valid !== N_VERIFY) throw new Error(`bare verification: ${valid} valid`);
  const tAll = median(all);
  const tOne = median(one);
  const tBare = median(bare);
  const ratio = (tAll - tOne) / ((tBare * (N_VERIFY - 1)) / N_VERIFY);
  console.log(
    `   hocba verify, ${N_VERIFY} files: ${fmt(tAll)} ms  (runs ${list(all)}; every file valid: exit 0)`,
  );
  console.log(`   hocba verify, 1 file:      ${fmt(tOne)} ms  (start-up; runs ${list(one)})`);
  console.log(
    `   bare RSA verification:     ${fmt(tBare, 1)} ms for ${N_VERIFY}  (runs ${bare.map((x) => fmt(x, 1)).join(", ")})`,
  );
  console.log(
    `   ratio: ${fmt(ratio, 1)}×  (goal ≤ 10×: ${goal(ratio <= 10)}); ${fmt((tAll - tOne) / (N_VERIFY - 1), 2)} ms per document`,
  );
  // Floors: the command's CPU spread perfectly over the cores; and, with nothing of the command
  // around it, the verifier on one core's share of the files in a fresh thread.
  const cores = os.availableParallelism();
  const bareAll = (tBare * (N_VERIFY - 1)) / N_VERIFY;
  const cpuAll = median(cpu);
  console.log(
    `   floor: the command's CPU time (all threads), ${N_VERIFY} files minus 1, ${fmt(cpuAll)} ms (runs ${list(cpu)}); spread perfectly over ${cores} cores, ${fmt(cpuAll / cores)} ms = ${fmt(cpuAll / cores / bareAll, 1)}× the bare verification`,
  );
  const cold = median(floors);
  console.log(
    `   floor without the command: the verifier alone (read and verify, no report) on ${share} files, one core's share, in a fresh thread: ${fmt(cold)} ms (runs ${list(floors)}) = ${fmt(cold / bareAll, 1)}× the bare verification of all ${N_VERIFY - 1}`,
  );
  const profDir = path.join(work.dir, "prof-verify");
  hocba(work, ["verify", ...trust, ...files], ["--cpu-prof", `--cpu-prof-dir=${profDir}`]);
  printPhases(`where the time goes, one run of ${N_VERIFY}`, profDir, VERIFY_PHASES, N_VERIFY);
  // Many files are shared with worker threads (native-host/verify/verify-files.ts): their share.
  const workers = readdirSync(profDir)
    .filter((f) => f.endsWith(".cpuprofile") && f.split(".")[4] !== "0")
    .map((f) => JSON.parse(readFileSync(path.join(profDir, f), "utf8")) as Parameters<typeof phaseTimes>[0])
    .filter((p) => p.nodes.some((n) => n.callFrame.url.endsWith("verify-worker.ts")))
    .map((p) => phaseTimes(p, VERIFY_PHASES));
  for (const [i, times] of workers.entries()) {
    console.log(`   worker thread ${i + 1} (${fmt(times.totalMs)} ms in all):`);
    for (const p of times.phases) {
      if (p.ms < 0.5) continue;
      console.log(
        `     ${p.label.padEnd(58)} ${fmt(p.ms).padStart(6)} ms  ${fmt(p.ms / N_VERIFY, 3)} ms/doc`,
      );
    }
  }
}

function startup(work: Work, sign: { tFull: number; tBare: number }) {
  console.log(`\n2. Start-up (load ${load()})`);
  const bareNode: number[] = [];
  const version: number[] = [];
  for (let i = 0; i < STARTUP_RUNS; i++) {
    const t0 = performance.now();
    spawnSync(process.execPath, ["-e", "0"], { stdio: "ignore" });
    bareNode.push(performance.now() - t0);
    version.push(hocba(work, ["--version"]));
  }
  const ratio = median(version) / median(bareNode);
  console.log(
    `   node -e 0:                     ${fmt(median(bareNode))} ms  (median of ${STARTUP_RUNS}: ${list(bareNode)})`,
  );
  console.log(`   node bin/hocba.mjs --version:  ${fmt(median(version))} ms  (${list(version)})`);
  console.log(`   ratio: ${fmt(ratio, 1)}×  (goal ≤ 5×: ${goal(ratio <= 5)})`);
  const issueRatio = (sign.tFull - median(version)) / sign.tBare;
  console.log(
    `   part 1 with this as the start-up instead, (${fmt(sign.tFull)} − ${fmt(median(version))}) / ${fmt(sign.tBare)}: ${fmt(issueRatio, 2)}×`,
  );
  console.log(
    "   (that counts the sign command's own start-up, the token's login and the XSD's compilation as work)",
  );
}

interface Reply {
  type: string;
  requestId: string | null;
  done?: number;
  error?: { code: string };
}

/** The real helper (`hocba host`), spoken to as the browser does. */
function startHost(work: Work, extraEnv: Record<string, string>, dataDir: string) {
  const child = spawn(process.execPath, [BIN, "host", `chrome-extension://${EXTENSION_ID}/`], {
    env: { ...work.env, HOCBA_DATA_DIR: path.join(work.dir, dataDir), ...extraEnv },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const { next, send } = talkToHost<Reply>(child);
  return {
    next,
    send,
    hello(): void {
      this.send({
        type: "hello",
        requestId: "hello",
        protocolVersion: 1,
        client: { name: "cli-bench", version: "1" },
      });
    },
    signBatch(requestId: string, documents: Array<{ fileName: string; xml: string }>): void {
      this.send({
        type: "sign-batch",
        requestId,
        role: "GVCN",
        tokenLabel: TOKEN,
        certId: "01",
        pin: PIN,
        documents,
      });
    },
    async stop(): Promise<void> {
      child.stdin.end();
      await new Promise((resolve) => child.once("exit", resolve));
    },
  };
}

const asMessages = (files: string[]) =>
  files.map((f) => ({ fileName: path.basename(f), xml: readFileSync(f, "utf8") }));

async function firstSignature(work: Work, cliOne: number) {
  const doc = asMessages(writeDocuments(path.join(work.dir, "first"), 1, "F"));
  const spawned = performance.now();
  const host = startHost(work, {}, "host-first");
  host.hello();
  host.signBatch("first", doc);
  await host.next((r) => r.requestId === "hello");
  const helloMs = performance.now() - spawned;
  await host.next((r) => r.requestId === "first" && r.type === "signed");
  const signedMs = performance.now() - spawned;
  await host.next((r) => r.requestId === "first" && (r.type === "done" || r.type === "error"));
  await host.stop();
  console.log(
    `   helper (hocba host): hello answered ${fmt(helloMs)} ms after the spawn, first signed document ${fmt(signedMs)} ms`,
  );
  console.log(`   hocba sign of one file, start to exit (from part 1): ${fmt(cliOne)} ms`);
}

async function slowToken(work: Work, perBareMs: number, tag = "T") {
  console.log(
    `\n5. A token that takes ${SLOW_MS} ms per signature (helper, ${N_SLOW} documents; load ${load()})`,
  );
  const files = writeDocuments(path.join(work.dir, `slow${tag}`), N_SLOW + 1, tag);
  const docs = asMessages(files);
  const host = startHost(work, { HOCBA_TEST_SIGN_DELAY_MS: String(SLOW_MS) }, "host-slow");
  host.hello();
  await host.next((r) => r.requestId === "hello");
  // One document first: the token library, the login path and the XSD are loaded before the timing.
  host.signBatch("warm-up", docs.slice(0, 1));
  await host.next((r) => r.requestId === "warm-up" && (r.type === "done" || r.type === "error"));
  const t0 = performance.now();
  host.signBatch("slow", docs.slice(1));
  const done = await host.next((r) => r.requestId === "slow" && (r.type === "done" || r.type === "error"));
  const ms = performance.now() - t0;
  await host.stop();
  if (done.type !== "done") throw new Error(`slow batch: ${done.error?.code ?? "?"}`);
  const ideal = N_SLOW * (SLOW_MS + perBareMs);
  const added = (ms - ideal) / ideal;
  console.log(
    `   sign-batch request to done: ${fmt(ms)} ms; the token alone: ${N_SLOW} × (${SLOW_MS} + ${fmt(perBareMs, 2)}) = ${fmt(ideal)} ms`,
  );
  console.log(
    `   the pipeline adds ${fmt(added * 100, 1)}%  (goal < 5%: ${goal(added < 0.05)}; login, checks, archive and replies included)`,
  );
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "hocba-cli-bench-"));
  try {
    spawnSync("bash", [path.join(ROOT, "scripts/make-test-token.sh"), path.join(dir, "token")], {
      stdio: "ignore",
    });
    const env: NodeJS.ProcessEnv = {
      PATH: process.env.PATH,
      LANG: "C.UTF-8",
      HOME: dir,
      SOFTHSM2_CONF: path.join(dir, "token", "softhsm2.conf"),
      HOCBA_BENCH_PIN: PIN,
      HOCBA_DATA_DIR: path.join(dir, "data"),
    };
    process.env.SOFTHSM2_CONF = env.SOFTHSM2_CONF;
    const work: Work = { dir, env };
    console.log(
      `cli-bench: Node ${process.version}, ${os.availableParallelism()} cores, SoftHSM2 RSA-2048; load average (1/5/15 min) ${load()}`,
    );
    console.log("Every ratio compares runs interleaved in this process (same machine, same load).");

    // The bare side: the same token and key, in this process.
    const session = openTokenSession({ modulePath: MODULE, tokenLabel: TOKEN });
    session.login(PIN);
    const signer = session.selectSigner({ cert: "gvcn" });
    const docs = writeDocuments(path.join(dir, "bare"), N_SIGN, "B");
    const signingTime = new Date();
    const signedInfos: Buffer[] = [];
    for (const f of docs) {
      signedInfos.push(
        (await prepareHocBaSignature(signer, readFileSync(f), "GVCN", { signingTime })).signedInfo,
      );
    }
    const bare = bareSigner();
    timeBare(bare, signedInfos.slice(0, 50));
    try {
      // One bare C_Sign, the median of three loops: part 5's baseline.
      const perBareSign = () => median([0, 1, 2].map(() => timeBare(bare, signedInfos))) / N_SIGN;
      // Part 5 alone, three times (one run moves by a few per cent).
      if (process.argv.includes("--slow-only")) {
        const perBare = perBareSign();
        for (let i = 0; i < 3; i++) await slowToken(work, perBare, `T${i}`);
        return;
      }
      // Part 3 alone, for working on hocba verify's speed (parts 1, 2 and 5 skipped).
      if (process.argv.includes("--verify-only")) {
        verification(work);
        return;
      }
      const { tOne, tFull, tBare } = signing(work, signedInfos, bare);
      // Part 1 alone, for working on hocba sign's speed (about 15 s instead of 40).
      if (process.argv.includes("--sign-only")) return;
      startup(work, { tFull, tBare });
      await firstSignature(work, tOne);
      verification(work);
      await slowToken(work, perBareSign());
    } finally {
      bare.close();
      session.close();
    }
    console.log(`\n(load average at the end: ${load()})`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();

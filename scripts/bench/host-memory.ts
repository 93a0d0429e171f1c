/**
 * The signing helper's memory while it signs 2,000 documents sent as 4 sign-batch requests through
 * the native-messaging protocol, on a throw-away SoftHSM token: peak resident memory (VmHWM,
 * goal ≤ 200 MB), after hello, after the first token request, after each batch, and by kind of
 * mapping at the end. Any helper: by default the developer one (`node bin/hocba.mjs host`, this
 * Node, TypeScript through the module hook); `--node <node> --script <hocba.js>` for a package's
 * (e.g. the unzipped linux-x64 package: its node/node and hocba.js), which is what IT installs.
 *
 *   node --import ./bin/register-ts.mjs scripts/bench/host-memory.ts [--node N --script S]
 *        [--node-arg=--import=probe.mjs ...]
 *
 * `--node-arg` passes options to the helper's Node (a preload that logs process.memoryUsage()
 * per thread, a V8 flag to try), to see where the resident memory goes.
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { EXTENSION_ID } from "../../shared/config/extension-identity.ts";
import { Gradebook } from "../../shared/model/gradebook.ts";
import { createHocBaBuilder } from "../../shared/xml/hocbaso-v1/index.ts";
import { talkToHost } from "./talk-to-host.ts";
import { residentByKind, residentMb } from "./thread-cpu.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const N_HOST = 2000;
const HOST_REQUESTS = 4;
const fmt = (x: number, d = 0) => x.toFixed(d);

const { values } = parseArgs({
  options: {
    node: { type: "string" },
    script: { type: "string" },
    "node-arg": { type: "string", multiple: true },
  },
});
const node = values.node ?? process.execPath;
const script = values.script ?? path.join(ROOT, "bin/hocba.mjs");

function documents(count: number): { fileName: string; xml: string }[] {
  const gb = Gradebook.parse(
    JSON.parse(readFileSync(path.join(ROOT, "tests/fixtures/gradebook-gdtx-10.json"), "utf8")),
  );
  const build = createHocBaBuilder(gb);
  const out: { fileName: string; xml: string }[] = [];
  for (let i = 0; i < count; i++) {
    const base = gb.learners[i % gb.learners.length];
    if (!base) throw new Error("no learner");
    const built = build({
      ...base,
      hocVien: { ...base.hocVien, maHocVien: `${base.hocVien.maHocVien}M${i}` },
      banGhi: undefined,
    });
    out.push({ fileName: built.fileName, xml: Buffer.from(built.bytes).toString("utf8") });
  }
  return out;
}

interface Reply {
  type: string;
  requestId: string | null;
  error?: { code: string };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "hocba-host-memory-"));
  try {
    execFileSync("bash", [path.join(ROOT, "scripts/make-test-token.sh"), dir], { stdio: "ignore" });
    const docs = documents(N_HOST);
    const version = execFileSync(node, ["--version"], { encoding: "utf8" }).trim();
    const child = spawn(
      node,
      [...(values["node-arg"] ?? []), script, "host", `chrome-extension://${EXTENSION_ID}/`],
      {
        env: {
          PATH: process.env.PATH,
          LANG: "C.UTF-8",
          SOFTHSM2_CONF: path.join(dir, "softhsm2.conf"),
          HOCBA_DATA_DIR: path.join(dir, "host-data"),
        },
        stdio: ["pipe", "pipe", "inherit"],
      },
    );
    const pid = child.pid;
    if (pid === undefined) throw new Error("host did not start");
    const { next, send } = talkToHost<Reply>(child);
    let sampled = 0;
    const sampler = setInterval(() => (sampled = Math.max(sampled, residentMb(pid)?.rss ?? 0)), 10);

    send({ type: "hello", requestId: "hello", protocolVersion: 1, client: { name: "bench", version: "1" } });
    await next((r) => r.requestId === "hello");
    const afterHello = residentMb(pid)?.rss ?? 0;
    send({ type: "list-tokens", requestId: "tokens" });
    await next((r) => r.requestId === "tokens");
    const afterTokens = residentMb(pid)?.rss ?? 0;
    const perRequest: string[] = [];
    const t0 = performance.now();
    const size = N_HOST / HOST_REQUESTS;
    for (let i = 0; i < N_HOST; i += size) {
      const requestId = `lop-${i / size + 1}`;
      send({
        type: "sign-batch",
        requestId,
        role: "GVCN",
        tokenLabel: "HocBa-Test",
        certId: "01",
        pin: "123456",
        documents: docs.slice(i, i + size),
      });
      const done = await next((r) => r.requestId === requestId && (r.type === "done" || r.type === "error"));
      if (done.type !== "done") throw new Error(`batch refused: ${done.error?.code ?? "?"}`);
      perRequest.push(fmt(residentMb(pid)?.rss ?? 0));
    }
    const ms = performance.now() - t0;
    clearInterval(sampler);
    const end = residentMb(pid);
    const kinds = residentByKind(pid);
    child.stdin.end();
    await new Promise((resolve) => child.once("exit", resolve));
    const peak = Math.max(end?.peak ?? 0, sampled);
    console.log(`helper: ${node} (${version}) ${script}`);
    console.log(
      `  peak resident (VmHWM) signing ${N_HOST} documents in ${HOST_REQUESTS} requests: ${fmt(peak)} MB (goal ≤ 200 MB: ${peak <= 200 ? "MET" : "NOT MET"}), ${fmt(ms / N_HOST, 2)} ms/doc`,
    );
    console.log(
      `  resident after hello ${fmt(afterHello)} MB, after list-tokens ${fmt(afterTokens)} MB, after each request ${perRequest.join(", ")} MB`,
    );
    if (kinds) {
      console.log(
        `  at the end, by kind: ${Object.entries(kinds)
          .filter(([, mb]) => mb >= 1)
          .map(([k, mb]) => `${k} ${fmt(mb)} MB`)
          .join("; ")}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();

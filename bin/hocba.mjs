#!/usr/bin/env node
// Runs the TypeScript CLI directly, so `npx hocba` works right after `npm ci` with no build step.
import { isMainThread, workerData } from "node:worker_threads";
import "./register-ts.mjs";

if (!isMainThread && workerData?.hocbaWorker === "documents") {
  // The helper's document worker (native-host/host/document-checker.ts starts this file again).
  const { runDocumentWorker } = await import("../native-host/host/document-worker.ts");
  runDocumentWorker();
} else if (!isMainThread && workerData?.hocbaWorker === "pg-archive") {
  // The shared archive's PostgreSQL connection (native-host/archive/pg/pg-sync-client.ts).
  const { runPgBridgeWorker } = await import("../native-host/archive/pg/pg-bridge-worker.ts");
  runPgBridgeWorker();
} else {
  const { main } = await import("../native-host/cli/main.ts");
  process.exitCode = await main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
  });
}

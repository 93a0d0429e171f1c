// The helper's document worker (native-host/host/document-checker.ts starts this file): verification
// and the checks before the login, on untrusted bytes; and `hocba verify`'s workers on many files
// (native-host/verify/verify-files.ts). Apart from bin/hocba.mjs so that a worker loads only what it
// runs, not the whole CLI (the package bundles it as hocba-worker.js).
import { workerData } from "node:worker_threads";
import "./register-ts.mjs";

if (workerData?.hocbaWorker === "verify-files") {
  const { runVerifyWorker } = await import("../native-host/verify/verify-worker.ts");
  runVerifyWorker();
} else {
  const { runDocumentWorker } = await import("../native-host/host/document-worker.ts");
  runDocumentWorker();
}

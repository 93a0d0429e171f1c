// The helper's document worker (native-host/host/document-checker.ts starts this file): verification
// and the checks before the login, on untrusted bytes. Apart from bin/hocba.mjs so that the worker
// loads only what it runs, not the whole CLI (the package bundles it as hocba-worker.js).
import "./register-ts.mjs";

const { runDocumentWorker } = await import("../native-host/host/document-worker.ts");
runDocumentWorker();

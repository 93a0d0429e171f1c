#!/usr/bin/env node
// Runs the TypeScript CLI directly, so `npx hocba` works right after `npm ci` with no build step.
import "./register-ts.mjs";

const { main } = await import("../native-host/cli/main.ts");
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
});

#!/usr/bin/env node
// Runs the local vendor-portal simulator (tests/portal-sim) directly from its TypeScript sources.
import "./register-ts.mjs";

const { runPortalCli } = await import("../tests/portal-sim/main.ts");
process.exitCode = await runPortalCli(process.argv.slice(2));

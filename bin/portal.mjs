#!/usr/bin/env node
// Runs the local vendor-portal simulator (tests/portal-sim) directly from TypeScript via tsx.
import { register } from "tsx/esm/api";

register();
const { runPortalCli } = await import("../tests/portal-sim/main.ts");
process.exitCode = await runPortalCli(process.argv.slice(2));

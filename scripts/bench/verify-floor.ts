/**
 * A floor for `hocba verify` on this machine (cli-bench part 3): what one thread takes for its
 * share of a batch if the batch were split perfectly between the machine's cores, with nothing of
 * the command around the verifier (no report, no output, no probe, no worker hand-offs).
 *
 *   node --import ./bin/register-ts.mjs scripts/bench/verify-floor.ts SHARE ROOT.pem FILE...
 *
 * Verifies FILE 1 untimed (what the command's one-file run, subtracted as start-up, also does),
 * then times the next SHARE files (read and verified, in a fresh thread: the compiler is as cold
 * as in a worker or in the command). Prints one JSON line: { coldMs }. Every file must be
 * valid, or the figures would time refusals.
 */
import { performance } from "node:perf_hooks";
import { verifyFile } from "../../native-host/verify/verify-file.ts";
import { TrustAnchors } from "../../native-host/xmldsig/trust-anchors.ts";

const [shareArg, root, ...files] = process.argv.slice(2);
const share = Number(shareArg);
if (!root || !Number.isInteger(share) || share < 1 || files.length < share + 1) {
  throw new Error("usage: verify-floor.ts SHARE ROOT.pem FILE... (at least SHARE + 1 files)");
}
const anchors = TrustAnchors.load({ trustRootFiles: [root] });
const cwd = process.cwd();
const verifyValid = async (file: string): Promise<void> => {
  if (!(await verifyFile(file, cwd, { anchors })).ok) throw new Error(`${file}: not valid`);
};

await verifyValid(files[0] ?? "");
const t0 = performance.now();
for (const file of files.slice(1, share + 1)) await verifyValid(file);
console.log(JSON.stringify({ coldMs: performance.now() - t0 }));

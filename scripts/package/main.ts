/**
 * `npm run package -- --target win-x64|linux-x64|darwin-arm64 [--node-version X.Y.Z] [--out DIR]`:
 * writes dist/hocba-signer-<version>-<target>.zip, a helper IT installs with no Node.js, no
 * compiler and no network (scripts/package/build-package.ts says what is inside). npm downloads are
 * kept in .tmp/package-cache, so a second build needs no network.
 */
import path from "node:path";
import { parseArgs } from "node:util";
import { buildPackage } from "./build-package.ts";
import { isTargetId, TARGET_IDS, TARGETS, type TargetId } from "./targets.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");

const { values } = parseArgs({
  options: {
    target: { type: "string", multiple: true },
    "node-version": { type: "string" },
    out: { type: "string" },
  },
});
const targets = (values.target ?? []).flatMap((t) => t.split(","));
if (targets.length === 0 || !targets.every(isTargetId)) {
  console.error(
    `Cách dùng: npm run package -- --target ${TARGET_IDS.join("|")} [--node-version X.Y.Z] [--out THƯ_MỤC]`,
  );
  process.exit(2);
}
try {
  for (const id of targets) await packageFor(id);
} catch (err) {
  // What went wrong (a dependency with no prebuilt binary, the registry unreachable...), not a stack.
  console.error(`Lỗi: ${(err as Error).message}`);
  if (process.env.HOCBA_DEBUG === "1") console.error(err);
  process.exitCode = 1;
}

async function packageFor(id: TargetId): Promise<void> {
  const started = Date.now();
  const built = await buildPackage({
    root: ROOT,
    target: TARGETS[id],
    outDir: path.resolve(values.out ?? path.join(ROOT, "dist")),
    cacheDir: path.join(ROOT, ".tmp/package-cache"),
    nodeVersion: values["node-version"],
    log: (line) => console.log(line),
  });
  const mb = (built.zipBytes / 1024 / 1024).toFixed(1);
  console.log(
    `Đã tạo ${path.relative(ROOT, built.zipPath)} (${mb} MB, Node ${built.info.node.version}) trong ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
}

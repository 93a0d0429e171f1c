import { execFileSync } from "node:child_process";
import {
  chmodSync,
  copyFileSync,
  cpSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { bundleHelper } from "./bundle-helper.ts";
import { checkWindowsAddons } from "./check-windows-addons.ts";
import { chooseNodeVersion } from "./choose-node-version.ts";
import { copyRuntimeFiles } from "./copy-runtime-files.ts";
import { extensionPolicyReg } from "./extension-policy-reg.ts";
import { fetchNodeRuntime } from "./fetch-node-runtime.ts";
import { installGuide } from "./install-guide.ts";
import { installNativePackages } from "./install-native-packages.ts";
import { launchScripts, type TextFile } from "./launch-scripts.ts";
import { findPackageDir } from "./package-closure.ts";
import { PACKAGED_NODE, type PackageTarget } from "./targets.ts";
import { writeZip } from "./write-zip.ts";

export interface BuildOptions {
  /** The repository root. */
  root: string;
  target: PackageTarget;
  /** Where the zip goes (dist/). */
  outDir: string;
  /** npm downloads and staging kept across runs (.tmp/package-cache). */
  cacheDir: string;
  /** The Node version to ship (22.13 or later); default: the Node running this build when it is one, else the newest 22.x on npm. */
  nodeVersion?: string | undefined;
  log?: (line: string) => void;
}

/** What the package says about itself (its package.json's `hocbaPackage`). */
export interface PackageInfo {
  target: string;
  node: { package: string; version: string };
  /** The dependencies with compiled code, each shipped with its prebuilt binary for the target. */
  nativePackages: string[];
  /** Packages shipped in node_modules (compiled code, top-level await) and what they load, as installed for the target. */
  nodeModules: Record<string, string>;
  /** Packages bundled into hocba.js. */
  bundledPackages: string[];
  /** Windows: the addons shipped, each checked to need nothing but Windows (no Visual C++ runtime). */
  windowsAddons: string[];
  source: string;
}

export interface BuiltPackage {
  zipPath: string;
  zipBytes: number;
  /** The folder the zip holds, as built (what unzipping gives). */
  dir: string;
  /** The zip's top folder name: hocba-signer-<version>-<target>. */
  name: string;
  info: PackageInfo;
}

function git(root: string, args: string[]): string | null {
  try {
    return execFileSync("git", args, {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    }).trim();
  } catch {
    return null;
  }
}

function writeText(dir: string, file: TextFile): void {
  const to = path.join(dir, file.path);
  mkdirSync(path.dirname(to), { recursive: true });
  writeFileSync(
    to,
    file.encoding === "utf16le-bom"
      ? Buffer.from(`\ufeff${file.content}`, "utf16le")
      : file.encoding === "utf8-bom"
        ? `\ufeff${file.content}`
        : file.content,
  );
  chmodSync(to, file.executable ? 0o755 : 0o644);
}

/** The licence text of an installed package, or a line saying where it is declared. */
function licenceOf(dir: string): string {
  const file = readdirSync(dir).find((f) => /^licen[cs]e/i.test(f));
  if (file) return readFileSync(path.join(dir, file), "utf8").trim();
  const manifest = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8")) as { license?: string };
  return `License: ${manifest.license ?? "(not stated)"}`;
}

/**
 * Builds dist/hocba-signer-<version>-<target>.zip: the bundled CLI and helper (hocba.js), Node for
 * the target, the target's prebuilt native packages, the token-module list, the trust store, the
 * install/uninstall scripts, the Vietnamese guide and (Windows) the extension policy template.
 */
export async function buildPackage(options: BuildOptions): Promise<BuiltPackage> {
  const { root, target, cacheDir } = options;
  const log = options.log ?? (() => undefined);
  const manifest = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
    version: string;
    dependencies?: Record<string, string>;
  };
  const name = `hocba-signer-${manifest.version}-${target.id}`;
  const dir = path.join(cacheDir, "stage", target.id, name);
  rmSync(path.dirname(dir), { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });

  log(`gói ${name}: đóng gói hocba.js và hocba-worker.js (esbuild)`);
  const editableJson = { "shared/config/token-modules.json": "token-modules.json" };
  const cli = await bundleHelper({ root, outfile: path.join(dir, "hocba.js"), editableJson });
  // The helper's document worker gets its own, smaller file (1.8 MB against 6.9): each isolate
  // holds the source it loads, and the worker needs none of the CLI (bin/hocba-worker.mjs).
  const worker = await bundleHelper({
    root,
    entry: "bin/hocba-worker.mjs",
    outfile: path.join(dir, "hocba-worker.js"),
    editableJson,
  });
  const union = (a: string[], b: string[]) => [...new Set([...a, ...b])].sort();
  const bundle = {
    nativePackages: union(cli.nativePackages, worker.nativePackages),
    esmPackages: union(cli.esmPackages, worker.esmPackages),
    bundledPackages: union(cli.bundledPackages, worker.bundledPackages),
  };

  const shipped = [...bundle.nativePackages, ...bundle.esmPackages];
  const specs = Object.fromEntries(
    shipped.map((n) => {
      const declared = manifest.dependencies?.[n];
      if (declared) return [n, declared];
      const installed = findPackageDir(n, root);
      if (!installed) throw new Error(`${n} is imported but not installed`);
      return [
        n,
        (JSON.parse(readFileSync(path.join(installed, "package.json"), "utf8")) as { version: string })
          .version,
      ];
    }),
  );
  log(
    `gói ${name}: thư viện đặt trong node_modules cho ${target.id}: ${
      Object.entries(specs)
        .map(([n, v]) => `${n}@${v}`)
        .join(", ") || "(không có)"
    }`,
  );
  const natives = installNativePackages(target, specs, bundle.nativePackages, cacheDir);
  copyRuntimeFiles(natives.packages, dir);
  const windowsAddons = target.os === "win32" ? checkWindowsAddons(natives.packages) : [];

  // Node 22 whatever Node builds: the archive needs node:sqlite (see PACKAGED_NODE).
  const running = process.versions.node;
  const runningFits =
    chooseNodeVersion([{ packageName: "", versions: [running] }], PACKAGED_NODE)?.belowMinimum === false;
  const exact = options.nodeVersion ?? (runningFits ? running : undefined);
  const node = fetchNodeRuntime(target, cacheDir, { exact, ...PACKAGED_NODE });
  if (node.belowMinimum) {
    throw new Error(
      `Node ${node.version} has no node:sqlite without a flag; the package needs Node ${PACKAGED_NODE.minimum} or a later ${PACKAGED_NODE.major}.x`,
    );
  }
  log(`gói ${name}: Node ${node.version} cho ${target.id} (npm: ${node.packageName})`);
  mkdirSync(path.join(dir, path.dirname(target.nodeBinary)), { recursive: true });
  copyFileSync(node.binaryPath, path.join(dir, target.nodeBinary));
  chmodSync(path.join(dir, target.nodeBinary), 0o755);

  copyFileSync(path.join(root, "shared/config/token-modules.json"), path.join(dir, "token-modules.json"));
  cpSync(path.join(root, "native-host/trust-store"), path.join(dir, "trust-store"), { recursive: true });

  const info: PackageInfo = {
    target: target.id,
    node: { package: node.packageName, version: node.version },
    nativePackages: bundle.nativePackages,
    nodeModules: Object.fromEntries(natives.packages.map((p) => [p.name, p.version])),
    bundledPackages: bundle.bundledPackages,
    windowsAddons,
    source: git(root, ["describe", "--always", "--dirty"]) ?? "unknown",
  };
  const texts: TextFile[] = [
    ...launchScripts(target),
    {
      path: "HUONG-DAN-CAI-DAT.txt",
      content: installGuide({ version: manifest.version, target, nodeVersion: node.version }),
      executable: false,
      // Notepad before Windows 10 1903 reads BOM-less text as ANSI.
      encoding: target.os === "win32" ? "utf8-bom" : "utf8",
    },
    {
      // Makes Node load hocba.js as an ES module, and records what the package holds.
      path: "package.json",
      content: `${JSON.stringify({ name: "hocba-signer", version: manifest.version, private: true, type: "module", hocbaPackage: info }, null, 2)}\n`,
      executable: false,
    },
    {
      path: "THIRD-PARTY-LICENSES.txt",
      content: [
        `Node.js ${node.version} (${target.nodeBinary}), from the npm package ${node.packageName}:`,
        node.licensePath
          ? readFileSync(node.licensePath, "utf8").trim()
          : `License: MIT and others, https://github.com/nodejs/node/blob/v${node.version}/LICENSE`,
        ...bundle.bundledPackages.flatMap((p) => {
          const pkgDir = findPackageDir(p, root);
          return pkgDir ? [`\n==== ${p} (bundled in hocba.js)`, licenceOf(pkgDir)] : [];
        }),
        ...natives.packages.flatMap((p) => [
          `\n==== ${p.name}@${p.version} (node_modules/${p.name})`,
          licenceOf(p.dir),
        ]),
        "",
      ].join("\n"),
      executable: false,
    },
  ];
  if (target.os === "win32") {
    texts.push({
      path: "chinh-sach-tien-ich.reg",
      content: extensionPolicyReg(),
      executable: false,
      encoding: "utf16le-bom",
    });
  }
  for (const file of texts) writeText(dir, file);

  mkdirSync(options.outDir, { recursive: true });
  const zipPath = path.join(options.outDir, `${name}.zip`);
  const epoch = Number(
    process.env.SOURCE_DATE_EPOCH ?? git(root, ["log", "-1", "--format=%ct"]) ?? Date.now() / 1000,
  );
  log(`gói ${name}: nén thành ${path.relative(root, zipPath)}`);
  const zipBytes = writeZip(dir, name, zipPath, new Date(epoch * 1000));
  return { zipPath, zipBytes, dir, name, info };
}

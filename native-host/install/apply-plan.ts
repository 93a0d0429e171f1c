import { execFileSync } from "node:child_process";
import { chmodSync, readdirSync, readFileSync, rmdirSync, rmSync } from "node:fs";
import path from "node:path";
import { NATIVE_HOST_NAME } from "../../shared/config/extension-identity.ts";
import { HocBaError, isHocBaError } from "../../shared/errors/hocba-error.ts";
import { fsErrorDetail } from "../fs/fs-error-detail.ts";
import { makeFolder } from "../fs/make-folder.ts";
import { writeFileAtomicSync } from "../fs/write-file-atomic.ts";
import { encodePlannedFile } from "./encode-planned-file.ts";
import type { InstallPlan } from "./plan-install.ts";

/**
 * The I/O edge of the installer. `root` (HOCBA_INSTALL_ROOT) prefixes every path written, like
 * DESTDIR: the files' content still names the real paths (packaging, tests of --system).
 */
export interface ApplyOptions {
  root?: string | undefined;
  /** Runs the registry script (Windows). Injected so it can be skipped outside Windows. */
  runRegistryScript?: ((scriptPath: string) => void) | undefined;
}

/** The system's reason (EACCES...) rather than a whole message that names the file again. */
function errorDetail(err: unknown): string {
  if (isHocBaError(err) && typeof err.params.detail === "string") return err.params.detail;
  return fsErrorDetail(err);
}

function onDisk(file: string, root: string | undefined): string {
  return root ? path.join(root, file) : file;
}

/** Writes every planned file (atomically, with its mode), then registers it on Windows. Returns the paths written. */
export function applyInstall(plan: InstallPlan, options: ApplyOptions = {}): string[] {
  const written: string[] = [];
  for (const file of plan.files) {
    const target = onDisk(file.path, options.root);
    try {
      makeFolder(path.dirname(target));
      writeFileAtomicSync(target, encodePlannedFile(file), { mode: file.mode });
      if (process.platform !== "win32") chmodSync(target, file.mode);
    } catch (err) {
      throw new HocBaError(
        "INSTALL_WRITE_FAILED",
        { file: target, detail: errorDetail(err) },
        { cause: err },
      );
    }
    written.push(target);
  }
  if (plan.registryScriptPath && options.runRegistryScript) {
    const script = onDisk(plan.registryScriptPath, options.root);
    try {
      options.runRegistryScript(script);
    } catch (err) {
      throw new HocBaError(
        "INSTALL_REGISTRY_FAILED",
        { file: script, detail: (err as Error).message },
        { cause: err },
      );
    }
  }
  return written;
}

/**
 * Removes what `plan` installed: registry keys first (Windows, via the generated uninstall.ps1),
 * then manifests that are ours (their `name` is NATIVE_HOST_NAME), the launcher and scripts, and
 * the helper's install folder if it is left empty. The archive and logs are never touched.
 */
export function applyUninstall(plan: InstallPlan, options: ApplyOptions = {}): string[] {
  const removed: string[] = [];
  if (plan.registryScriptPath && options.runRegistryScript) {
    const uninstallScript = plan.files.find((f) => f.path.endsWith("uninstall.ps1"));
    if (uninstallScript) {
      const target = onDisk(uninstallScript.path, options.root);
      makeFolder(path.dirname(target));
      try {
        writeFileAtomicSync(target, encodePlannedFile(uninstallScript));
      } catch (err) {
        throw new HocBaError(
          "INSTALL_WRITE_FAILED",
          { file: target, detail: errorDetail(err) },
          { cause: err },
        );
      }
      try {
        options.runRegistryScript(target);
      } catch (err) {
        throw new HocBaError(
          "INSTALL_REGISTRY_FAILED",
          { file: target, detail: (err as Error).message },
          { cause: err },
        );
      }
    }
  }
  for (const file of plan.files) {
    if (file.kind === "launcher" && plan.launcherShared) continue;
    const target = onDisk(file.path, options.root);
    let content: string;
    try {
      content = readFileSync(target, "utf8");
    } catch {
      continue;
    }
    if (file.kind === "manifest" && !isOurManifest(content)) continue;
    rmSync(target, { force: true });
    removed.push(target);
  }
  const folder = onDisk(path.dirname(plan.launcherPath), options.root);
  try {
    if (readdirSync(folder).length === 0) rmdirSync(folder);
  } catch {
    // Already gone, or holds something else: leave it.
  }
  return removed;
}

function isOurManifest(content: string): boolean {
  try {
    return (JSON.parse(content) as { name?: unknown }).name === NATIVE_HOST_NAME;
  } catch {
    return false;
  }
}

/** Runs a generated PowerShell script (Windows only). */
export function runPowerShellScript(scriptPath: string): void {
  execFileSync(
    "powershell.exe",
    ["-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass", "-File", scriptPath],
    {
      stdio: ["ignore", "ignore", "pipe"],
    },
  );
}

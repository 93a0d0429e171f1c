import os from "node:os";
import path from "node:path";
import { HocBaError } from "../../shared/errors/hocba-error.ts";
import { homeDir, userDataDir } from "../archive/data-dir.ts";
import { helperFile } from "../helper-files.ts";
import { parseCliArgs } from "./parse-cli-args.ts";
import { BROWSERS, type BrowserId, type TargetOs } from "../install/browser-targets.ts";
import type { PlanInput } from "../install/plan-install.ts";

export interface InstallArgs {
  input: PlanInput;
  dryRun: boolean;
}

/** The CLI's view of the machine, overridable by env so tests can install into a temporary HOME. */
export interface InstallEnvironment {
  env: Readonly<Record<string, string | undefined>>;
  platform: NodeJS.Platform;
  homedir: string;
  cwd: string;
  nodePath: string;
  cliPath: string;
}

const OSES: readonly TargetOs[] = ["linux", "darwin", "win32"];

/** Parses `hocba install|uninstall` arguments into a plan input. */
export function parseInstallArgs(args: string[], where: InstallEnvironment): InstallArgs {
  const { values } = parseCliArgs(
    args,
    {
      browser: { type: "string", multiple: true },
      "extension-id": { type: "string", multiple: true },
      system: { type: "boolean" },
      "dry-run": { type: "boolean" },
      "user-data-dir": { type: "string" },
      os: { type: "string" },
    },
    false,
  );
  const browsers = new Set<BrowserId>();
  for (const name of (values.browser ?? ["all"]).flatMap((b) => b.split(","))) {
    const b = name.trim().toLowerCase();
    if (b === "all") BROWSERS.forEach((x) => browsers.add(x));
    else if ((BROWSERS as readonly string[]).includes(b)) browsers.add(b as BrowserId);
    else {
      throw new HocBaError("INSTALL_UNKNOWN_BROWSER", {
        browser: name,
        known: [...BROWSERS, "all"].join(", "),
      });
    }
  }
  const targetOs = (values.os ?? where.platform) as TargetOs;
  if (!OSES.includes(targetOs)) {
    throw new HocBaError("INSTALL_UNSUPPORTED_OS", { os: values.os ?? where.platform });
  }
  if (values.os !== undefined && values.os !== where.platform && !values["dry-run"]) {
    throw new HocBaError("CLI_BAD_ARGS", {
      detail: "--os khác hệ điều hành đang chạy chỉ dùng được với --dry-run",
    });
  }
  const dataWhere = { env: where.env, platform: targetOs, homedir: where.homedir };
  const home = homeDir(dataWhere);
  return {
    dryRun: values["dry-run"] === true,
    input: {
      os: targetOs,
      scope: values.system ? "system" : "user",
      browsers: [...browsers],
      userDataDir:
        values["user-data-dir"] !== undefined ? path.resolve(where.cwd, values["user-data-dir"]) : undefined,
      home,
      env: where.env,
      nodePath: where.nodePath,
      cliPath: where.cliPath,
      dataFolder: userDataDir(dataWhere),
      extraExtensionIds: values["extension-id"] ?? [],
    },
  };
}

/** The running process's environment for the installer. */
export function currentInstallEnvironment(env: NodeJS.ProcessEnv, cwd: string): InstallEnvironment {
  return {
    env,
    platform: process.platform,
    homedir: os.homedir(),
    cwd,
    nodePath: process.execPath,
    cliPath: helperFile("bin/hocba.mjs", "hocba.js"),
  };
}

import { runPowerShellScript, type ApplyOptions } from "../install/apply-plan.ts";
import { currentInstallEnvironment, parseInstallArgs } from "./install-args.ts";
import { planInstall, type InstallPlan, type PlanInput } from "../install/plan-install.ts";
import type { CliIo } from "./cli-io.ts";

export interface InstallPlanFromArgs {
  input: PlanInput;
  plan: InstallPlan;
  dryRun: boolean;
  /** How to apply the plan here: HOCBA_INSTALL_ROOT (tests) writes below a folder and skips the registry. */
  apply: ApplyOptions;
}

/** `hocba install` and `hocba uninstall` share their arguments and plan; only the applying differs. */
export function installPlanFromArgs(args: string[], io: CliIo): InstallPlanFromArgs {
  const { input, dryRun } = parseInstallArgs(args, currentInstallEnvironment(io.env, io.cwd));
  const root = io.env.HOCBA_INSTALL_ROOT;
  return {
    input,
    plan: planInstall(input),
    dryRun,
    apply: {
      root,
      runRegistryScript: process.platform === "win32" && !root ? runPowerShellScript : undefined,
    },
  };
}

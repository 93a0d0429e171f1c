import { spawn } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

export interface HocbaRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real CLI (bin/hocba.mjs) in a child process, optionally feeding stdin. With `timeoutMs`
 * a run that hangs is killed (code -1) instead of outliving the test.
 */
export function runHocba(
  args: string[],
  options: { env?: NodeJS.ProcessEnv; input?: string; cwd?: string; timeoutMs?: number } = {},
): Promise<HocbaRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, "bin/hocba.mjs"), ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...(options.env ?? process.env), HOCBA_DEBUG: "" },
      ...(options.timeoutMs ? { timeout: options.timeoutMs, killSignal: "SIGKILL" as const } : {}),
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, stdout, stderr }));
    child.stdin.end(options.input ?? "");
  });
}

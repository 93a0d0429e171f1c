import { readdirSync, readFileSync } from "node:fs";

/** CPU time (ms) of this process's main thread and of all its other threads (libuv pool, V8 workers). */
export interface ThreadCpu {
  main: number;
  others: number;
}

const TICK_MS = 10; // Linux USER_HZ is 100 on every platform the project targets.

/**
 * Per-thread CPU from /proc (Linux). Wall-clock time on a shared machine counts the time other
 * programs held the cores; CPU time per thread does not. Undefined where /proc is not available.
 */
export function threadCpu(pid: number | "self" = "self"): ThreadCpu | undefined {
  const main = pid === "self" ? process.pid : pid;
  try {
    let mainMs = 0;
    let others = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const ms = (Number(fields[11]) + Number(fields[12])) * TICK_MS;
      if (Number(tid) === main) mainMs += ms;
      else others += ms;
    }
    return { main: mainMs, others };
  } catch {
    return undefined;
  }
}

/** CPU used since `start`, per item. */
export function cpuPer(start: ThreadCpu | undefined, count: number): ThreadCpu | undefined {
  const now = threadCpu();
  if (!start || !now) return undefined;
  return { main: (now.main - start.main) / count, others: (now.others - start.others) / count };
}

/** Resident memory of a process from /proc/<pid>/status, in MB: current (VmRSS) and peak (VmHWM). */
export function residentMb(pid: number): { rss: number; peak: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
    return { rss: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
  } catch {
    return undefined;
  }
}

/** Resident memory of a process by kind of mapping, in MB (from /proc/<pid>/smaps). */
export function residentByKind(pid: number): Record<string, number> | undefined {
  try {
    const out: Record<string, number> = {};
    let kind = "";
    for (const line of readFileSync(`/proc/${pid}/smaps`, "utf8").split("\n")) {
      const head = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
      if (head) {
        const name = head[1] ?? "";
        kind =
          name === ""
            ? "anonymous (JS heaps, WebAssembly memory, thread arenas)"
            : name === "[heap]"
              ? "main malloc heap (Buffers, SQLite, native)"
              : name.startsWith("/")
                ? "mapped files (node binary, libraries)"
                : "other";
        continue;
      }
      const rss = /^Rss:\s+(\d+) kB/.exec(line);
      if (rss) out[kind] = (out[kind] ?? 0) + Number(rss[1]) / 1024;
    }
    return out;
  } catch {
    return undefined;
  }
}

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

/**
 * Where a process's main thread spent its time, from a `node --cpu-prof` profile: each sample is
 * put in the first phase (in the order given) one of whose patterns matches a frame of its stack
 * (function name or file), else in "other". "(idle)" is the main thread waiting: for the token on
 * its libuv thread, for fsync, for file I/O, or for the cores other programs hold.
 */
export interface Phase {
  label: string;
  /** Matched against "functionName file" of each frame, leaf to root. */
  match: RegExp;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface PhaseTimes {
  totalMs: number;
  phases: Array<{ label: string; ms: number }>;
}

/**
 * The main thread's .cpuprofile in `dir`: CPU.<date>.<time>.<pid>.<thread>.<seq>.cpuprofile, thread
 * 0 (the module hook's thread writes its own).
 */
export function readProfile(dir: string): CpuProfile {
  const file = readdirSync(dir)
    .filter((f) => f.endsWith(".cpuprofile") && f.split(".")[4] === "0")
    .sort()
    .at(-1);
  if (!file) throw new Error(`no .cpuprofile in ${dir}`);
  return JSON.parse(readFileSync(path.join(dir, file), "utf8")) as CpuProfile;
}

export function phaseTimes(profile: CpuProfile, phases: readonly Phase[]): PhaseTimes {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const phaseOf = new Map<number, string>();
  const classify = (leaf: number): string => {
    const known = phaseOf.get(leaf);
    if (known !== undefined) return known;
    const frames: string[] = [];
    for (let id: number | undefined = leaf; id !== undefined; id = parent.get(id)) {
      const f = byId.get(id)?.callFrame;
      if (f) frames.push(`${f.functionName} ${f.url}`);
    }
    const label = phases.find((p) => frames.some((f) => p.match.test(f)))?.label ?? "other";
    phaseOf.set(leaf, label);
    return label;
  };
  const ms = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    total += dt;
    const label = classify(id);
    ms.set(label, (ms.get(label) ?? 0) + dt);
  });
  const labels = [...phases.map((p) => p.label), "other"];
  return {
    totalMs: total,
    phases: [...new Set(labels)].map((label) => ({ label, ms: ms.get(label) ?? 0 })),
  };
}

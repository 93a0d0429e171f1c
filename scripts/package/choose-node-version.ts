/** The Node builds an npm package offers: its name and published versions. */
export interface NodeOffer {
  packageName: string;
  versions: readonly string[];
}

export interface NodeChoice {
  packageName: string;
  version: string;
  /** The version is older than the project's minimum (package.json engines): said in the package's notes. */
  belowMinimum: boolean;
}

function parse(v: string): number[] {
  return v.split("-")[0]?.split(".").map(Number) ?? [];
}

function compare(a: string, b: string): number {
  const x = parse(a);
  const y = parse(b);
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

/**
 * Which Node to ship. `exact` (the version asked for, or the Node that runs the build and the
 * tests) when a package has it; otherwise the newest release of `major` at or above `minimum`,
 * from the first package that has one; failing that, the newest release of `major` anywhere
 * (flagged belowMinimum). Prereleases are never chosen. Null when no package has that major.
 */
export function chooseNodeVersion(
  offers: readonly NodeOffer[],
  want: { exact?: string | undefined; major: number; minimum: string },
): NodeChoice | null {
  const releases = offers.map((o) => ({
    packageName: o.packageName,
    versions: o.versions.filter((v) => /^\d+\.\d+\.\d+$/.test(v) && parse(v)[0] === want.major),
  }));
  if (want.exact !== undefined) {
    const has = releases.find((o) => o.versions.includes(want.exact ?? ""));
    if (has) {
      return {
        packageName: has.packageName,
        version: want.exact,
        belowMinimum: compare(want.exact, want.minimum) < 0,
      };
    }
  }
  for (const o of releases) {
    const ok = o.versions.filter((v) => compare(v, want.minimum) >= 0).sort(compare);
    const newest = ok[ok.length - 1];
    if (newest !== undefined) return { packageName: o.packageName, version: newest, belowMinimum: false };
  }
  const all = releases
    .flatMap((o) => o.versions.map((version) => ({ packageName: o.packageName, version })))
    .sort((a, b) => compare(a.version, b.version));
  const newest = all[all.length - 1];
  return newest ? { ...newest, belowMinimum: true } : null;
}

import path from "node:path";

/** HOCBA_TRUST_ROOTS: extra trusted root files for verification, separated like PATH. */
export function trustRootFiles(env: Readonly<Record<string, string | undefined>>): string[] {
  return (env.HOCBA_TRUST_ROOTS ?? "")
    .split(path.delimiter)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

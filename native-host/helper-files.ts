import { fileURLToPath } from "node:url";

/**
 * Defined (true) only by scripts/package, which bundles the CLI into one hocba.js at the root of
 * the packaged helper; absent when the sources run from the repository.
 */
declare const HOCBA_PACKAGED: boolean | undefined;

const packaged = typeof HOCBA_PACKAGED !== "undefined" && HOCBA_PACKAGED;

/**
 * A file or folder the helper ships: `repoPath` from the repository root when running from the
 * sources, `packagedPath` beside hocba.js in the packaged build. In the bundle every module's
 * import.meta.url is hocba.js's, so paths relative to a source file would point outside the package.
 */
export function helperFile(repoPath: string, packagedPath: string): string {
  const base = new URL(packaged ? "./" : "../", import.meta.url);
  return fileURLToPath(new URL(packaged ? packagedPath : repoPath, base));
}

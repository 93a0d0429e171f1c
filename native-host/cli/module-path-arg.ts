import { existsSync } from "node:fs";
import path from "node:path";

/**
 * --module as the user meant it: a path (with a folder, or a file in the current folder) from
 * the folder the command runs in, as for every other file; a bare library name not there
 * (`libsofthsm2.so`) is left to the system loader's search path.
 */
export function modulePathArg(value: string, cwd: string): string {
  if (path.isAbsolute(value)) return value;
  const named = /[\\/]/.test(value) || existsSync(path.join(cwd, value));
  return named ? path.resolve(cwd, value) : value;
}

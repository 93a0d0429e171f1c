import { HocBaError } from "../../shared/errors/hocba-error.ts";
import { loadPkcs11Module } from "./load-pkcs11-module.ts";
import type { Pkcs11Api, Pkcs11Loader } from "./pkcs11-api.ts";

interface Entry {
  api: Pkcs11Api;
  refs: number;
}

/** Loaded modules per loader and path: a library is C_Initialize'd once per process, and
 * C_Finalize'd when its last user releases it. */
const registry = new Map<Pkcs11Loader, Map<string, Entry>>();

/** A loaded, initialised PKCS#11 library; call `release()` when done with it. */
export interface ModuleHandle {
  readonly path: string;
  readonly api: Pkcs11Api;
  release(): void;
}

/** Loads (or reuses) the PKCS#11 library at `path`. Throws TOKEN_MODULE_LOAD_FAILED. */
export function acquireModule(path: string, loader: Pkcs11Loader = loadPkcs11Module): ModuleHandle {
  let byPath = registry.get(loader);
  if (!byPath) registry.set(loader, (byPath = new Map<string, Entry>()));
  let entry = byPath.get(path);
  if (!entry) {
    try {
      entry = { api: loader(path), refs: 0 };
    } catch (err) {
      throw new HocBaError(
        "TOKEN_MODULE_LOAD_FAILED",
        { module: path, detail: loadProblem(err) },
        { cause: err },
      );
    }
    byPath.set(path, entry);
  }
  entry.refs++;
  const e = entry;
  const map = byPath;
  let released = false;
  return {
    path,
    api: e.api,
    release() {
      if (released) return;
      released = true;
      if (--e.refs > 0) return;
      map.delete(path);
      try {
        e.api.C_Finalize();
      } catch {
        // Finalizing a module whose token was pulled out may fail; nothing is left to clean up.
      }
    },
  };
}

/**
 * Why the system loader refused the library, in Vietnamese (its reasons are English, and the same
 * few cases cover what IT meets: a wrong path, not a library, a 32-bit driver, not PKCS#11).
 */
function loadProblem(err: unknown): string {
  const message = (err instanceof Error ? err.message : String(err)).split("\n")[0] ?? "";
  const known: Array<[RegExp, string]> = [
    [
      /No such file|could not be found|image not found|no such file/i,
      "không có tệp này (hoặc thiếu thư viện nó cần)",
    ],
    [
      /wrong ELF class|not a valid Win32 application|%1|incompatible architecture|mach-o.*wrong architecture/i,
      "đây là bản 32-bit hoặc cho kiến trúc khác; cần bản 64-bit",
    ],
    [
      /file too short|invalid ELF header|not a mach-o|bad EXE format|not a valid/i,
      "tệp này không phải thư viện (.dll, .so, .dylib)",
    ],
    [/Permission denied|Access is denied/i, "không có quyền đọc tệp này"],
    [
      /Cannot find function 'C_GetFunctionList'/i,
      "thư viện này không phải thư viện PKCS#11 (không có C_GetFunctionList)",
    ],
  ];
  return known.find(([re]) => re.test(message))?.[1] ?? message;
}

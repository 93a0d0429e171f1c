/**
 * What platform a native binary (a .node addon or an executable) is built for, from its header:
 * PE (Windows), ELF (Linux) or Mach-O (macOS, thin or universal). Used to check that a package
 * for one platform carries no binary built for another.
 */
export interface BinaryFormat {
  os: "win32" | "linux" | "darwin";
  /** Node's names (x64, arm64, ia32, arm); "unknown:<code>" for others. A universal Mach-O lists each. */
  cpus: string[];
}

const PE_MACHINES: Readonly<Record<number, string>> = { 0x8664: "x64", 0xaa64: "arm64", 0x14c: "ia32" };
const ELF_MACHINES: Readonly<Record<number, string>> = {
  0x3e: "x64",
  0xb7: "arm64",
  0x03: "ia32",
  0x28: "arm",
};
const MACHO_CPUS: Readonly<Record<number, string>> = { 0x01000007: "x64", 0x0100000c: "arm64" };

const name = (table: Readonly<Record<number, string>>, code: number) => table[code] ?? `unknown:${code}`;

/** The binary's format, or null when the bytes are none of PE, ELF or Mach-O. */
export function binaryFormat(bytes: Uint8Array): BinaryFormat | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.length < 64) return null;
  if (buf[0] === 0x4d && buf[1] === 0x5a) {
    const pe = buf.readUInt32LE(0x3c);
    if (pe + 6 > buf.length || buf.readUInt32LE(pe) !== 0x00004550) return null;
    return { os: "win32", cpus: [name(PE_MACHINES, buf.readUInt16LE(pe + 4))] };
  }
  if (buf.readUInt32BE(0) === 0x7f454c46) {
    return { os: "linux", cpus: [name(ELF_MACHINES, buf.readUInt16LE(18))] };
  }
  const magic = buf.readUInt32LE(0);
  if (magic === 0xfeedfacf || magic === 0xfeedface) {
    return { os: "darwin", cpus: [name(MACHO_CPUS, buf.readUInt32LE(4))] };
  }
  if (buf.readUInt32BE(0) === 0xcafebabe) {
    // Universal binary: a big-endian count of (cputype, cpusubtype, offset, size, align) entries.
    const count = buf.readUInt32BE(4);
    if (count === 0 || count > 16) return null; // 0xcafebabe is also a Java class file's magic.
    const cpus = Array.from({ length: count }, (_, i) => name(MACHO_CPUS, buf.readUInt32BE(8 + i * 20)));
    return { os: "darwin", cpus };
  }
  return null;
}

/**
 * A PE file's version strings (the VS_VERSIONINFO resource: FileVersion, ProductVersion...), read
 * by finding each key in UTF-16LE and the value after it. Enough to tell which Node a node.exe is.
 */
export function peVersionString(bytes: Uint8Array, key: "FileVersion" | "ProductVersion"): string | null {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const needle = Buffer.from(`${key}\0`, "utf16le");
  let at = buf.indexOf(needle);
  while (at >= 0) {
    // The value starts at the next 32-bit boundary after the key.
    let start = at + needle.length;
    start += (4 - (start % 4)) % 4;
    let end = start;
    while (end + 1 < buf.length && buf.readUInt16LE(end) !== 0) end += 2;
    const value = buf.subarray(start, end).toString("utf16le");
    if (/^\d+(\.\d+)+/.test(value)) return value;
    at = buf.indexOf(needle, at + 2);
  }
  return null;
}

/**
 * The DLLs a PE file (a Windows .node addon) imports, from its import directory. A DLL Windows does
 * not ship (the Visual C++ runtime, say) must be installed on the PC before the addon loads.
 */
export function peImports(bytes: Uint8Array): string[] {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const pe = buf.readUInt32LE(0x3c);
  const sections = buf.readUInt16LE(pe + 6);
  const optionalSize = buf.readUInt16LE(pe + 20);
  const optional = pe + 24;
  const pe32plus = buf.readUInt16LE(optional) === 0x20b;
  const importRva = buf.readUInt32LE(optional + (pe32plus ? 112 : 96) + 8);
  if (importRva === 0) return [];
  const table = optional + optionalSize;
  const toOffset = (rva: number): number => {
    for (let i = 0; i < sections; i++) {
      const s = table + i * 40;
      const virtualAddress = buf.readUInt32LE(s + 12);
      const size = Math.max(buf.readUInt32LE(s + 8), buf.readUInt32LE(s + 16));
      if (rva >= virtualAddress && rva < virtualAddress + size) {
        return rva - virtualAddress + buf.readUInt32LE(s + 20);
      }
    }
    throw new Error(`RVA ${rva} is in no section`);
  };
  const names: string[] = [];
  // IMAGE_IMPORT_DESCRIPTOR: 20 bytes each, the name's RVA at +12; an all-zero one ends the list.
  for (let d = toOffset(importRva); buf.readUInt32LE(d + 12) !== 0; d += 20) {
    const at = toOffset(buf.readUInt32LE(d + 12));
    names.push(buf.toString("latin1", at, buf.indexOf(0, at)));
  }
  return names;
}

/** DLLs that every Windows 10/11 x64 has (system DLLs and the Universal CRT's api-ms-win-* sets). */
const WINDOWS_DLLS = new Set(
  [
    "kernel32",
    "kernelbase",
    "ntdll",
    "advapi32",
    "user32",
    "gdi32",
    "shell32",
    "shlwapi",
    "ole32",
    "oleaut32",
    "ws2_32",
    "mswsock",
    "bcrypt",
    "bcryptprimitives",
    "ncrypt",
    "crypt32",
    "secur32",
    "userenv",
    "iphlpapi",
    "dnsapi",
    "psapi",
    "dbghelp",
    "version",
    "winmm",
    "rpcrt4",
    "setupapi",
    "cfgmgr32",
    "powrprof",
    "winhttp",
    "netapi32",
    "ucrtbase",
    "node",
  ].map((n) => `${n}.dll`),
);

/** The Visual C++ 2015-2022 runtime: installed by Microsoft's vc_redist.x64.exe, not by Windows. */
export const VC_RUNTIME_DLLS = new Set([
  "vcruntime140.dll",
  "vcruntime140_1.dll",
  "msvcp140.dll",
  "msvcp140_1.dll",
  "concrt140.dll",
]);

/** Of a Windows addon's imports, those Windows itself does not provide. */
export function nonSystemImports(imports: readonly string[]): string[] {
  return imports.filter((dll) => {
    const name = dll.toLowerCase();
    return (
      !WINDOWS_DLLS.has(name) &&
      !name.startsWith("api-ms-win-") &&
      !name.startsWith("ext-ms-win-") &&
      name !== "node.exe"
    );
  });
}

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkWindowsAddons } from "../../../scripts/package/check-windows-addons.ts";
import type { InstalledPackage } from "../../../scripts/package/package-closure.ts";
import {
  binaryFormat,
  nonSystemImports,
  peImports,
  peVersionString,
} from "../../../scripts/package/binary-format.ts";

/**
 * A minimal PE32+ image: one section at RVA 0x1000 (file offset 0x400) holding the import
 * descriptors, the DLL names and a VS_VERSIONINFO-like key/value pair.
 */
function pe(machine: number, dlls: string[], productVersion?: string): Buffer {
  const buf = Buffer.alloc(0x800);
  buf.write("MZ", 0, "latin1");
  buf.writeUInt32LE(0x40, 0x3c);
  buf.writeUInt32LE(0x00004550, 0x40); // "PE\0\0"
  buf.writeUInt16LE(machine, 0x44);
  buf.writeUInt16LE(1, 0x46); // sections
  buf.writeUInt16LE(240, 0x54); // optional header size
  const optional = 0x58;
  buf.writeUInt16LE(0x20b, optional); // PE32+
  buf.writeUInt32LE(0x1000, optional + 112 + 8); // import directory RVA
  const section = optional + 240;
  buf.writeUInt32LE(0x400, section + 8); // virtual size
  buf.writeUInt32LE(0x1000, section + 12); // virtual address
  buf.writeUInt32LE(0x400, section + 16); // raw size
  buf.writeUInt32LE(0x400, section + 20); // raw pointer
  dlls.forEach((dll, i) => {
    const nameRva = 0x1100 + i * 0x20;
    buf.writeUInt32LE(nameRva, 0x400 + i * 20 + 12);
    buf.write(`${dll}\0`, 0x400 + (nameRva - 0x1000), "latin1");
  });
  if (productVersion) {
    const key = Buffer.from("ProductVersion\0", "utf16le");
    key.copy(buf, 0x600);
    const value = 0x600 + key.length + ((4 - ((0x600 + key.length) % 4)) % 4);
    buf.write(`${productVersion}\0`, value, "utf16le");
  }
  return buf;
}

function elf(machine: number): Buffer {
  const buf = Buffer.alloc(64);
  buf.writeUInt32BE(0x7f454c46, 0);
  buf.writeUInt16LE(machine, 18);
  return buf;
}

describe("binaryFormat", () => {
  it("tells Windows, Linux and macOS binaries and their CPUs apart", () => {
    expect(binaryFormat(pe(0x8664, []))).toEqual({ os: "win32", cpus: ["x64"] });
    expect(binaryFormat(pe(0xaa64, []))).toEqual({ os: "win32", cpus: ["arm64"] });
    expect(binaryFormat(elf(0x3e))).toEqual({ os: "linux", cpus: ["x64"] });
    expect(binaryFormat(elf(0xb7))).toEqual({ os: "linux", cpus: ["arm64"] });
    const thin = Buffer.alloc(64);
    thin.writeUInt32LE(0xfeedfacf, 0);
    thin.writeUInt32LE(0x0100000c, 4);
    expect(binaryFormat(thin)).toEqual({ os: "darwin", cpus: ["arm64"] });
    const fat = Buffer.alloc(64);
    fat.writeUInt32BE(0xcafebabe, 0);
    fat.writeUInt32BE(2, 4);
    fat.writeUInt32BE(0x01000007, 8);
    fat.writeUInt32BE(0x0100000c, 28);
    expect(binaryFormat(fat)).toEqual({ os: "darwin", cpus: ["x64", "arm64"] });
  });

  it("is null for text, JavaScript and a Java class file", () => {
    expect(binaryFormat(Buffer.from("#!/bin/sh\n".padEnd(80, "#")))).toBeNull();
    const java = Buffer.alloc(64);
    java.writeUInt32BE(0xcafebabe, 0);
    java.writeUInt32BE(0x00000034, 4); // class file version, not an architecture count
    expect(binaryFormat(java)).toBeNull();
    expect(binaryFormat(Buffer.from("MZ"))).toBeNull();
  });
});

describe("PE version and imports", () => {
  it("reads ProductVersion from the version resource strings", () => {
    expect(peVersionString(pe(0x8664, [], "20.20.2"), "ProductVersion")).toBe("20.20.2");
    expect(peVersionString(pe(0x8664, []), "ProductVersion")).toBeNull();
  });

  it("lists the imported DLLs, and which of them Windows does not ship", () => {
    const imports = peImports(
      pe(0x8664, ["KERNEL32.dll", "api-ms-win-crt-heap-l1-1-0.dll", "VCRUNTIME140.dll"]),
    );
    expect(imports).toEqual(["KERNEL32.dll", "api-ms-win-crt-heap-l1-1-0.dll", "VCRUNTIME140.dll"]);
    expect(nonSystemImports(imports)).toEqual(["VCRUNTIME140.dll"]);
    expect(nonSystemImports(["ADVAPI32.dll", "node.exe", "bcryptprimitives.dll"])).toEqual([]);
    expect(peImports(pe(0x8664, []))).toEqual([]);
  });
});

describe("checkWindowsAddons", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "hocba-win-addons-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** An installed package folder holding one addon that imports `dlls`. */
  function addonPackage(name: string, file: string, dlls: string[]): InstalledPackage {
    const pkgDir = path.join(dir, name);
    mkdirSync(path.dirname(path.join(pkgDir, file)), { recursive: true });
    writeFileSync(path.join(pkgDir, file), pe(0x8664, dlls));
    return { name, version: "1.0.0", dir: pkgDir };
  }

  it("passes addons that import only Windows DLLs, and lists them", () => {
    const koffi = addonPackage("koffi-win", "win32_x64/koffi.node", ["KERNEL32.dll", "ADVAPI32.dll"]);
    expect(checkWindowsAddons([koffi])).toEqual(["koffi-win/win32_x64/koffi.node"]);
  });

  it("stops the build on an addon that needs the Visual C++ runtime, naming it", () => {
    const koffi = addonPackage("koffi-ok", "koffi.node", ["KERNEL32.dll"]);
    const libsql = addonPackage("libsql-win", "index.node", [
      "KERNEL32.dll",
      "VCRUNTIME140.dll",
      "api-ms-win-crt-heap-l1-1-0.dll",
    ]);
    expect(() => checkWindowsAddons([koffi, libsql])).toThrow(
      /libsql-win\/index\.node needs VCRUNTIME140\.dll \(the Visual C\+\+ runtime/,
    );
    const other = addonPackage("needs-dll", "x.node", ["KERNEL32.dll", "libcrypto-3-x64.dll"]);
    expect(() => checkWindowsAddons([other])).toThrow(/needs-dll\/x\.node needs libcrypto-3-x64\.dll\./);
  });
});

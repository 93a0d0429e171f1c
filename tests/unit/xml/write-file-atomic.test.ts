import * as realFs from "node:fs";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { HocBaError } from "../../../shared/errors/hocba-error.ts";
import { writeFileAtomic, writeFileAtomicSync } from "../../../native-host/fs/write-file-atomic.ts";

/**
 * Failure injection: after `failAfter` bytes the next write throws EIO (a disk that fills or a USB
 * stick pulled mid-write), so the test sees what a crash in the middle of writing leaves behind.
 */
const inject = vi.hoisted(() => ({ failAfter: -1 }));

vi.mock("node:fs/promises", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs/promises")>();
  const open: typeof actual.open = async (...args) => {
    const handle = await actual.open(...args);
    const write = handle.write.bind(handle) as (
      b: Uint8Array,
      o: number,
      l: number,
    ) => Promise<{ bytesWritten: number }>;
    let written = 0;
    (handle as unknown as { write: typeof write }).write = async (buffer, offset, length) => {
      if (inject.failAfter >= 0) {
        if (written >= inject.failAfter) {
          throw Object.assign(new Error("EIO: i/o error, write"), { code: "EIO" });
        }
        length = Math.min(length, inject.failAfter - written); // a short write, then the failure
      }
      const r = await write(buffer, offset, length);
      written += r.bytesWritten;
      return r;
    };
    return handle;
  };
  return { ...actual, open, default: { ...actual, open } };
});

vi.mock("node:fs", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs")>();
  let written = 0;
  const writeSync = ((fd: number, buffer: Uint8Array, offset?: number, length?: number) => {
    if (inject.failAfter >= 0) {
      if (written >= inject.failAfter) {
        throw Object.assign(new Error("EIO: i/o error, write"), { code: "EIO" });
      }
      length = Math.min(length ?? buffer.length, inject.failAfter - written);
    }
    const n = actual.writeSync(fd, buffer, offset, length);
    written += n;
    return n;
  }) as typeof actual.writeSync;
  const reset = () => (written = 0);
  return { ...actual, writeSync, __reset: reset, default: { ...actual, writeSync } };
});

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "hocba-atomic-"));
  inject.failAfter = -1;
  (realFs as unknown as { __reset: () => void }).__reset();
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const big = new Uint8Array(256 * 1024).map((_, i) => i % 251);

describe.each([
  ["writeFileAtomic", (p: string, d: Uint8Array | string) => writeFileAtomic(p, d)],
  [
    "writeFileAtomicSync",
    (p: string, d: Uint8Array | string) => Promise.resolve().then(() => writeFileAtomicSync(p, d)),
  ],
])("%s", (_name, write) => {
  it("writes bytes and text, replacing an existing file, and leaves no temporary file", async () => {
    const target = join(dir, "HV0001_2025-2026.xml");
    await write(target, big);
    expect(new Uint8Array(readFileSync(target))).toEqual(big);
    await write(target, "Trần Thị Ánh");
    expect(readFileSync(target, "utf8")).toBe("Trần Thị Ánh");
    expect(readdirSync(dir)).toEqual(["HV0001_2025-2026.xml"]);
    expect(statSync(target).mode & 0o777).toBe(0o644);
  });

  it("leaves no partial file when the write fails halfway through a new file", async () => {
    const target = join(dir, "new.xml");
    inject.failAfter = 100_000;
    const err = await write(target, big).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(HocBaError);
    expect((err as HocBaError).code).toBe("CLI_FILE_UNWRITABLE");
    expect((err as HocBaError).message).toContain(target);
    expect((err as HocBaError).message).toContain("EIO");
    expect(readdirSync(dir)).toEqual([]);
  });

  it("keeps the old content when the write of the new content fails halfway", async () => {
    const target = join(dir, "old.xml");
    writeFileSync(target, "nội dung cũ");
    inject.failAfter = 5000;
    await expect(write(target, big)).rejects.toThrow(HocBaError);
    expect(readFileSync(target, "utf8")).toBe("nội dung cũ");
    expect(readdirSync(dir)).toEqual(["old.xml"]);
  });

  it("cleans up when the final rename fails (the target is a folder)", async () => {
    const target = join(dir, "taken");
    mkdirSync(target);
    await expect(write(target, "x")).rejects.toMatchObject({ code: "CLI_FILE_UNWRITABLE" });
    expect(readdirSync(dir)).toEqual(["taken"]);
  });

  it("fails cleanly when the folder does not exist", async () => {
    await expect(write(join(dir, "missing", "a.xml"), "x")).rejects.toMatchObject({
      code: "CLI_FILE_UNWRITABLE",
      params: { detail: "không có tệp hay thư mục này" },
    });
  });
});

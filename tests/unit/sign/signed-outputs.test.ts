import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { HocBaError } from "../../../shared/errors/hocba-error.ts";
import { SignedOutputs } from "../../../native-host/cli/signed-outputs.ts";
import { writeFilesAtomic } from "../../../native-host/fs/write-file-atomic.ts";
import { scratchDir } from "../host/scratch-dir.ts";

/*
 * `hocba sign` writes its output files in groups while the token goes on signing (issue #14): a
 * file is reported only once it is on disk, reports keep the order the documents were handed over
 * in, and a file that cannot be written is reported as such, the others written.
 */

describe("writeFilesAtomic", () => {
  it("writes every file, each whole, leaves no temporary file, and names the one it could not write", async () => {
    const dir = scratchDir("hocba-write-group");
    const files = Array.from({ length: 7 }, (_, i) => ({
      target: path.join(dir, `f${i}.xml`),
      data: Buffer.from(`<f${i}>${"x".repeat(1000 * i)}</f${i}>`),
    }));
    files.splice(3, 0, { target: path.join(dir, "khong-co", "g.xml"), data: Buffer.from("g") });
    const errors = await writeFilesAtomic(files);
    expect(errors).toHaveLength(8);
    expect(errors.map((e) => e?.code)).toEqual([
      undefined,
      undefined,
      undefined,
      "CLI_FILE_UNWRITABLE",
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(errors[3]?.message).toContain("g.xml");
    for (const [i, f] of files.entries()) {
      if (i !== 3) expect(readFileSync(f.target).equals(f.data)).toBe(true);
    }
    expect(readdirSync(dir).filter((n) => n.endsWith(".tmp"))).toEqual([]);
  });
});

describe("SignedOutputs", () => {
  it("reports each file once it is on disk, in the order handed over, failures in their place", async () => {
    const dir = scratchDir("hocba-outputs");
    const outputs = new SignedOutputs();
    const reports: string[] = [];
    const handOver = async (name: string, target: string): Promise<void> => {
      const data = Buffer.from(`<${name}/>`);
      await outputs.write(target, data, (error?: HocBaError) => {
        // At the moment of the report the whole file is there (or the error says why not).
        if (error) reports.push(`${name}: ${error.code}`);
        else {
          expect(readFileSync(target).equals(data)).toBe(true);
          reports.push(name);
        }
      });
    };
    const expected: string[] = [];
    for (let i = 0; i < 30; i++) {
      const name = `d${i}`;
      if (i === 7) {
        await handOver(name, path.join(dir, "khong-co", `${name}.xml`));
        expected.push(`${name}: CLI_FILE_UNWRITABLE`);
      } else if (i === 12) {
        outputs.then(() => reports.push("failed d12"));
        expected.push("failed d12");
      } else {
        await handOver(name, path.join(dir, `${name}.xml`));
        expected.push(name);
      }
    }
    await outputs.drain();
    expect(reports).toEqual(expected);
    expect(existsSync(path.join(dir, "khong-co"))).toBe(false);
    expect(readdirSync(dir).filter((n) => n.endsWith(".xml"))).toHaveLength(28);
  });

  it("holds the batch back only when many files wait to be written", async () => {
    const dir = scratchDir("hocba-outputs-wait");
    const outputs = new SignedOutputs();
    let reported = 0;
    const handedOver: number[] = [];
    for (let i = 0; i < 40; i++) {
      await outputs.write(path.join(dir, `d${i}.xml`), Buffer.from("x"), () => reported++);
      // Never more than a few groups' worth handed over and not yet on disk.
      handedOver.push(i + 1 - reported);
    }
    await outputs.drain();
    expect(reported).toBe(40);
    expect(Math.max(...handedOver)).toBeLessThanOrEqual(16);
  });

  it("syncs the archive beside each group of files and reports only once both are done; a failed sync fails the group", async () => {
    const dir = scratchDir("hocba-outputs-sync");
    let syncs = 0;
    let synced = 0;
    let fail = false;
    const outputs = new SignedOutputs({
      sync: async () => {
        syncs++;
        await new Promise((resolve) => setTimeout(resolve, 5));
        if (fail) throw new HocBaError("ARCHIVE_WRITE_FAILED", { file: "kho", detail: "EIO" });
        synced = syncs;
      },
    });
    const reports: string[] = [];
    for (let i = 0; i < 20; i++) {
      await outputs.write(path.join(dir, `d${i}.xml`), Buffer.from("x"), (error) => {
        // Every document reported written had its archive synced since it was handed over.
        if (!error) expect(synced).toBeGreaterThanOrEqual(1);
        reports.push(error ? `d${i}: ${error.code}` : `d${i}`);
      });
    }
    await outputs.drain();
    expect(reports).toEqual(Array.from({ length: 20 }, (_, i) => `d${i}`));
    // One sync per group of files, not one per file.
    expect(syncs).toBeGreaterThanOrEqual(1);
    expect(syncs).toBeLessThan(20);

    fail = true;
    const failed: string[] = [];
    await outputs.write(path.join(dir, "e.xml"), Buffer.from("x"), (error) =>
      failed.push(error?.code ?? "ok"),
    );
    await outputs.drain();
    expect(failed).toEqual(["ARCHIVE_WRITE_FAILED"]);
  });
});

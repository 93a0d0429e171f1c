import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkArchive } from "../../../native-host/archive/check-archive.ts";
import { HocBaArchive } from "../../../native-host/archive/hocba-archive.ts";
import { sampleDocuments } from "../../support/hocba-documents.ts";
import { runHocba } from "../../support/run-hocba.ts";
import { useTestToken, type TestToken } from "../../support/test-token.ts";

/*
 * Ctrl-C in the middle of `hocba sign` of a class: what was signed stays signed (on disk, whole,
 * and the archived bytes), no temporary file is left in the output folder, the archive checks
 * clean, the exit code says it did not finish, and the user reads why without a stack trace.
 */

const ROOT = path.resolve(import.meta.dirname, "../../..");
const sha = (b: Uint8Array): string => createHash("sha256").update(b).digest("hex");

let tok: TestToken;
const tmp = mkdtempSync(path.join(os.tmpdir(), "hocba-sign-sigint-"));
beforeAll(() => {
  tok = useTestToken();
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("hocba sign interrupted with Ctrl-C", () => {
  it.each([1, 6, 17, 40, 90])(
    "after %i files: keeps what was signed, leaves no temporary file, the archive consistent",
    async (after) => {
      const dir = path.join(tmp, `in-${after}`);
      mkdirSync(dir);
      const files = sampleDocuments(200).map((d) => {
        const f = path.join(dir, d.name);
        writeFileSync(f, d.bytes);
        return f;
      });
      const out = path.join(tmp, `out-${after}`);
      const kho = path.join(tmp, `kho-${after}.sqlite`);
      const args = ["sign", ...files, "--role", "gvcn", "--token", tok.tokenLabel, "--cert", "gvcn"];
      let stdout = "";
      let stderr = "";
      const { code, signal } = await new Promise<{ code: number | null; signal: string | null }>(
        (resolve, reject) => {
          const child = spawn(
            process.execPath,
            [path.join(ROOT, "bin/hocba.mjs"), ...args, "--pin-stdin", "--out", out, "--archive", kho],
            { env: { ...tok.env, HOCBA_DEBUG: "" } },
          );
          let sent = false;
          child.stdout.setEncoding("utf8").on("data", (d: string) => {
            stdout += d;
            if (!sent && (stdout.match(/^✓ /gm) ?? []).length >= after) {
              sent = true;
              child.kill("SIGINT");
            }
          });
          child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
          child.on("error", reject);
          child.on("close", (c, s) => resolve({ code: c, signal: s }));
          child.stdin.end(`${tok.pin}\n`);
        },
      );
      const reported = [...stdout.matchAll(/^✓ \S+ → (\S+)/gm)].map((m) => path.basename(m[1] ?? ""));
      expect(reported.length).toBeGreaterThanOrEqual(after);
      expect(reported.length).toBeLessThan(200);
      // During a write: the writes finish, the user is told, exit 130. Between writes there is
      // nothing half-done and Node's default applies (killed by the signal): Ctrl-C never waits.
      if (signal === null) {
        expect(code).toBe(130);
        expect(stderr).toContain("Đã dừng theo yêu cầu (Ctrl-C).");
      } else {
        expect(signal).toBe("SIGINT");
      }
      expect(stdout + stderr).not.toMatch(/\n\s+at /);

      const written = readdirSync(out);
      expect(written.filter((n) => n.endsWith(".tmp") || n.startsWith("."))).toEqual([]);
      const archive = HocBaArchive.open(kho);
      try {
        const archived = new Map(archive.list().entries.map((e) => [e.fileName, e.sha256]));
        for (const name of reported) expect(written).toContain(name);
        // Every file on disk is a whole signed document, the very bytes archived.
        for (const name of written) expect(archived.get(name)).toBe(sha(readFileSync(path.join(out, name))));
        expect(checkArchive(archive)).toEqual([]);
      } finally {
        archive.close();
      }
      if (after !== 17) return;
      // Run again: the rest is signed, the files already signed come from the archive unchanged.
      const before = new Map(written.map((n) => [n, sha(readFileSync(path.join(out, n)))]));
      const again = await runHocba([...args, "--pin-stdin", "--out", out, "--archive", kho], {
        env: tok.env,
        input: `${tok.pin}\n`,
      });
      expect(again.code).toBe(0);
      expect(readdirSync(out).sort()).toEqual(files.map((f) => path.basename(f)).sort());
      for (const [name, digest] of before) expect(sha(readFileSync(path.join(out, name)))).toBe(digest);
    },
    180_000,
  );
});

import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkArchive } from "../../../native-host/archive/check-archive.ts";
import { HocBaArchive } from "../../../native-host/archive/hocba-archive.ts";
import { sampleDocuments } from "../../support/hocba-documents.ts";
import { useTestToken, type TestToken } from "../../support/test-token.ts";

/*
 * The guarantee kept by grouped fsyncs (issue #14): `hocba sign` writes its files and archives its
 * documents in groups, while the token goes on signing, but a file it reports signed ("✓ … → …")
 * is already on disk, whole, and the very bytes the archive holds for it. The signer is stopped
 * (SIGSTOP) on every line it prints, so nothing it does after the line can make the check pass.
 */

const ROOT = path.resolve(import.meta.dirname, "../../..");
const sha = (b: Uint8Array): string => createHash("sha256").update(b).digest("hex");

let tok: TestToken;
const tmp = mkdtempSync(path.join(os.tmpdir(), "hocba-cli-sign-durable-"));
beforeAll(() => {
  tok = useTestToken();
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("hocba sign reports a file only once it is on disk and in the archive", () => {
  it("every reported file, at the moment it is reported, is whole and is the archived copy", async () => {
    const dir = path.join(tmp, "in");
    mkdirSync(dir);
    const files = sampleDocuments(30).map((d) => {
      const f = path.join(dir, d.name);
      writeFileSync(f, d.bytes);
      return f;
    });
    const out = path.join(tmp, "out");
    const kho = path.join(tmp, "kho.sqlite");
    const args = ["sign", ...files, "--role", "gvcn", "--token", tok.tokenLabel, "--cert", "gvcn"];
    const checked: string[] = [];
    const problems: string[] = [];
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [path.join(ROOT, "bin/hocba.mjs"), ...args, "--pin-stdin", "--out", out, "--archive", kho],
        { env: tok.env },
      );
      let pending = "";
      child.stdout.setEncoding("utf8").on("data", (d: string) => {
        child.kill("SIGSTOP");
        pending += d;
        const lines = pending.split("\n");
        pending = lines.pop() ?? "";
        const archive = HocBaArchive.open(kho);
        try {
          const archived = new Map(archive.list().entries.map((e) => [e.fileName, e.sha256]));
          for (const line of lines) {
            const m = /^✓ \S+ → (\S+)/.exec(line);
            if (!m?.[1]) continue;
            const target = m[1];
            const name = path.basename(target);
            if (!existsSync(target)) problems.push(`${name}: reported, not on disk`);
            else if (archived.get(name) !== sha(readFileSync(target))) {
              problems.push(`${name}: on disk, not the archived copy`);
            }
            checked.push(name);
          }
        } finally {
          archive.close();
          child.kill("SIGCONT");
        }
      });
      child.on("error", reject);
      child.on("close", resolve);
      child.stdin.end(`${tok.pin}\n`);
    });
    expect(code).toBe(0);
    expect(problems).toEqual([]);
    expect(checked).toHaveLength(30);
    const archive = HocBaArchive.open(kho);
    expect(archive.count()).toBe(30);
    expect(checkArchive(archive)).toEqual([]);
    archive.close();
  }, 120_000);
});

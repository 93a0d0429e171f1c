import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkArchive } from "../../../native-host/archive/check-archive.ts";
import { HocBaArchive } from "../../../native-host/archive/hocba-archive.ts";
import { verifyHocBa } from "../../../native-host/verify/verify-hocba.ts";
import { sampleDocuments } from "../../support/hocba-documents.ts";
import { runHocba } from "../../support/run-hocba.ts";
import { useTestToken, type TestToken } from "../../support/test-token.ts";
import { xmlsec1Verify } from "../../support/xmlsec1.ts";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const FROM_ARCHIVE = "đã ký trước đó, lấy từ kho";

let tok: TestToken;
const tmp = mkdtempSync(path.join(os.tmpdir(), "hocba-cli-sign-archive-"));

beforeAll(() => {
  tok = useTestToken();
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const sha = (b: Uint8Array): string => createHash("sha256").update(b).digest("hex");

/** `count` unsigned documents written to a fresh folder. */
function inputs(name: string, count: number): string[] {
  const dir = path.join(tmp, name);
  mkdirSync(dir);
  return sampleDocuments(count).map((d) => {
    const f = path.join(dir, d.name);
    writeFileSync(f, d.bytes);
    return f;
  });
}

function signArgs(files: string[], out: string, extra: string[] = []): string[] {
  return [
    "sign",
    ...files,
    "--role",
    "gvcn",
    "--token",
    tok.tokenLabel,
    "--cert",
    "gvcn",
    "--pin-stdin",
    "--out",
    out,
    ...extra,
  ];
}

function openArchive(file: string): HocBaArchive {
  return HocBaArchive.open(file);
}

describe("hocba sign archives what it signs", () => {
  it("stores each signed file (archive list, archive check); a rerun takes them from the archive without a login", async () => {
    const files = inputs("a", 4);
    const kho = path.join(tmp, "a.sqlite");
    const out1 = path.join(tmp, "a-out1");
    const first = await runHocba([...signArgs(files, out1), "--archive", kho], {
      env: tok.env,
      input: `${tok.pin}\n`,
    });
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain("Đã ký 4/4 tệp với vai trò Giáo viên chủ nhiệm");
    expect(first.stdout).not.toContain(FROM_ARCHIVE);

    const list = await runHocba(["archive", "list", "--json", "--archive", kho], { env: tok.env });
    expect(list.code, list.stderr).toBe(0);
    const listed = JSON.parse(list.stdout) as {
      total: number;
      entries: Array<{
        fileName: string;
        role: string;
        sha256: string;
        batchId: string;
        signerSubject: string;
      }>;
    };
    expect(listed.total).toBe(4);
    expect(listed.entries.map((e) => e.fileName).sort()).toEqual(files.map((f) => path.basename(f)).sort());
    for (const e of listed.entries) {
      expect(e).toMatchObject({ role: "GVCN", batchId: expect.stringMatching(/^cli-/) as string });
      expect(e.signerSubject).toContain("CN=Trần Thị Thu Hằng");
      // What was written out is exactly what was archived.
      expect(sha(readFileSync(path.join(out1, e.fileName)))).toBe(e.sha256);
    }
    const check = await runHocba(["archive", "check", "--archive", kho], { env: tok.env });
    expect(check.code, check.stdout).toBe(0);
    expect(check.stdout).toContain("nguyên vẹn: 4 tài liệu");

    const archive = openArchive(kho);
    expect([...archive.auditLog()].map((e) => e.event)).toEqual([
      "batch-started",
      ...Array<string>(4).fill("document-signed"),
      "batch-finished",
    ]);
    archive.close();

    // Same files again, archive by HOCBA_ARCHIVE, and a wrong PIN: no login is needed, nothing is signed.
    const out2 = path.join(tmp, "a-out2");
    const again = await runHocba(signArgs(files, out2), {
      env: { ...tok.env, HOCBA_ARCHIVE: kho },
      input: "999999\n",
    });
    expect(again.code, again.stderr).toBe(0);
    expect(
      again.stdout.split("\n").filter((l) => l.startsWith("✓ ") && l.endsWith(`(${FROM_ARCHIVE})`)),
    ).toHaveLength(4);
    expect(again.stdout).toContain("Trong đó 4 tệp đã ký trước đó, lấy từ kho");
    expect(again.stdout).toContain("(Trần Thị Thu Hằng)");
    for (const f of files) {
      const name = path.basename(f);
      expect(readFileSync(path.join(out2, name))).toEqual(readFileSync(path.join(out1, name)));
    }
    const after = openArchive(kho);
    expect(after.count()).toBe(4);
    expect(checkArchive(after)).toEqual([]);
    after.close();
  });

  it("records a failed file in the audit log and signs the others", async () => {
    const [good] = inputs("b", 1);
    const bad = path.join(tmp, "b", "hong.xml");
    writeFileSync(bad, "<khong-phai-hoc-ba/>");
    const kho = path.join(tmp, "b.sqlite");
    const r = await runHocba(
      [...signArgs([good ?? "", bad], path.join(tmp, "b-out")), "--archive", kho, "--json"],
      {
        env: tok.env,
        input: `${tok.pin}\n`,
      },
    );
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout) as {
      archive: string;
      files: Array<{ ok: boolean; resumed?: boolean }>;
    };
    expect(json.archive).toBe(kho);
    expect(json.files.map((f) => [f.ok, f.resumed])).toEqual([
      [true, false],
      [false, undefined],
    ]);
    const archive = openArchive(kho);
    const events = [...archive.auditLog()];
    // The bad file is refused before the login, so before the batch starts on the token.
    expect(events.map((e) => e.event)).toEqual([
      "signing-failed",
      "batch-started",
      "document-signed",
      "batch-finished",
    ]);
    expect(events[0]?.details).toContain("SIGN_INVALID_DOCUMENT");
    expect(events[0]?.details).toContain("hong.xml");
    archive.close();
  });
});

/** Runs `hocba sign` and kills it with SIGKILL once `killAfter` files were newly signed (0: let it finish). */
function signUntilKilled(
  args: string[],
  killAfter: number,
): Promise<{
  newlySigned: string[];
  fromArchive: string[];
  killed: boolean;
  code: number | null;
  stderr: string;
}> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, "bin/hocba.mjs"), ...args], {
      env: { ...tok.env, HOCBA_DEBUG: "" },
    });
    const newlySigned: string[] = [];
    const fromArchive: string[] = [];
    let pending = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => {
      pending += d;
      const lines = pending.split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) {
        const m = /^✓ (\S+) → /.exec(line);
        if (!m?.[1]) continue;
        (line.includes(FROM_ARCHIVE) ? fromArchive : newlySigned).push(path.basename(m[1]));
        if (killAfter > 0 && newlySigned.length === killAfter) child.kill("SIGKILL");
      }
    });
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code, signal) =>
      resolve({ newlySigned, fromArchive, killed: signal === "SIGKILL", code, stderr }),
    );
    child.stdin.end(`${tok.pin}\n`);
  });
}

describe("kill -9 in the middle of `hocba sign`", () => {
  it("leaves a consistent archive; rerunning signs every file exactly once and all verify", async () => {
    const files = inputs("k", 40);
    const kho = path.join(tmp, "k.sqlite");
    const out = path.join(tmp, "k-out");
    const args = [...signArgs(files, out), "--archive", kho];
    const written = new Map<string, Buffer>();

    // Killed twice (after 5, then 12 more newly signed files), then left to finish.
    for (const killAfter of [5, 12, 0]) {
      const run = await signUntilKilled(args, killAfter);
      if (killAfter > 0) expect(run.killed, run.stderr).toBe(true);
      else expect(run.code, run.stderr).toBe(0);
      // Nothing reported as signed by an earlier run was signed again.
      for (const name of run.newlySigned) expect(written.has(name)).toBe(false);
      const archive = openArchive(kho);
      expect(checkArchive(archive)).toEqual([]);
      const archived = new Map(archive.list().entries.map((e) => [e.fileName, e.sha256]));
      // Every file written so far is the archived copy, unchanged since it was first written.
      for (const name of existsSync(out) ? readdirSync(out).filter((n) => n.endsWith(".xml")) : []) {
        const bytes = readFileSync(path.join(out, name));
        expect(archived.get(name)).toBe(sha(bytes));
        const before = written.get(name);
        if (before) expect(bytes.equals(before)).toBe(true);
        else written.set(name, bytes);
      }
      archive.close();
    }

    expect(written.size).toBe(files.length);
    const archive = openArchive(kho);
    expect(archive.count()).toBe(files.length);
    const log = [...archive.auditLog()];
    // Each file signed exactly once: one document-signed entry each, nothing else stored.
    expect(log.filter((e) => e.event === "document-signed")).toHaveLength(files.length);
    expect(new Set(archive.list().entries.map((e) => e.fileName)).size).toBe(files.length);
    expect(log.filter((e) => e.event === "batch-started")).toHaveLength(3);
    expect(checkArchive(archive)).toEqual([]);
    archive.close();

    for (const [name, bytes] of written) {
      const x = xmlsec1Verify(bytes, "sig-GVCN", { root: tok.rootPem, intermediate: tok.intermediatePem });
      expect(x.ok, `${name}: ${x.output}`).toBe(true);
      const report = await verifyHocBa(bytes, { trustRootFiles: [tok.rootPem], trustStoreDir: null });
      expect(report.ok, name).toBe(true);
      expect(report.roles).toEqual(["GVCN"]);
    }
  }, 180_000);
});

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

function signArgs(files: string[], out: string, extra: string[] = [], cert = "gvcn"): string[] {
  return [
    "sign",
    ...files,
    "--role",
    "gvcn",
    "--token",
    tok.tokenLabel,
    "--cert",
    cert,
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
    expect(check.code, check.stdout + check.stderr).toBe(0);
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
    expect(again.code, again.stderr + again.stdout).toBe(0);
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

describe("hocba sign takes a file from the archive only for the signer now chosen", () => {
  const SIGNED_AGAIN = "ký lại: ";

  /** The certificate (DER, base64) in the GVCN signature's KeyInfo. */
  const signerCertOf = (bytes: Buffer): string =>
    /<ds:X509Certificate>([^<]+)</.exec(bytes.toString("utf8"))?.[1] ?? "";
  const pemBody = (file: string): string =>
    readFileSync(file, "utf8")
      .replace(/-----(BEGIN|END) CERTIFICATE-----/g, "")
      .replace(/\s/g, "");

  it("signs anew when the archived copy was signed with another certificate, and says so", async () => {
    const [file] = inputs("other-cert", 1);
    if (!file) throw new Error("input");
    const kho = path.join(tmp, "other-cert.sqlite");
    const out1 = path.join(tmp, "other-cert-out1");
    const first = await runHocba([...signArgs([file], out1), "--archive", kho], {
      env: tok.env,
      input: `${tok.pin}\n`,
    });
    expect(first.code, first.stderr).toBe(0);

    // The same file, the same role, another certificate the teacher may sign with (her EC card).
    const out2 = path.join(tmp, "other-cert-out2");
    const second = await runHocba([...signArgs([file], out2, [], "ec-gvcn"), "--archive", kho], {
      env: tok.env,
      input: `${tok.pin}\n`,
    });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).not.toContain(FROM_ARCHIVE);
    expect(second.stdout).toContain(
      `${SIGNED_AGAIN}Bản đã ký trong kho được ký bằng chứng thư số khác (Trần Thị Thu Hằng (`,
    );
    expect(second.stdout).toContain("Trong đó 1 tệp có bản trong kho nhưng không dùng được");
    const name = path.basename(file);
    const renewed = readFileSync(path.join(out2, name));
    expect(signerCertOf(renewed)).toBe(pemBody(tok.certPem("ec-gvcn")));
    expect(signerCertOf(readFileSync(path.join(out1, name)))).toBe(pemBody(tok.certPem("gvcn")));
    const report = await verifyHocBa(renewed, { trustRootFiles: [tok.rootPem], trustStoreDir: null });
    expect(report.ok, JSON.stringify(report.signatures[0]?.issues)).toBe(true);

    const archive = openArchive(kho);
    expect(archive.count()).toBe(2);
    expect(checkArchive(archive)).toEqual([]);
    const refused = [...archive.auditLog()].filter((e) => e.event === "resume-refused");
    expect(refused.map((e) => JSON.parse(e.details) as { code: string })).toMatchObject([
      { code: "SIGN_RESUME_OTHER_CERTIFICATE" },
    ]);
    archive.close();

    // A rerun with the EC card takes its copy from the archive, without a login (wrong PIN).
    const third = await runHocba(
      [...signArgs([file], path.join(tmp, "other-cert-out3"), ["--json"], "ec-gvcn"), "--archive", kho],
      { env: tok.env, input: "999999\n" },
    );
    expect(third.code, third.stderr).toBe(0);
    const json = JSON.parse(third.stdout) as { files: Array<{ resumed?: boolean; renewed?: unknown }> };
    expect(json.files).toEqual([expect.objectContaining({ resumed: true })]);
    expect(json.files[0]?.renewed).toBeUndefined();
    expect(readFileSync(path.join(tmp, "other-cert-out3", name))).toEqual(renewed);
  });

  it("signs anew when the archived copy no longer verifies under the roots now trusted", async () => {
    const [file] = inputs("untrusted", 1);
    if (!file) throw new Error("input");
    const name = path.basename(file);
    const kho = path.join(tmp, "untrusted.sqlite");
    const out1 = path.join(tmp, "untrusted-out1");
    const first = await runHocba([...signArgs([file], out1), "--archive", kho], {
      env: tok.env,
      input: `${tok.pin}\n`,
    });
    expect(first.code, first.stderr).toBe(0);

    // Same certificate, but the copy's chain does not lead to the root now given.
    const out2 = path.join(tmp, "untrusted-out2");
    const second = await runHocba(
      [...signArgs([file], out2, ["--json"]), "--trust", tok.untrustedRootPem, "--archive", kho],
      { env: tok.env, input: `${tok.pin}\n` },
    );
    expect(second.code, second.stderr).toBe(0);
    const json = JSON.parse(second.stdout) as {
      files: Array<{ ok: boolean; resumed?: boolean; renewed?: { code: string; message: string } }>;
    };
    expect(json.files[0]).toMatchObject({
      ok: true,
      resumed: false,
      renewed: { code: "SIGN_RESUME_NOT_VALID" },
    });
    expect(json.files[0]?.renewed?.message).toMatch(
      /^Bản đã ký trong kho không còn hợp lệ với các chứng thư gốc tin cậy hiện nay \(.+\), nên học bạ được ký lại\.$/,
    );
    // Signed anew (resumed: false above) shows as a second archived copy, counted below; not as
    // different bytes: RSA PKCS#1 v1.5 is deterministic and SigningTime has whole seconds, so the
    // same certificate signing within the same second writes the same bytes (that compare was flaky).

    // Under the right root the latest copy verifies: a rerun takes it from the archive.
    const third = await runHocba(
      [...signArgs([file], path.join(tmp, "untrusted-out3")), "--trust", tok.rootPem, "--archive", kho],
      { env: tok.env, input: "999999\n" },
    );
    expect(third.code, third.stderr).toBe(0);
    expect(third.stdout).toContain(FROM_ARCHIVE);
    expect(readFileSync(path.join(tmp, "untrusted-out3", name))).toEqual(readFileSync(path.join(out2, name)));
    const archive = openArchive(kho);
    expect(archive.count()).toBe(2);
    expect(checkArchive(archive)).toEqual([]);
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
    // Runs that signed something, so logged in: the archive may be a group or two ahead of the
    // reported files when a run is killed, and the last run may then find every file archived.
    let loggedIn = 0;

    // Killed twice (after 5, then 12 more newly signed files), then left to finish.
    for (const killAfter of [5, 12, 0]) {
      const run = await signUntilKilled(args, killAfter);
      if (run.newlySigned.length > 0) loggedIn++;
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
    expect(loggedIn).toBeGreaterThanOrEqual(2);
    expect(log.filter((e) => e.event === "batch-started")).toHaveLength(loggedIn);
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

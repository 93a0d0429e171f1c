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
import { verifyHocBa } from "../../../native-host/verify/verify-hocba.ts";
import { sampleDocuments } from "../../support/hocba-documents.ts";
import { runHocba } from "../../support/run-hocba.ts";
import { useTestToken, type TestToken } from "../../support/test-token.ts";
import { xmlsec1Verify } from "../../support/xmlsec1.ts";

let tok: TestToken;
const tmp = mkdtempSync(path.join(os.tmpdir(), "hocba-cli-sign-"));
const inDir = path.join(tmp, "in");
let files: string[];

beforeAll(() => {
  tok = useTestToken();
  mkdirSync(inDir);
  files = sampleDocuments(4).map((d) => {
    const f = path.join(inDir, d.name);
    writeFileSync(f, d.bytes);
    return f;
  });
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// Every run archives what it signs: into a fresh archive of its own here, never the user's.
let runs = 0;
const sign = (args: string[], input?: string, env: NodeJS.ProcessEnv = tok.env) =>
  runHocba(["sign", ...args], {
    env: { HOCBA_ARCHIVE: path.join(tmp, `kho-${++runs}.sqlite`), ...env },
    ...(input !== undefined ? { input } : {}),
  });

describe("hocba sign", () => {
  it("signs a class as GVCN with the PIN on stdin, then ThuTruong with --pin-env; outputs verify", async () => {
    const out1 = path.join(tmp, "gvcn");
    const a = await sign(
      [...files, "--role", "gvcn", "--token", tok.tokenLabel, "--cert", "gvcn", "--pin-stdin", "--out", out1],
      `${tok.pin}\n`,
    );
    expect(a.code, a.stderr).toBe(0);
    expect(a.stdout).toContain("Đã ký 4/4 tệp với vai trò Giáo viên chủ nhiệm (Trần Thị Thu Hằng).");
    expect(`${a.stdout}${a.stderr}`).not.toContain(tok.pin);
    expect(readdirSync(out1).sort()).toEqual(files.map((f) => path.basename(f)).sort());
    // The originals are untouched.
    expect(readFileSync(files[0] ?? "", "utf8")).not.toContain("ds:Signature");

    const out2 = path.join(tmp, "thu-truong");
    const signed1 = files.map((f) => path.join(out1, path.basename(f)));
    const b = await sign(
      [
        ...signed1,
        "--role",
        "thu-truong",
        "--token",
        tok.tokenLabel,
        "--cert",
        "02",
        "--pin-env",
        "HOCBA_PIN",
        "--out",
        out2,
        "--trust",
        tok.rootPem,
      ],
      undefined,
      { ...tok.env, HOCBA_PIN: tok.pin },
    );
    expect(b.code, b.stderr).toBe(0);
    for (const f of readdirSync(out2)) {
      const bytes = readFileSync(path.join(out2, f));
      const report = await verifyHocBa(bytes, { trustRootFiles: [tok.rootPem], trustStoreDir: null });
      expect(report.ok).toBe(true);
      expect(report.roles).toEqual(["GVCN", "ThuTruong"]);
      expect(
        xmlsec1Verify(bytes, "sig-ThuTruong", { root: tok.rootPem, intermediate: tok.intermediatePem }).ok,
      ).toBe(true);
    }
  });

  it("signs the good files when one fails, exits 1 and names the failed file", async () => {
    const bad = path.join(inDir, "hong.xml");
    writeFileSync(bad, "<khong-phai-hoc-ba/>");
    const out = path.join(tmp, "mixed");
    const r = await sign(
      [
        files[0] ?? "",
        bad,
        files[1] ?? "",
        path.join(inDir, "khong-co.xml"),
        "--role",
        "gvcn",
        "--token",
        tok.tokenLabel,
        "--cert",
        "gvcn",
        "--pin-stdin",
        "--out",
        out,
      ],
      `${tok.pin}\n`,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`✗ ${bad}: Tệp không phải học bạ số hợp lệ nên không được ký`);
    expect(r.stderr).toContain("khong-co.xml");
    expect(r.stdout).toContain("Đã ký 2/4 tệp");
    expect(readdirSync(out).sort()).toEqual(
      [path.basename(files[0] ?? ""), path.basename(files[1] ?? "")].sort(),
    );
  });

  it("a wrong PIN exits 1 with the token's PIN state and signs nothing", async () => {
    const out = path.join(tmp, "wrong-pin");
    const r = await sign(
      [
        files[0] ?? "",
        "--role",
        "gvcn",
        "--token",
        tok.tokenLabel,
        "--cert",
        "gvcn",
        "--pin-stdin",
        "--out",
        out,
      ],
      "999999\n",
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/Lỗi: Mã PIN của token «HocBa-Test» không đúng/);
    expect(r.stderr).not.toContain("999999");
    expect(existsSync(out)).toBe(false);
  });

  it("refuses ThuTruong on unsigned files (out of order), per file", async () => {
    const out = path.join(tmp, "order");
    const r = await sign(
      [
        files[0] ?? "",
        "--role",
        "thu-truong",
        "--token",
        tok.tokenLabel,
        "--cert",
        "thu-truong",
        "--pin-stdin",
        "--out",
        out,
      ],
      `${tok.pin}\n`,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "Chưa thể ký với vai trò Thủ trưởng (Giám đốc/Hiệu trưởng): học bạ chưa có chữ ký của Giáo viên chủ nhiệm.",
    );
  });

  it.each([
    [["--role", "gvcn", "--token", "HocBa-Test", "--out", "x"], "SIGN_PIN_SOURCE", "--pin-stdin"],
    [
      ["--role", "gvcn", "--token", "HocBa-Test", "--out", "x", "--pin-stdin", "--pin-env", "P"],
      "SIGN_PIN_SOURCE",
      "--pin-stdin",
    ],
    [
      ["--role", "hieu-pho", "--token", "HocBa-Test", "--out", "x", "--pin-stdin"],
      "SIGN_UNKNOWN_ROLE",
      "hieu-pho",
    ],
    [["--token", "HocBa-Test", "--out", "x", "--pin-stdin"], "CLI_BAD_ARGS", "--role"],
    [["--role", "gvcn", "--token", "HocBa-Test", "--pin-stdin"], "CLI_BAD_ARGS", "--out"],
  ])("bad arguments %j exit non-zero with a message", async (args, _code, mention) => {
    const r = await sign([files[0] ?? "", ...args], "");
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(mention);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("refuses to write the signed copies over the originals", async () => {
    const r = await sign(
      [files[0] ?? "", "--role", "gvcn", "--token", tok.tokenLabel, "--pin-stdin", "--out", inDir],
      `${tok.pin}\n`,
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("trùng thư mục chứa tệp gốc");
  });
});

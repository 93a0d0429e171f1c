import { createServer } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isHocBaError } from "../../../shared/errors/hocba-error.ts";
import { signHocBa } from "../../../native-host/sign/sign-hocba.ts";
import { openTokenSession, type TokenSession } from "../../../native-host/token/token-session.ts";
import type { TokenSigner } from "../../../native-host/token/token-signer.ts";
import { requestTimestamp } from "../../../native-host/trust/request-timestamp.ts";
import { checkTimestampToken } from "../../../native-host/trust/check-timestamp-token.ts";
import { verifyHocBa } from "../../../native-host/verify/verify-hocba.ts";
import { sampleDocument } from "../../support/hocba-documents.ts";
import { startLoopbackTsa, type LoopbackTsa } from "../../support/loopback-tsa.ts";
import { useTestToken, type TestToken } from "../../support/test-token.ts";
import { xmlsec1Verify } from "../../support/xmlsec1.ts";
import { createPkcs11Backend } from "../../../native-host/host/pkcs11-backend.ts";
import { runHocba } from "../../support/run-hocba.ts";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

let tok: TestToken;
let session: TokenSession;
let tsa: LoopbackTsa;
const signers = {} as Record<"gvcn" | "thu-truong" | "don-vi", TokenSigner>;
let afterGvcn: Buffer;
let afterDonVi: Buffer;
let plainDonVi: Buffer;

const stamp = (data: Buffer) =>
  requestTimestamp({ url: tsa.url, timeoutMs: 10_000 }, data).then((t) => t.token);

/** A port on 127.0.0.1 nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (isHocBaError(err)) return `${err.code}: ${err.message}`;
    throw err;
  }
  return "no error";
}

beforeAll(async () => {
  tok = useTestToken();
  tsa = await startLoopbackTsa({ intermediatePem: tok.intermediatePem, pkiDir: tok.pkiDir });
  session = openTokenSession({ modulePath: tok.modulePath, tokenLabel: tok.tokenLabel });
  session.login(tok.pin);
  for (const cert of ["gvcn", "thu-truong", "don-vi"] as const) {
    signers[cert] = session.selectSigner({ cert });
  }
  const unsigned = sampleDocument().bytes;
  afterGvcn = await signHocBa(signers.gvcn, unsigned, "GVCN", { timestamp: stamp });
  const afterThuTruong = await signHocBa(signers["thu-truong"], afterGvcn, "ThuTruong", { timestamp: stamp });
  afterDonVi = await signHocBa(signers["don-vi"], afterThuTruong, "DonVi", { timestamp: stamp });
  plainDonVi = await signHocBa(
    signers["don-vi"],
    await signHocBa(signers["thu-truong"], await signHocBa(signers.gvcn, unsigned, "GVCN"), "ThuTruong"),
    "DonVi",
  );
}, 60_000);
afterAll(async () => {
  session.close();
  await tsa.close();
});

describe("RFC 3161 client against openssl ts on 127.0.0.1", () => {
  it("gets a token over the imprint, signed by the TSA, with its certificate", async () => {
    const imprint = Buffer.alloc(32, 7);
    const t = await requestTimestamp({ url: tsa.url }, imprint);
    const check = await checkTimestampToken(t.token, imprint);
    expect(check.ok).toBe(true);
    if (check.ok) {
      expect(check.tsaName).toBe("TSA thu nghiem");
      expect(Math.abs(check.genTime.getTime() - t.genTime.getTime())).toBe(0);
    }
    const other = await checkTimestampToken(t.token, Buffer.alloc(32, 8));
    expect(other.ok).toBe(false);
  });

  it("refuses a token the TSA made over another value", async () => {
    tsa.mode = "wrong-imprint";
    try {
      expect(await codeOf(requestTimestamp({ url: tsa.url }, Buffer.alloc(32, 1)))).toMatch(
        /^TSA_BAD_RESPONSE: .*message imprint khác/,
      );
    } finally {
      tsa.mode = "ok";
    }
  });

  it("an unreachable TSA is TSA_UNREACHABLE, named in Vietnamese", async () => {
    const url = `http://127.0.0.1:${await closedPort()}/tsa`;
    expect(await codeOf(requestTimestamp({ url, timeoutMs: 3000 }, Buffer.alloc(32)))).toMatch(
      /^TSA_UNREACHABLE: Không kết nối được máy chủ cấp dấu thời gian http:\/\/127\.0\.0\.1:\d+\/tsa \(ECONNREFUSED\)/,
    );
  });
});

describe("XAdES B-T signatures", () => {
  it("each signature carries its SignatureTimeStamp, covered by the next role's signature", () => {
    const t = afterDonVi.toString("utf8");
    expect(t.match(/<xades:SignatureTimeStamp>/g)).toHaveLength(3);
    // The GVCN signature, with its timestamp, is byte for byte the one the later roles reference.
    const gvcn = afterGvcn.toString("utf8");
    const sig = gvcn.slice(gvcn.indexOf("<ds:Signature"), gvcn.indexOf("</ds:Signature>") + 15);
    expect(sig).toContain("<xades:EncapsulatedTimeStamp>");
    expect(t).toContain(sig);
  });

  it("xmlsec1 still verifies every signature", () => {
    for (const id of ["sig-GVCN", "sig-ThuTruong", "sig-DonVi"]) {
      const r = xmlsec1Verify(afterDonVi, id, { root: tok.rootPem, intermediate: tok.intermediatePem });
      expect(r.ok, r.output).toBe(true);
    }
  });
});

describe("verifying B-T signatures", () => {
  const verify = (bytes: Uint8Array, at?: Date) =>
    verifyHocBa(bytes, { trustRootFiles: [tok.rootPem], trustStoreDir: null, ...(at ? { at } : {}) });

  it("reports B-T per signature, with the TSA and its time; the same record without timestamps is B-B", async () => {
    const r = await verify(afterDonVi);
    expect(r.signatures.flatMap((s) => s.issues)).toEqual([]);
    expect(r.ok).toBe(true);
    expect(r.signatures.map((s) => s.level)).toEqual(["B-T", "B-T", "B-T"]);
    expect(r.signatures[0]?.timestamp?.tsa).toBe("TSA thu nghiem");
    expect(r.signatures[0]?.timestamp?.time).toMatch(/\+07:00$/);
    const plain = await verify(plainDonVi);
    expect(plain.ok).toBe(true);
    expect(plain.signatures.map((s) => s.level)).toEqual(["B-B", "B-B", "B-B"]);
    expect(plain.signatures.every((s) => s.timestamp === undefined)).toBe(true);
  });

  it("after the signers' certificates expired (--at 2041), timestamped signatures stay valid, the others do not", async () => {
    // The test signer certificates are valid 2024-01-01 .. 2040-01-01 (scripts/make-test-token.sh).
    const at = new Date("2041-01-01T00:00:00+07:00");
    const stamped = await verify(afterDonVi, at);
    expect(stamped.signatures.flatMap((s) => s.issues)).toEqual([]);
    expect(stamped.ok).toBe(true);
    const plain = await verify(plainDonVi, at);
    expect(plain.ok).toBe(false);
    expect(plain.signatures.map((s) => s.issues.map((i) => i.code))).toEqual([
      ["VERIFY_SIG_CERT_EXPIRED_NO_TIMESTAMP"],
      ["VERIFY_SIG_CERT_EXPIRED_NO_TIMESTAMP"],
      ["VERIFY_SIG_CERT_EXPIRED_NO_TIMESTAMP"],
    ]);
  });

  it("refuses a timestamp taken over another SignatureValue (moved from another signature)", async () => {
    const unsigned = sampleDocument().bytes;
    const other = await signHocBa(signers.gvcn, unsigned, "GVCN", {
      timestamp: stamp,
      // Another SigningTime, so another SignatureValue (the TSA stamps the real clock anyway).
      signingTime: new Date(Date.now() - 120_000),
    });
    const tokenOf = (b: Buffer) =>
      /<xades:EncapsulatedTimeStamp>([^<]+)</.exec(b.toString("utf8"))?.[1] ?? "";
    expect(tokenOf(other)).not.toBe(tokenOf(afterGvcn));
    const moved = Buffer.from(other.toString("utf8").replace(tokenOf(other), tokenOf(afterGvcn)), "utf8");
    const r = await verify(moved);
    expect(r.ok).toBe(false);
    expect(r.signatures[0]?.level).toBe("B-B");
    expect(r.signatures[0]?.issues.map((i) => i.code)).toEqual(["VERIFY_TS_INVALID"]);
    expect(r.signatures[0]?.issues[0]?.message).toContain("message imprint khác");
    // xmlsec1 ignores unsigned properties: for it the signature is still fine.
    expect(
      xmlsec1Verify(moved, "sig-GVCN", { root: tok.rootPem, intermediate: tok.intermediatePem }).ok,
    ).toBe(true);
  });

  it("a timestamp from a TSA that does not chain to a trusted root makes the signature invalid", async () => {
    const r = await verifyHocBa(afterGvcn, {
      trustRootFiles: [tok.rootPem],
      trustStoreDir: null,
    });
    expect(r.ok).toBe(true);
    // The same document, trusting only an unrelated root: neither signer nor TSA chains.
    const u = await verifyHocBa(afterGvcn, { trustRootFiles: [tok.untrustedRootPem], trustStoreDir: null });
    expect(u.signatures[0]?.issues.map((i) => i.code)).toContain("VERIFY_TS_UNTRUSTED");
  });

  it("hocba verify --at prints the level and judges as of that date (text and --json)", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "hocba-ts-cli-"));
    writeFileSync(path.join(dir, "bt.xml"), afterDonVi);
    writeFileSync(path.join(dir, "bb.xml"), plainDonVi);
    const text = await runHocba(
      ["verify", "bt.xml", "bb.xml", "--trust", tok.rootPem, "--at", "2041-01-01"],
      {
        cwd: dir,
      },
    );
    expect(text.stdout).toContain("Mức chữ ký: B-T (dấu thời gian của TSA thu nghiem lúc");
    expect(text.stdout).toContain("Mức chữ ký: B-B (không có dấu thời gian");
    expect(text.code).toBe(1);
    const json = await runHocba(
      ["verify", "bt.xml", "--trust", tok.rootPem, "--at", "2041-01-01", "--json"],
      {
        cwd: dir,
      },
    );
    expect(json.code, json.stderr).toBe(0);
    expect(json.stdout).toContain('"level": "B-T"');
    const bad = await runHocba(["verify", "bt.xml", "--at", "mai"], { cwd: dir });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("--at «mai»");
  });
});

describe("hocba sign with a TSA", () => {
  const signCli = async (extra: string[], env: NodeJS.ProcessEnv = {}) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "hocba-ts-sign-"));
    const input = path.join(dir, "in");
    const out = path.join(dir, "out");
    mkdirSync(input);
    const file = path.join(input, "a.xml");
    writeFileSync(file, sampleDocument().bytes);
    const r = await runHocba(
      [
        "sign",
        file,
        "--role",
        "gvcn",
        "--token",
        tok.tokenLabel,
        "--cert",
        "gvcn",
        "--pin-env",
        "PIN",
        "--out",
        out,
        ...extra,
      ],
      {
        env: {
          ...tok.env,
          PIN: tok.pin,
          HOCBA_ARCHIVE: path.join(dir, "kho.sqlite"),
          HOCBA_TSA_URL: "",
          ...env,
        },
      },
    );
    const outFile = path.join(out, "a.xml");
    return { ...r, signed: existsSync(outFile) ? readFileSync(outFile) : undefined };
  };

  it("--tsa: the signature is B-T; HOCBA_TSA_URL does the same", async () => {
    const a = await signCli(["--tsa", tsa.url, "--json"]);
    expect(a.code, a.stderr).toBe(0);
    expect((JSON.parse(a.stdout) as { level: string }).level).toBe("B-T");
    const r = await verifyHocBa(a.signed ?? Buffer.alloc(0), {
      trustRootFiles: [tok.rootPem],
      trustStoreDir: null,
    });
    expect(r.signatures.map((x) => x.level)).toEqual(["B-T"]);
    const b = await signCli([], { HOCBA_TSA_URL: tsa.url });
    expect(b.code, b.stderr).toBe(0);
    expect(b.signed?.toString("utf8")).toContain("<xades:SignatureTimeStamp>");
  });

  it("no TSA configured: B-B, and the summary says so", async () => {
    const a = await signCli([]);
    expect(a.code, a.stderr).toBe(0);
    expect(a.stdout).toContain("Chưa cấu hình máy chủ cấp dấu thời gian");
    expect(a.signed?.toString("utf8")).not.toContain("UnsignedProperties");
  });

  it("an unreachable TSA stops before the PIN; --allow-no-timestamp signs B-B with a warning", async () => {
    const url = `http://127.0.0.1:${await closedPort()}/tsa`;
    const a = await signCli(["--tsa", url]);
    expect(a.code).not.toBe(0);
    expect(a.stderr).toContain(`Không kết nối được máy chủ cấp dấu thời gian ${url}`);
    expect(a.stderr).toContain("Chưa ký và chưa hỏi mã PIN");
    expect(a.signed).toBeUndefined();
    const b = await signCli(["--tsa", url, "--allow-no-timestamp", "--json"]);
    expect(b.code, b.stderr).toBe(0);
    expect(b.stderr).toContain("⚠");
    expect((JSON.parse(b.stdout) as { level: string }).level).toBe("B-B");
    expect(b.signed?.toString("utf8")).not.toContain("UnsignedProperties");
  });
});

describe("the browser helper with HOCBA_TSA_URL", () => {
  const logged: string[] = [];
  const log = { file: null, info: () => undefined, error: (event: string) => void logged.push(event) };
  const made: Array<ReturnType<typeof createPkcs11Backend>> = [];
  const backend = (env: Record<string, string>) => {
    const b = createPkcs11Backend({ env: { HOCBA_PKCS11_MODULES: tok.modulePath, ...env }, log });
    made.push(b);
    return b;
  };
  afterAll(async () => {
    for (const b of made) await b.close();
  });
  const open = { tokenLabel: "", certId: "01", pin: "" };

  it("timestamps each signature; an unreachable TSA stops before the login unless HOCBA_ALLOW_NO_TIMESTAMP=1", async () => {
    const args = { ...open, tokenLabel: tok.tokenLabel, pin: tok.pin };
    const ok = backend({ HOCBA_TSA_URL: tsa.url });
    const signer = await ok.openSigner(args);
    try {
      const out = await signer.sign(sampleDocument().bytes, "GVCN", {
        fileName: "a.xml",
        signal: new AbortController().signal,
      });
      expect(Buffer.from(out.bytes).toString("utf8")).toContain("<xades:SignatureTimeStamp>");
    } finally {
      await signer.close();
    }
    const url = `http://127.0.0.1:${await closedPort()}/tsa`;
    expect(await codeOf(backend({ HOCBA_TSA_URL: url }).openSigner(args))).toMatch(/^TSA_UNREACHABLE/);
    const fallback = await backend({ HOCBA_TSA_URL: url, HOCBA_ALLOW_NO_TIMESTAMP: "1" }).openSigner(args);
    await fallback.close();
    expect(logged).toContain("timestamp-unavailable");
  });
});

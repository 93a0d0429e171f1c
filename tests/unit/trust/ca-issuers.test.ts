import { execFileSync } from "node:child_process";
import { X509Certificate } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HocBaArchive } from "../../../native-host/archive/hocba-archive.ts";
import { createPkcs11Backend } from "../../../native-host/host/pkcs11-backend.ts";
import { completeSignerChain } from "../../../native-host/sign/complete-signer-chain.ts";
import { fetchCaIssuer } from "../../../native-host/trust/fetch-ca-issuer.ts";
import { TrustAnchors } from "../../../native-host/xmldsig/trust-anchors.ts";
import { isHocBaError } from "../../../shared/errors/hocba-error.ts";
import { freePort } from "../../support/free-port.ts";
import { sampleDocuments } from "../../support/hocba-documents.ts";
import { makeLongTermToken, type LongTermToken } from "../../support/long-term-token.ts";
import { runHocba } from "../../support/run-hocba.ts";
import { useTestToken, type TestToken } from "../../support/test-token.ts";
import { xmlsec1Verify } from "../../support/xmlsec1.ts";

// A token holding only the signers' own certificates (no intermediate, as many VNPT-CA and
// Viettel-CA tokens): the signer's AIA names caIssuers on a loopback server
// (tests/support/long-term-token.ts). The chain is completed before the PIN, from the trust store
// or by downloading, and written into KeyInfo for offline verifiers.

let tok: TestToken;
let lt: LongTermToken;
let intDer: Buffer;
let rootDer: Buffer;
/** The intermediate's very name on another key; its name and key, but not a CA. */
let sameNameOtherKey: Buffer;
let sameKeyNotCa: Buffer;
/** The intermediate (its name and key, a CA) certified by the root with SHA-1. */
let sha1Intermediate: Buffer;
/** The intermediate (its name and key) certified by the root with an AIA caIssuers of its own (a 404 on the repository). */
let intermediateWithAia: Buffer;
const tmp = mkdtempSync(path.join(os.tmpdir(), "hocba-ca-issuers-"));
const docs = sampleDocuments(1);
const input = path.join(tmp, "in", docs[0]?.name ?? "a.xml");
const intPem = () => path.join(lt.dir, "int.pem");

beforeAll(async () => {
  tok = useTestToken();
  lt = await makeLongTermToken(
    { intermediatePem: tok.intermediatePem, pkiDir: tok.pkiDir, modulePath: tok.modulePath },
    { tokenLabel: "HocBa-NoInt", intermediateOnToken: false },
  );
  // This process's PKCS#11 (the browser helper's backend below) reads this token.
  process.env.SOFTHSM2_CONF = lt.softhsm2Conf;
  intDer = readFileSync(path.join(lt.dir, "int.der"));
  rootDer = Buffer.from(new X509Certificate(readFileSync(tok.rootPem)).raw);
  [sameNameOtherKey, sameKeyNotCa, sha1Intermediate, intermediateWithAia] = impostors();
  mkdirSync(path.dirname(input));
  writeFileSync(input, docs[0]?.bytes ?? "");
}, 90_000);
afterAll(async () => {
  await lt?.close();
  rmSync(tmp, { recursive: true, force: true });
});

/** Made with `openssl ca` for a fixed window (2024-01-01..2040-01-01): self-signed, or by the root. */
function impostors(): [Buffer, Buffer, Buffer, Buffer] {
  const run = (args: string[]) =>
    execFileSync("openssl", args, { cwd: lt.dir, stdio: ["ignore", "pipe", "pipe"] });
  writeFileSync(
    path.join(lt.dir, "impostor.cnf"),
    "[ca_ext]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n" +
      "[not_ca]\nbasicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n" +
      "[ca_aia]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\n" +
      `authorityInfoAccess=caIssuers;URI:${lt.repository.caIssuersUrl.replace("int.cer", "root.cer")}\n`,
  );
  const subject = "/C=VN/O=HocBa Test PKI/CN=HocBa Test Issuing CA"; // scripts/make-test-token.sh
  const make = (name: string, key: string, section: string, byRoot?: "sha1" | "sha256"): Buffer => {
    run(["req", "-new", "-key", key, "-out", `${name}.csr`, "-utf8", "-subj", subject]);
    const root = ["-cert", tok.rootPem, "-keyfile", path.join(tok.pkiDir, "root.key"), "-md", byRoot ?? ""];
    const signer = byRoot ? root : ["-selfsign", "-keyfile", key];
    run([
      "ca",
      "-config",
      "ca.cnf",
      "-batch",
      "-notext",
      "-preserveDN",
      ...signer,
      "-in",
      `${name}.csr`,
      "-out",
      `${name}.pem`,
      "-startdate",
      "20240101000000Z",
      "-enddate",
      "20400101000000Z",
      "-extfile",
      "impostor.cnf",
      "-extensions",
      section,
    ]);
    return Buffer.from(new X509Certificate(readFileSync(path.join(lt.dir, `${name}.pem`))).raw);
  };
  run(["genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "other.key"]);
  const intKey = path.join(tok.pkiDir, "int.key");
  return [
    make("other-key", "other.key", "ca_ext"),
    make("not-ca", intKey, "not_ca"),
    make("int-sha1", intKey, "ca_ext", "sha1"),
    make("int-aia", intKey, "ca_aia", "sha256"),
  ];
}

interface SignReply {
  ok: boolean;
  revocation?: string;
}

/**
 * `hocba sign` as GVCN on the token without the intermediate; its archive is `<out>.sqlite`. The PIN
 * comes on standard input: `refusedBeforePin` gives none, so a run that got as far as reading it
 * would fail with SIGN_PIN_STDIN_EMPTY instead of the refusal expected.
 */
const sign = async (out: string, extra: string[], refusedBeforePin = false) => {
  const r = await runHocba(
    [
      "sign",
      input,
      "--role",
      "gvcn",
      "--token",
      lt.tokenLabel,
      "--module",
      lt.modulePath,
      "--cert",
      "gvcn",
      "--pin-stdin",
      "--out",
      path.join(tmp, out),
      "--json",
      ...extra,
    ],
    {
      env: {
        ...process.env,
        SOFTHSM2_CONF: lt.softhsm2Conf,
        HOCBA_ARCHIVE: path.join(tmp, `${out}.sqlite`),
        HOCBA_TSA_URL: "",
      },
      input: refusedBeforePin ? "" : `${lt.pin}\n`,
    },
  );
  return { ...r, reply: r.code === 0 ? (JSON.parse(r.stdout) as SignReply) : undefined };
};
const output = (out: string) => path.join(tmp, out, path.basename(input));

/** The certificates of the GVCN signature's KeyInfo, DER, in order. */
function keyInfoCertificates(bytes: Buffer): Buffer[] {
  const text = bytes.toString("utf8");
  const start = text.indexOf("<ds:KeyInfo", text.indexOf('Id="sig-GVCN"'));
  const keyInfo = text.slice(start, text.indexOf("</ds:KeyInfo>", start));
  return [...keyInfo.matchAll(/<ds:X509Certificate>([^<]+)<\/ds:X509Certificate>/g)].map((m) =>
    Buffer.from(m[1] ?? "", "base64"),
  );
}

/** Refused before the PIN: nothing written, nothing archived, no stack trace. */
function expectNothingSigned(out: string, r: { stderr: string }) {
  expect(r.stderr).toContain("Chưa ký và chưa hỏi mã PIN");
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(existsSync(path.join(tmp, out))).toBe(false);
  const archive = HocBaArchive.open(path.join(tmp, `${out}.sqlite`));
  try {
    expect(archive.count()).toBe(0);
  } finally {
    archive.close();
  }
}

describe("a token without the intermediate: hocba sign completes the chain before the PIN", () => {
  it("downloads the intermediate from caIssuers, writes it into KeyInfo after the signer's; hocba verify and xmlsec1 build the chain offline", async () => {
    await lt.repository.start();
    const asked = lt.repository.requests;
    const r = await sign("downloaded", ["--trust", tok.rootPem]);
    expect(r.code, r.stderr).toBe(0);
    // The issuer is known before the login, so OCSP can be asked about the signer.
    expect(r.reply).toMatchObject({ ok: true, revocation: "good" });
    expect(lt.repository.requests - asked).toBe(1);
    const bytes = readFileSync(output("downloaded"));
    const certs = keyInfoCertificates(bytes);
    expect(certs).toHaveLength(2);
    expect(certs[0]?.equals(lt.certDer("gvcn"))).toBe(true);
    expect(certs[1]?.equals(intDer)).toBe(true);
    const archive = HocBaArchive.open(path.join(tmp, "downloaded.sqlite"));
    try {
      const started = [...archive.auditLog()].find((e) => e.event === "batch-started");
      expect(JSON.parse(started?.details ?? "{}")).toMatchObject({ caIssuers: lt.repository.caIssuersUrl });
    } finally {
      archive.close();
    }

    // Offline: the loopback services stopped; only the root is given to either verifier.
    await Promise.all([lt.repository.stop(), lt.ocsp.stop()]);
    try {
      const v = await runHocba(["verify", output("downloaded"), "--trust", tok.rootPem, "--json"]);
      expect(v.code, `${v.stdout}${v.stderr}`).toBe(0);
      const report = JSON.parse(v.stdout) as {
        files: Array<{ ok: boolean; signatures: Array<{ role: string; chainTrusted: boolean }> }>;
      };
      expect(report.files[0]?.signatures.map((s) => [s.role, s.chainTrusted])).toEqual([["GVCN", true]]);
      const text = await runHocba(["verify", output("downloaded"), "--trust", tok.rootPem]);
      expect(text.stdout).toContain("chuỗi chứng thư: tin cậy");
      const x = xmlsec1Verify(bytes, "sig-GVCN", { root: tok.rootPem });
      expect(x.ok, x.output).toBe(true);
    } finally {
      await lt.ocsp.start();
    }
  });

  it("the intermediate given beside the root (--trust, not on the token, caIssuers down, download forbidden): taken from there, no request", async () => {
    await lt.repository.stop();
    const asked = lt.repository.requests;
    const r = await sign("from-trust", ["--trust", tok.rootPem, "--trust", intPem(), "--no-issuer-download"]);
    expect(r.code, r.stderr).toBe(0);
    expect(lt.repository.requests).toBe(asked);
    const certs = keyInfoCertificates(readFileSync(output("from-trust")));
    expect(certs.map((c) => c.equals(intDer))).toEqual([false, true]);
  });

  it("caIssuers server down: refused before the PIN in Vietnamese, naming the certificate and the URL", async () => {
    await lt.repository.stop();
    const r = await sign("down", ["--trust", tok.rootPem], true);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(
      `Token không có chứng thư của CA đã cấp chứng thư số «Trần Thị Thu Hằng», và không tải được chứng thư đó từ địa chỉ ghi trong chứng thư (caIssuers) ${lt.repository.caIssuersUrl} (ECONNREFUSED).`,
    );
    expectNothingSigned("down", r);
  });

  it("download forbidden and no intermediate in the trust store: refused before the PIN, saying where IT puts it", async () => {
    const r = await sign("forbidden", ["--trust", tok.rootPem, "--no-issuer-download"], true);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain("thiết lập không cho tải chứng thư đó");
    expect(r.stderr).toContain("trust-store");
    expectNothingSigned("forbidden", r);
  });

  it.each([
    [
      "the signer's own certificate",
      () => lt.certDer("gvcn"),
      "là của «Trần Thị Thu Hằng», không phải của CA đã cấp «HocBa Test Issuing CA»",
    ],
    [
      "the root",
      () => rootDer,
      "là của «HocBa Test Root CA», không phải của CA đã cấp «HocBa Test Issuing CA»",
    ],
    ["an HTML page", () => Buffer.from("<html>Not found</html>"), "không phải chứng thư số X.509"],
    [
      "the intermediate's name on another key",
      () => sameNameOtherKey,
      "khoá của chứng thư «HocBa Test Issuing CA» nhận được không khớp chữ ký trên chứng thư",
    ],
    [
      "the intermediate's name and key in a certificate that is not a CA",
      () => sameKeyNotCa,
      "chứng thư «HocBa Test Issuing CA» nhận được không phải chứng thư CA",
    ],
  ])("caIssuers serves %s: refused before the PIN, saying what came back", async (_what, body, detail) => {
    await lt.repository.start();
    lt.repository.caIssuersBody = body();
    try {
      const r = await sign("wrong", ["--trust", tok.rootPem], true);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain(
        `Địa chỉ ${lt.repository.caIssuersUrl} ghi trong chứng thư số «Trần Thị Thu Hằng» (caIssuers) không trả về chứng thư của CA đã cấp chứng thư này`,
      );
      expect(r.stderr).toContain(detail);
      expectNothingSigned("wrong", r);
    } finally {
      lt.repository.caIssuersBody = undefined;
    }
  });

  it("a downloaded intermediate outside the certificate policy (SHA-1): refused before the PIN, as a token's would be", async () => {
    await lt.repository.start();
    lt.repository.caIssuersBody = sha1Intermediate;
    try {
      const r = await sign("weak", ["--trust", tok.rootPem], true);
      expect(r.code).not.toBe(0);
      expect(r.stderr).toContain("Chứng thư số của HocBa Test Issuing CA");
      expect(r.stderr).toContain("thuật toán quá yếu");
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(path.join(tmp, "weak"))).toBe(false);
    } finally {
      lt.repository.caIssuersBody = undefined;
    }
  });

  it("the browser helper completes the chain the same way, and refuses a wrong certificate before the login", async () => {
    await lt.repository.start();
    const logged: string[] = [];
    const log = { file: null, info: (event: string) => void logged.push(event), error: () => undefined };
    const backend = createPkcs11Backend({
      env: { HOCBA_PKCS11_MODULES: lt.modulePath, HOCBA_TRUST_ROOTS: tok.rootPem },
      log,
    });
    const args = { tokenLabel: lt.tokenLabel, certId: "01", pin: lt.pin };
    try {
      const signer = await backend.openSigner(args);
      try {
        const out = await signer.sign(docs[0]?.bytes ?? new Uint8Array(), "GVCN", {
          fileName: "a.xml",
          signal: new AbortController().signal,
        });
        const certs = keyInfoCertificates(Buffer.from(out.bytes));
        expect(certs.map((c) => c.equals(intDer))).toEqual([false, true]);
        const x = xmlsec1Verify(out.bytes, "sig-GVCN", { root: tok.rootPem });
        expect(x.ok, x.output).toBe(true);
      } finally {
        await signer.close();
      }
      expect(logged).toContain("issuer-downloaded");

      lt.repository.caIssuersBody = lt.certDer("thu-truong");
      let refusal = "no error";
      await backend.openSigner(args).then(
        (s) => s.close(),
        (err: unknown) => (refusal = isHocBaError(err) ? `${err.code}: ${err.message}` : String(err)),
      );
      expect(refusal).toMatch(
        /^ISSUER_DOWNLOAD_NOT_ISSUER: Địa chỉ http:\/\/127\.0\.0\.1:\d+\/int\.cer ghi trong/,
      );
      expect(refusal).toContain("Chưa ký và chưa hỏi mã PIN");
    } finally {
      lt.repository.caIssuersBody = undefined;
      await backend.close();
    }
  });
});

describe("completing a chain: the trust-store folder and what caIssuers may serve", () => {
  const leaf = () => lt.certDer("gvcn");
  const store = (files: Record<string, Buffer | string>) => {
    const dir = mkdtempSync(path.join(tmp, "store-"));
    for (const [name, content] of Object.entries(files)) writeFileSync(path.join(dir, name), content);
    return TrustAnchors.load({ trustStoreDir: dir });
  };

  it("an intermediate in the trust-store folder completes the chain without the network, and is never an anchor", async () => {
    await lt.repository.stop();
    const asked = lt.repository.requests;
    const both = store({ "root.pem": readFileSync(tok.rootPem), "vnpt-int.cer": intDer });
    expect(both.rootDers).toEqual([rootDer]);
    expect(both.intermediateDers).toEqual([intDer]);
    const done = await completeSignerChain(leaf(), [leaf()], () => both, { download: false });
    expect(done).toEqual({ chain: [intDer], downloaded: [] });
    expect(lt.repository.requests).toBe(asked);
    // The folder's intermediate serves path building for verification too, up to the root.
    const chain = await both.chain(leaf(), []);
    expect(chain.trusted).toBe(true);

    // Alone in the folder it is no anchor: nothing chains to it.
    const onlyInt = store({ "vnpt-int.pem": readFileSync(intPem()) });
    expect(onlyInt.empty).toBe(true);
    expect((await onlyInt.chain(leaf(), [intDer])).trusted).toBe(false);
  });

  it("above the signer's issuer: a token's or the store's CA never sends it to the network; a downloaded CA's issuer is asked once, and a failure there only ends the chain", async () => {
    await lt.repository.start();
    const empty = () => store({});
    let asked = lt.repository.requests;
    // The token holds the intermediate, whose own caIssuers (the root) answers 404: not asked.
    const onToken = await completeSignerChain(leaf(), [leaf(), intermediateWithAia], empty);
    expect(onToken).toEqual({ chain: [intermediateWithAia], downloaded: [] });
    expect(lt.repository.requests).toBe(asked);
    // Downloaded: its issuer is asked for (404), which does not refuse; the root is not in KeyInfo.
    lt.repository.caIssuersBody = intermediateWithAia;
    try {
      const fetched = await completeSignerChain(leaf(), [leaf()], empty);
      expect(fetched).toEqual({ chain: [intermediateWithAia], downloaded: [lt.repository.caIssuersUrl] });
      expect(lt.repository.requests - asked).toBe(2);
      // With the root in the store, nothing above the intermediate is asked.
      asked = lt.repository.requests;
      const rooted = await completeSignerChain(leaf(), [leaf()], () => store({ "root.cer": rootDer }));
      expect(rooted.chain).toEqual([intermediateWithAia]);
      expect(lt.repository.requests - asked).toBe(1);
    } finally {
      lt.repository.caIssuersBody = undefined;
    }
  });

  it("takes the issuer as DER, PEM or a PKCS#7 bundle (DER or PEM) from caIssuers", async () => {
    await lt.repository.start();
    const run = (args: string[]) => execFileSync("openssl", args, { cwd: lt.dir });
    const p7 = run([
      "crl2pkcs7",
      "-nocrl",
      "-certfile",
      tok.rootPem,
      "-certfile",
      "int.pem",
      "-outform",
      "DER",
    ]);
    const p7pem = run(["crl2pkcs7", "-nocrl", "-certfile", "int.pem"]);
    try {
      for (const body of [undefined, readFileSync(intPem()), p7, p7pem]) {
        lt.repository.caIssuersBody = body;
        const got = await fetchCaIssuer(leaf(), lt.repository.caIssuersUrl);
        expect(got.equals(intDer)).toBe(true);
      }
      // The root is not a CA certificate of KeyInfo: the chain stops below it.
      lt.repository.caIssuersBody = undefined;
      const done = await completeSignerChain(leaf(), [], () => store({ "root.pem": rootDer }));
      expect(done).toEqual({ chain: [intDer], downloaded: [lt.repository.caIssuersUrl] });
    } finally {
      lt.repository.caIssuersBody = undefined;
    }
  });

  it("a server that does not answer in time, or answers too much: ISSUER_DOWNLOAD_FAILED saying which", async () => {
    const port = await freePort();
    const silent = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(port, "127.0.0.1", r));
    const failure = (p: Promise<unknown>) =>
      p.then(
        () => "no error",
        (err: unknown) => (isHocBaError(err) ? `${err.code}: ${err.message}` : String(err)),
      );
    try {
      expect(
        await failure(fetchCaIssuer(leaf(), `http://127.0.0.1:${port}/int.cer`, { timeoutMs: 300 })),
      ).toMatch(/^ISSUER_DOWNLOAD_FAILED: .*\(quá 0\.3 giây không trả lời\)/);
    } finally {
      silent.closeAllConnections();
      await new Promise<void>((r) => silent.close(() => r()));
    }
    await lt.repository.start();
    lt.repository.caIssuersBody = Buffer.alloc(70 * 1024, 0x41);
    try {
      expect(await failure(fetchCaIssuer(leaf(), lt.repository.caIssuersUrl))).toMatch(
        /^ISSUER_DOWNLOAD_FAILED: .*\(tệp lớn hơn 64 KB\)/,
      );
    } finally {
      lt.repository.caIssuersBody = undefined;
    }
  });
});

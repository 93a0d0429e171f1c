import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HocBaArchive } from "../../../native-host/archive/hocba-archive.ts";
import { createPkcs11Backend } from "../../../native-host/host/pkcs11-backend.ts";
import { isHocBaError } from "../../../shared/errors/hocba-error.ts";
import { sampleDocuments } from "../../support/hocba-documents.ts";
import { makeLongTermToken, type LongTermToken } from "../../support/long-term-token.ts";
import { startLoopbackTsa, type LoopbackTsa } from "../../support/loopback-tsa.ts";
import { runHocba } from "../../support/run-hocba.ts";
import { useTestToken, type TestToken } from "../../support/test-token.ts";
import { xmlsec1Verify } from "../../support/xmlsec1.ts";

// B-LT end to end: the real CLI on a real SoftHSM token whose certificates name an OCSP responder,
// caIssuers and a CRL on 127.0.0.1 (tests/support/long-term-token.ts), a loopback `openssl ts` TSA.

let tok: TestToken;
let lt: LongTermToken;
let tsa: LoopbackTsa;
const tmp = mkdtempSync(path.join(os.tmpdir(), "hocba-lt-cli-"));
const docs = sampleDocuments(2);
const inDir = path.join(tmp, "in");
const inputs = docs.map((d) => path.join(inDir, d.name));
/** Fixed: after the signers' certificates expired (2040-01-01), so only the kept data can tell. */
const AT = "2041-01-01";

beforeAll(async () => {
  tok = useTestToken();
  const pki = { intermediatePem: tok.intermediatePem, pkiDir: tok.pkiDir };
  [lt, tsa] = await Promise.all([
    makeLongTermToken({ ...pki, modulePath: tok.modulePath }),
    startLoopbackTsa(pki),
  ]);
  // This process's PKCS#11 (the browser helper's backend below) reads this token, not the shared one.
  process.env.SOFTHSM2_CONF = lt.softhsm2Conf;
  mkdirSync(inDir);
  docs.forEach((d, i) => writeFileSync(inputs[i] ?? "", d.bytes));
}, 90_000);
afterAll(async () => {
  await Promise.all([lt?.close(), tsa?.close()]);
  rmSync(tmp, { recursive: true, force: true });
});

interface SignReply {
  ok: boolean;
  level: string;
  revocation?: string;
  revocationWarning?: string;
  files: Array<{ ok: boolean; output?: string; resumed?: boolean }>;
}

/** `hocba sign` on the long-term token; `extra` after the common flags. Its archive is `<out>.sqlite`. */
const sign = async (files: string[], role: "gvcn" | "thu-truong", out: string, extra: string[]) => {
  const r = await runHocba(
    [
      "sign",
      ...files,
      "--role",
      role,
      "--token",
      lt.tokenLabel,
      "--module",
      lt.modulePath,
      "--cert",
      role,
      "--pin-env",
      "PIN",
      "--out",
      path.join(tmp, out),
      "--trust",
      tok.rootPem,
      "--json",
      ...extra,
    ],
    {
      env: {
        ...process.env,
        SOFTHSM2_CONF: lt.softhsm2Conf,
        PIN: lt.pin,
        HOCBA_ARCHIVE: path.join(tmp, `${out}.sqlite`),
        HOCBA_TSA_URL: "",
      },
    },
  );
  return { ...r, reply: r.code === 0 ? (JSON.parse(r.stdout) as SignReply) : undefined };
};
const outputs = (out: string) => inputs.map((f) => path.join(tmp, out, path.basename(f)));
type SignRun = Awaited<ReturnType<typeof sign>>;

/**
 * The class signed by GVCN then thủ trưởng with OCSP answering (ocsp-gvcn, ocsp-tt), once, by
 * whichever test needs it first: each test can run alone (-t) and none signs it twice.
 */
let ocspSigning: Promise<{ a: SignRun; b: SignRun; ocspRequests: number }> | undefined;
const signedWithOcsp = () =>
  (ocspSigning ??= (async () => {
    await Promise.all([lt.ocsp.start(), lt.repository.start()]);
    const before = lt.ocsp.requests;
    const a = await sign(inputs, "gvcn", "ocsp-gvcn", ["--tsa", tsa.url]);
    const b = await sign(outputs("ocsp-gvcn"), "thu-truong", "ocsp-tt", ["--tsa", tsa.url]);
    return { a, b, ocspRequests: lt.ocsp.requests - before };
  })());

/** The same with OCSP down and --crl-fallback (crl-gvcn, crl-tt), once. */
let crlSigning: Promise<{ a: SignRun; b: SignRun; crlRequests: number }> | undefined;
const signedWithCrl = () =>
  (crlSigning ??= (async () => {
    await lt.ocsp.stop();
    await lt.repository.start();
    const before = lt.repository.requests;
    const flags = ["--tsa", tsa.url, "--crl-fallback"];
    const a = await sign(inputs, "gvcn", "crl-gvcn", flags);
    const b = await sign(outputs("crl-gvcn"), "thu-truong", "crl-tt", flags);
    return { a, b, crlRequests: lt.repository.requests - before };
  })());

/** The whole `<ds:Signature>` element with Id `sig-<role>`. */
function signatureOf(bytes: Buffer, role: string): string {
  const t = bytes.toString("utf8");
  const start = t.lastIndexOf("<ds:Signature", t.indexOf(`Id="sig-${role}"`));
  return t.slice(start, t.indexOf("</ds:Signature>", start) + "</ds:Signature>".length);
}
const count = (text: string, tag: string) => text.split(`<xades:${tag}>`).length - 1;

describe("hocba sign writes B-LT on a SoftHSM token whose certificates name OCSP and CRL", () => {
  it("GVCN then thủ trưởng with a TSA and OCSP: each signature keeps its chain and OCSP response before the next role signs", async () => {
    const { a, b, ocspRequests } = await signedWithOcsp();
    expect(a.code, a.stderr).toBe(0);
    expect(a.reply).toMatchObject({ ok: true, level: "B-LT", revocation: "good" });
    expect(a.stderr).toBe("");
    expect(b.code, b.stderr).toBe(0);
    expect(b.reply).toMatchObject({ ok: true, level: "B-LT", revocation: "good" });
    for (const [i, file] of outputs("ocsp-tt").entries()) {
      const bytes = readFileSync(file);
      for (const role of ["GVCN", "ThuTruong"]) {
        const sig = signatureOf(bytes, role);
        expect(sig).toMatch(
          /<\/xades:SignatureTimeStamp><xades:CertificateValues>(<xades:EncapsulatedX509Certificate>[^<]+<\/xades:EncapsulatedX509Certificate>)+<\/xades:CertificateValues><xades:RevocationValues><xades:OCSPValues><xades:EncapsulatedOCSPValue>/,
        );
        expect(count(sig, "EncapsulatedOCSPValue")).toBe(1);
        expect(count(sig, "EncapsulatedCRLValue")).toBe(0);
      }
      // The GVCN's finished signature, validation data included, is the one the head's covers.
      const gvcn = signatureOf(readFileSync(outputs("ocsp-gvcn")[i] ?? ""), "GVCN");
      expect(signatureOf(bytes, "GVCN")).toBe(gvcn);
    }
    // One answer before the login, then one after each timestamp; per role.
    expect(ocspRequests).toBe(2 * (1 + inputs.length));
    // The level and where the answer came from are in the batch's audit entry.
    const archive = HocBaArchive.open(path.join(tmp, "ocsp-gvcn.sqlite"));
    try {
      const started = [...archive.auditLog()].find((e) => e.event === "batch-started");
      expect(JSON.parse(started?.details ?? "{}")).toMatchObject({
        level: "B-LT",
        revocation: "good",
        ocsp: lt.ocsp.url,
        tsa: tsa.url,
      });
      expect(archive.count()).toBe(inputs.length);
    } finally {
      archive.close();
    }
  });

  it("OCSP down, --crl-fallback: the CRL from the certificate's CDP is asked and kept instead", async () => {
    const { a, b, crlRequests } = await signedWithCrl();
    expect(a.code, a.stderr).toBe(0);
    expect(a.reply).toMatchObject({ ok: true, level: "B-LT", revocation: "good" });
    expect(b.code, b.stderr).toBe(0);
    expect(b.reply).toMatchObject({ ok: true, level: "B-LT", revocation: "good" });
    for (const file of outputs("crl-tt")) {
      const bytes = readFileSync(file);
      for (const role of ["GVCN", "ThuTruong"]) {
        const sig = signatureOf(bytes, role);
        expect(sig).toContain("<xades:CertificateValues>");
        expect(sig).toMatch(/<xades:RevocationValues><xades:CRLValues><xades:EncapsulatedCRLValue>/);
        expect(count(sig, "EncapsulatedCRLValue")).toBe(1);
        expect(count(sig, "EncapsulatedOCSPValue")).toBe(0);
      }
    }
    // Per role, the CRL is downloaded once before the login and once for the whole batch, although
    // the batch's documents are signed side by side (they share the download under way).
    expect(crlRequests).toBe(4);
  });

  it("OCSP down and no fallback: refused before the PIN in Vietnamese, nothing signed or written; --allow-revocation-unchecked signs B-T with a warning", async () => {
    await lt.ocsp.stop();
    const a = await sign(inputs, "gvcn", "refused", ["--tsa", tsa.url]);
    expect(a.code).not.toBe(0);
    expect(a.stderr).toContain(
      `Không kiểm tra được tình trạng thu hồi của chứng thư số qua ${lt.ocsp.url} (ECONNREFUSED). Chưa ký và chưa hỏi mã PIN.`,
    );
    expect(a.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(path.join(tmp, "refused"))).toBe(false);
    const archive = HocBaArchive.open(path.join(tmp, "refused.sqlite"));
    try {
      expect(archive.count()).toBe(0);
    } finally {
      archive.close();
    }
    expect(inputs.map((f) => readFileSync(f).toString("utf8").includes("ds:Signature"))).toEqual([
      false,
      false,
    ]);

    const b = await sign(inputs, "gvcn", "unchecked", ["--tsa", tsa.url, "--allow-revocation-unchecked"]);
    expect(b.code, b.stderr).toBe(0);
    expect(b.stderr).toContain("⚠ Cảnh báo: không kiểm tra được tình trạng thu hồi của chứng thư số");
    expect(b.reply).toMatchObject({ ok: true, level: "B-T", revocation: "unchecked" });
    for (const file of outputs("unchecked")) {
      const sig = signatureOf(readFileSync(file), "GVCN");
      expect(sig).toContain("<xades:SignatureTimeStamp>");
      expect(sig).not.toContain("<xades:RevocationValues>");
    }
  });

  it("a rerun of the finished class with OCSP down answers from the archive: no responder, no PIN needed", async () => {
    await signedWithOcsp();
    await lt.ocsp.stop();
    const before = readFileSync(outputs("ocsp-gvcn")[0] ?? "");
    const a = await sign(inputs, "gvcn", "ocsp-gvcn", ["--tsa", tsa.url]);
    expect(a.code, a.stderr).toBe(0);
    expect(a.reply?.files.map((f) => f.resumed)).toEqual([true, true]);
    expect(a.reply?.revocation).toBeUndefined();
    // The level is the documents' (read from their bytes), not what --tsa alone would give (B-T).
    expect(a.reply?.level).toBe("B-LT");
    expect(readFileSync(outputs("ocsp-gvcn")[0] ?? "").equals(before)).toBe(true);
  });

  it("the browser helper refuses the same before the login, unless HOCBA_ALLOW_REVOCATION_UNCHECKED=1 (then B-T, the responder not asked again per document)", async () => {
    const logged: string[] = [];
    const log = { file: null, info: () => undefined, error: (event: string) => void logged.push(event) };
    const env = { HOCBA_PKCS11_MODULES: lt.modulePath, HOCBA_TSA_URL: tsa.url };
    const strict = createPkcs11Backend({ env, log });
    const lenient = createPkcs11Backend({ env: { ...env, HOCBA_ALLOW_REVOCATION_UNCHECKED: "1" }, log });
    const args = { tokenLabel: lt.tokenLabel, certId: "01", pin: lt.pin };
    await lt.ocsp.stop();
    try {
      let refusal = "no error";
      await strict.openSigner(args).then(
        (s) => s.close(),
        (err: unknown) => (refusal = isHocBaError(err) ? `${err.code}: ${err.message}` : String(err)),
      );
      expect(refusal).toMatch(
        /^REVOCATION_UNREACHABLE: Không kiểm tra được tình trạng thu hồi .*ECONNREFUSED/,
      );
      // The browser's user is told what IT sets for the helper, not only the CLI's option.
      expect(refusal).toContain("IT đặt HOCBA_ALLOW_REVOCATION_UNCHECKED=1 cho chương trình ký");
      expect(logged).toEqual([]);
      // Allowed unchecked: the responder (now answering HTTP 500) is asked once, before the login,
      // not again for each document.
      lt.ocsp.failing = true;
      await lt.ocsp.start();
      const asked = lt.ocsp.requests;
      const signer = await lenient.openSigner(args);
      try {
        const out = await signer.sign(docs[0]?.bytes ?? new Uint8Array(), "GVCN", {
          fileName: "a.xml",
          signal: new AbortController().signal,
        });
        const sig = signatureOf(Buffer.from(out.bytes), "GVCN");
        expect(sig).toContain("<xades:SignatureTimeStamp>");
        expect(sig).not.toContain("<xades:RevocationValues>");
      } finally {
        await signer.close();
      }
      expect(logged).toEqual(["revocation-warning"]);
      expect(lt.ocsp.requests - asked).toBe(1);
    } finally {
      lt.ocsp.failing = false;
      await lt.ocsp.stop();
      await strict.close();
      await lenient.close();
    }
  });

  it("a responder that stops answering after the login: the document is refused without B-LT data, and the message does not claim no PIN was asked", async () => {
    await lt.ocsp.start();
    const log = { file: null, info: () => undefined, error: () => undefined };
    const backend = createPkcs11Backend({
      env: { HOCBA_PKCS11_MODULES: lt.modulePath, HOCBA_TSA_URL: tsa.url },
      log,
    });
    try {
      const signer = await backend.openSigner({ tokenLabel: lt.tokenLabel, certId: "01", pin: lt.pin });
      await lt.ocsp.stop();
      let refusal = "no error";
      try {
        await signer.sign(docs[0]?.bytes ?? new Uint8Array(), "GVCN", {
          fileName: "a.xml",
          signal: new AbortController().signal,
        });
      } catch (err) {
        refusal = isHocBaError(err) ? `${err.code}: ${err.message}` : String(err);
      } finally {
        await signer.close();
      }
      expect(refusal).toMatch(
        /^REVOCATION_UNREACHABLE_AFTER_TIMESTAMP: Không hỏi lại được tình trạng thu hồi .* sau dấu thời gian \(ECONNREFUSED\).*Tệp này không được ký/,
      );
      expect(refusal).not.toContain("chưa hỏi mã PIN");
    } finally {
      await backend.close();
    }
  });

  it("offline (OCSP and CRL stopped, the TSA not asked), hocba verify --at 2041 reports B-LT for every signature; xmlsec1 verifies them", async () => {
    await signedWithOcsp();
    await signedWithCrl();
    await Promise.all([lt.ocsp.stop(), lt.repository.stop()]);
    // The TSA stays up for the other tests: verify has no reason to ask one, and a TSA that
    // listens counts what it is asked (a closed port could not show it).
    const seen = { ocsp: lt.ocsp.requests, repository: lt.repository.requests, tsa: tsa.requests };
    for (const [out, source] of [
      ["ocsp-tt", "OCSP"],
      ["crl-tt", "CRL"],
    ] as const) {
      const v = await runHocba(["verify", ...outputs(out), "--trust", tok.rootPem, "--at", AT, "--json"], {
        env: { ...process.env, HOCBA_TSA_URL: "" },
      });
      expect(v.code, `${v.stdout}${v.stderr}`).toBe(0);
      const report = JSON.parse(v.stdout) as {
        files: Array<{
          signatures: Array<{ role: string; level: string; revocation?: { source: string; status: string } }>;
        }>;
      };
      expect(report.files).toHaveLength(inputs.length);
      for (const f of report.files) {
        expect(
          f.signatures.map((s) => [s.role, s.level, s.revocation?.source, s.revocation?.status]),
        ).toEqual([
          ["GVCN", "B-LT", source, "good"],
          ["ThuTruong", "B-LT", source, "good"],
        ]);
      }
      for (const file of outputs(out)) {
        const bytes = readFileSync(file);
        for (const id of ["sig-GVCN", "sig-ThuTruong"]) {
          const r = xmlsec1Verify(bytes, id, {
            root: tok.rootPem,
            intermediate: tok.intermediatePem,
            verificationTime: "2030-01-01 00:00:00",
          });
          expect(r.ok, r.output).toBe(true);
        }
      }
    }
    expect({ ocsp: lt.ocsp.requests, repository: lt.repository.requests, tsa: tsa.requests }).toEqual(seen);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { checkSignerRevocation } from "../../../native-host/sign/check-signer-revocation.ts";
import { runHocba } from "../../support/run-hocba.ts";
import { HocBaArchive } from "../../../native-host/archive/hocba-archive.ts";
import { sampleDocument } from "../../support/hocba-documents.ts";
import { isHocBaError } from "../../../shared/errors/hocba-error.ts";
import { checkRevocation } from "../../../native-host/trust/check-revocation.ts";
import { startLoopbackOcsp, type LoopbackOcsp } from "../../support/loopback-ocsp.ts";
import { useTestToken, type TestToken } from "../../support/test-token.ts";

let tok: TestToken;
let ocsp: LoopbackOcsp;

beforeAll(async () => {
  tok = useTestToken();
  ocsp = await startLoopbackOcsp({ intermediatePem: tok.intermediatePem, pkiDir: tok.pkiDir });
}, 60_000);
afterAll(() => ocsp.close());

describe("OCSP at signing, against openssl ocsp on 127.0.0.1", () => {
  it("a good certificate is good", async () => {
    const r = await checkRevocation(ocsp.certs.good, ocsp.issuerDer);
    expect(r).toMatchObject({ status: "good", responder: ocsp.url, source: "ocsp" });
    // The responder's answer comes back as received, to be kept in the signature (B-LT).
    if (r.status === "good") expect(r.data[0]).toBe(0x30);
  });

  it("a revoked certificate is revoked, with its revocation date", async () => {
    const r = await checkRevocation(ocsp.certs.revoked, ocsp.issuerDer);
    expect(r.status).toBe("revoked");
    if (r.status === "revoked") expect(r.revokedAt.toISOString()).toBe("2025-03-01T00:00:00.000Z");
  });

  it("an unreachable responder is REVOCATION_UNREACHABLE", async () => {
    let code = "no error";
    try {
      await checkRevocation(ocsp.certs.unreachable, ocsp.issuerDer, { timeoutMs: 3000 });
    } catch (err) {
      code = isHocBaError(err) ? `${err.code}: ${err.message}` : String(err);
    }
    expect(code).toMatch(/^REVOCATION_UNREACHABLE: Không kiểm tra được tình trạng thu hồi .*ECONNREFUSED/);
  });

  it("the test token's certificates name no OCSP address", async () => {
    const der = Buffer.from(
      readFileSync(tok.certPem("gvcn"), "utf8").replace(/-----[^-]+-----|\s/g, ""),
      "base64",
    );
    expect(await checkRevocation(der, ocsp.issuerDer)).toEqual({ status: "no-address" });
  });
});

describe("the signer's revocation check before login", () => {
  const codeOf = async (p: Promise<unknown>): Promise<string> => {
    try {
      await p;
    } catch (err) {
      return isHocBaError(err) ? `${err.code}: ${err.message}` : String(err);
    }
    return "no error";
  };

  it("refuses a revoked certificate naming the revocation date; a good one is recorded as checked", async () => {
    expect(await codeOf(checkSignerRevocation(ocsp.certs.revoked, [ocsp.issuerDer]))).toMatch(
      /^REVOCATION_REVOKED: Chứng thư số của Thu hoi revoked đã bị thu hồi từ .*2025/,
    );
    expect(await checkSignerRevocation(ocsp.certs.good, [ocsp.issuerDer])).toEqual({
      audit: { revocation: "good", ocsp: ocsp.url },
    });
  });

  it("an unreachable responder refuses, or warns when the setting allows it", async () => {
    expect(
      await codeOf(checkSignerRevocation(ocsp.certs.unreachable, [ocsp.issuerDer], { timeoutMs: 3000 })),
    ).toMatch(/^REVOCATION_UNREACHABLE/);
    const f = await checkSignerRevocation(ocsp.certs.unreachable, [ocsp.issuerDer], {
      allowUnchecked: true,
      timeoutMs: 3000,
    });
    expect(f.audit.revocation).toBe("unchecked");
    expect(f.warning).toContain("không kiểm tra được tình trạng thu hồi");
  });

  it("hocba sign: a certificate without an OCSP address signs with a warning (stderr, JSON, audit entry), or is refused with --require-revocation", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "hocba-rev-sign-"));
    mkdirSync(path.join(dir, "in"));
    const file = path.join(dir, "in", "a.xml");
    writeFileSync(file, sampleDocument().bytes);
    const sign = (out: string, extra: string[]) =>
      runHocba(
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
          path.join(dir, out),
          "--json",
          ...extra,
        ],
        {
          env: {
            ...tok.env,
            PIN: tok.pin,
            HOCBA_ARCHIVE: path.join(dir, `${out}.sqlite`),
            HOCBA_TSA_URL: "",
          },
        },
      );
    const a = await sign("out1", []);
    expect(a.code, a.stderr).toBe(0);
    expect(a.stderr).toContain("không ghi địa chỉ OCSP");
    expect((JSON.parse(a.stdout) as { revocation: string }).revocation).toBe("no-address");
    const archive = HocBaArchive.open(path.join(dir, "out1.sqlite"));
    try {
      const started = [...archive.auditLog()].find((e) => e.event === "batch-started");
      const details = JSON.parse(started?.details ?? "{}") as Record<string, string>;
      expect(details.revocation).toBe("no-address");
      expect(details.revocationWarning).toContain("không ghi địa chỉ OCSP");
      expect(details.level).toBe("B-B");
    } finally {
      archive.close();
    }
    const b = await sign("out2", ["--require-revocation"]);
    expect(b.code).not.toBe(0);
    expect(b.stderr).toContain("--require-revocation");
    expect(existsSync(path.join(dir, "out2", "a.xml"))).toBe(false);
  });
});

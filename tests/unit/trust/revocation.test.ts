import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
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
    expect(await checkRevocation(ocsp.certs.good, ocsp.issuerDer)).toEqual({
      status: "good",
      responder: ocsp.url,
    });
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
    expect(await checkRevocation(der, ocsp.issuerDer)).toEqual({ status: "no-address", crl: [] });
  });
});

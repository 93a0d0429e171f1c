import { createHash, verify as cryptoVerify, X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { isHocBaError } from "../../../shared/errors/hocba-error.ts";
import { loadPkcs11Module } from "../../../native-host/token/load-pkcs11-module.ts";
import { P11, type Pkcs11Loader } from "../../../native-host/token/pkcs11-api.ts";
import { listTokens, openTokenSession, type TokenSession } from "../../../native-host/token/token-session.ts";
import { useTestToken, type TestToken } from "../../support/test-token.ts";

let tok: TestToken;
const open: TokenSession[] = [];
beforeAll(() => {
  tok = useTestToken();
});
afterEach(() => {
  while (open.length) open.pop()?.close();
});

function session(label = tok.tokenLabel, loader?: Pkcs11Loader): TokenSession {
  const s = openTokenSession({
    modulePath: tok.modulePath,
    tokenLabel: label,
    ...(loader ? { loader } : {}),
  });
  open.push(s);
  return s;
}

function errorCode(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (isHocBaError(err)) return err.code;
    throw err;
  }
  throw new Error("did not throw");
}

describe("SoftHSM token access", () => {
  it("lists initialised tokens by label with manufacturer, model, serial and PIN flags", () => {
    const tokens = listTokens({ modulePath: tok.modulePath });
    expect(tokens.map((t) => t.label).sort()).toEqual(["HocBa-Test", "HocBa-Trong"]);
    const t = tokens.find((x) => x.label === "HocBa-Test");
    expect(t?.manufacturer).toBe("SoftHSM project");
    expect(t?.model).toBe("SoftHSM v2");
    expect(t?.serialNumber).toMatch(/^[0-9a-f]{16}$/);
    expect(t?.loginRequired).toBe(true);
    expect(t?.pin).toEqual({
      countLow: false,
      finalTry: false,
      locked: false,
      toBeChanged: false,
      protectedAuthPath: false,
    });
  });

  it("reads certificates with Vietnamese subjects, CCCD/MST, issuer, validity, key usage and key type", () => {
    const certs = session().listCertificates();
    // In ID order, whatever order the token returns its objects in (SoftHSM's changes per run).
    const ids = certs.map((c) => c.id);
    expect(ids).toEqual([...ids].sort());
    expect(ids.slice(0, 3)).toEqual(["01", "02", "03"]);
    const byLabel = (l: string) => certs.find((c) => c.label === l)?.info;
    expect(byLabel("gvcn")).toMatchObject({
      commonName: "Trần Thị Thu Hằng",
      title: "Giáo viên",
      ids: { cccd: "001190012345" },
      issuerCommonName: "HocBa Test Issuing CA",
      keyType: "RSA",
      keyBits: 2048,
      isCa: false,
      keyUsage: { digitalSignature: true, nonRepudiation: true },
    });
    expect(byLabel("thu-truong")).toMatchObject({
      commonName: "Nguyễn Văn Thắng",
      ids: { cccd: "001078067890" },
    });
    expect(byLabel("don-vi")).toMatchObject({
      commonName: "Trung tâm GDNN-GDTX Việt Trì",
      ids: { mst: "0109876543" },
    });
    expect(byLabel("ec-gvcn")).toMatchObject({ keyType: "EC", keyBits: 256 });
    expect(byLabel("int-ca")?.isCa).toBe(true);
    expect(byLabel("het-han")?.notAfter.toISOString()).toBe("2024-01-01T00:00:00.000Z");
    // Explicit windows, not "from the day the token was made": tests that sign at a fixed time
    // (2026-05-20, 2026-12-01, ...) must pass on any day the suite runs.
    for (const label of ["gvcn", "thu-truong", "don-vi", "ec-gvcn", "khong-tin-cay", "sai-muc-dich"]) {
      expect(byLabel(label)?.notBefore.toISOString(), label).toBe("2024-01-01T00:00:00.000Z");
      expect(byLabel(label)?.notAfter.toISOString(), label).toBe("2040-01-01T00:00:00.000Z");
    }
    expect(certs.find((c) => c.label === "gvcn")?.id).toBe("01");
    // The DER on the token is the certificate the script issued.
    const gvcnPem = new X509Certificate(readFileSync(tok.certPem("gvcn")));
    expect(certs.find((c) => c.label === "gvcn")?.der.equals(gvcnPem.raw)).toBe(true);
  });

  it("chooses a token by label, never by slot; an unknown label lists the present ones", () => {
    expect(session("HocBa-Trong").label).toBe("HocBa-Trong");
    let message = "";
    try {
      session("Không-Có");
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain("«Không-Có»");
    expect(message).toContain("«HocBa-Test»");
  });

  it("refuses a wrong PIN once, reports the token's flags, and never retries", () => {
    const s = session();
    expect(errorCode(() => s.login("000000"))).toMatch(/^TOKEN_PIN_INCORRECT/);
    // SoftHSM sets CKF_USER_PIN_COUNT_LOW after a wrong PIN.
    expect(s.pinStatus().countLow).toBe(true);
    s.login(tok.pin);
    expect(s.pinStatus().countLow).toBe(false);
  });

  it("needs a PIN unless the token has a PIN pad", () => {
    expect(errorCode(() => session().login(undefined))).toBe("TOKEN_PIN_REQUIRED");
    expect(errorCode(() => session().login(""))).toBe("TOKEN_PIN_REQUIRED");
  });

  it("needs a login before choosing a signer", () => {
    expect(errorCode(() => session().selectSigner({ cert: "gvcn" }))).toBe("TOKEN_NOT_LOGGED_IN");
  });

  it.each([
    ["het-han", "TOKEN_CERT_EXPIRED"],
    ["sai-muc-dich", "TOKEN_CERT_KEY_USAGE"],
    ["int-ca", "TOKEN_CERT_IS_CA"],
    ["khong-co", "TOKEN_CERT_NOT_FOUND"],
    ["ff", "TOKEN_CERT_NOT_FOUND"],
  ])("refuses certificate %s with %s", (cert, code) => {
    const s = session();
    s.login(tok.pin);
    expect(errorCode(() => s.selectSigner({ cert }))).toBe(code);
  });

  it("refuses a certificate not yet valid at the given time", () => {
    const s = session();
    s.login(tok.pin);
    expect(errorCode(() => s.selectSigner({ cert: "gvcn", now: new Date("2020-06-01T00:00:00Z") }))).toBe(
      "TOKEN_CERT_NOT_YET_VALID",
    );
  });

  it("asks which certificate when several can sign, and finds one by label or by hex id", () => {
    const s = session();
    s.login(tok.pin);
    expect(errorCode(() => s.selectSigner())).toBe("TOKEN_CERT_AMBIGUOUS");
    expect(s.selectSigner({ cert: "thu-truong" }).info.commonName).toBe("Nguyễn Văn Thắng");
    expect(s.selectSigner({ cert: "03" }).info.ids.mst).toBe("0109876543");
    expect(s.selectSigner({ cert: "0x02" }).info.commonName).toBe("Nguyễn Văn Thắng");
  });

  it("an empty token has no signing certificate", () => {
    const s = session("HocBa-Trong");
    s.login("654321");
    expect(errorCode(() => s.selectSigner())).toBe("TOKEN_NO_SIGNING_CERT");
  });

  it("signs with CKM_SHA256_RSA_PKCS; concurrent requests are serialised (no CKR_OPERATION_ACTIVE)", async () => {
    const s = session();
    s.login(tok.pin);
    const signer = s.selectSigner({ cert: "gvcn" });
    expect(signer.mechanism).toBe("SHA256_RSA_PKCS");
    expect(signer.chain).toHaveLength(1);
    expect(new X509Certificate(signer.chain[0] ?? Buffer.alloc(0)).subject).toContain(
      "HocBa Test Issuing CA",
    );
    const inputs = Array.from({ length: 40 }, (_, i) => Buffer.from(`tài liệu ${i}`));
    const sigs = await Promise.all(inputs.map((d) => signer.sign(d)));
    const pub = new X509Certificate(signer.certificate).publicKey;
    sigs.forEach((sig, i) =>
      expect(cryptoVerify("sha256", inputs[i] ?? Buffer.alloc(0), pub, sig)).toBe(true),
    );
  });

  it("falls back to CKM_RSA_PKCS over a DigestInfo when the token lacks CKM_SHA256_RSA_PKCS: same bytes", async () => {
    const withoutSha256: Pkcs11Loader = (p) => {
      const real = loadPkcs11Module(p);
      const filtered = (slot: Buffer) =>
        real.C_GetMechanismList(slot).filter((m) => m !== P11.CKM_SHA256_RSA_PKCS);
      return new Proxy(real, {
        get(target, key) {
          if (key === "C_GetMechanismList") return filtered;
          const v: unknown = Reflect.get(target, key);
          return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
        },
      });
    };
    const data = Buffer.from("SignedInfo giả định");
    const a = session();
    a.login(tok.pin);
    const direct = await a.selectSigner({ cert: "gvcn" }).sign(data);
    a.close();
    const b = session(tok.tokenLabel, withoutSha256);
    b.login(tok.pin);
    const signer = b.selectSigner({ cert: "gvcn" });
    expect(signer.mechanism).toBe("RSA_PKCS_DIGESTINFO");
    const viaDigestInfo = await signer.sign(data);
    expect(createHash("sha256").update(viaDigestInfo).digest("hex")).toBe(
      createHash("sha256").update(direct).digest("hex"),
    );
  });

  it("signs with an EC key as r||s (CKM_ECDSA over SHA-256)", async () => {
    const s = session();
    s.login(tok.pin);
    const signer = s.selectSigner({ cert: "ec-gvcn" });
    expect(signer.mechanism).toBe("ECDSA");
    const data = Buffer.from("dữ liệu");
    const sig = await signer.sign(data);
    expect(sig).toHaveLength(64);
    const key = new X509Certificate(signer.certificate).publicKey;
    expect(cryptoVerify("sha256", data, { key, dsaEncoding: "ieee-p1363" }, sig)).toBe(true);
  });

  it("a closed session refuses to work and can be closed twice", () => {
    const s = session();
    s.close();
    s.close();
    expect(errorCode(() => s.listCertificates())).toBe("TOKEN_SESSION_CLOSED");
  });

  it("a library that does not exist gives a clear error naming it", () => {
    let message = "";
    try {
      openTokenSession({ modulePath: "/khong/co/libvnpt.so", tokenLabel: "x" });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain("/khong/co/libvnpt.so");
    expect(message).toMatch(/^Không nạp được thư viện PKCS#11/);
  });
});

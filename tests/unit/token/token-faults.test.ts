import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { isHocBaError } from "../../../shared/errors/hocba-error.ts";
import { HocBaArchive } from "../../../native-host/archive/hocba-archive.ts";
import { P11 } from "../../../native-host/token/pkcs11-api.ts";
import { openTokenSession } from "../../../native-host/token/token-session.ts";
import { verifyHocBa } from "../../../native-host/verify/verify-hocba.ts";
import { sampleDocuments } from "../../support/hocba-documents.ts";
import { signBatch, type BatchResult } from "../../support/sign-batch.ts";
import { useTestToken, type TestToken } from "../../support/test-token.ts";
import { scratchDir } from "../host/scratch-dir.ts";
import { FakePkcs11, type FakeTokenOptions } from "./fake-pkcs11.ts";

let tok: TestToken;
beforeAll(() => {
  tok = useTestToken();
});

function fake(options: Partial<FakeTokenOptions> = {}): FakePkcs11 {
  return new FakePkcs11({
    keyPemFile: path.join(tok.pkiDir, "mock/signer.key"),
    certPemFile: path.join(tok.pkiDir, "mock/signer.pem"),
    chainPemFile: tok.intermediatePem,
    pin: "2468",
    ...options,
  });
}

function open(f: FakePkcs11) {
  return openTokenSession({ modulePath: "/fake/libtoken.so", tokenLabel: "Fake Token", loader: f.loader() });
}

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (isHocBaError(err)) return err.code;
    throw err;
  }
  return "no error";
}

describe("PIN handling on a mocked token (SoftHSM has no lockout)", () => {
  it.each([
    // wrong PINs so far, max tries → the error after one more wrong PIN
    [0, 10, "TOKEN_PIN_INCORRECT_COUNT_LOW"],
    [0, 3, "TOKEN_PIN_INCORRECT_COUNT_LOW"],
    [1, 3, "TOKEN_PIN_INCORRECT_FINAL_TRY"],
    [2, 3, "TOKEN_PIN_LOCKED"],
  ])(
    "after %i wrong PIN(s) of %i, a wrong PIN gives %s, with exactly one C_Login",
    (wrongSoFar, maxTries, code) => {
      const f = fake({ wrongSoFar, maxTries });
      const s = open(f);
      try {
        expect(codeOf(() => s.login("0000"))).toBe(code);
        expect(f.loginAttempts).toBe(1);
      } finally {
        s.close();
      }
    },
  );

  it.each([
    [1, 3, "TOKEN_PIN_INCORRECT_FINAL_TRY", 1],
    [2, 3, "TOKEN_PIN_LOCKED", 1],
    [3, 3, "TOKEN_PIN_LOCKED", 0],
  ])(
    "through the signing pipeline, after %i wrong PIN(s) of %i: the batch fails with %s, %i C_Login, nothing signed",
    async (wrongSoFar, maxTries, code, logins) => {
      const f = fake({ wrongSoFar, maxTries });
      const s = open(f);
      const archive = HocBaArchive.open(path.join(scratchDir("pin-batch"), "archive.sqlite"));
      try {
        const run = signBatch(
          () => {
            s.login("0000");
            return s.selectSigner();
          },
          sampleDocuments(3),
          "GVCN",
          { archive },
        );
        await expect(run).rejects.toMatchObject({ code });
        expect(f.loginAttempts).toBe(logins);
        expect(f.calls.filter((c) => c === "C_SignInit")).toHaveLength(0);
        expect(archive.count()).toBe(0);
        const audit = [...archive.auditLog()];
        expect(audit.map((e) => e.event)).toEqual(["signing-failed"]);
        expect(JSON.parse(audit[0]?.details ?? "{}")).toMatchObject({ stage: "login", code });
      } finally {
        archive.close();
        s.close();
      }
    },
  );

  it("warns about the final try in Vietnamese, naming the token", () => {
    const s = open(fake({ wrongSoFar: 1, maxTries: 3 }));
    try {
      s.login("0000");
    } catch (err) {
      expect((err as Error).message).toContain("CHỈ CÒN MỘT LẦN THỬ");
      expect((err as Error).message).toContain("«Fake Token»");
    } finally {
      s.close();
    }
  });

  it("a locked token is refused before any login attempt", () => {
    const f = fake({ wrongSoFar: 3, maxTries: 3 });
    const s = open(f);
    try {
      expect(s.pinStatus().locked).toBe(true);
      expect(codeOf(() => s.login("2468"))).toBe("TOKEN_PIN_LOCKED");
      expect(f.loginAttempts).toBe(0);
    } finally {
      s.close();
    }
  });

  it("the final-try flag is visible before logging in", () => {
    const s = open(fake({ wrongSoFar: 2, maxTries: 3 }));
    try {
      expect(s.pinStatus()).toMatchObject({ finalTry: true, countLow: true, locked: false });
    } finally {
      s.close();
    }
  });

  it("a PIN-pad token logs in with no PIN from us", () => {
    const f = fake({ protectedAuthPath: true });
    const s = open(f);
    try {
      s.login(undefined);
      expect(s.selectSigner().info.commonName).toBe("Trần Thị Thu Hằng");
    } finally {
      s.close();
    }
  });

  it.each([
    ["wrong", "TOKEN_PIN_INCORRECT_COUNT_LOW"],
    ["cancel", "TOKEN_LOGIN_CANCELLED"],
  ] as const)("a PIN-pad login that is %s gives %s", (pinPadResult, code) => {
    const s = open(fake({ protectedAuthPath: true, pinPadResult }));
    try {
      expect(codeOf(() => s.login(undefined))).toBe(code);
    } finally {
      s.close();
    }
  });

  it("the PIN is never kept in the call log", () => {
    const f = fake();
    const s = open(f);
    s.login("2468");
    s.close();
    expect(JSON.stringify(f.calls)).not.toContain("2468");
  });
});

describe("mechanisms on a mocked token", () => {
  it("uses DigestInfo + CKM_RSA_PKCS when CKM_SHA256_RSA_PKCS is missing", async () => {
    const s = open(fake({ mechanisms: [P11.CKM_RSA_PKCS] }));
    try {
      s.login("2468");
      const signer = s.selectSigner();
      expect(signer.mechanism).toBe("RSA_PKCS_DIGESTINFO");
      await expect(signer.sign(Buffer.from("x"))).resolves.toHaveLength(256);
    } finally {
      s.close();
    }
  });

  it("refuses a token with no usable RSA mechanism", () => {
    const s = open(fake({ mechanisms: [P11.CKM_ECDSA] }));
    try {
      s.login("2468");
      expect(codeOf(() => s.selectSigner())).toBe("TOKEN_NO_MECHANISM");
    } finally {
      s.close();
    }
  });

  it("serialises overlapping sign calls: the mock throws CKR_OPERATION_ACTIVE otherwise", async () => {
    const s = open(fake({ signDelayMs: 3 }));
    try {
      s.login("2468");
      const signer = s.selectSigner();
      const sigs = await Promise.all(Array.from({ length: 10 }, (_, i) => signer.sign(Buffer.from([i]))));
      expect(new Set(sigs.map((x) => x.toString("hex"))).size).toBe(10);
    } finally {
      s.close();
    }
  });
});

describe("token pulled out in the middle of a batch", () => {
  it.each([
    ["CKR_DEVICE_REMOVED", P11.CKR_DEVICE_REMOVED],
    ["CKR_SESSION_HANDLE_INVALID", P11.CKR_SESSION_HANDLE_INVALID],
    ["CKR_TOKEN_NOT_PRESENT", P11.CKR_TOKEN_NOT_PRESENT],
  ])(
    "%s: documents signed before stay signed and valid, the rest are reported",
    async (_name, removalCode) => {
      const docs = sampleDocuments(8);
      const f = fake({ removeAfterSignatures: 3, removalCode, signDelayMs: 1 });
      const s = open(f);
      let results: BatchResult[] = [];
      try {
        s.login("2468");
        const signer = s.selectSigner();
        // The production pipeline (signArchivedBatch), as `hocba sign` and the helper run it.
        const run = await signBatch(signer, docs, "GVCN");
        results = run.results;
        expect(run.outcome.stoppedBy?.code).toBe("TOKEN_REMOVED");
        // What was signed before the token went is archived: a rerun takes it from there.
        expect(run.archive.count()).toBe(3);
        run.archive.close();
      } finally {
        s.close();
      }
      expect(results.map((r) => r.index)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      expect(results.slice(0, 3).every((r) => r.ok)).toBe(true);
      const failed = results.slice(3);
      expect(failed.every((r) => !r.ok)).toBe(true);
      const first = failed[0];
      expect(first && !first.ok && first.error.code).toBe("TOKEN_REMOVED");
      expect(first && !first.ok && first.error.message).toContain("đã bị rút ra");
      // In-flight documents fail with TOKEN_REMOVED without reaching the token again; the rest are
      // not even started.
      expect(
        failed.every((r) => !r.ok && ["TOKEN_REMOVED", "SIGN_BATCH_STOPPED"].includes(r.error.code)),
      ).toBe(true);
      const last = failed[failed.length - 1];
      expect(last && !last.ok && last.notAttempted).toBe(true);
      expect(f.calls.filter((c) => c === "C_SignInit")).toHaveLength(4);
      for (const r of results.slice(0, 3)) {
        if (!r.ok) continue;
        const report = await verifyHocBa(r.bytes, { trustRootFiles: [tok.rootPem], trustStoreDir: null });
        expect(report.ok, JSON.stringify(report.signatures[0]?.issues)).toBe(true);
      }
    },
  );
});

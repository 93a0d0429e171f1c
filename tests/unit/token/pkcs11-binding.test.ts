import { spawnSync } from "node:child_process";
import { verify as cryptoVerify, X509Certificate } from "node:crypto";
import path from "node:path";
import koffi from "koffi";
import { beforeAll, describe, expect, it } from "vitest";
import { isHocBaError } from "../../../shared/errors/hocba-error.ts";
import {
  Pkcs11Module,
  type CFunction,
  type Pkcs11Functions,
} from "../../../native-host/token/load-pkcs11-module.ts";
import { HOST_TARGET, pkcs11Layout } from "../../../native-host/token/pkcs11-abi.ts";
import { P11, Pkcs11Error } from "../../../native-host/token/pkcs11-api.ts";
import { openTokenSession, type TokenSession } from "../../../native-host/token/token-session.ts";
import { useTestToken, type TestToken } from "../../support/test-token.ts";
import { FakePkcs11 } from "./fake-pkcs11.ts";

let tok: TestToken;
beforeAll(() => {
  tok = useTestToken();
});

/** Sizes and offsets of one layout, as a C compiler gives them. */
function measure(layout: ReturnType<typeof pkcs11Layout>) {
  return {
    tokenInfo: koffi.sizeof(layout.tokenInfo),
    minPinLen: koffi.offsetof(layout.tokenInfo, "minPinLen"),
    utcTime: koffi.offsetof(layout.tokenInfo, "utcTime"),
    attribute: koffi.sizeof(layout.attribute),
    ulValueLen: koffi.offsetof(layout.attribute, "ulValueLen"),
    mechanism: koffi.sizeof(layout.mechanism),
    initializeArgs: koffi.sizeof(layout.initializeArgs),
    cInitialize: koffi.offsetof(layout.functionList, "C_Initialize"),
    cSign: koffi.offsetof(layout.functionList, "C_Sign"),
  };
}

describe("C layout of the PKCS#11 structs", () => {
  // Expected figures: gcc on x86-64 with p11-kit's pkcs11.h (LP64), and the same structs with
  // 32-bit CK_ULONG under #pragma pack(1), as the PKCS#11 headers declare them for 64-bit Windows.
  it.runIf(koffi.sizeof("void *") === 8)("64-bit Linux/macOS: 8-byte CK_ULONG, natural alignment", () => {
    expect(measure(pkcs11Layout({ ulongSize: 8, packed: false }))).toEqual({
      tokenInfo: 208,
      minPinLen: 144,
      utcTime: 188,
      attribute: 24,
      ulValueLen: 16,
      mechanism: 24,
      initializeArgs: 48,
      cInitialize: 8,
      cSign: 352,
    });
  });

  it.runIf(koffi.sizeof("void *") === 8)("64-bit Windows: 4-byte CK_ULONG, structs packed to 1 byte", () => {
    expect(measure(pkcs11Layout({ ulongSize: 4, packed: true }))).toEqual({
      tokenInfo: 160,
      minPinLen: 120,
      utcTime: 144,
      attribute: 16,
      ulValueLen: 12,
      mechanism: 16,
      initializeArgs: 44,
      cInitialize: 2,
      cSign: 346,
    });
  });

  it("this process uses its own platform's rules", () => {
    expect(HOST_TARGET.packed).toBe(process.platform === "win32");
    expect(HOST_TARGET.ulongSize).toBe(process.platform === "win32" ? 4 : koffi.sizeof("void *"));
  });
});

/** A library whose only function is C_Login, recording what it is given. */
function scriptedLogin(rv: number) {
  const seen: Array<{ pin: Buffer | null; length: number; bytes: string | null }> = [];
  const login = (_session: unknown, _user: unknown, pin: Buffer | null, length: number) => {
    seen.push({ pin, length, bytes: pin ? pin.toString("utf8") : null });
    return rv;
  };
  const call = (...args: unknown[]) => login(...(args as Parameters<typeof login>));
  const cLogin: CFunction = Object.assign(call, {
    async: (...args: unknown[]) => {
      const done = args.pop() as (err: unknown, rv: unknown) => void;
      // The library reads the PIN while the call runs, on another thread, later.
      setTimeout(() => done(null, call(...args)), 5);
    },
  });
  const fns = new Proxy({} as Pkcs11Functions, {
    get: (_target, name) => {
      if (name === "C_Login") return cLogin;
      throw new Error(`unexpected call ${String(name)}`);
    },
  });
  return { module: new Pkcs11Module(fns), seen };
}

describe("the PIN given to C_Login", () => {
  const session = Buffer.alloc(8);

  it.each([
    ["accepted", P11.CKR_OK],
    ["refused", P11.CKR_PIN_INCORRECT],
  ])("is passed as its UTF-8 bytes and zeroed once C_Login returns (%s)", (_name, rv) => {
    const { module, seen } = scriptedLogin(rv);
    let error: unknown;
    try {
      module.C_Login(session, P11.CKU_USER, "mật-khẩu 1234");
    } catch (err) {
      error = err;
    }
    expect(seen).toHaveLength(1);
    expect(seen[0]?.bytes).toBe("mật-khẩu 1234");
    expect(seen[0]?.length).toBe(Buffer.byteLength("mật-khẩu 1234"));
    expect(seen[0]?.pin?.every((b) => b === 0)).toBe(true);
    if (rv === P11.CKR_OK) expect(error).toBeUndefined();
    else expect(error).toMatchObject({ code: P11.CKR_PIN_INCORRECT, method: "C_Login" });
  });

  it.each([
    ["accepted", P11.CKR_OK],
    ["refused", P11.CKR_PIN_INCORRECT],
  ])("asynchronously: intact while the library reads it, zeroed once it returns (%s)", async (_name, rv) => {
    const { module, seen } = scriptedLogin(rv);
    const result = module.C_LoginAsync(session, P11.CKU_USER, "246810").then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(seen).toHaveLength(0);
    const error = await result;
    expect(seen[0]?.bytes).toBe("246810");
    expect(seen[0]?.length).toBe(6);
    expect(seen[0]?.pin?.every((b) => b === 0)).toBe(true);
    if (rv === P11.CKR_OK) expect(error).toBeUndefined();
    else expect(error).toBeInstanceOf(Pkcs11Error);
  });

  it("a PIN pad login passes no PIN at all", () => {
    const { module, seen } = scriptedLogin(P11.CKR_OK);
    module.C_Login(session, P11.CKU_USER);
    expect(seen).toEqual([{ pin: null, length: 0, bytes: null }]);
  });
});

/** Counts turns of the event loop until `work` settles: 0 when it ran on the main thread. */
async function loopTurnsDuring(work: () => Promise<unknown>): Promise<number> {
  let turns = 0;
  let running = true;
  const tick = () => {
    if (!running) return;
    turns++;
    setImmediate(tick);
  };
  setImmediate(tick);
  try {
    await work();
  } finally {
    running = false;
  }
  return turns;
}

describe("on the SoftHSM token, through koffi", () => {
  const open = (): TokenSession =>
    openTokenSession({ modulePath: tok.modulePath, tokenLabel: tok.tokenLabel });

  it("loginAsync: a wrong PIN is reported like login's, the right one lets it sign", async () => {
    const s = open();
    try {
      let code = "";
      await s.loginAsync("000000").catch((err: unknown) => {
        code = isHocBaError(err) ? err.code : String(err);
      });
      expect(code).toMatch(/^TOKEN_PIN_INCORRECT/);
      await s.loginAsync(tok.pin);
      const signer = s.selectSigner({ cert: "gvcn" });
      const data = Buffer.from("Học bạ số");
      const sig = await signer.sign(data);
      expect(cryptoVerify("sha256", data, new X509Certificate(signer.certificate).publicKey, sig)).toBe(true);
    } finally {
      s.close();
    }
  });

  it("C_Login and C_Sign run off the main thread: the event loop keeps turning", async () => {
    const s = open();
    try {
      const loginTurns = await loopTurnsDuring(() => s.loginAsync(tok.pin));
      const signer = s.selectSigner({ cert: "gvcn" });
      const inputs = Array.from({ length: 30 }, (_, i) => Buffer.from(`tài liệu ${i}`));
      const signTurns = await loopTurnsDuring(() => Promise.all(inputs.map((d) => signer.sign(d))));
      expect(loginTurns).toBeGreaterThan(0);
      // At least one turn per signature: each completes in its own callback from the worker.
      expect(signTurns).toBeGreaterThanOrEqual(inputs.length);
    } finally {
      s.close();
    }
  });

  it("the library stays loaded after koffi's handle to it could be garbage-collected", () => {
    // koffi unloads a library when its handle is collected; the binding must hold it for good,
    // or the next call jumps into unmapped code (a crash seen mid-batch in the helper).
    const binding = path.resolve(import.meta.dirname, "../../../native-host/token/load-pkcs11-module.ts");
    const script = [
      `const { loadPkcs11Module } = await import(${JSON.stringify(binding)});`,
      `const m = loadPkcs11Module(${JSON.stringify(tok.modulePath)});`,
      "for (let i = 0; i < 5; i++) { globalThis.gc(); await new Promise((r) => setTimeout(r, 10)); }",
      "console.log(m.C_GetSlotList(true).length);",
      "m.C_Finalize();",
    ].join("\n");
    const registerTs = path.resolve(import.meta.dirname, "../../../bin/register-ts.mjs");
    const run = spawnSync(
      process.execPath,
      ["--expose-gc", "--import", registerTs, "--input-type=module", "-e", script],
      { env: { ...process.env, SOFTHSM2_CONF: tok.softhsm2Conf }, encoding: "utf8" },
    );
    expect(run.signal).toBeNull();
    expect(run.status).toBe(0);
    expect(Number(run.stdout.trim())).toBeGreaterThanOrEqual(2);
  });

  it("the synchronous login does block it, which is why the helper uses loginAsync", async () => {
    const s = open();
    try {
      const turns = await loopTurnsDuring(() => Promise.resolve(s.login(tok.pin)));
      expect(turns).toBe(0);
    } finally {
      s.close();
    }
  });
});

describe("loginAsync on the mocked token", () => {
  const fake = (o: Partial<ConstructorParameters<typeof FakePkcs11>[0]>) =>
    new FakePkcs11({
      keyPemFile: path.join(tok.pkiDir, "mock/signer.key"),
      certPemFile: path.join(tok.pkiDir, "mock/signer.pem"),
      pin: "2468",
      ...o,
    });

  it.each([
    [{ protectedAuthPath: true, pinPadResult: "ok" as const }, undefined, "ok"],
    [{ protectedAuthPath: true, pinPadResult: "cancel" as const }, undefined, "TOKEN_LOGIN_CANCELLED"],
    [{ maxTries: 3, wrongSoFar: 1 }, "0000", "TOKEN_PIN_INCORRECT_FINAL_TRY"],
    [{ maxTries: 3, wrongSoFar: 2 }, "0000", "TOKEN_PIN_LOCKED"],
  ])("%o with PIN %s gives %s, in one C_Login", async (options, pin, expected) => {
    const f = fake(options);
    const s = openTokenSession({
      modulePath: "/fake/libtoken.so",
      tokenLabel: "Fake Token",
      loader: f.loader(),
    });
    try {
      const outcome = await s.loginAsync(pin).then(
        () => "ok",
        (err: unknown) => (isHocBaError(err) ? err.code : String(err)),
      );
      expect(outcome).toBe(expected);
      expect(f.loginAttempts).toBe(1);
    } finally {
      s.close();
    }
  });
});

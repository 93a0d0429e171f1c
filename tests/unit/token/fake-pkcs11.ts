import { createPrivateKey, privateEncrypt, sign as cryptoSign, constants, type KeyObject } from "node:crypto";
import { readFileSync } from "node:fs";
import {
  P11,
  Pkcs11Error,
  type Mechanism,
  type Pkcs11Api,
  type Pkcs11Handle,
  type Pkcs11Loader,
  type Template,
  type TemplateResult,
  type TokenInfo,
} from "../../../native-host/token/pkcs11-api.ts";
import { certificatesFrom } from "../../../native-host/xmldsig/trust-anchors.ts";

/**
 * A PKCS#11 token in memory, for what SoftHSM cannot do: PIN tries running out, final try,
 * lockout, PIN pad (protected authentication path), the token pulled out mid-batch, and a token
 * without CKM_SHA256_RSA_PKCS. The key is a software RSA key whose certificate comes from the
 * test PKI (mock/signer.{key,pem}), so what it signs verifies like the real thing.
 */
export interface FakeTokenOptions {
  label?: string;
  pin?: string;
  /** Wrong PINs allowed before lockout (default 3). */
  maxTries?: number;
  /** Wrong PINs already entered. */
  wrongSoFar?: number;
  protectedAuthPath?: boolean;
  /** Default: SHA256_RSA_PKCS and RSA_PKCS. */
  mechanisms?: number[];
  /** After this many successful signatures the token is gone. */
  removeAfterSignatures?: number;
  /** What a call on the pulled-out token throws (default CKR_DEVICE_REMOVED). */
  removalCode?: number;
  /** The wrong PIN result of a PIN-pad login (the user typed a wrong PIN on the device). */
  pinPadResult?: "ok" | "wrong" | "cancel";
  /** Milliseconds each signature takes (lets calls overlap). */
  signDelayMs?: number;
  keyPemFile: string;
  certPemFile: string;
  /** Intermediate CA certificate(s) stored on the token too. */
  chainPemFile?: string;
}

interface FakeObject {
  handle: Pkcs11Handle;
  cls: number;
  label: string;
  id: Buffer;
  value?: Buffer;
  keyType?: number;
  isPrivate: boolean;
}

function p11error(name: keyof typeof P11, method: string): Error {
  return new Pkcs11Error(P11[name], method);
}

function handle(n: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeUInt32LE(n, 0);
  return b;
}

export class FakePkcs11 implements Pkcs11Api {
  /** Method names called, in order (no arguments: a PIN must never be recorded anywhere). */
  readonly calls: string[] = [];
  loginAttempts = 0;
  signatures = 0;
  removed = false;
  private wrong: number;
  private loggedIn = false;
  private activeSign = false;
  private mechanism?: number;
  private finding?: FakeObject[];
  private readonly key: KeyObject;
  private readonly objects: FakeObject[];
  private readonly slot = handle(7);
  private readonly session = handle(42);

  constructor(private readonly o: FakeTokenOptions) {
    this.wrong = o.wrongSoFar ?? 0;
    this.key = createPrivateKey(readFileSync(o.keyPemFile));
    const [leaf] = certificatesFrom(readFileSync(o.certPemFile, "utf8"));
    if (!leaf) throw new Error("no certificate");
    const chain = o.chainPemFile ? certificatesFrom(readFileSync(o.chainPemFile, "utf8")) : [];
    const id = Buffer.from([0x01]);
    this.objects = [
      {
        handle: handle(1),
        cls: P11.CKO_CERTIFICATE,
        label: "signer",
        id,
        value: leaf,
        isPrivate: false,
      },
      ...chain.map((der, i) => ({
        handle: handle(10 + i),
        cls: P11.CKO_CERTIFICATE,
        label: `ca-${i}`,
        id: Buffer.from([0x10 + i]),
        value: der,
        isPrivate: false,
      })),
      {
        handle: handle(2),
        cls: P11.CKO_PRIVATE_KEY,
        label: "signer",
        id,
        keyType: P11.CKK_RSA,
        isPrivate: true,
      },
    ];
  }

  /** A loader that hands out this token, for openTokenSession({ loader }). */
  loader(): Pkcs11Loader {
    return () => this;
  }

  private get maxTries(): number {
    return this.o.maxTries ?? 3;
  }

  private present(method: string): void {
    this.calls.push(method);
    if (this.removed) {
      throw p11error(this.o.removalCode ? codeName(this.o.removalCode) : "CKR_DEVICE_REMOVED", method);
    }
  }

  C_Finalize(): void {
    this.calls.push("C_Finalize");
  }

  C_GetSlotList(): Pkcs11Handle[] {
    this.calls.push("C_GetSlotList");
    return this.removed ? [] : [this.slot];
  }

  C_GetTokenInfo(): TokenInfo {
    this.present("C_GetTokenInfo");
    const left = this.maxTries - this.wrong;
    let flags = P11.CKF_TOKEN_INITIALIZED | P11.CKF_LOGIN_REQUIRED | P11.CKF_USER_PIN_INITIALIZED;
    if (this.wrong > 0 && left > 0) flags |= P11.CKF_USER_PIN_COUNT_LOW;
    if (left === 1) flags |= P11.CKF_USER_PIN_FINAL_TRY;
    if (left <= 0) flags |= P11.CKF_USER_PIN_LOCKED;
    if (this.o.protectedAuthPath) flags |= P11.CKF_PROTECTED_AUTHENTICATION_PATH;
    const pad = (s: string, n: number) => s.padEnd(n, " ");
    return {
      label: pad(this.o.label ?? "Fake Token", 32),
      manufacturerID: pad("Fake", 32),
      model: pad("Fake v1", 16),
      serialNumber: pad("0001", 16),
      flags,
      maxSessionCount: 0,
      sessionCount: 0,
      maxRwSessionCount: 0,
      rwSessionCount: 0,
      maxPinLen: 16,
      minPinLen: 4,
      hardwareVersion: { major: 1, minor: 0 },
      firmwareVersion: { major: 1, minor: 0 },
      utcTime: "",
      totalPublicMemory: 0,
      freePublicMemory: 0,
      totalPrivateMemory: 0,
      freePrivateMemory: 0,
    };
  }

  C_GetMechanismList(): number[] {
    this.present("C_GetMechanismList");
    return this.o.mechanisms ?? [P11.CKM_SHA256_RSA_PKCS, P11.CKM_RSA_PKCS];
  }

  C_OpenSession(): Pkcs11Handle {
    this.present("C_OpenSession");
    return this.session;
  }

  C_CloseSession(): void {
    this.present("C_CloseSession");
  }

  C_Login(_session: Pkcs11Handle, _userType: number, pin?: string): void {
    this.present("C_Login");
    this.loginAttempts++;
    if (this.maxTries - this.wrong <= 0) throw p11error("CKR_PIN_LOCKED", "C_Login");
    if (this.o.protectedAuthPath) {
      if (pin !== undefined) throw p11error("CKR_ARGUMENTS_BAD", "C_Login");
      if (this.o.pinPadResult === "cancel") throw p11error("CKR_FUNCTION_CANCELED", "C_Login");
      if (this.o.pinPadResult === "wrong") {
        this.wrong++;
        throw p11error(this.maxTries - this.wrong <= 0 ? "CKR_PIN_LOCKED" : "CKR_PIN_INCORRECT", "C_Login");
      }
    } else if (pin !== (this.o.pin ?? "1234")) {
      this.wrong++;
      throw p11error(this.maxTries - this.wrong <= 0 ? "CKR_PIN_LOCKED" : "CKR_PIN_INCORRECT", "C_Login");
    }
    this.wrong = 0;
    this.loggedIn = true;
  }

  /** The same, as the helper calls it (the binding runs it on a worker thread). */
  async C_LoginAsync(session: Pkcs11Handle, userType: number, pin?: string): Promise<void> {
    await Promise.resolve();
    this.C_Login(session, userType, pin);
  }

  C_Logout(): void {
    this.present("C_Logout");
    this.loggedIn = false;
  }

  C_FindObjectsInit(_session: Pkcs11Handle, template: Template): void {
    this.present("C_FindObjectsInit");
    const cls = template.find((a) => a.type === P11.CKA_CLASS)?.value;
    this.finding = this.objects.filter((o) => o.cls === cls && (!o.isPrivate || this.loggedIn));
  }

  C_FindObjects(_session: Pkcs11Handle, max: number): Pkcs11Handle[] {
    this.present("C_FindObjects");
    const found = (this.finding ?? []).splice(0, max);
    return found.map((o) => o.handle);
  }

  C_FindObjectsFinal(): void {
    this.present("C_FindObjectsFinal");
    this.finding = undefined;
  }

  C_GetAttributeValue(_session: Pkcs11Handle, object: Pkcs11Handle, template: Template): TemplateResult {
    this.present("C_GetAttributeValue");
    const o = this.objects.find((x) => x.handle.equals(object));
    if (!o) throw p11error("CKR_OBJECT_HANDLE_INVALID", "C_GetAttributeValue");
    return template.map((a) => {
      if (a.type === P11.CKA_LABEL) return { type: a.type, value: Buffer.from(o.label) };
      if (a.type === P11.CKA_ID) return { type: a.type, value: o.id };
      if (a.type === P11.CKA_VALUE) return { type: a.type, value: o.value ?? Buffer.alloc(0) };
      if (a.type === P11.CKA_KEY_TYPE) {
        const b = Buffer.alloc(8);
        b.writeUInt32LE(o.keyType ?? 0, 0);
        return { type: a.type, value: b };
      }
      return { type: a.type, value: Buffer.alloc(0) };
    });
  }

  C_SignInit(_session: Pkcs11Handle, mechanism: Mechanism): void {
    this.present("C_SignInit");
    if (!this.loggedIn) throw p11error("CKR_USER_NOT_LOGGED_IN", "C_SignInit");
    if (this.activeSign) throw p11error("CKR_OPERATION_ACTIVE", "C_SignInit");
    if (!(this.o.mechanisms ?? [P11.CKM_SHA256_RSA_PKCS, P11.CKM_RSA_PKCS]).includes(mechanism.mechanism)) {
      throw p11error("CKR_MECHANISM_INVALID", "C_SignInit");
    }
    this.activeSign = true;
    this.mechanism = mechanism.mechanism;
  }

  async C_SignAsync(_session: Pkcs11Handle, data: Buffer): Promise<Buffer> {
    this.present("C_SignAsync");
    if (this.o.signDelayMs) await new Promise((r) => setTimeout(r, this.o.signDelayMs));
    try {
      if (this.o.removeAfterSignatures !== undefined && this.signatures >= this.o.removeAfterSignatures) {
        this.removed = true;
        this.present("C_SignAsync (removed)");
      }
      this.signatures++;
      return this.mechanism === P11.CKM_RSA_PKCS
        ? privateEncrypt({ key: this.key, padding: constants.RSA_PKCS1_PADDING }, data)
        : cryptoSign("sha256", data, this.key);
    } finally {
      this.activeSign = false;
    }
  }
}

function codeName(code: number): keyof typeof P11 {
  const found = Object.entries(P11).find(([k, v]) => k.startsWith("CKR_") && v === code);
  return (found?.[0] ?? "CKR_DEVICE_REMOVED") as keyof typeof P11;
}

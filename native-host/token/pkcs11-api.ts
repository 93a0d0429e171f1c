import { P11 as constants } from "./pkcs11-constants.ts";

/** A PKCS#11 handle (slot, session or object): the CK_ULONG's bytes as the library gave them. */
export type Pkcs11Handle = Buffer;

/** CK_TOKEN_INFO, strings decoded as UTF-8 with their blank padding kept. */
export interface TokenInfo {
  label: string;
  manufacturerID: string;
  model: string;
  serialNumber: string;
  flags: number;
  maxSessionCount: number;
  sessionCount: number;
  maxRwSessionCount: number;
  rwSessionCount: number;
  maxPinLen: number;
  minPinLen: number;
  totalPublicMemory: number;
  freePublicMemory: number;
  totalPrivateMemory: number;
  freePrivateMemory: number;
  hardwareVersion: { major: number; minor: number };
  firmwareVersion: { major: number; minor: number };
  utcTime: string;
}

/** One CK_ATTRIBUTE of a template: a number is a CK_ULONG, a boolean a CK_BBOOL, a string UTF-8. */
export interface Attribute {
  type: number;
  value?: number | boolean | string | Buffer;
}
export type Template = Attribute[];
export type TemplateResult = Array<{ type: number; value: Buffer }>;

/** CK_MECHANISM; the helper's mechanisms take no parameter. */
export interface Mechanism {
  mechanism: number;
  parameter?: Buffer;
}

/**
 * The PKCS#11 calls the helper makes, and nothing more, so that the real binding
 * (load-pkcs11-module.ts) and a fake (tests: PIN lockout, token pulled out) are interchangeable.
 * Failures are thrown as Pkcs11Error, whose numeric `code` is the CKR_* value. The *Async calls
 * run on a worker thread, so that a slow token or a PIN pad does not hold the event loop.
 */
export interface Pkcs11Api {
  C_Finalize(): void;
  C_GetSlotList(tokenPresent?: boolean): Pkcs11Handle[];
  C_GetTokenInfo(slot: Pkcs11Handle): TokenInfo;
  C_GetMechanismList(slot: Pkcs11Handle): number[];
  C_OpenSession(slot: Pkcs11Handle, flags: number): Pkcs11Handle;
  C_CloseSession(session: Pkcs11Handle): void;
  /** No PIN: the token's protected authentication path (PIN pad, middleware dialog). */
  C_Login(session: Pkcs11Handle, userType: number, pin?: string): void;
  C_LoginAsync(session: Pkcs11Handle, userType: number, pin?: string): Promise<void>;
  C_Logout(session: Pkcs11Handle): void;
  C_FindObjectsInit(session: Pkcs11Handle, template: Template): void;
  C_FindObjects(session: Pkcs11Handle, maxObjectCount: number): Pkcs11Handle[];
  C_FindObjectsFinal(session: Pkcs11Handle): void;
  C_GetAttributeValue(session: Pkcs11Handle, object: Pkcs11Handle, template: Template): TemplateResult;
  C_SignInit(session: Pkcs11Handle, mechanism: Mechanism, key: Pkcs11Handle): void;
  /** Signs into `outData`; resolves with the part of it the signature fills. */
  C_SignAsync(session: Pkcs11Handle, inData: Buffer, outData: Buffer): Promise<Buffer>;
}

/** Loads and initialises a PKCS#11 library; the result is already C_Initialize'd. */
export type Pkcs11Loader = (modulePath: string) => Pkcs11Api;

/** The PKCS#11 constants (CKA_*, CKR_*, CKF_*...). */
export const P11 = constants;

/** A PKCS#11 call that returned something other than CKR_OK. */
export class Pkcs11Error extends Error {
  constructor(
    /** The CKR_* value. */
    readonly code: number,
    /** The PKCS#11 function that returned it. */
    readonly method: string,
  ) {
    super(`${pkcs11CodeName(code)} (${method})`);
    this.name = "Pkcs11Error";
  }
}

/** The CKR_* code of a PKCS#11 error, or undefined for any other error. */
export function pkcs11Code(err: unknown): number | undefined {
  if (typeof err !== "object" || err === null) return undefined;
  const code = (err as { code?: unknown }).code;
  return typeof code === "number" && code > 0 ? code : undefined;
}

/** The CKR_* name of a code, e.g. 0xa0 → "CKR_PIN_INCORRECT", for logs and messages. */
export function pkcs11CodeName(code: number): string {
  for (const [name, value] of Object.entries(P11)) {
    if (name.startsWith("CKR_") && value === code) return name;
  }
  return `0x${code.toString(16)}`;
}

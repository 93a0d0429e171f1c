import pkcs11js from "pkcs11js";
import type { Mechanism, Template, TemplateResult, TokenInfo } from "pkcs11js";

/** A PKCS#11 handle (slot, session or object) as pkcs11js represents it. */
export type Pkcs11Handle = Buffer;

/**
 * The PKCS#11 calls the helper makes, and nothing more. A structural subset of `pkcs11js.PKCS11`,
 * so that the real binding and a fake (tests: PIN lockout, token pulled out) are interchangeable.
 * Errors are thrown as pkcs11js does: an Error with a numeric `code` (a CKR_* value).
 */
export interface Pkcs11Api {
  C_Finalize(): void;
  C_GetSlotList(tokenPresent?: boolean): Pkcs11Handle[];
  C_GetTokenInfo(slot: Pkcs11Handle): TokenInfo;
  C_GetMechanismList(slot: Pkcs11Handle): number[];
  C_OpenSession(slot: Pkcs11Handle, flags: number): Pkcs11Handle;
  C_CloseSession(session: Pkcs11Handle): void;
  C_Login(session: Pkcs11Handle, userType: number, pin?: string): void;
  C_Logout(session: Pkcs11Handle): void;
  C_FindObjectsInit(session: Pkcs11Handle, template: Template): void;
  C_FindObjects(session: Pkcs11Handle, maxObjectCount: number): Pkcs11Handle[];
  C_FindObjectsFinal(session: Pkcs11Handle): void;
  C_GetAttributeValue(session: Pkcs11Handle, object: Pkcs11Handle, template: Template): TemplateResult;
  C_SignInit(session: Pkcs11Handle, mechanism: Mechanism, key: Pkcs11Handle): void;
  C_SignAsync(session: Pkcs11Handle, inData: Buffer, outData: Buffer): Promise<Buffer>;
}

/** Loads and initialises a PKCS#11 library; the result is already C_Initialize'd. */
export type Pkcs11Loader = (modulePath: string) => Pkcs11Api;

/** The PKCS#11 constants (CKA_*, CKR_*, CKF_*...), re-exported so callers need not import pkcs11js. */
export const P11 = pkcs11js;

/** Loads a real PKCS#11 library through pkcs11js. A fresh PKCS11 instance per path: a failed
 * `load` leaves its instance unusable, even for a module it had loaded before (stack-notes §2). */
export const loadPkcs11js: Pkcs11Loader = (modulePath) => {
  const p = new pkcs11js.PKCS11();
  p.load(modulePath);
  try {
    p.C_Initialize();
  } catch (err) {
    if (pkcs11Code(err) !== pkcs11js.CKR_CRYPTOKI_ALREADY_INITIALIZED) throw err;
  }
  return p;
};

/** The CKR_* code of a PKCS#11 error, or undefined for any other error. */
export function pkcs11Code(err: unknown): number | undefined {
  if (typeof err !== "object" || err === null) return undefined;
  const code = (err as { code?: unknown }).code;
  return typeof code === "number" && code > 0 ? code : undefined;
}

/** The CKR_* name of a code, e.g. 0xa0 → "CKR_PIN_INCORRECT", for logs and messages. */
export function pkcs11CodeName(code: number): string {
  for (const [name, value] of Object.entries(pkcs11js)) {
    if (name.startsWith("CKR_") && value === code) return name;
  }
  return `0x${code.toString(16)}`;
}

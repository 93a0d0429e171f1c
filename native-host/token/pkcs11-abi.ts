import koffi, { type TypeObject } from "koffi";

/** What decides the C layout of the PKCS#11 types on a platform. */
export interface AbiTarget {
  /** Bytes of CK_ULONG, C `unsigned long`: 4 on Windows (LLP64), 8 on 64-bit Linux and macOS (LP64). */
  ulongSize: 4 | 8;
  /** Windows' PKCS#11 headers pack every struct to 1 byte (`#pragma pack(push, cryptoki, 1)`);
   * elsewhere structs have the C compiler's natural alignment. */
  packed: boolean;
}

/** CK_FUNCTION_LIST up to the last function the helper calls, in the order of the v2.40 header. */
const FUNCTION_LIST_ORDER = [
  "C_Initialize",
  "C_Finalize",
  "C_GetInfo",
  "C_GetFunctionList",
  "C_GetSlotList",
  "C_GetSlotInfo",
  "C_GetTokenInfo",
  "C_GetMechanismList",
  "C_GetMechanismInfo",
  "C_InitToken",
  "C_InitPIN",
  "C_SetPIN",
  "C_OpenSession",
  "C_CloseSession",
  "C_CloseAllSessions",
  "C_GetSessionInfo",
  "C_GetOperationState",
  "C_SetOperationState",
  "C_Login",
  "C_Logout",
  "C_CreateObject",
  "C_CopyObject",
  "C_DestroyObject",
  "C_GetObjectSize",
  "C_GetAttributeValue",
  "C_SetAttributeValue",
  "C_FindObjectsInit",
  "C_FindObjects",
  "C_FindObjectsFinal",
  "C_EncryptInit",
  "C_Encrypt",
  "C_EncryptUpdate",
  "C_EncryptFinal",
  "C_DecryptInit",
  "C_Decrypt",
  "C_DecryptUpdate",
  "C_DecryptFinal",
  "C_DigestInit",
  "C_Digest",
  "C_DigestUpdate",
  "C_DigestKey",
  "C_DigestFinal",
  "C_SignInit",
  "C_Sign",
] as const;

/**
 * The koffi types of the PKCS#11 structs the helper passes, for one target. The types are
 * anonymous: koffi keeps named types for the life of the process, and a module evaluated twice
 * (tests) would declare them again.
 */
export function pkcs11Layout(target: AbiTarget) {
  const ulong = target.ulongSize === 8 ? "uint64_t" : "uint32_t";
  const struct = (def: Parameters<typeof koffi.struct>[0]) =>
    target.packed ? koffi.pack(def) : koffi.struct(def);
  const version = struct({ major: "uint8_t", minor: "uint8_t" });
  const chars = (n: number) => koffi.array("uint8_t", n, "Typed");
  return {
    ulong,
    tokenInfo: struct({
      label: chars(32),
      manufacturerID: chars(32),
      model: chars(16),
      serialNumber: chars(16),
      flags: ulong,
      maxSessionCount: ulong,
      sessionCount: ulong,
      maxRwSessionCount: ulong,
      rwSessionCount: ulong,
      maxPinLen: ulong,
      minPinLen: ulong,
      totalPublicMemory: ulong,
      freePublicMemory: ulong,
      totalPrivateMemory: ulong,
      freePrivateMemory: ulong,
      hardwareVersion: version,
      firmwareVersion: version,
      utcTime: chars(16),
    }),
    attribute: struct({ type: ulong, pValue: "void *", ulValueLen: ulong }),
    mechanism: struct({ mechanism: ulong, pParameter: "void *", ulParameterLen: ulong }),
    initializeArgs: struct({
      CreateMutex: "void *",
      DestroyMutex: "void *",
      LockMutex: "void *",
      UnlockMutex: "void *",
      flags: ulong,
      pReserved: "void *",
    }),
    functionList: struct({
      version,
      ...Object.fromEntries(FUNCTION_LIST_ORDER.map((name) => [name, "void *"])),
    }),
  };
}

/** This process's target: koffi's `unsigned long` is the C compiler's. */
export const HOST_TARGET: AbiTarget = {
  ulongSize: koffi.sizeof("unsigned long") === 4 ? 4 : 8,
  packed: process.platform === "win32",
};
export const HOST_LAYOUT = pkcs11Layout(HOST_TARGET);

/** Bytes of a CK_ULONG (and so of every handle, flag word and length) here. */
export const ULONG_SIZE = HOST_TARGET.ulongSize;
/** CK_UNAVAILABLE_INFORMATION: ~0 as a CK_ULONG. */
export const UNAVAILABLE_INFORMATION = ULONG_SIZE === 8 ? 0xffff_ffff_ffff_ffffn : 0xffff_ffffn;
const ULONG = HOST_LAYOUT.ulong;

/**
 * The C signatures of the functions called. Every pointer is `void *` and given a Buffer (koffi
 * passes a Buffer's own memory, also to asynchronous calls: nothing is copied, so a PIN Buffer
 * zeroed afterwards leaves no copy behind) or null.
 */
export const PROTOTYPES = {
  C_Initialize: ["void *"],
  C_Finalize: ["void *"],
  C_GetSlotList: ["uint8_t", "void *", "void *"],
  C_GetTokenInfo: [ULONG, "void *"],
  C_GetMechanismList: [ULONG, "void *", "void *"],
  C_OpenSession: [ULONG, ULONG, "void *", "void *", "void *"],
  C_CloseSession: [ULONG],
  C_Login: [ULONG, ULONG, "void *", ULONG],
  C_Logout: [ULONG],
  C_GetAttributeValue: [ULONG, ULONG, "void *", ULONG],
  C_FindObjectsInit: [ULONG, "void *", ULONG],
  C_FindObjects: [ULONG, "void *", ULONG, "void *"],
  C_FindObjectsFinal: [ULONG],
  C_SignInit: [ULONG, "void *", ULONG],
  C_Sign: [ULONG, "void *", ULONG, "void *", "void *"],
} as const;

export type Pkcs11FunctionName = keyof typeof PROTOTYPES;

const protoTypes = new Map<Pkcs11FunctionName, TypeObject>();

/** The koffi function type of a PKCS#11 function (CK_RV, i.e. CK_ULONG, is the result). */
export function prototypeOf(name: Pkcs11FunctionName): TypeObject {
  let type = protoTypes.get(name);
  if (!type) protoTypes.set(name, (type = koffi.proto(ULONG, [...PROTOTYPES[name]])));
  return type;
}

/** A CK_ULONG read from `buf` (a number: handles, counts and flags fit in 53 bits). */
export function readUlong(buf: Buffer, offset = 0): number {
  return ULONG_SIZE === 8 ? Number(buf.readBigUInt64LE(offset)) : buf.readUInt32LE(offset);
}

/** A CK_ULONG as its bytes. */
export function ulongBytes(value: number | bigint): Buffer {
  const buf = Buffer.alloc(ULONG_SIZE);
  if (ULONG_SIZE === 8) buf.writeBigUInt64LE(BigInt(value));
  else buf.writeUInt32LE(Number(value));
  return buf;
}

/** The value of a handle, as the C functions take it. */
export function handleValue(handle: Buffer): bigint {
  return ULONG_SIZE === 8 ? handle.readBigUInt64LE(0) : BigInt(handle.readUInt32LE(0));
}

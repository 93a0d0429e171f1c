import koffi from "koffi";
import {
  HOST_LAYOUT,
  PROTOTYPES,
  ULONG_SIZE,
  UNAVAILABLE_INFORMATION,
  handleValue,
  prototypeOf,
  readUlong,
  ulongBytes,
  type Pkcs11FunctionName,
} from "./pkcs11-abi.ts";
import {
  P11,
  Pkcs11Error,
  type Mechanism,
  type Pkcs11Api,
  type Pkcs11Handle,
  type Template,
  type TemplateResult,
  type TokenInfo,
} from "./pkcs11-api.ts";

const { attribute: CK_ATTRIBUTE, functionList: CK_FUNCTION_LIST, mechanism: CK_MECHANISM } = HOST_LAYOUT;
const { initializeArgs: CK_C_INITIALIZE_ARGS, tokenInfo: CK_TOKEN_INFO } = HOST_LAYOUT;

/** A PKCS#11 function reached through the library's CK_FUNCTION_LIST. */
export type CFunction = ((...args: unknown[]) => unknown) & {
  async: (...args: unknown[]) => void;
};
/** The functions of one library's CK_FUNCTION_LIST that the helper calls. */
export type Pkcs11Functions = Record<Pkcs11FunctionName, CFunction>;

/**
 * Libraries opened in this process, by path, with koffi's handle: koffi unloads a library whose
 * handle is garbage-collected, and the function pointers would then point at nothing. A library
 * is never unloaded: vendor middleware often leaves threads running after C_Finalize, and
 * unloading their code under them crashes the process. C_Initialize/C_Finalize
 * (module-registry.ts) decide whether it is in use.
 */
const libraries = new Map<string, { handle: unknown; functions: Pkcs11Functions }>();

function openLibrary(modulePath: string): Pkcs11Functions {
  const known = libraries.get(modulePath);
  if (known) return known.functions;
  // Lazy binding, as PKCS#11 loaders do: a vendor library may reference symbols it never calls.
  const lib = koffi.load(modulePath, { lazy: true });
  const getFunctionList = lib.func("C_GetFunctionList", "unsigned long", ["void *"]) as CFunction;
  const out = Buffer.alloc(koffi.sizeof("void *"));
  check(getFunctionList(out), "C_GetFunctionList");
  const listPtr = koffi.decode(out, "void *") as bigint | null;
  if (!listPtr) throw new Pkcs11Error(P11.CKR_GENERAL_ERROR, "C_GetFunctionList");
  const list = koffi.decode(listPtr, CK_FUNCTION_LIST) as Record<string, bigint | null>;
  const functions = {} as Pkcs11Functions;
  for (const name of Object.keys(PROTOTYPES) as Pkcs11FunctionName[]) {
    const ptr = list[name];
    functions[name] = ptr ? (koffi.decode(ptr, prototypeOf(name)) as CFunction) : unsupported();
  }
  libraries.set(modulePath, { handle: lib, functions });
  return functions;
}

/** A function the library's list leaves out (NULL): it answers CKR_FUNCTION_NOT_SUPPORTED. */
function unsupported(): CFunction {
  const fail = () => P11.CKR_FUNCTION_NOT_SUPPORTED;
  const async = (...args: unknown[]) =>
    queueMicrotask(() => (args.at(-1) as (err: unknown, rv: number) => void)(null, fail()));
  return Object.assign(fail, { async });
}

function check(rv: unknown, method: string): void {
  const code = Number(rv);
  if (code !== P11.CKR_OK) throw new Pkcs11Error(code, method);
}

/** `count` handles out of a CK_ULONG array, each its own copy. */
function handles(array: Buffer, count: number): Pkcs11Handle[] {
  return Array.from({ length: count }, (_, i) =>
    Buffer.from(array.subarray(i * ULONG_SIZE, (i + 1) * ULONG_SIZE)),
  );
}

function text(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("utf8");
}

function num(value: unknown): number {
  return typeof value === "bigint" ? Number(value) : (value as number);
}

/** The bytes of an attribute value, as the PKCS#11 types want them. */
function attributeBytes(value: Template[number]["value"]): Buffer | null {
  if (value === undefined) return null;
  if (Buffer.isBuffer(value)) return value;
  if (typeof value === "number") return ulongBytes(value);
  if (typeof value === "boolean") return Buffer.from([value ? 1 : 0]);
  return Buffer.from(value, "utf8");
}

const ATTRIBUTE_SIZE = koffi.sizeof(CK_ATTRIBUTE);

/**
 * A CK_ATTRIBUTE array pointing at `values`. The caller keeps `values` referenced until the call
 * returns: the array holds their addresses, and koffi passes Buffers' own memory (no copy).
 */
function attributeArray(types: number[], values: Array<Buffer | null>): Buffer {
  const array = Buffer.alloc(types.length * ATTRIBUTE_SIZE);
  types.forEach((type, i) => {
    const v = values[i];
    koffi.encode(array, i * ATTRIBUTE_SIZE, CK_ATTRIBUTE, {
      type,
      pValue: v && v.length > 0 ? koffi.address(v) : null,
      ulValueLen: v?.length ?? 0,
    });
  });
  return array;
}

function attributeLength(array: Buffer, i: number, method: string): number {
  const { ulValueLen } = koffi.decode(array, i * ATTRIBUTE_SIZE, CK_ATTRIBUTE) as { ulValueLen: unknown };
  if (BigInt(ulValueLen as number | bigint) === UNAVAILABLE_INFORMATION) {
    throw new Pkcs11Error(P11.CKR_ATTRIBUTE_TYPE_INVALID, method);
  }
  return num(ulValueLen);
}

/** The UTF-8 bytes of a PIN in a Buffer of their own (not Node's shared pool), to be zeroed. */
function pinBytes(pin: string | undefined): Buffer | null {
  if (pin === undefined) return null;
  const buf = Buffer.alloc(Buffer.byteLength(pin, "utf8"));
  buf.write(pin, "utf8");
  return buf;
}

/**
 * One PKCS#11 library, called through koffi (an FFI whose prebuilt binaries come from the npm
 * registry: nothing is compiled at install). C_Sign and C_Login also run asynchronously, on
 * koffi's worker threads, like the signing of pkcs11js before it.
 */
export class Pkcs11Module implements Pkcs11Api {
  constructor(private readonly fn: Pkcs11Functions) {}

  /** C_Initialize telling the library that the caller is multi-threaded (async calls run on
   * worker threads), or, for a library that cannot lock, that it is not; already initialised is fine. */
  initialize(): void {
    const args = Buffer.alloc(koffi.sizeof(CK_C_INITIALIZE_ARGS));
    const init = (flags: number) => {
      koffi.encode(args, 0, CK_C_INITIALIZE_ARGS, { flags });
      return Number(this.fn.C_Initialize(args));
    };
    let rv = init(P11.CKF_OS_LOCKING_OK);
    if (rv === P11.CKR_CANT_LOCK) rv = init(0);
    if (rv !== P11.CKR_CRYPTOKI_ALREADY_INITIALIZED) check(rv, "C_Initialize");
  }

  C_Finalize(): void {
    check(this.fn.C_Finalize(null), "C_Finalize");
  }

  C_GetSlotList(tokenPresent = false): Pkcs11Handle[] {
    const present = tokenPresent ? 1 : 0;
    return this.ulongList((list, count) => this.fn.C_GetSlotList(present, list, count), "C_GetSlotList");
  }

  C_GetTokenInfo(slot: Pkcs11Handle): TokenInfo {
    const buf = Buffer.alloc(koffi.sizeof(CK_TOKEN_INFO));
    check(this.fn.C_GetTokenInfo(handleValue(slot), buf), "C_GetTokenInfo");
    const raw = koffi.decode(buf, CK_TOKEN_INFO) as Record<string, unknown>;
    const version = (v: unknown) => v as { major: number; minor: number };
    return {
      label: text(raw.label as Uint8Array),
      manufacturerID: text(raw.manufacturerID as Uint8Array),
      model: text(raw.model as Uint8Array),
      serialNumber: text(raw.serialNumber as Uint8Array),
      flags: num(raw.flags),
      maxSessionCount: num(raw.maxSessionCount),
      sessionCount: num(raw.sessionCount),
      maxRwSessionCount: num(raw.maxRwSessionCount),
      rwSessionCount: num(raw.rwSessionCount),
      maxPinLen: num(raw.maxPinLen),
      minPinLen: num(raw.minPinLen),
      totalPublicMemory: num(raw.totalPublicMemory),
      freePublicMemory: num(raw.freePublicMemory),
      totalPrivateMemory: num(raw.totalPrivateMemory),
      freePrivateMemory: num(raw.freePrivateMemory),
      hardwareVersion: version(raw.hardwareVersion),
      firmwareVersion: version(raw.firmwareVersion),
      utcTime: text(raw.utcTime as Uint8Array),
    };
  }

  C_GetMechanismList(slot: Pkcs11Handle): number[] {
    const id = handleValue(slot);
    return this.ulongList(
      (list, count) => this.fn.C_GetMechanismList(id, list, count),
      "C_GetMechanismList",
    ).map((m) => readUlong(m));
  }

  C_OpenSession(slot: Pkcs11Handle, flags: number): Pkcs11Handle {
    const session = Buffer.alloc(ULONG_SIZE);
    check(this.fn.C_OpenSession(handleValue(slot), flags, null, null, session), "C_OpenSession");
    return session;
  }

  C_CloseSession(session: Pkcs11Handle): void {
    check(this.fn.C_CloseSession(handleValue(session)), "C_CloseSession");
  }

  C_Login(session: Pkcs11Handle, userType: number, pin?: string): void {
    const bytes = pinBytes(pin);
    try {
      check(this.fn.C_Login(handleValue(session), userType, bytes, bytes?.length ?? 0), "C_Login");
    } finally {
      bytes?.fill(0);
    }
  }

  async C_LoginAsync(session: Pkcs11Handle, userType: number, pin?: string): Promise<void> {
    const bytes = pinBytes(pin);
    try {
      await this.async("C_Login", handleValue(session), userType, bytes, bytes?.length ?? 0);
    } finally {
      bytes?.fill(0);
    }
  }

  C_Logout(session: Pkcs11Handle): void {
    check(this.fn.C_Logout(handleValue(session)), "C_Logout");
  }

  C_FindObjectsInit(session: Pkcs11Handle, template: Template): void {
    const values = template.map((a) => attributeBytes(a.value));
    const array = attributeArray(
      template.map((a) => a.type),
      values,
    );
    check(this.fn.C_FindObjectsInit(handleValue(session), array, template.length), "C_FindObjectsInit");
  }

  C_FindObjects(session: Pkcs11Handle, maxObjectCount: number): Pkcs11Handle[] {
    const found = Buffer.alloc(maxObjectCount * ULONG_SIZE);
    const count = Buffer.alloc(ULONG_SIZE);
    check(this.fn.C_FindObjects(handleValue(session), found, maxObjectCount, count), "C_FindObjects");
    return handles(found, readUlong(count));
  }

  C_FindObjectsFinal(session: Pkcs11Handle): void {
    check(this.fn.C_FindObjectsFinal(handleValue(session)), "C_FindObjectsFinal");
  }

  /** Reads attribute values: first their lengths, then the values into buffers of those lengths. */
  C_GetAttributeValue(session: Pkcs11Handle, object: Pkcs11Handle, template: Template): TemplateResult {
    const method = "C_GetAttributeValue";
    const s = handleValue(session);
    const o = handleValue(object);
    const types = template.map((a) => a.type);
    const query = attributeArray(
      types,
      types.map(() => null),
    );
    check(this.fn.C_GetAttributeValue(s, o, query, types.length), method);
    const values = types.map((_, i) => Buffer.alloc(attributeLength(query, i, method)));
    const array = attributeArray(types, values);
    check(this.fn.C_GetAttributeValue(s, o, array, types.length), method);
    return types.map((type, i) => ({
      type,
      value: (values[i] ?? Buffer.alloc(0)).subarray(0, attributeLength(array, i, method)),
    }));
  }

  C_SignInit(session: Pkcs11Handle, mechanism: Mechanism, key: Pkcs11Handle): void {
    const param = mechanism.parameter;
    const mech = Buffer.alloc(koffi.sizeof(CK_MECHANISM));
    koffi.encode(mech, 0, CK_MECHANISM, {
      mechanism: mechanism.mechanism,
      pParameter: param && param.length > 0 ? koffi.address(param) : null,
      ulParameterLen: param?.length ?? 0,
    });
    check(this.fn.C_SignInit(handleValue(session), mech, handleValue(key)), "C_SignInit");
  }

  /** C_Sign on the calling thread (scripts and benchmarks; the helper uses C_SignAsync). */
  C_Sign(session: Pkcs11Handle, inData: Buffer, outData: Buffer): Buffer {
    const length = ulongBytes(outData.length);
    check(this.fn.C_Sign(handleValue(session), inData, inData.length, outData, length), "C_Sign");
    return outData.subarray(0, readUlong(length));
  }

  async C_SignAsync(session: Pkcs11Handle, inData: Buffer, outData: Buffer): Promise<Buffer> {
    const length = ulongBytes(outData.length);
    await this.async("C_Sign", handleValue(session), inData, inData.length, outData, length);
    return outData.subarray(0, readUlong(length));
  }

  /** Calls `name` on a koffi worker thread; the arguments stay referenced until it returns. */
  private async(name: Pkcs11FunctionName, ...args: unknown[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.fn[name].async(...args, (err: unknown, rv: unknown) => {
        if (err) reject(err instanceof Error ? err : new Error(`koffi: ${name} failed`));
        else if (Number(rv) !== P11.CKR_OK) reject(new Pkcs11Error(Number(rv), name));
        else resolve();
      });
    });
  }

  /** The two-call pattern of C_GetSlotList and C_GetMechanismList: count, then the list; again
   * if the list grew in between (a token plugged in). */
  private ulongList(call: (list: Buffer | null, count: Buffer) => unknown, method: string): Pkcs11Handle[] {
    for (;;) {
      const count = Buffer.alloc(ULONG_SIZE);
      check(call(null, count), method);
      const n = readUlong(count);
      if (n === 0) return [];
      const list = Buffer.alloc(n * ULONG_SIZE);
      const rv = Number(call(list, count));
      if (rv === P11.CKR_BUFFER_TOO_SMALL) continue;
      check(rv, method);
      return handles(list, readUlong(count));
    }
  }
}

/** Loads a PKCS#11 library and C_Initialize's it: the helper's default Pkcs11Loader. */
export function loadPkcs11Module(modulePath: string): Pkcs11Module {
  const module = new Pkcs11Module(openLibrary(modulePath));
  module.initialize();
  return module;
}

import { HocBaError } from "../../shared/errors/hocba-error.ts";
import {
  allowsDocumentSigning,
  describeCertificate,
  formatDateVi,
  type CertificateInfo,
} from "./certificate-info.ts";
import { assertCertificatePolicy } from "./assert-certificate-policy.ts";
import { certificatePolicyProblem } from "./certificate-policy.ts";
import { acquireModule, type ModuleHandle } from "./module-registry.ts";
import { P11, pkcs11Code, type Pkcs11Api, type Pkcs11Handle, type Pkcs11Loader } from "./pkcs11-api.ts";
import { pinStatusFromFlags, type PinStatus } from "./pin-status.ts";
import { SerialQueue } from "./serial-queue.ts";
import { toTokenError } from "./token-error.ts";
import { TokenSigner, type SigningMechanism } from "./token-signer.ts";

/** A token as CK_TOKEN_INFO describes it (padding trimmed, text NFC). */
export interface TokenSummary {
  label: string;
  serialNumber: string;
  manufacturer: string;
  model: string;
  pin: PinStatus;
  loginRequired: boolean;
  /** The PKCS#11 library that reaches it. */
  modulePath: string;
}

/** A certificate object on a token. `info` is undefined when the DER cannot be parsed. */
export interface TokenCertificate {
  label: string;
  /** CKA_ID, lower-case hex. */
  id: string;
  der: Buffer;
  info?: CertificateInfo;
  /** Why the certificate could not be parsed. */
  error?: string;
}

interface PrivateKeyObject {
  handle: Pkcs11Handle;
  label: string;
  id: string;
  keyType: number;
}

export interface OpenTokenOptions {
  /** Path of the PKCS#11 library (see probeTokenModules). */
  modulePath: string;
  /** Token label: tokens are always chosen by label, never by slot number (SoftHSM moves slots). */
  tokenLabel: string;
  /** Test hook: a fake PKCS#11 layer. Defaults to the koffi binding (load-pkcs11-module.ts). */
  loader?: Pkcs11Loader;
}

export interface SelectSignerOptions {
  /** Certificate label, or its CKA_ID in hex. Optional when the token holds one signing certificate. */
  cert?: string;
  /** The time the certificate must be valid at (default now). */
  now?: Date;
}

function text(s: string): string {
  return s.replace(/\0/g, "").trim().normalize("NFC");
}

function summarize(api: Pkcs11Api, slot: Pkcs11Handle, modulePath: string): TokenSummary {
  const info = api.C_GetTokenInfo(slot);
  return {
    label: text(info.label),
    serialNumber: text(info.serialNumber),
    manufacturer: text(info.manufacturerID),
    model: text(info.model),
    pin: pinStatusFromFlags(info.flags),
    loginRequired: (info.flags & P11.CKF_LOGIN_REQUIRED) !== 0,
    modulePath,
  };
}

/** Slots holding an initialised token (SoftHSM always offers one more, empty, slot). */
function initializedSlots(api: Pkcs11Api): Pkcs11Handle[] {
  return api
    .C_GetSlotList(true)
    .filter((slot) => (api.C_GetTokenInfo(slot).flags & P11.CKF_TOKEN_INITIALIZED) !== 0);
}

/** Lists the tokens plugged in behind one PKCS#11 library. */
export function listTokens(options: { modulePath: string; loader?: Pkcs11Loader }): TokenSummary[] {
  const mod = acquireModule(options.modulePath, options.loader);
  try {
    return initializedSlots(mod.api).map((slot) => summarize(mod.api, slot, options.modulePath));
  } catch (err) {
    throw toTokenError(err, options.modulePath, "liệt kê token");
  } finally {
    mod.release();
  }
}

/**
 * Opens a session on the token with the given label. Call `login`, then `selectSigner`, and
 * `close()` in a finally block. Operations on one session are serialised.
 */
export function openTokenSession(options: OpenTokenOptions): TokenSession {
  return TokenSession.open(options);
}

export class TokenSession {
  private readonly queue = new SerialQueue();
  private closed = false;
  private released = false;
  private loggedIn = false;
  private mechanisms?: number[];

  private constructor(
    private readonly mod: ModuleHandle,
    private readonly slot: Pkcs11Handle,
    private readonly session: Pkcs11Handle,
    /** The token, as it was when the session opened. */
    readonly token: TokenSummary,
  ) {}

  static open(options: OpenTokenOptions): TokenSession {
    const wanted = options.tokenLabel.trim().normalize("NFC");
    const mod = acquireModule(options.modulePath, options.loader);
    try {
      const slots = initializedSlots(mod.api);
      if (slots.length === 0) throw new HocBaError("TOKEN_NONE_PRESENT", { module: options.modulePath });
      const tokens = slots.map((slot) => ({ slot, summary: summarize(mod.api, slot, options.modulePath) }));
      const found = tokens.find((t) => t.summary.label === wanted);
      if (!found) {
        throw new HocBaError("TOKEN_NOT_FOUND", {
          label: wanted,
          available: tokens.map((t) => `«${t.summary.label}»`).join(", "),
        });
      }
      const session = mod.api.C_OpenSession(found.slot, P11.CKF_SERIAL_SESSION);
      return new TokenSession(mod, found.slot, session, found.summary);
    } catch (err) {
      mod.release();
      throw toTokenError(err, wanted, "mở phiên làm việc");
    }
  }

  get label(): string {
    return this.token.label;
  }

  /** The PIN state now (flags change after a wrong PIN). */
  pinStatus(): PinStatus {
    this.assertOpen();
    try {
      return pinStatusFromFlags(this.mod.api.C_GetTokenInfo(this.slot).flags);
    } catch (err) {
      throw toTokenError(err, this.label, "đọc trạng thái token");
    }
  }

  /**
   * Logs the user in. Tokens with a protected authentication path (PIN pad, middleware dialog)
   * take no PIN from us. A wrong PIN throws a HocBaError saying what the token reports about the
   * tries left; it is never retried here. The PIN is not kept: the binding zeroes its copy.
   */
  login(pin?: string): void {
    const pinPad = this.checkBeforeLogin(pin);
    try {
      if (pinPad) this.mod.api.C_Login(this.session, P11.CKU_USER);
      else this.mod.api.C_Login(this.session, P11.CKU_USER, pin);
    } catch (err) {
      this.loginFailed(err);
    }
    this.loggedIn = true;
  }

  /**
   * `login` with C_Login on a worker thread, for the helper: a PIN pad (or a slow token) waits for
   * the user there while the event loop goes on answering the extension.
   */
  async loginAsync(pin?: string): Promise<void> {
    const pinPad = this.checkBeforeLogin(pin);
    try {
      if (pinPad) await this.mod.api.C_LoginAsync(this.session, P11.CKU_USER);
      else await this.mod.api.C_LoginAsync(this.session, P11.CKU_USER, pin);
    } catch (err) {
      this.loginFailed(err);
    }
    this.loggedIn = true;
  }

  /** Refuses a login that cannot succeed; true when the token takes the PIN itself (PIN pad). */
  private checkBeforeLogin(pin: string | undefined): boolean {
    this.assertOpen();
    const before = this.pinStatus();
    if (before.locked) throw new HocBaError("TOKEN_PIN_LOCKED", { label: this.label });
    if (!before.protectedAuthPath && (pin === undefined || pin === "")) {
      throw new HocBaError("TOKEN_PIN_REQUIRED", { label: this.label });
    }
    return before.protectedAuthPath;
  }

  /** Returns when the user was already logged in; otherwise throws the error to show. */
  private loginFailed(err: unknown): void {
    const code = pkcs11Code(err);
    if (code === P11.CKR_USER_ALREADY_LOGGED_IN) return;
    if (code === P11.CKR_PIN_INCORRECT) throw this.wrongPinError(err);
    if (code === P11.CKR_PIN_LEN_RANGE) {
      const info = this.mod.api.C_GetTokenInfo(this.slot);
      throw new HocBaError(
        "TOKEN_PIN_LENGTH",
        { label: this.label, min: info.minPinLen, max: info.maxPinLen },
        { cause: err },
      );
    }
    throw toTokenError(err, this.label, "đăng nhập");
  }

  private wrongPinError(cause: unknown): HocBaError {
    let after: PinStatus | undefined;
    try {
      after = this.pinStatus();
    } catch {
      after = undefined;
    }
    const params = { label: this.label };
    if (after?.locked) return new HocBaError("TOKEN_PIN_LOCKED", params, { cause });
    if (after?.finalTry) return new HocBaError("TOKEN_PIN_INCORRECT_FINAL_TRY", params, { cause });
    if (after?.countLow) return new HocBaError("TOKEN_PIN_INCORRECT_COUNT_LOW", params, { cause });
    return new HocBaError("TOKEN_PIN_INCORRECT", params, { cause });
  }

  /**
   * Every certificate object on the token (public objects: no login needed), by ID then label: a
   * token returns its objects in any order (SoftHSM: a different one each run), and the lists shown
   * to the user, and which of two same-labelled certificates --cert picks, should not change.
   */
  listCertificates(): TokenCertificate[] {
    this.assertOpen();
    try {
      return this.findObjects(P11.CKO_CERTIFICATE)
        .map((h) => {
          const [label, id, value] = this.mod.api.C_GetAttributeValue(this.session, h, [
            { type: P11.CKA_LABEL },
            { type: P11.CKA_ID },
            { type: P11.CKA_VALUE },
          ]);
          const cert: TokenCertificate = {
            label: text(label?.value.toString("utf8") ?? ""),
            id: (id?.value ?? Buffer.alloc(0)).toString("hex"),
            der: value?.value ?? Buffer.alloc(0),
          };
          try {
            cert.info = describeCertificate(cert.der);
          } catch (err) {
            cert.error = err instanceof Error ? err.message : String(err);
          }
          return cert;
        })
        .sort((a, b) => compareText(a.id, b.id) || compareText(a.label, b.label));
    } catch (err) {
      throw toTokenError(err, this.label, "đọc chứng thư số");
    }
  }

  private privateKeys(): PrivateKeyObject[] {
    return this.findObjects(P11.CKO_PRIVATE_KEY).map((handle) => {
      const [label, id, keyType] = this.mod.api.C_GetAttributeValue(this.session, handle, [
        { type: P11.CKA_LABEL },
        { type: P11.CKA_ID },
        { type: P11.CKA_KEY_TYPE },
      ]);
      const kt = keyType?.value;
      return {
        handle,
        label: text(label?.value.toString("utf8") ?? ""),
        id: (id?.value ?? Buffer.alloc(0)).toString("hex"),
        keyType: kt && kt.length > 0 ? kt.readUIntLE(0, Math.min(kt.length, 6)) : -1,
      };
    });
  }

  private findObjects(objectClass: number): Pkcs11Handle[] {
    const api = this.mod.api;
    api.C_FindObjectsInit(this.session, [{ type: P11.CKA_CLASS, value: objectClass }]);
    const out: Pkcs11Handle[] = [];
    try {
      for (;;) {
        const batch = api.C_FindObjects(this.session, 64);
        out.push(...batch);
        if (batch.length < 64) break;
      }
    } finally {
      api.C_FindObjectsFinal(this.session);
    }
    return out;
  }

  /**
   * Chooses the signing certificate and its private key, and checks that the certificate may sign
   * now: valid, not a CA, allowing digitalSignature or nonRepudiation. Needs `login` first.
   */
  selectSigner(options: SelectSignerOptions = {}): TokenSigner {
    this.assertOpen();
    if (!this.loggedIn) throw new HocBaError("TOKEN_NOT_LOGGED_IN", { label: this.label });
    const now = options.now ?? new Date();
    let certs: TokenCertificate[];
    let keys: PrivateKeyObject[];
    try {
      certs = this.listCertificates();
      keys = this.privateKeys();
    } catch (err) {
      throw toTokenError(err, this.label, "đọc khoá và chứng thư số");
    }
    const keyFor = (c: TokenCertificate) =>
      keys.find((k) => c.id !== "" && k.id === c.id) ??
      keys.find((k) => k.label !== "" && k.label === c.label);
    const listed = certs.map((c) => `«${c.label || c.id}»`).join(", ") || "(không có)";

    let chosen: TokenCertificate | undefined;
    if (options.cert !== undefined) {
      const want = options.cert.trim().normalize("NFC");
      chosen = certs.find((c) => c.label === want);
      if (!chosen) {
        if (!/^(0x)?[0-9a-f]+$/i.test(want)) {
          throw new HocBaError("TOKEN_CERT_NOT_FOUND", { cert: want, label: this.label, available: listed });
        }
        const hex = want.replace(/^0x/i, "").toLowerCase();
        chosen = certs.find((c) => c.id === hex);
      }
      if (!chosen) {
        throw new HocBaError("TOKEN_CERT_NOT_FOUND", { cert: want, label: this.label, available: listed });
      }
    } else {
      const usable = certs.filter(
        (c) =>
          c.info &&
          !c.info.isCa &&
          keyFor(c) &&
          allowsDocumentSigning(c.info) &&
          !certificatePolicyProblem(c.info) &&
          c.info.notBefore <= now &&
          now <= c.info.notAfter,
      );
      if (usable.length === 0) throw new HocBaError("TOKEN_NO_SIGNING_CERT", { label: this.label });
      if (usable.length > 1) {
        throw new HocBaError("TOKEN_CERT_AMBIGUOUS", {
          label: this.label,
          available: usable.map((c) => `«${c.label}» (ID ${c.id}, ${c.info?.commonName ?? ""})`).join(", "),
        });
      }
      chosen = usable[0];
    }
    if (!chosen) throw new HocBaError("TOKEN_NO_SIGNING_CERT", { label: this.label });
    const name = chosen.label || chosen.id;
    const info = chosen.info;
    if (!info) {
      throw new HocBaError("TOKEN_CERT_UNREADABLE", {
        cert: name,
        label: this.label,
        detail: chosen.error ?? "",
      });
    }
    assertCertificateCanSign(info, name, now);
    const key = keyFor(chosen);
    if (!key) throw new HocBaError("TOKEN_KEY_NOT_FOUND", { label: this.label, cert: name });
    const mechanism = this.chooseMechanism(info, key, name);
    return new TokenSigner({
      api: this.mod.api,
      session: this.session,
      key: key.handle,
      mechanism,
      queue: this.queue,
      certificate: chosen.der,
      info,
      chain: issuingChain(chosen, certs),
      tokenLabel: this.label,
      certLabel: name,
      isOpen: () => !this.closed,
      onRemoved: () => {
        this.closed = true;
      },
    });
  }

  private chooseMechanism(info: CertificateInfo, key: PrivateKeyObject, cert: string): SigningMechanism {
    try {
      this.mechanisms ??= this.mod.api.C_GetMechanismList(this.slot);
    } catch (err) {
      throw toTokenError(err, this.label, "đọc danh sách cơ chế ký");
    }
    const mechs = this.mechanisms;
    if (info.keyType === "RSA" && (key.keyType === P11.CKK_RSA || key.keyType === -1)) {
      if (mechs.includes(P11.CKM_SHA256_RSA_PKCS)) return "SHA256_RSA_PKCS";
      if (mechs.includes(P11.CKM_RSA_PKCS)) return "RSA_PKCS_DIGESTINFO";
      throw new HocBaError("TOKEN_NO_MECHANISM", {
        label: this.label,
        mechanism: "CKM_SHA256_RSA_PKCS / CKM_RSA_PKCS",
      });
    }
    if (info.keyType === "EC" && (key.keyType === P11.CKK_EC || key.keyType === -1)) {
      if (mechs.includes(P11.CKM_ECDSA)) return "ECDSA";
      throw new HocBaError("TOKEN_NO_MECHANISM", { label: this.label, mechanism: "CKM_ECDSA" });
    }
    throw new HocBaError("TOKEN_UNSUPPORTED_KEY", { cert, keyType: info.keyType });
  }

  /** Logs out and closes the session; safe to call twice, and after the token was pulled out. */
  close(): void {
    if (this.released) return;
    this.released = true;
    this.closed = true;
    try {
      if (this.loggedIn) this.mod.api.C_Logout(this.session);
    } catch {
      // Already logged out, or the token is gone: nothing to undo.
    }
    try {
      this.mod.api.C_CloseSession(this.session);
    } catch {
      // Same.
    }
    this.loggedIn = false;
    this.mod.release();
  }

  private assertOpen(): void {
    if (this.closed) throw new HocBaError("TOKEN_SESSION_CLOSED", { label: this.label });
  }
}

/** Refuses a certificate that may not sign at `now`. Exported for tests and for the sign layer. */
export function assertCertificateCanSign(info: CertificateInfo, certName: string, now: Date): void {
  const who = { name: info.commonName || certName, serial: info.serialHex };
  if (info.isCa) throw new HocBaError("TOKEN_CERT_IS_CA", { cert: certName });
  if (now > info.notAfter) {
    throw new HocBaError("TOKEN_CERT_EXPIRED", { ...who, notAfter: formatDateVi(info.notAfter) });
  }
  if (now < info.notBefore) {
    throw new HocBaError("TOKEN_CERT_NOT_YET_VALID", { ...who, notBefore: formatDateVi(info.notBefore) });
  }
  if (!allowsDocumentSigning(info)) throw new HocBaError("TOKEN_CERT_KEY_USAGE", who);
  assertCertificatePolicy(info);
}

/** The CA certificates on the token that issued `leaf`, nearest first, without self-signed roots. */
function issuingChain(leaf: TokenCertificate, all: TokenCertificate[]): Buffer[] {
  const out: Buffer[] = [];
  let current = leaf;
  for (let depth = 0; depth < 8 && current.info && !current.info.selfSigned; depth++) {
    const issuerName = current.info.issuer;
    const parent = all.find(
      (c) => c !== current && c.info?.isCa && c.info.subject === issuerName && !out.includes(c.der),
    );
    if (!parent?.info || parent.info.selfSigned) break;
    out.push(parent.der);
    current = parent;
  }
  return out;
}

/** Code-unit order: the same on every machine, whatever its locale. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

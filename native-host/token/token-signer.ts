import { createHash, verify as cryptoVerify, X509Certificate, type KeyObject } from "node:crypto";
import { HocBaError } from "../../shared/errors/hocba-error.ts";
import type { CertificateInfo } from "./certificate-info.ts";
import { sha256DigestInfo } from "./digest-info.ts";
import { P11, type Pkcs11Api, type Pkcs11Handle } from "./pkcs11-api.ts";
import type { SerialQueue } from "./serial-queue.ts";
import { toTokenError } from "./token-error.ts";

/** How the token computes an RSA/ECDSA signature with SHA-256. */
export type SigningMechanism =
  /** CKM_SHA256_RSA_PKCS over the data. */
  | "SHA256_RSA_PKCS"
  /** CKM_RSA_PKCS over DigestInfo(SHA-256(data)), for tokens without the former: byte-identical output. */
  | "RSA_PKCS_DIGESTINFO"
  /** CKM_ECDSA over SHA-256(data); PKCS#11 returns r||s, which is also XMLDSig's form. */
  | "ECDSA";

/** What the XML signing layer needs from a key: its certificates and a SHA-256 signature. */
export interface DocumentSigner {
  /** The signer's certificate, DER. */
  readonly certificate: Buffer;
  /** Intermediate CA certificates (DER), nearest first, as found on the token. */
  readonly chain: readonly Buffer[];
  readonly info: CertificateInfo;
  readonly keyType: "RSA" | "EC";
  readonly tokenLabel: string;
  readonly certLabel: string;
  /**
   * Signs `data` with SHA-256: RSA PKCS#1 v1.5, or ECDSA as r||s. Calls are serialised per
   * session; the result is checked against the certificate before it is returned.
   */
  sign(data: Buffer): Promise<Buffer>;
}

interface TokenSignerInit {
  api: Pkcs11Api;
  session: Pkcs11Handle;
  key: Pkcs11Handle;
  mechanism: SigningMechanism;
  queue: SerialQueue;
  certificate: Buffer;
  info: CertificateInfo;
  chain: Buffer[];
  tokenLabel: string;
  certLabel: string;
  isOpen: () => boolean;
  onRemoved: () => void;
}

/** A private key on a logged-in token session. Obtain one with TokenSession.selectSigner. */
export class TokenSigner implements DocumentSigner {
  readonly certificate: Buffer;
  readonly chain: readonly Buffer[];
  readonly info: CertificateInfo;
  readonly keyType: "RSA" | "EC";
  readonly tokenLabel: string;
  readonly certLabel: string;
  readonly mechanism: SigningMechanism;
  private readonly publicKey: KeyObject;
  private readonly outLength: number;

  constructor(private readonly init: TokenSignerInit) {
    this.certificate = init.certificate;
    this.chain = init.chain;
    this.info = init.info;
    this.keyType = init.info.keyType === "EC" ? "EC" : "RSA";
    this.tokenLabel = init.tokenLabel;
    this.certLabel = init.certLabel;
    this.mechanism = init.mechanism;
    this.publicKey = new X509Certificate(init.certificate).publicKey;
    const bits = init.info.keyBits ?? 4096;
    this.outLength = this.keyType === "EC" ? 2 * Math.ceil(bits / 8) : Math.ceil(bits / 8);
  }

  async sign(data: Buffer): Promise<Buffer> {
    // Hashing happens before queueing, so it overlaps the token's work on the previous request.
    const input =
      this.mechanism === "SHA256_RSA_PKCS"
        ? data
        : this.mechanism === "RSA_PKCS_DIGESTINFO"
          ? sha256DigestInfo(data)
          : createHash("sha256").update(data).digest();
    const mechanism =
      this.mechanism === "SHA256_RSA_PKCS"
        ? P11.CKM_SHA256_RSA_PKCS
        : this.mechanism === "RSA_PKCS_DIGESTINFO"
          ? P11.CKM_RSA_PKCS
          : P11.CKM_ECDSA;
    const { api, session, key } = this.init;
    const signature = await this.init.queue.run(async () => {
      if (!this.init.isOpen()) {
        throw new HocBaError("TOKEN_REMOVED", { label: this.tokenLabel, operation: "ký" });
      }
      try {
        api.C_SignInit(session, { mechanism }, key);
        return await api.C_SignAsync(session, input, Buffer.alloc(this.outLength + 16));
      } catch (err) {
        const e = toTokenError(err, this.tokenLabel, "ký");
        if (e.code === "TOKEN_REMOVED") this.init.onRemoved();
        throw e;
      }
    });
    // Checked outside the queue, so that the token starts on the next request meanwhile.
    if (!this.matchesCertificate(data, signature)) {
      throw new HocBaError("TOKEN_BAD_SIGNATURE_OUTPUT", { label: this.tokenLabel, cert: this.certLabel });
    }
    return signature;
  }

  private matchesCertificate(data: Buffer, signature: Buffer): boolean {
    try {
      return this.keyType === "EC"
        ? cryptoVerify("sha256", data, { key: this.publicKey, dsaEncoding: "ieee-p1363" }, signature)
        : cryptoVerify("sha256", data, this.publicKey, signature);
    } catch {
      return false;
    }
  }
}

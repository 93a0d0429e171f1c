import type { HocBaError } from "../../shared/errors/hocba-error.ts";
import type { ErrorBody, SigningRole } from "../../shared/protocol/common.ts";
import type { StoredDocument } from "../archive/hocba-archive.ts";
import type { BatchSigner } from "../archive/sign-archived-batch.ts";
import type { ModuleStatus, SignatureReport, TokenInfo } from "../../shared/protocol/responses.ts";

/**
 * What the helper needs from the token, signing and verification code. The dispatcher and actions
 * see only this, so the protocol handling does not depend on PKCS#11 details.
 */
export interface SigningBackend {
  /** PKCS#11 libraries found on this machine and whether each loads. */
  modules(): Promise<ModuleStatus[]>;
  /** Tokens present with their certificates; libraries that failed to load are reported apart. */
  listTokens(): Promise<{ tokens: TokenInfo[]; moduleErrors: ModuleStatus[] }>;
  /**
   * Opens a session on the token labelled `tokenLabel`, logs in once with `pin` (undefined: PIN
   * pad / middleware dialog) and selects the certificate `certId` and its key. Throws a HocBaError
   * (TOKEN_PIN_INCORRECT...) on failure; never retries the login.
   */
  openSigner(options: { tokenLabel: string; certId: string; pin: string | undefined }): Promise<BatchSigner>;
  /**
   * The certificate `openSigner` would select, read without a login (certificates are public);
   * undefined when it cannot be told. Lets a rerun answer from the archive without the PIN.
   */
  signingCertificate(options: { tokenLabel: string; certId: string }): Promise<Uint8Array | undefined>;
  /**
   * Why an archived copy may not answer for a batch signing in `role` with `certificateDer`, under
   * the trust this machine signs with (native-host/sign/check-resumable.ts); null when it may.
   */
  checkResume(
    stored: StoredDocument,
    role: SigningRole,
    certificateDer: Uint8Array,
  ): Promise<HocBaError | null>;
  /** Verifies one document against the trusted roots configured on this machine. */
  verify(bytes: Uint8Array, fileName: string): Promise<DocumentVerification>;
  /** Releases every library (C_Finalize). */
  close(): Promise<void>;
}

/** A logged-in session bound to one certificate (shared with `hocba sign`). */
export type { BatchSigner } from "../archive/sign-archived-batch.ts";

export interface DocumentVerification {
  valid: boolean;
  complete: boolean;
  signatures: SignatureReport[];
  problems: ErrorBody[];
}

import { HocBaError } from "../../shared/errors/hocba-error.ts";
import type { BatchSigner } from "../archive/sign-archived-batch.ts";
import type { DocumentSigner } from "../token/token-signer.ts";
import type { TrustAnchors } from "../xmldsig/trust-anchors.ts";
import { prepareHocBaSignature } from "./sign-hocba.ts";
import type { ValidationDataSource } from "./validation-data.ts";
import { formatSigningTime } from "../../shared/xml/hocbaso-v1/signature-profile.ts";
import type { CheckedDocuments } from "./checked-documents.ts";

/**
 * A logged-in token key as the batch path wants it (signArchivedBatch): each call checks and
 * prepares its document (several at once), then queues it at the token. `close` ends the session.
 * `trust`: earlier signatures must also chain to these roots. `clock`: the SigningTime of each
 * signature (default now; tests and the benchmark pin it). `timestamp`: XAdES B-T (see sign-hocba).
 */
export function tokenBatchSigner(
  signer: DocumentSigner,
  options: {
    trust?: TrustAnchors | undefined;
    close: () => void;
    clock?: () => Date;
    /** A SignatureTimeStamp per signature (XAdES B-T), asked right after the token signs. */
    timestamp?: ((data: Buffer) => Promise<Uint8Array>) | undefined;
    /** After the timestamp: certificates and revocation data kept in the signature (XAdES B-LT). */
    validationData?: ValidationDataSource | undefined;
    /** Documents the batch checked before the login (checkSignable): not parsed a second time. */
    checked?: CheckedDocuments | undefined;
    /**
     * The signer's CA certificates for KeyInfo when the token lacks some (completeSignerChain);
     * default: those found on the token.
     */
    chain?: readonly Buffer[] | undefined;
  },
): BatchSigner {
  const { info } = signer;
  // The certificates written into each signature; the token's key still signs.
  const identity = options.chain
    ? { certificate: signer.certificate, chain: options.chain, info, keyType: signer.keyType }
    : signer;
  const trust = options.trust && !options.trust.empty ? { trust: options.trust } : {};
  const checked = options.checked ? { checked: options.checked } : {};
  return {
    certificateDer: signer.certificate,
    signer: {
      commonName: info.commonName,
      subject: info.subject,
      issuer: info.issuer,
      serialNumber: info.serialHex,
      certSha256: info.sha256.toLowerCase(),
    },
    async sign(bytes, role, { signal }) {
      const at = options.clock?.() ?? new Date();
      const prepared = await prepareHocBaSignature(identity, bytes, role, {
        signingTime: at,
        ...trust,
        ...checked,
      });
      // Cancelled while this document was being checked: it never reaches the token.
      if (signal.aborted) throw new HocBaError("SIGN_CANCELLED");
      const value = await signer.sign(prepared.signedInfo);
      // Into the same signature, before the file is written or archived: nobody countersigned it yet.
      const token = options.timestamp ? await options.timestamp(prepared.timestampedData(value)) : undefined;
      const validation =
        token && options.validationData ? await options.validationData(identity, token) : undefined;
      const bytesOut = prepared.finish(value, token, validation);
      return { bytes: bytesOut, signingTime: formatSigningTime(at), ids: prepared.ids };
    },
    close() {
      options.close();
      return Promise.resolve();
    },
  };
}

import { HocBaError } from "../../shared/errors/hocba-error.ts";
import type { ErrorBody } from "../../shared/protocol/common.ts";
import type { HandoffManifest } from "../../shared/handoff/handoff-manifest.ts";
import { readHandoffPackage } from "../../shared/handoff/read-handoff-package.ts";
import { sha256Hex } from "../archive/audit-chain.ts";
import {
  verificationProblems,
  type HandoffVerification,
  type HandoffVerifier,
} from "./handoff-verification.ts";

function mismatch(name: string, field: string, expected: string, actual: string): ErrorBody {
  const e = new HocBaError("HANDOFF_MANIFEST_MISMATCH", { name, field, expected, actual });
  return { code: e.code, message: e.message, params: { ...e.params } };
}

/** The check of one document of a package. */
export interface HandoffDocumentCheck {
  index: number;
  fileName: string;
  maHocVien: string;
  hoTen: string;
  /** Verified, and agreeing with manifest.json and SHA256SUMS. */
  ok: boolean;
  /** The package's problems with this file, then the verifier's. */
  problems: ErrorBody[];
  /** The file's bytes, when the package has it. */
  bytes?: Uint8Array;
  sha256?: string;
  verification?: HandoffVerification;
}

export interface HandoffPackageCheck {
  fileName: string;
  manifest: HandoffManifest;
  /** Problems of the package as a whole. */
  problems: ErrorBody[];
  documents: HandoffDocumentCheck[];
  /** Every document ok and no package problem. */
  ok: boolean;
}

/**
 * Opens a package without trusting it (readHandoffPackage: throws HANDOFF_* for a zip that is
 * unsafe as a whole) and verifies every document it lists with the real verifier. A document is
 * ok only when it verifies (trust chain, signer authority, integrity) and its bytes are what
 * manifest.json and SHA256SUMS say.
 */
export async function checkHandoffPackage(
  zip: Uint8Array,
  options: { fileName: string; verify: HandoffVerifier },
): Promise<HandoffPackageCheck> {
  const read = readHandoffPackage(zip, { fileName: options.fileName });
  const documents: HandoffDocumentCheck[] = [];
  for (const [index, doc] of read.manifest.documents.entries()) {
    const problems: ErrorBody[] = [...(read.documentProblems.get(doc.fileName) ?? [])];
    const bytes = read.files.get(doc.fileName);
    const check: HandoffDocumentCheck = {
      index,
      fileName: doc.fileName,
      maHocVien: doc.maHocVien,
      hoTen: doc.hoTen,
      ok: false,
      problems,
    };
    if (bytes) {
      check.bytes = bytes;
      check.sha256 = sha256Hex(bytes);
      const verification = await options.verify(bytes, doc.fileName);
      check.verification = verification;
      if (!verification.valid) problems.push(...verificationProblems(verification));
      // The manifest names who signed: it must be who the signatures say (a swapped manifest shows).
      for (const claimed of doc.roles) {
        const actual = verification.signatures.find((sig) => sig.role === claimed.role)?.signer?.commonName;
        if (
          claimed.signer !== "" &&
          actual !== undefined &&
          claimed.signer.normalize("NFC") !== actual.normalize("NFC")
        ) {
          problems.push(mismatch(doc.fileName, `${claimed.role} (người ký)`, claimed.signer, actual));
        }
      }
      check.ok = verification.valid && problems.length === 0;
    }
    documents.push(check);
  }
  return {
    fileName: options.fileName,
    manifest: read.manifest,
    problems: read.problems,
    documents,
    ok: read.problems.length === 0 && documents.every((d) => d.ok),
  };
}

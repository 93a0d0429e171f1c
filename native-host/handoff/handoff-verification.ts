import type { ErrorBody } from "../../shared/protocol/common.ts";
import type { HandoffRoleSigned } from "../../shared/handoff/handoff-manifest.ts";
import { SIGNING_ROLES, type SigningRole } from "../../shared/xml/hocbaso-v1/signature-profile.ts";
import { verifyHocBa, type VerifyReport } from "../verify/verify-hocba.ts";
import type { TrustAnchors } from "../xmldsig/trust-anchors.ts";
import type { VerifyIssue } from "../xmldsig/verify-issue.ts";

/**
 * What packages need from the verifier about one document: valid or not and why, and who signed
 * each role when. The helper's `verify` (in its document worker) and verifyHocBa both give it.
 */
export interface HandoffVerification {
  valid: boolean;
  /** All three roles signed. */
  complete: boolean;
  problems: ErrorBody[];
  signatures: Array<{
    role: string;
    valid: boolean;
    signer?: { commonName: string };
    signingTime?: string;
    problems: ErrorBody[];
  }>;
}

export type HandoffVerifier = (bytes: Uint8Array, fileName: string) => Promise<HandoffVerification>;

function body(issue: VerifyIssue): ErrorBody {
  return { code: issue.code, message: issue.message, params: { ...issue.params } };
}

/** A verifier over verifyHocBa with these roots (the CLI's). */
export function localVerifier(anchors: TrustAnchors, now?: Date): HandoffVerifier {
  return async (bytes, fileName) =>
    verificationOf(await verifyHocBa(bytes, { anchors, file: fileName, ...(now ? { now } : {}) }));
}

export function verificationOf(report: VerifyReport): HandoffVerification {
  return {
    valid: report.ok,
    complete: report.complete,
    problems: report.issues.map(body),
    signatures: report.signatures.map((s) => ({
      role: s.role,
      valid: s.ok,
      ...(s.signer ? { signer: { commonName: s.signer.name } } : {}),
      ...(s.signingTime !== undefined ? { signingTime: s.signingTime } : {}),
      problems: s.issues.map(body),
    })),
  };
}

/** Who signed each role and when, in signing order. */
export function rolesSigned(v: HandoffVerification): HandoffRoleSigned[] {
  return v.signatures
    .filter((s): s is typeof s & { role: SigningRole } =>
      (SIGNING_ROLES as readonly string[]).includes(s.role),
    )
    .map((s) => ({ role: s.role, signer: s.signer?.commonName ?? "", signingTime: s.signingTime ?? "" }));
}

/** Every problem of a verification, document-level first. */
export function verificationProblems(v: HandoffVerification): ErrorBody[] {
  return [...v.problems, ...v.signatures.flatMap((s) => s.problems)];
}

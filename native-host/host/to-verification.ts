import type { ErrorBody } from "../../shared/protocol/common.ts";
import type { VerifyReport } from "../verify/verify-hocba.ts";
import type { VerifyIssue } from "../xmldsig/verify-issue.ts";
import type { DocumentVerification } from "./signing-backend.ts";

function issueBody(issue: VerifyIssue): ErrorBody {
  return { code: issue.code, message: issue.message, params: { ...issue.params } };
}

/** The verifier's report in protocol form. */
export function toVerification(report: VerifyReport): DocumentVerification {
  return {
    valid: report.ok,
    complete: report.complete,
    problems: report.issues.map(issueBody),
    signatures: report.signatures.map((s) => ({
      role: s.role,
      valid: s.ok,
      ...(s.signer
        ? {
            signer: {
              commonName: s.signer.name,
              subject: s.signer.subject,
              issuer: s.signer.issuer,
              serialNumber: s.signer.certSerial,
            },
          }
        : {}),
      ...(s.signingTime !== undefined ? { signingTime: s.signingTime } : {}),
      level: s.level,
      problems: s.issues.map(issueBody),
    })),
  };
}

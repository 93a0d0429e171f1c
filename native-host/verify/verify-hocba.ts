import { readHocBa } from "../../shared/xml/hocbaso-v1/read-hoc-ba.ts";
import type { HocBaView } from "../../shared/xml/hocbaso-v1/hoc-ba-view.ts";
import { allowsDocumentSigning, describeCertificate, formatDateVi } from "../token/certificate-info.ts";
import { isCompletelySigned, type SigningRole } from "../../shared/xml/hocbaso-v1/signature-profile.ts";
import { roleLabel } from "../xmldsig/role-label.ts";
import { examineSignature, type C14nCache, type SignatureFacts } from "../xmldsig/examine-signature.ts";
import { inspectHocBa } from "../xmldsig/inspect-hocba.ts";
import { TrustAnchors, type TrustOptions } from "../xmldsig/trust-anchors.ts";
import { verifyIssue, type VerifyIssue } from "../xmldsig/verify-issue.ts";
import { checkSigningTimes, recordTimesOf } from "../xmldsig/check-signing-times.ts";
import { certificatePolicyIssues } from "../xmldsig/certificate-policy-issues.ts";
import { checkSignedData } from "./check-signed-data.ts";
import { checkSignatureAuthority, type SignatureAuthority } from "./check-signature-authority.ts";
import { namedSignersOfElement } from "../../shared/authority/named-signers-of-element.ts";
import { checkTimestampToken } from "../trust/check-timestamp-token.ts";
import { checkValidationData, type RevocationEvidence } from "./check-validation-data.ts";
import { formatSigningTime } from "../../shared/xml/hocbaso-v1/signature-profile.ts";

export interface VerifyOptions extends TrustOptions {
  /** Prebuilt roots (for batches: chains are then built once). Overrides the TrustOptions. */
  anchors?: TrustAnchors;
  /** "Now", for the future-SigningTime check (tests pin it). */
  now?: Date;
  /**
   * Verify as of this date (`hocba verify --at`): it is "now", and a signature without a valid
   * timestamp also needs a certificate not yet expired then (nothing proves it was made earlier).
   */
  at?: Date;
  /** Name of the file, copied into the report. */
  file?: string;
  /** Read the signed data into a typed view (default true). */
  readView?: boolean;
}

/** Who signed, from the certificate in KeyInfo. */
export interface SignerReport {
  name: string;
  organization?: string;
  title?: string;
  cccd?: string;
  cmnd?: string;
  mst?: string;
  hoChieu?: string;
  subject: string;
  certSerial: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
}

export interface SignatureReport {
  role: SigningRole;
  roleLabel: string;
  /** Everything below holds. */
  ok: boolean;
  signer?: SignerReport;
  /** SigningTime as written in the signed properties. */
  signingTime?: string;
  /** Digests (data, properties, earlier signatures) and SignatureValue verify. */
  integrity: boolean;
  /** The certificate chains to a trusted root. */
  chainTrusted: boolean;
  /** The certificate (and its issuers) were valid at SigningTime. */
  validAtSigningTime: boolean;
  /** digitalSignature or nonRepudiation. */
  keyUsageOk: boolean;
  /** SigningCertificateV2 matches the KeyInfo certificate. */
  signingCertificateOk: boolean;
  /** ClaimedRole equals the container's role. */
  roleOk: boolean;
  /**
   * XAdES baseline level reached: B-B (SigningTime is the signer's claim), B-T (a valid RFC 3161
   * SignatureTimeStamp from a trusted TSA proves the signature existed at `timestamp.time`), B-LT
   * (B-T, and the revocation data kept in the signature shows the certificate was not revoked
   * then, checked offline).
   */
  level: "B-B" | "B-T" | "B-LT";
  /** The SignatureTimeStamp, when it verified: the TSA's time (+07:00) and the TSA's name. */
  timestamp?: { time: string; tsa: string };
  /** What the kept revocation data (xades:RevocationValues) says at the timestamp time. */
  revocation?: RevocationEvidence;
  /**
   * The signer is the person the record names for the role (or the deputy it names, KT.), or the
   * institution for DonVi; absent when the signature has no readable certificate.
   */
  authority?: SignatureAuthority;
  issues: VerifyIssue[];
}

export interface VerifyReport {
  file?: string;
  /** Fully valid: structure, at least one signature, every signature ok. */
  ok: boolean;
  /** Signed as the document needs: all three roles in order; a CANCEL once ThuTruong has signed. */
  complete: boolean;
  /** Roles present, in document order. */
  roles: SigningRole[];
  /** Document-level problems. */
  issues: VerifyIssue[];
  signatures: SignatureReport[];
  /**
   * The signed data, only when every signature's digest over it verified: the canonical DLHocBa
   * (exactly the bytes digested) and what it says. Display this, never a second parse of the file.
   */
  signedData?: { canonicalXml: string; view?: HocBaView };
}

/** Allowed clock difference before a SigningTime counts as "in the future". */
const CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Verifies a học bạ số document against every rule of docs/format-hocbaso.md "What the
 * verifier enforces". Never throws for bad input: every problem is an issue in the report.
 * Throws only for unreadable trust roots (HocBaError VERIFY_TRUST_ROOT_UNREADABLE).
 */
export async function verifyHocBa(bytes: Uint8Array, options: VerifyOptions = {}): Promise<VerifyReport> {
  const anchors = options.anchors ?? TrustAnchors.load(options);
  const now = options.at ?? options.now ?? new Date();
  const { document, issues } = inspectHocBa(bytes);
  const report: VerifyReport = {
    ...(options.file !== undefined ? { file: options.file } : {}),
    ok: false,
    complete: false,
    roles: document?.containers.map((c) => c.role) ?? [],
    issues,
    signatures: [],
  };
  if (!document) return report;
  if (document.containers.length === 0) issues.push(verifyIssue("VERIFY_NO_SIGNATURE"));
  if (document.containers.length > 0 && anchors.empty) issues.push(verifyIssue("VERIFY_NO_TRUST_ROOTS"));

  const cache: C14nCache = new Map();
  const facts: SignatureFacts[] = [];
  for (let i = 0; i < document.containers.length; i++) {
    const f = examineSignature(document, i, cache);
    facts.push(f);
    report.signatures.push(await judge(f, anchors, now, options.at));
  }
  // Times that contradict the signed data or each other make that signature invalid.
  for (const { role, issue } of checkSigningTimes(recordTimesOf(document.dlHocBa), facts)) {
    const s = report.signatures.find((r) => r.role === role);
    if (s) {
      s.issues.push(issue);
      s.ok = false;
    }
  }
  // Signer authority: a signature by someone the record does not name for its role is invalid.
  const named = namedSignersOfElement(document.dlHocBa);
  for (const [i, f] of facts.entries()) {
    const s = report.signatures[i];
    if (!s || !f.certInfo) continue;
    const { authority, issue } = checkSignatureAuthority(f.role, named, f.certInfo.subject);
    s.authority = authority;
    if (issue) {
      s.issues.push(issue);
      s.ok = false;
    }
  }
  issues.push(...(await checkSignedData(document, cache)));
  report.complete = isCompletelySigned(report.roles, document.suKien);
  report.ok = issues.length === 0 && report.signatures.length > 0 && report.signatures.every((s) => s.ok);
  const data = facts[0]?.signedDataC14n;
  if (data !== undefined && facts.every((f) => f.integrity && f.signedDataC14n === data)) {
    report.signedData = { canonicalXml: data };
    if (options.readView !== false) {
      try {
        // The tree `data` is the canonical form of: what was digested, without parsing it again.
        report.signedData.view = readHocBa(document.dlHocBa);
      } catch (err) {
        // Never a report without its learner line and no word why: data a reader cannot read is invalid.
        const detail = err instanceof Error ? err.message : String(err);
        issues.push(verifyIssue("VERIFY_DATA_UNREADABLE", { detail }));
        report.ok = false;
      }
    }
  }
  return report;
}

function subjectOf(der: Uint8Array): string {
  try {
    return describeCertificate(der).subject;
  } catch {
    return "?";
  }
}

/**
 * The SignatureTimeStamp of `f`, if any: token, imprint over the canonical SignatureValue, TSA
 * chain to a trusted root. Returns its time when all hold; problems go into `issues`.
 */
async function judgeTimestamp(
  f: SignatureFacts,
  anchors: TrustAnchors,
  now: Date,
  issues: VerifyIssue[],
): Promise<{ genTime: Date; tsa: string } | undefined> {
  const role = f.role;
  if (!f.signatureTimeStamp || f.signatureValueC14n === undefined) return undefined;
  const check = await checkTimestampToken(f.signatureTimeStamp, Buffer.from(f.signatureValueC14n, "utf8"));
  if (!check.ok) {
    issues.push(verifyIssue("VERIFY_TS_INVALID", { role, detail: check.reason }));
    return undefined;
  }
  const [leaf, ...others] = check.certificates;
  // Certificates kept with the signature (B-LT) may complete the TSA's chain.
  const kept = f.validationData?.certificates ?? [];
  const chain = leaf && !anchors.empty ? await anchors.chain(leaf, [...others, ...kept]) : undefined;
  if (!chain?.trusted) {
    const detail = chain ? chain.reason : "no trusted roots";
    issues.push(verifyIssue("VERIFY_TS_UNTRUSTED", { role, name: check.tsaName, detail }));
    return undefined;
  }
  const genTime = check.genTime;
  const genText = formatSigningTime(genTime);
  if (genTime.getTime() > now.getTime() + CLOCK_SKEW_MS) {
    issues.push(verifyIssue("VERIFY_TS_AFTER_AT", { role, genTime: genText, at: formatSigningTime(now) }));
  }
  if (f.signingTime && f.signingTime.getTime() > genTime.getTime() + CLOCK_SKEW_MS) {
    issues.push(
      verifyIssue("VERIFY_TS_BEFORE_SIGNING_TIME", { role, genTime: genText, time: f.signingTimeText ?? "" }),
    );
  }
  return { genTime, tsa: check.tsaName };
}

async function judge(
  f: SignatureFacts,
  anchors: TrustAnchors,
  now: Date,
  at: Date | undefined,
): Promise<SignatureReport> {
  const issues = [...f.issues];
  const info = f.certInfo;
  const role = f.role;
  const name = info?.commonName ?? "?";
  const stamp = await judgeTimestamp(f, anchors, now, issues);
  let chainTrusted = false;
  let validAtSigningTime = false;
  let keyUsageOk = false;
  let revocation: RevocationEvidence | undefined;
  if (info && f.certificates[0]) {
    keyUsageOk = allowsDocumentSigning(info) && !info.isCa;
    if (info.isCa) issues.push(verifyIssue("VERIFY_SIG_CERT_IS_CA", { role, name }));
    else if (!allowsDocumentSigning(info)) issues.push(verifyIssue("VERIFY_SIG_KEY_USAGE", { role, name }));
    const chain = anchors.empty ? undefined : await anchors.chain(f.certificates[0], f.certificates.slice(1));
    issues.push(...certificatePolicyIssues(role, info, chain?.trusted ? chain.path : undefined));
    if (chain?.trusted) {
      chainTrusted = true;
      // KeyInfo is not signed: anything in it beyond the signer's chain is someone else's addition.
      for (const der of chain.unused) {
        issues.push(verifyIssue("VERIFY_SIG_KEYINFO_EXTRA_CERT", { role, subject: subjectOf(der) }));
      }
    } else if (chain) issues.push(verifyIssue("VERIFY_SIG_UNTRUSTED", { role, name, detail: chain.reason }));
    // B-LT: the revocation data kept in the signature, at the time the timestamp proves (offline).
    if (stamp && chain?.trusted && f.validationData) {
      revocation = await checkValidationData({
        role,
        name,
        path: chain.path,
        data: f.validationData,
        at: stamp.genTime,
        now,
        issues,
      });
    }
    // A trusted timestamp is the moment the certificate must have been valid at; without one,
    // the signer's own SigningTime is all there is.
    const t = stamp?.genTime ?? f.signingTime;
    if (!stamp && at && at > info.notAfter) {
      issues.push(
        verifyIssue("VERIFY_SIG_CERT_EXPIRED_NO_TIMESTAMP", {
          role,
          name,
          notAfter: formatDateVi(info.notAfter),
          at: formatSigningTime(at),
        }),
      );
    }
    const timeText = stamp ? formatSigningTime(stamp.genTime) : (f.signingTimeText ?? "");
    if (f.signingTime && f.signingTime.getTime() > now.getTime() + CLOCK_SKEW_MS) {
      issues.push(verifyIssue("VERIFY_SIG_SIGNING_TIME_FUTURE", { role, value: f.signingTimeText ?? "" }));
    }
    if (t) {
      validAtSigningTime = info.notBefore <= t && t <= info.notAfter;
      if (!validAtSigningTime) {
        issues.push(
          verifyIssue("VERIFY_SIG_CERT_NOT_VALID_AT_TIME", {
            role,
            name,
            notBefore: formatDateVi(info.notBefore),
            notAfter: formatDateVi(info.notAfter),
            time: timeText,
          }),
        );
      } else if (chain?.trusted) {
        const badCa = chain.path.slice(1).find((c) => c.notBefore.value > t || c.notAfter.value < t);
        if (badCa) {
          validAtSigningTime = false;
          const cn = badCa.subject.typesAndValues.find((tv) => tv.type === "2.5.4.3");
          const issuer =
            (cn?.value as { valueBlock?: { value?: string } } | undefined)?.valueBlock?.value ?? "CA";
          issues.push(
            verifyIssue("VERIFY_SIG_CHAIN_NOT_VALID_AT_TIME", {
              role,
              issuer,
              time: timeText,
            }),
          );
        }
      }
    }
  }
  return {
    role,
    roleLabel: roleLabel(role),
    ok: issues.length === 0 && f.integrity && chainTrusted && validAtSigningTime && keyUsageOk,
    ...(info
      ? {
          signer: {
            name: info.commonName,
            ...(info.organization ? { organization: info.organization } : {}),
            ...(info.title ? { title: info.title } : {}),
            ...info.ids,
            subject: info.subject,
            certSerial: info.serialHex,
            issuer: info.issuer,
            notBefore: info.notBefore.toISOString(),
            notAfter: info.notAfter.toISOString(),
          },
        }
      : {}),
    ...(f.signingTimeText !== undefined ? { signingTime: f.signingTimeText } : {}),
    integrity: f.integrity,
    chainTrusted,
    validAtSigningTime,
    keyUsageOk,
    signingCertificateOk: f.signingCertificateMatches,
    roleOk: f.claimedRole === role,
    level: !stamp
      ? "B-B"
      : revocation?.status === "good" || revocation?.status === "revoked-later"
        ? "B-LT"
        : "B-T",
    ...(stamp ? { timestamp: { time: formatSigningTime(stamp.genTime), tsa: stamp.tsa } } : {}),
    ...(revocation ? { revocation } : {}),
    issues,
  };
}

import type * as pkijs from "pkijs";
import { formatSigningTime } from "../../shared/xml/hocbaso-v1/signature-profile.ts";
import { formatDateVi } from "../token/certificate-info.ts";
import { readCrl } from "../trust/read-crl.ts";
import { readOcspResponse } from "../trust/read-ocsp-response.ts";
import { verifyIssue, type VerifyIssue } from "../xmldsig/verify-issue.ts";
import type { SigningRole } from "../../shared/xml/hocbaso-v1/signature-profile.ts";

/** What the kept revocation data proves about the signer's certificate at the timestamp time. */
export interface RevocationEvidence {
  source: "OCSP" | "CRL";
  /** thisUpdate of the answer used (+07:00). */
  issued: string;
  /**
   * good: not revoked at the timestamp time. revoked-later: revoked after it (the signature was
   * made before). revoked: revoked at or before it (an issue says so). stale: the data was issued before the timestamp and no window covers it, so it
   * proves nothing about that moment (the signature stays B-T).
   */
  status: "good" | "revoked-later" | "revoked" | "stale";
  revokedAt?: string;
}

const CLOCK_SKEW_MS = 5 * 60_000;

function der(c: pkijs.Certificate): Buffer {
  return Buffer.from(c.toSchema().toBER(false));
}

/**
 * Checks the validation data a signature keeps (XAdES B-LT, xades:RevocationValues) offline, for
 * the signer's certificate at `at`, the time its trusted timestamp proves: an OCSP response signed
 * by the issuer or its OCSP-signing responder, or a CRL signed with the issuer's key, about this
 * certificate. It covers `at` when issued after it (thisUpdate >= at, the signer asks right after
 * the timestamp) or when its window [thisUpdate, nextUpdate] holds `at`. Revoked at or before `at`
 * is an issue; answers about other certificates (the TSA's) are left alone; one that is about this
 * certificate but does not verify is an issue. Returns undefined when nothing is kept for it.
 */
export async function checkValidationData(input: {
  role: SigningRole;
  name: string;
  /** Signer's certificate, and its trusted path (leaf first): path[1] is the issuer. */
  path: readonly pkijs.Certificate[];
  data: { ocsp: readonly Buffer[]; crls: readonly Buffer[] };
  at: Date;
  /** The verification time: data issued after it is not used. */
  now: Date;
  issues: VerifyIssue[];
}): Promise<RevocationEvidence | undefined> {
  const [leaf, issuer] = input.path;
  if (!leaf || !issuer) return undefined;
  const leafDer = der(leaf);
  const issuerDer = der(issuer);
  const { role, at } = input;
  const genTime = formatSigningTime(at);
  const found: Array<{ source: "OCSP" | "CRL"; thisUpdate: Date; nextUpdate?: Date; revokedAt?: Date }> = [];
  const bad = (source: string, detail: string) =>
    input.issues.push(verifyIssue("VERIFY_LT_INVALID", { role, source, detail }));
  for (const r of input.data.ocsp) {
    const a = await readOcspResponse(r, leafDer, issuerDer);
    if (!a.ok) {
      if (!a.other) bad("OCSP", a.reason);
      continue;
    }
    if (a.status === "unknown") {
      bad("OCSP", "máy chủ OCSP không biết chứng thư này (unknown)");
      continue;
    }
    found.push({
      source: "OCSP",
      thisUpdate: a.thisUpdate,
      ...(a.nextUpdate ? { nextUpdate: a.nextUpdate } : {}),
      ...(a.revokedAt ? { revokedAt: a.revokedAt } : {}),
    });
  }
  for (const c of input.data.crls) {
    const a = await readCrl(c, leafDer, issuerDer);
    if (!a.ok) {
      if (!a.other) bad("CRL", a.reason);
      continue;
    }
    found.push({
      source: "CRL",
      thisUpdate: a.thisUpdate,
      ...(a.nextUpdate ? { nextUpdate: a.nextUpdate } : {}),
      ...(a.revokedAt ? { revokedAt: a.revokedAt } : {}),
    });
  }
  // Revoked at or before the timestamp, by any answer: the signature was made with a revoked key.
  const revoked = found.find((f) => f.revokedAt && f.revokedAt.getTime() <= at.getTime());
  if (revoked?.revokedAt) {
    input.issues.push(
      verifyIssue("VERIFY_LT_REVOKED", {
        role,
        source: revoked.source,
        name: input.name,
        revokedAt: formatDateVi(revoked.revokedAt),
        genTime,
      }),
    );
    return {
      source: revoked.source,
      issued: formatSigningTime(revoked.thisUpdate),
      status: "revoked",
      revokedAt: formatSigningTime(revoked.revokedAt),
    };
  }
  const usable = found.filter((f) => f.thisUpdate.getTime() <= input.now.getTime() + CLOCK_SKEW_MS);
  const covering = usable.find(
    (f) =>
      f.thisUpdate.getTime() >= at.getTime() - CLOCK_SKEW_MS ||
      (f.nextUpdate !== undefined && f.thisUpdate <= at && at <= f.nextUpdate),
  );
  const pick = covering ?? usable[0];
  if (!pick) return undefined;
  return {
    source: pick.source,
    issued: formatSigningTime(pick.thisUpdate),
    status: !covering ? "stale" : pick.revokedAt ? "revoked-later" : "good",
    ...(pick.revokedAt ? { revokedAt: formatSigningTime(pick.revokedAt) } : {}),
  };
}

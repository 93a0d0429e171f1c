import { HocBaError } from "../../shared/errors/hocba-error.ts";
import { formatMessage } from "../../shared/errors/message-table.ts";
import {
  isSigningOrder,
  rolesBefore,
  SIGNING_ROLES,
  type SigningRole,
} from "../../shared/xml/hocbaso-v1/signature-profile.ts";
import { roleLabel } from "../xmldsig/role-label.ts";
import { certificatePolicyIssues } from "../xmldsig/certificate-policy-issues.ts";
import { checkSigningTimes, recordTimesOf } from "../xmldsig/check-signing-times.ts";
import { examineSignature, type C14nCache } from "../xmldsig/examine-signature.ts";
import { inspectHocBa, type HocBaDocument } from "../xmldsig/inspect-hocba.ts";
import { namedSignersOfElement } from "../../shared/authority/named-signers-of-element.ts";
import { describeCertificate } from "../token/certificate-info.ts";
import { assertSignerAuthority } from "./assert-signer-authority.ts";
import type { CheckedDocuments } from "./checked-documents.ts";
import { readPlainSignableTree } from "./read-plain-signable-tree.ts";
import { readPlainSignableWithLibxml2 } from "./read-plain-signable-with-libxml2.ts";
import { checkSignatureAuthority } from "../verify/check-signature-authority.ts";

/** Larger documents keep the inspection first (it refuses oversized input before libxml2 reads it). */
const FAST_PATH_MAX_BYTES = 512 * 1024;

/**
 * The checks signing makes on a document that need no key: size and structure limits, format and
 * XSD, the profile's shape, the signing order, earlier signatures intact. The helper runs them on
 * every document of a batch before it logs in, so a batch of documents that may not be signed
 * never asks the token for the PIN and never spends a PIN try. Signing repeats them all
 * (prepareHocBaSignature), with the trust chain of earlier signatures: this is a gate, not a
 * replacement. Throws the HocBaError signing would throw. With the certificate the batch will sign
 * with (its subject DN), the signer-authority rule too: someone the record does not name for the
 * role is refused before the PIN is asked.
 */
export async function checkSignable(
  bytes: Uint8Array,
  role: SigningRole,
  certificateSubject?: string,
  checked?: CheckedDocuments,
): Promise<void> {
  // The common case first: an unsigned document written the plain way (plain-text.ts), for which
  // one parse gives the format, the XSD and every fact the rules need: the strict tree with the
  // fast schema pass, or libxml2 when that pass cannot vouch for it. `checked` keeps the facts for
  // the signing that follows, which then does not parse the document again. Anything else, or
  // anything refused, takes the full path below, so what is refused and why does not change.
  let validated = false;
  if (bytes.length <= FAST_PATH_MAX_BYTES) {
    // Without libxml2 when the document is plain and known valid; else with it (and its findings).
    const tree = readPlainSignableTree(bytes);
    const fast = tree ? { ok: true, value: tree } : await readPlainSignableWithLibxml2(bytes);
    if (fast.ok && fast.value) {
      assertRoleCanSign([], role, fast.value.record.suKien);
      if (certificateSubject !== undefined) {
        assertSignerAuthority(role, fast.value.named, certificateSubject);
      }
      checked?.remember(bytes, fast.value);
      return;
    }
    validated = fast.ok;
  }
  // The inspection first: it refuses oversized and deeply nested input cheaply, before the XSD.
  const { document, issues } = inspectHocBa(bytes);
  const first = issues[0];
  if (!document || first) throw new HocBaError("SIGN_INVALID_DOCUMENT", { detail: first?.message ?? "" });
  const validation = validated
    ? { ok: true, errors: [] }
    : (await import("../xml/validate-hocba-xml.ts")).validateHocBaXml(bytes);
  if (!validation.ok) {
    const detail = validation.errors
      .slice(0, 3)
      .map((e) => e.message)
      .join(" ");
    throw new HocBaError("SIGN_INVALID_DOCUMENT", { detail });
  }
  assertRoleCanSign(
    document.containers.map((c) => c.role),
    role,
    document.suKien,
  );
  // After the earlier signatures: names read from data someone changed after signing mean nothing.
  assertEarlierSignaturesIntact(document, new Map());
  if (certificateSubject !== undefined) {
    assertSignerAuthority(role, namedSignersOfElement(document.dlHocBa), certificateSubject);
  }
}

/**
 * The signing order of docs/format-hocbaso.md: GVCN, then ThuTruong, then DonVi, each once; a
 * CANCEL document (`suKien`): ThuTruong, then DonVi, never the GVCN.
 */
export function assertRoleCanSign(present: readonly SigningRole[], role: SigningRole, suKien?: string): void {
  if (present.includes(role)) throw new HocBaError("SIGN_ROLE_ALREADY_SIGNED", { role: roleLabel(role) });
  if (suKien === "CANCEL") {
    if (!isSigningOrder([...present, role], suKien)) {
      throw new HocBaError("SIGN_CANCEL_ROLE_ORDER", {
        role: roleLabel(role),
        found: present.map((r) => roleLabel(r)).join(", ") || "—",
      });
    }
    return;
  }
  const later = SIGNING_ROLES.slice(SIGNING_ROLES.indexOf(role) + 1).find((r) => present.includes(r));
  if (later) {
    throw new HocBaError("SIGN_OUT_OF_ORDER_LATER", { role: roleLabel(role), later: roleLabel(later) });
  }
  const missing = rolesBefore(role).filter((r) => !present.includes(r));
  if (missing.length > 0) {
    throw new HocBaError("SIGN_OUT_OF_ORDER_MISSING", {
      role: roleLabel(role),
      missing: missing.map((r) => roleLabel(r)).join(", "),
    });
  }
}

/**
 * Every earlier signature has the profile's shape and verifies (its trust chain is not checked
 * here), its certificate meets the certificate policy, and the signing times do not contradict the
 * record or each other (check-signing-times): nothing is countersigned over a back-dated signature.
 * Returns what was examined, so a caller that also checks trust does not examine twice.
 */
export function assertEarlierSignaturesIntact(
  document: HocBaDocument,
  cache: C14nCache,
): ReturnType<typeof examineSignature>[] {
  const examined: ReturnType<typeof examineSignature>[] = [];
  for (let i = 0; i < document.containers.length; i++) {
    const f = examineSignature(document, i, cache);
    examined.push(f);
    const bad = f.issues[0];
    if (bad || !f.integrity) {
      throw new HocBaError("SIGN_EARLIER_SIGNATURE_INVALID", {
        role: roleLabel(f.role),
        detail: bad?.message ?? formatMessage("VERIFY_SIG_VALUE", { role: f.role }),
      });
    }
    const policy = f.certInfo ? certificatePolicyIssues(f.role, f.certInfo)[0] : undefined;
    if (policy) {
      throw new HocBaError("SIGN_EARLIER_SIGNATURE_INVALID", {
        role: roleLabel(f.role),
        detail: policy.message,
      });
    }
  }
  // Nothing is countersigned over a signature by someone the record does not name for its role.
  const named = examined.length > 0 ? namedSignersOfElement(document.dlHocBa) : undefined;
  for (const f of examined) {
    const refused = named && f.certInfo && checkSignatureAuthority(f.role, named, f.certInfo.subject).issue;
    if (refused) {
      throw new HocBaError("SIGN_EARLIER_SIGNATURE_INVALID", {
        role: roleLabel(f.role),
        detail: refused.message,
      });
    }
  }
  const contradiction = checkSigningTimes(recordTimesOf(document.dlHocBa), examined)[0];
  if (contradiction) {
    throw new HocBaError("SIGN_EARLIER_SIGNATURE_INVALID", {
      role: roleLabel(contradiction.role),
      detail: contradiction.issue.message,
    });
  }
  return examined;
}

/** Subject DN per certificate: a batch asks for the same one for every document. */
const subjects = new WeakMap<Uint8Array, string>();

/**
 * A batch document's `read` (signArchivedBatch) that also runs checkSignable the first time it is
 * called: that call is the archive lookup, before the login. Later calls (to sign) only read.
 * `certificate` gives the certificate the batch will sign with, read from the token before the
 * login (undefined when that cannot be told yet: signing checks the authority after the login).
 * `check` runs checkSignable elsewhere (the helper: in its document worker, within a time limit).
 */
export function checkedOnFirstRead<T extends Uint8Array>(
  read: () => T | Promise<T>,
  role: SigningRole,
  certificate?: () => Promise<Uint8Array | undefined>,
  check: (bytes: T, role: SigningRole, certificateSubject?: string) => void | Promise<void> = checkSignable,
): () => Promise<T> {
  let checked = false;
  return async () => {
    const bytes = await read();
    if (!checked) {
      // A large batch is checked piece by piece, so a cancel can still be read meanwhile.
      await new Promise<void>((resolve) => setImmediate(resolve));
      // Not known before the login (or the token cannot be read now): signing checks it after.
      const der = await certificate?.().catch(() => undefined);
      let subject = der ? subjects.get(der) : undefined;
      if (der && subject === undefined) subjects.set(der, (subject = describeCertificate(der).subject));
      await check(bytes, role, subject);
      checked = true;
    }
    return bytes;
  };
}

import { createHash } from "node:crypto";
import { HocBaError } from "../../shared/errors/hocba-error.ts";
import { formatMessage } from "../../shared/errors/message-table.ts";
import type { HocBaValidation } from "../xml/validate-hocba-xml.ts";
import { assertCertificatePolicy } from "../token/assert-certificate-policy.ts";
import { describeCertificate, type CertificateInfo } from "../token/certificate-info.ts";
import { assertCertificateCanSign } from "../token/token-session.ts";
import type { DocumentSigner } from "../token/token-signer.ts";
import type { C14nCache } from "../xmldsig/examine-signature.ts";
import { inspectHocBa, type HocBaDocument } from "../xmldsig/inspect-hocba.ts";
import type { TrustAnchors } from "../xmldsig/trust-anchors.ts";
import { excC14n } from "../xmldsig/xml-dom.ts";
import type { Element } from "@xmldom/xmldom";
import { hocBaIdsOf } from "../archive/read-hocba-ids.ts";
import { issuerSerialV2 } from "../xmldsig/issuer-serial-v2.ts";
import { certificatePolicyIssues } from "../xmldsig/certificate-policy-issues.ts";
import {
  checkSigningTimes,
  recordTimesOf,
  type RecordTimes,
  type SigningTimeOf,
} from "../xmldsig/check-signing-times.ts";
import { assertEarlierSignaturesIntact, assertRoleCanSign } from "./check-signable.ts";
import type { CheckedDocuments, PlainSignable } from "./checked-documents.ts";
import { readPlainSignableTree } from "./read-plain-signable-tree.ts";
import { readPlainSignableWithLibxml2 } from "./read-plain-signable-with-libxml2.ts";
import { assertSignerAuthority } from "./assert-signer-authority.ts";
import type { ValidationData, ValidationDataSource } from "./validation-data.ts";
import { namedSignersOfElement } from "../../shared/authority/named-signers-of-element.ts";
import { roleLabel } from "../xmldsig/role-label.ts";
import {
  signatureValueC14n,
  signatureXml,
  signedInfoXml,
  signedPropertiesXml,
  unsignedPropertiesXml,
  type ReferenceInput,
} from "./signature-xml.ts";
import {
  ALG_ECDSA_SHA256,
  ALG_RSA_SHA256,
  formatSigningTime,
  signatureId,
  signedPropertiesId,
  TYPE_SIGNED_PROPERTIES,
  type SigningRole,
} from "../../shared/xml/hocbaso-v1/signature-profile.ts";

/** The part of a signer that shapes the XML (its certificates), without the key. */
export type SignerIdentity = Pick<DocumentSigner, "certificate" | "chain" | "info" | "keyType">;

export interface SignHocBaOptions {
  /** SigningTime to write (default: now). */
  signingTime?: Date;
  /**
   * When given, earlier signatures must also chain to these roots and have been valid at their
   * SigningTime. Without it, earlier signatures are checked for integrity and profile only.
   */
  trust?: TrustAnchors;
  /** Document validation before signing (default validateHocBaXml: byte rules, NFC, XSD). */
  validate?: (bytes: Uint8Array) => HocBaValidation;
  /**
   * Documents of this batch already checked in full before the login (checkSignable): these very
   * bytes are then not parsed and validated a second time.
   */
  checked?: CheckedDocuments;
  /**
   * Asks a TSA for a timestamp token (DER) over `data`, the canonical SignatureValue
   * (XAdES B-T); absent: the signature stays B-B. See native-host/trust/request-timestamp.ts.
   */
  timestamp?: (data: Buffer) => Promise<Uint8Array>;
  /**
   * After the timestamp: the validation data to keep in the signature (XAdES B-LT), for the
   * signer's certificate and chain and the timestamp token; undefined keeps it B-T.
   * See native-host/sign/collect-validation-data.ts.
   */
  validationData?: ValidationDataSource;
}

export type { ValidationData, ValidationDataSource } from "./validation-data.ts";

/** A document ready to be signed: the token signs `signedInfo`, then `finish` builds the bytes. */
export interface PreparedSignature {
  readonly role: SigningRole;
  /** Canonical SignedInfo: exactly the bytes the token signs. */
  readonly signedInfo: Buffer;
  /** Learner code and school year (for the archive's index); the signature does not change them. */
  readonly ids: { maHocVien: string; namHoc: string } | undefined;
  /** The canonical SignatureValue: what the SignatureTimeStamp's TSA is asked to stamp. */
  timestampedData(signatureValue: Uint8Array): Buffer;
  /**
   * The signed document: the original bytes with the signature inserted into DSCKS/<Role>, with
   * its SignatureTimeStamp when `timestampToken` is given, and the validation data after it when
   * `validation` is (B-LT): all before anyone countersigns it.
   */
  finish(signatureValue: Uint8Array, timestampToken?: Uint8Array, validation?: ValidationData): Buffer;
}

interface IdentityFacts {
  certDigest: string;
  issuerSerial: string;
  certificates: string[];
}
const identityCache = new WeakMap<SignerIdentity, IdentityFacts>();

function identityFacts(signer: SignerIdentity): IdentityFacts {
  let f = identityCache.get(signer);
  if (!f) {
    // The CA certificates sent with the signature meet the policy too (the verifier checks them).
    for (const der of signer.chain) assertCertificatePolicy(describeCertificate(der), "ca");
    f = {
      certDigest: createHash("sha256").update(signer.certificate).digest("base64"),
      issuerSerial: issuerSerialV2(signer.certificate),
      certificates: [signer.certificate, ...signer.chain].map((c) => Buffer.from(c).toString("base64")),
    };
    identityCache.set(signer, f);
  }
  return f;
}

function sha256b64(s: string): string {
  return createHash("sha256").update(s, "utf8").digest("base64");
}

/**
 * Checks that `bytes` is a học bạ document this role may sign now, and prepares the signature.
 * Refuses (HocBaError): anything not valid against the format and XSD, a role already signed,
 * out-of-order signing, an earlier signature that does not verify, a certificate not valid at
 * the signing time, a certificate whose holder the record does not name for the role (signer
 * authority). The document is never re-serialised.
 */
export async function prepareHocBaSignature(
  signer: SignerIdentity,
  bytes: Uint8Array,
  role: SigningRole,
  options: SignHocBaOptions = {},
): Promise<PreparedSignature> {
  // One libxml2 parse serves the schema check and, for a plain unsigned document, the digest.
  let plain: PlainSignable | null = null;
  let validation: HocBaValidation;
  const known = options.validate ? undefined : options.checked?.take(bytes);
  if (known) {
    plain = known;
    validation = { ok: true, errors: [] };
  } else if (options.validate) validation = options.validate(bytes);
  else {
    plain = readPlainSignableTree(bytes);
    if (plain) validation = { ok: true, errors: [] };
    else {
      const checked = await readPlainSignableWithLibxml2(bytes);
      validation = checked;
      plain = checked.value ?? null;
    }
  }
  await yieldToEventLoop();
  if (!validation.ok) {
    const detail = validation.errors
      .slice(0, 3)
      .map((e) => e.message)
      .join(" ");
    throw new HocBaError("SIGN_INVALID_DOCUMENT", { detail });
  }
  const buffer = Buffer.isBuffer(bytes)
    ? bytes
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (plain) {
    assertRoleCanSign([], role, plain.record.suKien);
    assertSignerAuthority(role, plain.named, signer.info.subject);
    return assemble(signer, buffer, role, plain.dlHocBaDigest, [], plain.ids, options, {
      record: plain.record,
      earlier: [],
    });
  }

  const { document, issues } = inspectHocBa(bytes);
  await yieldToEventLoop();
  const first = issues[0];
  if (!document || first) {
    throw new HocBaError("SIGN_INVALID_DOCUMENT", { detail: first?.message ?? "" });
  }
  assertRoleCanSign(
    document.containers.map((c) => c.role),
    role,
    document.suKien,
  );
  const cache: C14nCache = new Map();
  const examined =
    document.containers.length > 0 ? await checkEarlierSignatures(document, cache, options.trust) : [];
  // After the earlier signatures: names read from data someone changed after signing mean nothing.
  assertSignerAuthority(role, namedSignersOfElement(document.dlHocBa), signer.info.subject);
  const earlier = document.containers.map((c) => {
    if (!c.signature) throw new Error("unreachable: container checked");
    return { role: c.role, digest: sha256b64(c14n(c.signature, cache)) };
  });
  const dlHocBaDigest = sha256b64(c14n(document.dlHocBa, cache));
  const ids = hocBaIdsOf(document.dlHocBa) ?? undefined;
  return assemble(signer, document.bytes, role, dlHocBaDigest, earlier, ids, options, {
    record: recordTimesOf(document.dlHocBa),
    earlier: examined,
  });
}

/** The SignedInfo to sign and the splice that puts the finished signature into the bytes. */
function assemble(
  signer: SignerIdentity,
  bytes: Buffer,
  role: SigningRole,
  dlHocBaDigest: string,
  earlier: Array<{ role: SigningRole; digest: string }>,
  ids: PreparedSignature["ids"],
  options: SignHocBaOptions,
  times: { record: RecordTimes; earlier: readonly SigningTimeOf[] },
): PreparedSignature {
  const signingTime = options.signingTime ?? new Date();
  assertSignerValidAt(signer.info, signingTime);
  // The new SigningTime must not contradict the record or the signatures it covers.
  const own = { role, signingTime, signingTimeText: formatSigningTime(signingTime) };
  const contradiction = checkSigningTimes(times.record, [...times.earlier, own]).find((p) => p.role === role);
  if (contradiction) {
    throw new HocBaError("SIGN_TIME_CONTRADICTS_DOCUMENT", { detail: contradiction.issue.message });
  }
  const facts = identityFacts(signer);
  const sp = signedPropertiesXml({
    role,
    signingTime: formatSigningTime(signingTime),
    certDigest: facts.certDigest,
    issuerSerial: facts.issuerSerial,
  });
  const references: ReferenceInput[] = [
    { uri: "#DLHocBa", digest: dlHocBaDigest },
    { uri: `#${signedPropertiesId(role)}`, type: TYPE_SIGNED_PROPERTIES, digest: sha256b64(sp.c14n) },
    ...earlier.map((e) => ({ uri: `#${signatureId(e.role)}`, digest: e.digest })),
  ];
  const si = signedInfoXml(signer.keyType === "EC" ? ALG_ECDSA_SHA256 : ALG_RSA_SHA256, references);
  const at = insertionPoint(bytes);
  return {
    role,
    signedInfo: Buffer.from(si.c14n, "utf8"),
    ids,
    timestampedData(signatureValue) {
      return Buffer.from(signatureValueC14n(Buffer.from(signatureValue).toString("base64")), "utf8");
    },
    finish(signatureValue, timestampToken, validation) {
      const b64 = (items: readonly Uint8Array[]) => items.map((d) => Buffer.from(d).toString("base64"));
      const sig = signatureXml({
        role,
        signedInfo: si.xml,
        signatureValue: Buffer.from(signatureValue).toString("base64"),
        certificates: facts.certificates,
        signedProperties: sp.xml,
        ...(timestampToken
          ? {
              unsignedProperties: unsignedPropertiesXml(
                Buffer.from(timestampToken).toString("base64"),
                validation
                  ? {
                      certificates: b64(validation.certificates),
                      ocsp: b64(validation.ocsp),
                      crls: b64(validation.crls),
                    }
                  : undefined,
              ),
            }
          : {}),
      });
      const container = `<${role}>${sig}</${role}>\n`;
      return Buffer.concat([
        bytes.subarray(0, at.start),
        Buffer.from(at.open + container + at.close, "utf8"),
        bytes.subarray(at.end),
      ]);
    },
  };
}

/**
 * Signs one document with the token. A batch goes through signArchivedBatch (one login,
 * pipelined, archived).
 * Throws HocBaError for a document that may not be signed, or a token problem.
 */
export async function signHocBa(
  signer: DocumentSigner,
  bytes: Uint8Array,
  role: SigningRole,
  options: SignHocBaOptions = {},
): Promise<Buffer> {
  const prepared = await prepareHocBaSignature(signer, bytes, role, options);
  const value = await signer.sign(prepared.signedInfo);
  const token = options.timestamp ? await options.timestamp(prepared.timestampedData(value)) : undefined;
  const validation =
    token && options.validationData ? await options.validationData(signer, token) : undefined;
  return prepared.finish(value, token, validation);
}

/**
 * Lets pending I/O callbacks run between the stages of a preparation. In a batch the token's
 * C_SignAsync completion for the previous document is delivered on this thread: without these
 * pauses it would wait for a whole preparation, and the token would sit idle meanwhile.
 */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Same canonicalizer and cache as the verifier's, so both agree on the bytes. */
function c14n(el: Element, cache: C14nCache): string {
  let s = cache.get(el);
  if (s === undefined) cache.set(el, (s = excC14n(el)));
  return s;
}

async function checkEarlierSignatures(
  document: HocBaDocument,
  cache: C14nCache,
  trust?: TrustAnchors,
): Promise<SigningTimeOf[]> {
  const examined = assertEarlierSignaturesIntact(document, cache);
  if (!trust) return examined;
  for (const f of examined) {
    const leaf = f.certificates[0];
    const chain = leaf ? await trust.chain(leaf, f.certificates.slice(1)) : undefined;
    const t = f.signingTime;
    const info = f.certInfo;
    // The CA certificates of an earlier signer meet the certificate policy too.
    const policy = chain?.trusted && info ? certificatePolicyIssues(f.role, info, chain.path)[0] : undefined;
    if (policy) {
      throw new HocBaError("SIGN_EARLIER_SIGNATURE_INVALID", {
        role: roleLabel(f.role),
        detail: policy.message,
      });
    }
    if (!chain?.trusted || !t || !info || t < info.notBefore || t > info.notAfter) {
      const detail = chain && !chain.trusted ? chain.reason : (f.signingTimeText ?? "");
      throw new HocBaError("SIGN_EARLIER_SIGNATURE_INVALID", {
        role: roleLabel(f.role),
        detail: formatMessage("VERIFY_SIG_UNTRUSTED", {
          role: f.role,
          name: info?.commonName ?? "?",
          detail,
        }),
      });
    }
  }
  return examined;
}

function assertSignerValidAt(info: CertificateInfo, at: Date): void {
  try {
    assertCertificateCanSign(info, info.commonName, at);
  } catch (err) {
    if (
      err instanceof HocBaError &&
      (err.code === "TOKEN_CERT_EXPIRED" || err.code === "TOKEN_CERT_NOT_YET_VALID")
    ) {
      throw new HocBaError("SIGN_CERT_INVALID_AT_TIME", {
        name: info.commonName,
        time: formatSigningTime(at),
      });
    }
    throw err;
  }
}

/**
 * Where the new container goes: before `</DSCKS>`, or replacing an empty `<DSCKS/>`. DSCKS is the
 * root's last child and only whitespace and `</HocBaSo>` may follow it (no comments or PIs: the
 * inspection refused them), so the last occurrence in the bytes is the right one.
 */
function insertionPoint(b: Buffer): {
  start: number;
  end: number;
  open: string;
  close: string;
} {
  const tailOk = (from: number) => /^\s*<\/HocBaSo\s*>\s*$/.test(b.subarray(from).toString("latin1"));
  const close = b.lastIndexOf("</DSCKS>");
  if (close !== -1 && tailOk(close + "</DSCKS>".length)) {
    // Keep whatever whitespace precedes </DSCKS>; the container starts on a line of its own.
    const prev = close > 0 ? b[close - 1] : undefined;
    return { start: close, end: close, open: prev === 0x0a ? "" : "\n", close: "" };
  }
  const selfClosing = /<DSCKS\s*\/>/g;
  const text = b.toString("latin1");
  let m: RegExpExecArray | null;
  let last: RegExpExecArray | undefined;
  while ((m = selfClosing.exec(text))) last = m;
  if (last && tailOk(last.index + last[0].length)) {
    return { start: last.index, end: last.index + last[0].length, open: "<DSCKS>\n", close: "</DSCKS>" };
  }
  throw new HocBaError("SIGN_INVALID_DOCUMENT", { detail: "DSCKS" });
}

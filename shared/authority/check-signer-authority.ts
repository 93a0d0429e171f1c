import { normaliseInstitutionName } from "./normalise-institution-name.ts";
import { normaliseName } from "./normalise-name.ts";
import type {
  AuthorityVerdict,
  NamedPerson,
  NamedSigners,
  SignedAs,
  SignerCertificate,
  SignerRole,
} from "./signer-authority.ts";

/**
 * The signer-authority rule (docs/format-hocbaso.md, "Signer authority"): may this certificate sign
 * this role of a record that names these people?
 * - GVCN: the homeroom teacher the record names.
 * - ThuTruong: the head the record names, or the deputy the record names as signing "KT." for them.
 * - DonVi: an organisation certificate (tax or unit code, no personal id) naming TenTruong (CN or O).
 * Names compare after normaliseName (institutions: normaliseInstitutionName). Where both the record
 * and the certificate carry the person's CCCD, the numbers must be equal; then a name that differs
 * in spelling only passes with a warning. Pure: the helper, `hocba verify` and the extension all
 * call it, so they cannot disagree.
 */
export function checkSignerAuthority(
  role: SignerRole,
  named: NamedSigners,
  cert: SignerCertificate,
): AuthorityVerdict {
  if (role === "DonVi") return checkSeal(named, cert);
  const candidates: Array<{ as: SignedAs; person: NamedPerson }> = [];
  if (role === "GVCN") candidates.push({ as: "GVCN", person: named.gvcn });
  else {
    candidates.push({ as: "ThuTruong", person: named.thuTruong });
    if (named.kyThay) candidates.push({ as: "KyThay", person: named.kyThay });
  }
  const present = candidates.filter((c) => normaliseName(c.person.hoTen) !== "");
  const head = present[0]?.person ?? candidates[0]?.person ?? named.gvcn;
  const vaiTro = roleWord(role, named);
  const holder = cert.commonName;
  const base = { role, holder };
  if (present.length === 0) {
    return { status: "refused", reason: "NOT_NAMED", ...base, named: "", params: { vaiTro } };
  }
  if (isOrganisation(cert)) {
    return {
      status: "refused",
      reason: "ORGANISATION_AS_PERSON",
      ...base,
      named: head.hoTen,
      params: { vaiTro },
    };
  }

  const results = present.map((c) => ({ ...c, match: matchPerson(c.person, cert) }));
  const exact = results.find((r) => r.match.kind === "same");
  if (exact) return { status: "ok", ...base, signedAs: exact.as, named: exact.person.hoTen };
  const spelling = results.find((r) => r.match.kind === "spelling");
  if (spelling) {
    return {
      status: "warning",
      reason: "NAME_SPELLING",
      ...base,
      signedAs: spelling.as,
      named: spelling.person.hoTen,
      params: { vaiTro: spelling.as === "KyThay" ? kyThayWord(spelling.person, named) : vaiTro },
    };
  }
  // The same (or nearly the same) name with another CCCD is a namesake: say so, it is the
  // confusing case. Another name with another CCCD is simply someone else.
  const cccdConflict = results.find((r) => r.match.kind === "cccd-differs");
  if (cccdConflict) {
    return {
      status: "refused",
      reason: "CCCD_MISMATCH",
      ...base,
      named: cccdConflict.person.hoTen,
      params: {
        vaiTro: cccdConflict.as === "KyThay" ? kyThayWord(cccdConflict.person, named) : vaiTro,
        namedCccd: cccdConflict.person.cccd ?? "",
        holderCccd: cert.personalIds.cccd ?? "",
      },
    };
  }
  const deputy = role === "ThuTruong" ? named.kyThay : undefined;
  if (deputy && normaliseName(deputy.hoTen) !== "" && normaliseName(named.thuTruong.hoTen) !== "") {
    return {
      status: "refused",
      reason: "NAME_MISMATCH_KT",
      ...base,
      named: named.thuTruong.hoTen,
      params: { vaiTro, kyThay: deputy.hoTen, kyThayChucVu: deputy.chucVu ?? "" },
    };
  }
  return {
    status: "refused",
    reason: "NAME_MISMATCH",
    ...base,
    named: head.hoTen,
    params: { vaiTro: present[0]?.as === "KyThay" ? kyThayWord(head, named) : vaiTro },
  };
}

function checkSeal(named: NamedSigners, cert: SignerCertificate): AuthorityVerdict {
  const base = { role: "DonVi" as const, holder: cert.commonName, named: named.tenTruong };
  const params = { vaiTro: "đơn vị" };
  if (hasPersonalId(cert)) return { status: "refused", reason: "PERSON_AS_SEAL", ...base, params };
  if (cert.organisationIds.length === 0) {
    return { status: "refused", reason: "SEAL_WITHOUT_UNIT_CODE", ...base, params };
  }
  const want = normaliseInstitutionName(named.tenTruong);
  const names = [cert.commonName, cert.organization ?? ""].map(normaliseInstitutionName);
  if (want !== "" && names.includes(want)) return { status: "ok", ...base, signedAs: "DonVi" };
  return { status: "refused", reason: "SEAL_NAME_MISMATCH", ...base, params };
}

type PersonMatch = { kind: "same" } | { kind: "spelling" } | { kind: "cccd-differs" } | { kind: "other" };

function matchPerson(person: NamedPerson, cert: SignerCertificate): PersonMatch {
  const a = normaliseName(person.hoTen);
  const b = normaliseName(cert.commonName);
  const recordCccd = digits(person.cccd);
  const certCccd = digits(cert.personalIds.cccd);
  if (recordCccd && certCccd) {
    const close = a === b || spellingOnly(a, b);
    if (recordCccd !== certCccd) return close ? { kind: "cccd-differs" } : { kind: "other" };
    if (a === b) return { kind: "same" };
    return close ? { kind: "spelling" } : { kind: "other" };
  }
  return a === b ? { kind: "same" } : { kind: "other" };
}

/** At most two letters apart once spaces are ignored: a typo, a missing space, two letters swapped. */
function spellingOnly(a: string, b: string): boolean {
  return editDistance(a.replace(/ /g, ""), b.replace(/ /g, ""), 2) <= 2;
}

/**
 * Levenshtein distance when it is at most `limit`, else limit + 1. Only the band |i - j| <= limit is
 * computed (cells outside it exceed the limit anyway), so the cost is linear in the names' length:
 * both names may come from an untrusted file (the record and a certificate in its KeyInfo).
 */
function editDistance(a: string, b: string, limit: number): number {
  const over = limit + 1;
  if (Math.abs(a.length - b.length) > limit) return over;
  // prev[j] / row[j]: distance between a[0..i) and b[0..j); cells outside the band count as `over`.
  let prev = new Map<number, number>();
  for (let j = 0; j <= Math.min(b.length, limit); j++) prev.set(j, j);
  for (let i = 1; i <= a.length; i++) {
    const row = new Map<number, number>();
    let best = over;
    for (let j = Math.max(0, i - limit); j <= Math.min(b.length, i + limit); j++) {
      const v =
        j === 0
          ? i
          : Math.min(
              (prev.get(j) ?? over) + 1,
              (row.get(j - 1) ?? over) + 1,
              (prev.get(j - 1) ?? over) + (a.charAt(i - 1) === b.charAt(j - 1) ? 0 : 1),
            );
      row.set(j, Math.min(v, over));
      best = Math.min(best, v);
    }
    if (best > limit) return over;
    prev = row;
  }
  return Math.min(prev.get(b.length) ?? over, over);
}

function digits(value: string | undefined): string {
  return (value ?? "").replace(/\s+/g, "");
}

function hasPersonalId(cert: SignerCertificate): boolean {
  const p = cert.personalIds;
  return Boolean(p.cccd ?? p.cmnd ?? p.hoChieu);
}

function isOrganisation(cert: SignerCertificate): boolean {
  return cert.organisationIds.length > 0 && !hasPersonalId(cert);
}

/** How messages name the role: "GVCN", the head's own title ("Giám đốc"), or "thủ trưởng". */
function roleWord(role: SignerRole, named: NamedSigners): string {
  if (role === "GVCN") return "GVCN";
  if (role === "DonVi") return "đơn vị";
  const chucVu = named.thuTruong.chucVu?.trim() ?? "";
  return chucVu !== "" ? chucVu : "thủ trưởng";
}

/** "Phó Giám đốc ký thay (KT.)": how messages name the deputy's role. */
function kyThayWord(person: NamedPerson, named: NamedSigners): string {
  const chucVu = person.chucVu?.trim() ?? "";
  return `${chucVu !== "" ? chucVu : "cấp phó"} ký thay ${roleWord("ThuTruong", named)} (KT.)`;
}

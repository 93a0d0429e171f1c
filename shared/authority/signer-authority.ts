/**
 * Types of the signer-authority rule (docs/format-hocbaso.md, "Signer authority"): who the record
 * names for each role, what a certificate says about its holder, and the verdict.
 */

/** The signing roles (DSCKS containers), spelt as in the format. */
export type SignerRole = "GVCN" | "ThuTruong" | "DonVi";

/** A person the record names as a signer (TTChung). Text as in the record. */
export interface NamedPerson {
  hoTen: string;
  /** Chức vụ (the head and the deputy). */
  chucVu?: string;
  /** Căn cước công dân, 12 digits, when the record has it. */
  cccd?: string;
}

/** Who the record says may sign (TTChung/GVCN, ThuTruong, KyThay, TenTruong). */
export interface NamedSigners {
  /** TTChung/TenTruong: the institution whose seal signs DonVi. */
  tenTruong: string;
  gvcn: NamedPerson;
  thuTruong: NamedPerson;
  /** A deputy who signs "KT." for the head; only when the record names one (TTChung/KyThay). */
  kyThay?: NamedPerson;
}

/** What the rule reads from a certificate's subject. */
export interface SignerCertificate {
  /** Subject CN: the person, or the institution for a seal certificate. */
  commonName: string;
  /** Subject O. */
  organization?: string;
  /** Personal identity numbers from serialNumber / UID ("CCCD:…", "CMND:…", passport). */
  personalIds: { cccd?: string; cmnd?: string; hoChieu?: string };
  /** Organisation codes from serialNumber / UID: tax code (MST) or budget-unit code (MNS, MQHNS…). */
  organisationIds: string[];
}

/** Who signed, in the record's words: the homeroom teacher, the head, the deputy (KT.), the seal. */
export type SignedAs = "GVCN" | "ThuTruong" | "KyThay" | "DonVi";

/** Why a certificate may not sign the role. */
export type AuthorityRefusal =
  /** The record names nobody for the role (an empty ThuTruong/HoTen). */
  | "NOT_NAMED"
  /** A personal certificate of someone else. */
  | "NAME_MISMATCH"
  /** Same as NAME_MISMATCH, for ThuTruong when the record also names a deputy (KT.). */
  | "NAME_MISMATCH_KT"
  /** The record and the certificate both carry a CCCD, and they differ. */
  | "CCCD_MISMATCH"
  /** An organisation certificate (MST or unit code, no personal id) in a personal role. */
  | "ORGANISATION_AS_PERSON"
  /** A personal certificate (CCCD, CMND or passport) as the seal. */
  | "PERSON_AS_SEAL"
  /** A seal certificate without a tax or unit code. */
  | "SEAL_WITHOUT_UNIT_CODE"
  /** An organisation certificate of another institution. */
  | "SEAL_NAME_MISMATCH";

/** Why a certificate may sign, but the user should look twice. */
export type AuthorityWarning =
  /** The CCCD numbers match; the names differ in spelling only. */
  "NAME_SPELLING";

export type AuthorityVerdict =
  | { status: "ok"; role: SignerRole; signedAs: SignedAs; named: string; holder: string }
  | {
      status: "warning";
      reason: AuthorityWarning;
      role: SignerRole;
      signedAs: SignedAs;
      named: string;
      holder: string;
      /** What the message needs besides the names (vaiTro...). */
      params: Readonly<Record<string, string>>;
    }
  | {
      status: "refused";
      reason: AuthorityRefusal;
      role: SignerRole;
      /** Who the record names for the role (the head when a deputy is named too), or TenTruong. */
      named: string;
      /** The certificate's holder (its CN). */
      holder: string;
      params: Readonly<Record<string, string>>;
    };

/**
 * Fixed names of học bạ số format 1.0 (docs/format-hocbaso.md). Signing and verification use
 * these instead of repeating literals, so that a format 2.0 can sit beside this module. The
 * signature profile (roles, Ids, namespaces, algorithms) is signature-profile.ts.
 */
export const PHIEN_BAN = "1.0" as const;
export const ROOT_ELEMENT = "HocBaSo" as const;
export const DATA_ELEMENT = "DLHocBa" as const;
/** Value of DLHocBa/@Id: every signature references "#DLHocBa". */
export const DATA_ID = "DLHocBa" as const;
export const SIGNATURES_ELEMENT = "DSCKS" as const;

/** The schema and its companion (imported by relative schemaLocation: keep them side by side). */
export const XSD_FILE_NAME = "hocbaso-1.0.xsd" as const;
export const XMLDSIG_XSD_FILE_NAME = "xmldsig-core-hocbaso.xsd" as const;

/**
 * CapHoc values a format 1.0 document may carry: the sector database's `manhomcaphoc`, 04 THPT and
 * 05 GDTX. 03 (THCS) stays valid because documents built before the project used 04 carry 03 for
 * THPT, and their signatures cover those bytes; the builder writes only the model's 04 or 05.
 */
export const CAP_HOC = ["05", "04", "03"] as const;
export type CapHocCode = (typeof CAP_HOC)[number];

/**
 * Lexical rules of the XSD, repeated here so that the builder can name the learner and the field
 * before a document is written (the XSD only says which line is wrong).
 */
export const PATTERNS = {
  ma: /^[0-9A-Za-z][0-9A-Za-z._-]{0,49}$/,
  maHocVien: /^[0-9A-Za-z][0-9A-Za-z_-]{0,63}$/,
  soDinhDanh: /^[0-9]{12}$/,
  cccd: /^[0-9]{12}$/,
  namHoc: /^([0-9]{4})-([0-9]{4})$/,
  ngay: /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/,
  thoiDiem:
    /^([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]{1,3})?(Z|[+-]([0-9]{2}):([0-9]{2}))$/,
  uuid: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/,
  tbm: /^(10|[0-9])\.[0-9]$/,
  sha256: /^[0-9a-f]{64}$/,
} as const;

import { z } from "zod";
import { SIGNING_ROLES, type SigningRole } from "../xml/hocbaso-v1/signature-profile.ts";

/**
 * manifest.json of a hand-off package (`<Lop>_<NamHoc>_<Buoc>.hocba.zip`): the signed documents
 * of one class and year after one signing step, carried from one PC to the next (the GVCN's to the
 * director's, the director's to the văn thư's seal). The package is a transport: every document
 * is verified again where it is opened; the manifest only lets a reader see at once what it should
 * hold and notice a file swapped or missing.
 */

export const HANDOFF_FORMAT = "hocba-handoff";
export const HANDOFF_FORMAT_VERSION = 1;

/** The step just done: the role that signed last in every document of the package. */
export const HandoffBuoc = z.enum(["gvcn", "thu-truong", "dong-dau"]).describe("Bước");
export type HandoffBuoc = z.infer<typeof HandoffBuoc>;

export const BUOC_OF_ROLE: Readonly<Record<SigningRole, HandoffBuoc>> = {
  GVCN: "gvcn",
  ThuTruong: "thu-truong",
  DonVi: "dong-dau",
};

export const ROLE_OF_BUOC: Readonly<Record<HandoffBuoc, SigningRole>> = {
  gvcn: "GVCN",
  "thu-truong": "ThuTruong",
  "dong-dau": "DonVi",
};

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, "SHA-256, hex chữ thường");

/** A plain .xml name: no folder part, no control or reserved characters, not hidden. */
export const HandoffFileName = z
  .string()
  .min(5)
  .max(200)
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\\/:*?"<>|\u0000-\u001f\u007f]+\.xml$/i, "tên tệp .xml, không chứa thư mục")
  .refine((name) => !name.startsWith("."), "tên tệp không hợp lệ");

/** One signature of a document: role, the signer's name (certificate CN) and SigningTime. */
export const HandoffRoleSigned = z.strictObject({
  role: z.enum(SIGNING_ROLES),
  signer: z.string().max(256),
  signingTime: z.string().max(64),
});
export type HandoffRoleSigned = z.infer<typeof HandoffRoleSigned>;

export const HandoffDocument = z.strictObject({
  fileName: HandoffFileName,
  sha256: Sha256,
  size: z.number().int().min(1),
  maHocVien: z.string().min(1).max(64),
  hoTen: z.string().max(256),
  idBanGhi: z.string().max(64),
  /** PhienBanBanGhi: the version of the learner's record. */
  phienBan: z.number().int().min(1),
  /** In signing order. */
  roles: z.array(HandoffRoleSigned).max(SIGNING_ROLES.length),
});
export type HandoffDocument = z.infer<typeof HandoffDocument>;

export const HandoffManifest = z.strictObject({
  format: z.literal(HANDOFF_FORMAT),
  formatVersion: z.literal(HANDOFF_FORMAT_VERSION),
  createdAt: z.string().max(64),
  buoc: HandoffBuoc,
  institution: z.strictObject({ maTruong: z.string().max(64), tenTruong: z.string().max(256) }),
  lop: z.string().min(1).max(64),
  namHoc: z.string().regex(/^\d{4}-\d{4}$/),
  documents: z.array(HandoffDocument).min(1).max(2000),
});
export type HandoffManifest = z.infer<typeof HandoffManifest>;

import { z } from "zod";
import { SIGNING_ROLES } from "../xml/hocbaso-v1/signature-profile.ts";

/**
 * Field types shared by requests and replies. Every request object is strict: an unknown field is
 * an error, never ignored (like Web eID's argument check), so a typo cannot silently change what
 * gets signed.
 */

/**
 * Chosen by the extension, echoed on every reply to that request. For sign-batch it is also the
 * batch id recorded in the archive: resending a batch with the same id resumes it.
 */
export const RequestId = z
  .string()
  .regex(/^[A-Za-z0-9._:-]{1,64}$/, "1-64 ký tự A-Z a-z 0-9 . _ : -")
  .describe("Mã yêu cầu");
export type RequestId = z.infer<typeof RequestId>;

/** The three signing roles of a học bạ, in signing order: the signature profile's list. */
export const SigningRole = z.enum(SIGNING_ROLES).describe("Vai trò ký");
export type SigningRole = z.infer<typeof SigningRole>;

/**
 * A plain file name: no folder part, no control characters, ending in .xml. The helper only echoes
 * it, but exports and logs must never be steered into another folder by it.
 */
export const FileName = z
  .string()
  .min(5)
  .max(200)
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\\/:*?"<>|\u0000-\u001f\u007f]+\.xml$/i, "tên tệp .xml, không chứa thư mục")
  .refine((name) => name !== "." && name !== ".." && !name.startsWith("."), "tên tệp không hợp lệ")
  .describe("Tên tệp");

/** One document sent for signing or verification. */
export const DocumentInput = z.strictObject({
  /** File name shown to the user and echoed in replies, e.g. `HV0001_2025-2026.xml`. */
  fileName: FileName,
  /**
   * The document. With `encoding` "utf8" (the default) the XML text itself, whose UTF-8 bytes are
   * what gets signed; with "base64" the exact bytes, base64-encoded.
   */
  xml: z.string().min(1),
  /** How `xml` is carried; omitted means "utf8". */
  encoding: z.enum(["utf8", "base64"]).optional(),
});
export type DocumentInput = z.infer<typeof DocumentInput>;

/** A typed error: stable code plus a message in Vietnamese (HocBaError.toJSON). */
export const ErrorBody = z.object({
  /** Stable code from the message table, e.g. `HOST_BAD_REQUEST`, `TOKEN_PIN_INCORRECT`. */
  code: z.string(),
  /** Vietnamese text for the user, naming where the problem is. */
  message: z.string(),
  /** The message parameters (file, field, detail...), so the extension can re-format it in English. */
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** Who signed: read from the signer certificate. */
export const SignerInfo = z.object({
  /** Subject CN, e.g. "Trần Thị B". */
  commonName: z.string(),
  /** Subject DN, attributes in certificate order: "CN=..., serialNumber=..., C=VN". */
  subject: z.string(),
  /** Issuer DN, same form. */
  issuer: z.string(),
  /** Certificate serial number, upper-case hex. */
  serialNumber: z.string(),
  /** SHA-256 of the certificate DER, lower-case hex. */
  certSha256: z.string(),
});
export type SignerInfo = z.infer<typeof SignerInfo>;

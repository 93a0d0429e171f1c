import { readHocBa } from "../../shared/xml/hocbaso-v1/read-hoc-ba.ts";
import type { SigningRole } from "../../shared/xml/hocbaso-v1/signature-profile.ts";
import { prepareHocBaSignature, type SignHocBaOptions } from "../../native-host/sign/sign-hocba.ts";
import type { DocumentSigner } from "../../native-host/token/token-signer.ts";

/**
 * TEST-ONLY: signs in `role` with `signer`'s real key and certificate (which go into KeyInfo), while
 * telling the signer's own check that the certificate's subject is the person the record names for
 * the role. That is a document signed by the wrong person, as a tool without the signer-authority
 * rule would make it: the cryptography is sound, only the verifier's authority check can refuse it.
 */
export async function signPastAuthority(
  signer: DocumentSigner,
  bytes: Uint8Array,
  role: SigningRole,
  options: SignHocBaOptions = {},
): Promise<Buffer> {
  const tt = readHocBa(bytes).ttChung;
  // Escaped as describeCertificate writes a subject.
  const cn = (value: string) => `CN=${value.replace(/([,+\\])/g, "\\$1")}`;
  const subject =
    role === "GVCN"
      ? cn(tt.gvcn)
      : role === "ThuTruong"
        ? cn(tt.thuTruong.hoTen)
        : `${cn(tt.tenTruong)}, UID=MST:0000000000`;
  const liar = {
    certificate: signer.certificate,
    chain: signer.chain,
    keyType: signer.keyType,
    info: { ...signer.info, subject },
  };
  const prepared = await prepareHocBaSignature(liar, bytes, role, options);
  return prepared.finish(await signer.sign(prepared.signedInfo));
}

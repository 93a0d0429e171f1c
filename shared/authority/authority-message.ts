import type { MessageCode } from "../errors/message-table.ts";
import type { AuthorityRefusal, AuthorityVerdict } from "./signer-authority.ts";

const SIGN_CODE = {
  NOT_NAMED: "SIGN_AUTHORITY_NOT_NAMED",
  NAME_MISMATCH: "SIGN_AUTHORITY_NAME_MISMATCH",
  NAME_MISMATCH_KT: "SIGN_AUTHORITY_NAME_MISMATCH_KT",
  CCCD_MISMATCH: "SIGN_AUTHORITY_CCCD_MISMATCH",
  ORGANISATION_AS_PERSON: "SIGN_AUTHORITY_ORGANISATION_AS_PERSON",
  PERSON_AS_SEAL: "SIGN_AUTHORITY_PERSON_AS_SEAL",
  SEAL_WITHOUT_UNIT_CODE: "SIGN_AUTHORITY_SEAL_WITHOUT_UNIT_CODE",
  // Same sentence as for a person: "Học bạ ghi đơn vị là …; chứng thư số đã chọn là của …".
  SEAL_NAME_MISMATCH: "SIGN_AUTHORITY_NAME_MISMATCH",
} as const satisfies Record<AuthorityRefusal, MessageCode>;

const VERIFY_CODE = {
  NOT_NAMED: "VERIFY_SIG_AUTHORITY_NOT_NAMED",
  NAME_MISMATCH: "VERIFY_SIG_AUTHORITY_NAME_MISMATCH",
  NAME_MISMATCH_KT: "VERIFY_SIG_AUTHORITY_NAME_MISMATCH_KT",
  CCCD_MISMATCH: "VERIFY_SIG_AUTHORITY_CCCD_MISMATCH",
  ORGANISATION_AS_PERSON: "VERIFY_SIG_AUTHORITY_ORGANISATION_AS_PERSON",
  PERSON_AS_SEAL: "VERIFY_SIG_AUTHORITY_PERSON_AS_SEAL",
  SEAL_WITHOUT_UNIT_CODE: "VERIFY_SIG_AUTHORITY_SEAL_WITHOUT_UNIT_CODE",
  SEAL_NAME_MISMATCH: "VERIFY_SIG_AUTHORITY_NAME_MISMATCH",
} as const satisfies Record<AuthorityRefusal, MessageCode>;

/**
 * The message of a verdict that is not plain ok: a refusal as signing says it ("chứng thư số đã
 * chọn…") or as verification says it ("người ký là…"), or the spelling warning. Params carry both
 * names and the role element (GVCN, ThuTruong, DonVi) as {role}.
 */
export function authorityMessage(
  verdict: AuthorityVerdict,
  context: "sign" | "verify",
): { code: MessageCode; params: Record<string, string> } | undefined {
  if (verdict.status === "ok") return undefined;
  const params = { ...verdict.params, role: verdict.role, named: verdict.named, holder: verdict.holder };
  if (verdict.status === "warning") return { code: "AUTHORITY_NAME_SPELLING", params };
  return { code: (context === "sign" ? SIGN_CODE : VERIFY_CODE)[verdict.reason], params };
}

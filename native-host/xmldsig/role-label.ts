import { formatMessage, type Locale, type MessageCode } from "../../shared/errors/message-table.ts";
import type { SigningRole } from "../../shared/xml/hocbaso-v1/signature-profile.ts";

/** The message naming each role: a new role in the profile does not compile until it has one. */
const ROLE_LABEL = {
  GVCN: "SIGN_ROLE_GVCN",
  ThuTruong: "SIGN_ROLE_THU_TRUONG",
  DonVi: "SIGN_ROLE_DON_VI",
} as const satisfies Record<SigningRole, MessageCode>;

/** The role as users name it ("Giáo viên chủ nhiệm"), for reports and messages. */
export function roleLabel(role: SigningRole, locale: Locale = "vi"): string {
  return formatMessage(ROLE_LABEL[role], {}, locale);
}

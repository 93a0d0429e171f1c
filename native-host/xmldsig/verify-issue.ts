import { formatMessage, type MessageCode, type MessageParams } from "../../shared/errors/message-table.ts";

/** One reason a document or a signature is not valid: a stable code and its Vietnamese message. */
export interface VerifyIssue {
  code: MessageCode;
  params: MessageParams;
  /** Vietnamese message, formatted from code and params. */
  message: string;
}

export function verifyIssue(code: MessageCode, params: MessageParams = {}): VerifyIssue {
  return { code, params, message: formatMessage(code, params, "vi") };
}

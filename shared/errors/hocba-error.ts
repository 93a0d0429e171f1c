import { formatMessage, type Locale, type MessageCode, type MessageParams } from "./message-table.ts";

/**
 * The one error type that crosses module boundaries: a stable code, the parameters of its message
 * and, where it applies, where the problem is (learner, subject, field, file, page).
 */
export class HocBaError extends Error {
  override readonly name = "HocBaError";
  constructor(
    readonly code: MessageCode,
    readonly params: MessageParams = {},
    options?: { cause?: unknown },
  ) {
    super(formatMessage(code, params, "vi"), options);
  }

  /** The message in the given locale. */
  localized(locale: Locale): string {
    return formatMessage(this.code, this.params, locale);
  }

  toJSON(): { code: MessageCode; message: string; params: MessageParams } {
    return { code: this.code, message: this.message, params: this.params };
  }
}

export function isHocBaError(err: unknown): err is HocBaError {
  return err instanceof HocBaError;
}

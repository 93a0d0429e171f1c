import { P11 } from "./pkcs11-api.ts";

/** The PIN state a token reports in CK_TOKEN_INFO.flags. Tokens may not report all of them
 * (SoftHSM never reports final try or locked). */
export interface PinStatus {
  /** An incorrect PIN was entered at least once since the last good login. */
  countLow: boolean;
  /** One more wrong PIN locks the token. */
  finalTry: boolean;
  locked: boolean;
  /** The PIN is the factory default or has expired and must be changed. */
  toBeChanged: boolean;
  /** The PIN is entered on the device (PIN pad or the middleware's own dialog), not given by us. */
  protectedAuthPath: boolean;
}

export function pinStatusFromFlags(flags: number): PinStatus {
  const has = (bit: number) => (flags & bit) !== 0;
  return {
    countLow: has(P11.CKF_USER_PIN_COUNT_LOW),
    finalTry: has(P11.CKF_USER_PIN_FINAL_TRY),
    locked: has(P11.CKF_USER_PIN_LOCKED),
    toBeChanged: has(P11.CKF_USER_PIN_TO_BE_CHANGED),
    protectedAuthPath: has(P11.CKF_PROTECTED_AUTHENTICATION_PATH),
  };
}

/** Short Vietnamese description of the PIN state, for `hocba tokens`. */
export function describePinStatusVi(s: PinStatus): string {
  if (s.locked) return "PIN ĐÃ BỊ KHOÁ";
  const parts: string[] = [];
  if (s.finalTry) parts.push("CHỈ CÒN 1 LẦN THỬ PIN");
  else if (s.countLow) parts.push("đã có lần nhập sai PIN, số lần thử còn ít");
  if (s.toBeChanged) parts.push("phải đổi PIN");
  if (s.protectedAuthPath) parts.push("nhập PIN trên thiết bị");
  return parts.length ? parts.join("; ") : "bình thường";
}

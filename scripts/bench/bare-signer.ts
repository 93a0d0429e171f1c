import { loadPkcs11Module } from "../../native-host/token/load-pkcs11-module.ts";
import { P11 } from "../../native-host/token/pkcs11-api.ts";

export interface BareSigner {
  sign(data: Buffer): void;
  close(): void;
}

/**
 * The yardstick of the signing benchmarks: C_SignInit + C_Sign called synchronously through the
 * same binding on the same token and key, nothing around them. The token is assumed logged in by
 * a session of this process (the binding accepts being initialised again).
 */
export function openBareSigner(modulePath: string, tokenLabel: string, keyLabel = "gvcn"): BareSigner {
  const p11 = loadPkcs11Module(modulePath);
  const slot = p11.C_GetSlotList(true).find((s) => p11.C_GetTokenInfo(s).label.trim() === tokenLabel);
  if (!slot) throw new Error(`token ${tokenLabel} not found`);
  const session = p11.C_OpenSession(slot, P11.CKF_SERIAL_SESSION);
  p11.C_FindObjectsInit(session, [
    { type: P11.CKA_CLASS, value: P11.CKO_PRIVATE_KEY },
    { type: P11.CKA_LABEL, value: keyLabel },
  ]);
  const [key] = p11.C_FindObjects(session, 1);
  p11.C_FindObjectsFinal(session);
  if (!key) throw new Error(`key ${keyLabel} not found`);
  const out = Buffer.alloc(512);
  return {
    sign(data) {
      p11.C_SignInit(session, { mechanism: P11.CKM_SHA256_RSA_PKCS }, key);
      p11.C_Sign(session, data, out);
    },
    close: () => p11.C_CloseSession(session),
  };
}

import type { SignerRole } from "../../models/wire.ts";

/** Message codes naming each signing role. */
export const ROLE_LABEL = {
  GVCN: "EXT_UI_ROLE_GVCN",
  ThuTruong: "EXT_UI_ROLE_THU_TRUONG",
  DonVi: "EXT_UI_ROLE_DON_VI",
} as const satisfies Record<SignerRole, string>;

/** Short names for badges. */
export const ROLE_SHORT = {
  GVCN: "EXT_UI_ROLE_GVCN_SHORT",
  ThuTruong: "EXT_UI_ROLE_THU_TRUONG_SHORT",
  DonVi: "EXT_UI_ROLE_DON_VI_SHORT",
} as const satisfies Record<SignerRole, string>;

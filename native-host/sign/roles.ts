import { HocBaError } from "../../shared/errors/hocba-error.ts";

/** Signing roles, in the only order they may sign. Each is the name of its container in DSCKS. */
export const VAI_TRO_KY = ["GVCN", "ThuTruong", "DonVi"] as const;
export type VaiTroKy = (typeof VAI_TRO_KY)[number];

export const ROLE_LABEL_VI: Readonly<Record<VaiTroKy, string>> = {
  GVCN: "Giáo viên chủ nhiệm",
  ThuTruong: "Thủ trưởng (Giám đốc/Hiệu trưởng)",
  DonVi: "Đơn vị (con dấu)",
};

/** CLI spelling of each role (`--role gvcn|thu-truong|don-vi`). */
export const ROLE_CLI: Readonly<Record<VaiTroKy, string>> = {
  GVCN: "gvcn",
  ThuTruong: "thu-truong",
  DonVi: "don-vi",
};

export function isVaiTroKy(name: string): name is VaiTroKy {
  return (VAI_TRO_KY as readonly string[]).includes(name);
}

/** Accepts the element name (GVCN, ThuTruong, DonVi) or the CLI spelling (gvcn, thu-truong, don-vi). */
export function parseVaiTroKy(input: string): VaiTroKy {
  const s = input.trim();
  if (isVaiTroKy(s)) return s;
  const found = VAI_TRO_KY.find((r) => ROLE_CLI[r] === s.toLowerCase());
  if (!found) throw new HocBaError("SIGN_UNKNOWN_ROLE", { role: input });
  return found;
}

/** The roles that must have signed before `role`. */
export function rolesBefore(role: VaiTroKy): VaiTroKy[] {
  return VAI_TRO_KY.slice(0, VAI_TRO_KY.indexOf(role));
}

/** The role as users name it ("Giáo viên chủ nhiệm"), for messages. */
export function roleDisplay(role: VaiTroKy): string {
  return ROLE_LABEL_VI[role];
}

import type { HandoffBuoc } from "./handoff-manifest.ts";

/** A name part in plain ASCII: Vietnamese letters without marks (đ → d), anything else but A-Z a-z 0-9 . - as "-". */
export function asciiNamePart(text: string): string {
  const folded = text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D");
  const safe = folded
    .replace(/[^A-Za-z0-9.-]+/g, "-")
    .replace(/^[.-]+|-+$/g, "")
    .slice(0, 64);
  return safe === "" ? "lop" : safe;
}

/** `<Lop>_<NamHoc>_<Buoc>.hocba.zip`, e.g. `10A1_2025-2026_gvcn.hocba.zip`. */
export function handoffPackageName(lop: string, namHoc: string, buoc: HandoffBuoc): string {
  return `${asciiNamePart(lop)}_${asciiNamePart(namHoc)}_${buoc}.hocba.zip`;
}

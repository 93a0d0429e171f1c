import type { Gradebook } from "../model/gradebook.ts";
import type { NamedPerson, NamedSigners } from "./signer-authority.ts";

/**
 * Who a gradebook's documents will name as their signers: the same TTChung the builder writes
 * (the extension marks certificates with it before the documents reach the helper).
 */
export function namedSignersOfGradebook(
  gb: Pick<Gradebook, "school" | "gvcn" | "gvcnCccd" | "thuTruong" | "kyThay">,
): NamedSigners {
  const person = (hoTen: string, chucVu?: string, cccd?: string): NamedPerson => ({
    hoTen,
    ...(chucVu !== undefined ? { chucVu } : {}),
    ...(cccd !== undefined && cccd.trim() !== "" ? { cccd } : {}),
  });
  return {
    tenTruong: gb.school.tenTruong,
    gvcn: person(gb.gvcn, undefined, gb.gvcnCccd),
    thuTruong: person(gb.thuTruong.hoTen, gb.thuTruong.chucVu, gb.thuTruong.cccd),
    ...(gb.kyThay ? { kyThay: person(gb.kyThay.hoTen, gb.kyThay.chucVu, gb.kyThay.cccd) } : {}),
  };
}

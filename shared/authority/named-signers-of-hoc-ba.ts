import type { HocBaView } from "../xml/hocbaso-v1/hoc-ba-view.ts";
import type { NamedPerson, NamedSigners } from "./signer-authority.ts";

/** Who a học bạ document names as its signers (TTChung), for checkSignerAuthority. */
export function namedSignersOfHocBa(view: Pick<HocBaView, "ttChung">): NamedSigners {
  const tt = view.ttChung;
  const person = (hoTen: string, chucVu?: string, cccd?: string): NamedPerson => ({
    hoTen,
    ...(chucVu !== undefined ? { chucVu } : {}),
    ...(cccd !== undefined ? { cccd } : {}),
  });
  return {
    tenTruong: tt.tenTruong,
    gvcn: person(tt.gvcn, undefined, tt.gvcnCccd),
    thuTruong: person(tt.thuTruong.hoTen, tt.thuTruong.chucVu, tt.thuTruong.cccd),
    ...(tt.kyThay ? { kyThay: person(tt.kyThay.hoTen, tt.kyThay.chucVu, tt.kyThay.cccd) } : {}),
  };
}

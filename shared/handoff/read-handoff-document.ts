import { HocBaError } from "../errors/hocba-error.ts";
import type { HocBaView } from "../xml/hocbaso-v1/hoc-ba-view.ts";
import { readHocBa } from "../xml/hocbaso-v1/read-hoc-ba.ts";

/** What a package needs to know of one signed document, read from its data. */
export interface HandoffDocumentFacts {
  maTruong: string;
  tenTruong: string;
  namHoc: string;
  lop: string;
  maHocVien: string;
  hoTen: string;
  idBanGhi: string;
  phienBan: number;
  /** Roles whose signature container is present, in document order. */
  roles: HocBaView["vaiTroCoChuKy"];
}

/** Reads the facts of a document; HocBaError HANDOFF_DOCUMENT_UNREADABLE naming the file when it cannot. */
export function readHandoffDocument(fileName: string, bytes: Uint8Array): HandoffDocumentFacts {
  let view: HocBaView;
  try {
    view = readHocBa(bytes);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new HocBaError("HANDOFF_DOCUMENT_UNREADABLE", { name: fileName, detail }, { cause: err });
  }
  const tt = view.ttChung;
  return {
    maTruong: tt.maTruong,
    tenTruong: tt.tenTruong,
    namHoc: tt.namHoc,
    lop: tt.lop,
    maHocVien: view.hocVien.maHocVien,
    hoTen: view.hocVien.hoTen,
    idBanGhi: tt.idBanGhi,
    phienBan: tt.phienBanBanGhi,
    roles: view.vaiTroCoChuKy,
  };
}

import { cancelHocBa } from "../../shared/versions/cancel-hoc-ba.ts";
import type { StoredDocument } from "./hocba-db.ts";
import { vietnamDateTime } from "../../shared/check/check-dates.ts";
import { signedVersionOf } from "./load-review.ts";

/** The CANCEL document of a signed record, ready for the head to sign (and what it says). */
export interface CancelDocument {
  fileName: string;
  /** The unsigned CANCEL document: the exact bytes the head signs (UTF-8 text). */
  xml: string;
  /** PhienBanBanGhi of the CANCEL (the withdrawn version + 1). */
  phienBan: number;
  /** The version it withdraws. */
  phienBanTruoc: number;
  idBanGhi: string;
  /** The reason as written into the document (NFC). */
  lyDo: string;
}

/**
 * Builds the CANCEL of the signed version `signed` with the shared builder the CLI uses
 * (`hocba build --cancel`, cancel-hoc-ba.ts): same IdBanGhi, next version, the withdrawn version's
 * SHA-256 and the reason, the data unchanged. Throws the builder's HocBaError (no reason, already
 * cancelled, not built by hocba).
 */
export async function cancelDocumentOf(
  signed: StoredDocument,
  lyDo: string,
  thoiGianLap: string = vietnamDateTime(),
): Promise<CancelDocument> {
  const previous = await signedVersionOf(signed);
  const reason = lyDo.normalize("NFC").trim();
  const built = cancelHocBa(previous, { lyDo: reason, thoiGianLap });
  const tt = previous.view.ttChung;
  return {
    fileName: built.fileName,
    xml: new TextDecoder("utf-8", { fatal: true }).decode(built.bytes),
    phienBan: tt.phienBanBanGhi + 1,
    phienBanTruoc: tt.phienBanBanGhi,
    idBanGhi: tt.idBanGhi,
    lyDo: reason,
  };
}

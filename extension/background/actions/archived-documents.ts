import { HocBaError } from "../../../shared/errors/hocba-error.ts";
import type { ArchivedDocument } from "../../models/wire.ts";
import type { BackgroundDeps } from "../deps.ts";

/** The signed documents of one class that wait for the head (ThuTruong) or the seal (DonVi). */
export async function archivedDocuments(
  deps: Pick<BackgroundDeps, "helpers">,
  request: { namHoc?: unknown; lop?: unknown; maTruong?: unknown; forRole?: unknown },
): Promise<{ documents: ArchivedDocument[] }> {
  const { namHoc, lop, maTruong, forRole } = request;
  if (typeof namHoc !== "string" || typeof lop !== "string" || lop === "") {
    throw new HocBaError("EXT_BAD_REQUEST", { action: "archived-documents", field: "lop" });
  }
  if (forRole !== "ThuTruong" && forRole !== "DonVi") {
    throw new HocBaError("EXT_BAD_REQUEST", { action: "archived-documents", field: "forRole" });
  }
  const events = await deps.helpers.use((client) =>
    client.archivedDocuments({
      namHoc,
      lop,
      forRole,
      ...(typeof maTruong === "string" && maTruong !== "" ? { maTruong } : {}),
    }),
  );
  return {
    documents: events.map((e) => ({
      fileName: e.fileName,
      xml: e.xml,
      sha256: e.sha256,
      maHocVien: e.maHocVien,
      hoTen: e.hoTen,
      idBanGhi: e.idBanGhi,
      phienBan: e.phienBan,
      roles: e.roles,
    })),
  };
}

import { HocBaError } from "../../../shared/errors/hocba-error.ts";
import type { ActionMap, CheckConfirmation } from "../../models/wire.ts";
import type { BackgroundDeps } from "../deps.ts";

type Request = ActionMap["record-check-confirmation"]["request"];

/** "Tổ chuyên môn đã kiểm tra" (who, which class or subject) into the helper's audit log. */
export async function recordCheckConfirmation(
  deps: Pick<BackgroundDeps, "helpers">,
  request: Partial<Record<keyof Request, unknown>>,
): Promise<CheckConfirmation> {
  const text = (value: unknown) =>
    typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
  const namHoc = text(request.namHoc);
  const lop = text(request.lop);
  const nguoiKiemTra = text(request.nguoiKiemTra);
  if (!namHoc || !lop) {
    throw new HocBaError("EXT_BAD_REQUEST", { action: "record-check-confirmation", field: "lop" });
  }
  if (!nguoiKiemTra) {
    throw new HocBaError("EXT_BAD_REQUEST", { action: "record-check-confirmation", field: "nguoiKiemTra" });
  }
  const optional = (name: "maTruong" | "monHoc" | "chucVu" | "ghiChu") => {
    const value = text(request[name]);
    return value === undefined ? {} : { [name]: value };
  };
  return deps.helpers.use((client) =>
    client.recordCheckConfirmation({
      namHoc,
      lop,
      nguoiKiemTra,
      ...optional("maTruong"),
      ...optional("monHoc"),
      ...optional("chucVu"),
      ...optional("ghiChu"),
    }),
  );
}

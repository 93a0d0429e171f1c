import type { CheckConfirmation } from "../../models/wire.ts";
import type { BackgroundDeps } from "../deps.ts";

/** The Tổ chuyên môn's confirmations recorded in the helper's audit log for a year (and class). */
export async function listCheckConfirmations(
  deps: Pick<BackgroundDeps, "helpers">,
  request: { namHoc?: unknown; lop?: unknown },
): Promise<{ confirmations: CheckConfirmation[] }> {
  const pick = (value: unknown) => (typeof value === "string" && value !== "" ? value : undefined);
  const namHoc = pick(request.namHoc);
  const lop = pick(request.lop);
  return {
    confirmations: await deps.helpers.use((client) =>
      client.checkConfirmations({ ...(namHoc ? { namHoc } : {}), ...(lop ? { lop } : {}) }),
    ),
  };
}

import { useState } from "react";
import type { CheckConfirmation, WireError } from "../../models/wire.ts";
import { toWireError } from "../../models/wire-error.ts";
import { checkConfirmationOf, vietnamTime } from "../../services/check-confirmation-of.ts";
import { buildHandoffPackages, documentsForStep, type HandoffStep } from "../../services/handoff-packages.ts";
import type { StoredDocument } from "../../services/hocba-db.ts";
import { formatDateTime } from "../../services/i18n.ts";
import { saveBytes } from "../../services/save-bytes.ts";
import { ErrorBox } from "../components/error-box.tsx";
import { useI18n } from "../locale-context.tsx";

/**
 * "Gửi Giám đốc" / "Gửi đóng dấu": downloads each class's hand-off package of the records signed at
 * this step, to send to the next signer's PC (they import it; the class fills their queue).
 */
export function HandoffPanel({
  docs,
  running,
  head,
}: {
  /** The current signed document of each learner on the page. */
  docs: readonly StoredDocument[];
  running: boolean;
  /** The profile's word for the head (Giám đốc / Hiệu trưởng). */
  head: string;
}) {
  const { t } = useI18n();
  const [made, setMade] = useState<{ file: string; count: number }[]>([]);
  const [error, setError] = useState<WireError>();
  const [busy, setBusy] = useState(false);

  const send = async (step: HandoffStep) => {
    setBusy(true);
    setError(undefined);
    try {
      const packages = await buildHandoffPackages(docs, step);
      for (const p of packages) saveBytes(p.bytes, p.fileName, "application/zip");
      setMade(packages.map((p) => ({ file: p.fileName, count: p.manifest.documents.length })));
    } catch (err) {
      setError(toWireError(err));
    } finally {
      setBusy(false);
    }
  };

  const toHead = documentsForStep(docs, "gvcn").length;
  const toSeal = documentsForStep(docs, "thu-truong").length;
  return (
    <section className="handoff" data-testid="handoff">
      <h2>{t("EXT_UI_HANDOFF_TITLE")}</h2>
      <p className="muted small">{t("EXT_UI_HANDOFF_HELP")}</p>
      <button
        type="button"
        data-testid="handoff-head"
        disabled={toHead === 0 || running || busy}
        onClick={() => void send("gvcn")}
      >
        {t("EXT_UI_HANDOFF_TO_HEAD", { head, count: toHead })}
      </button>{" "}
      <button
        type="button"
        data-testid="handoff-seal"
        disabled={toSeal === 0 || running || busy}
        onClick={() => void send("thu-truong")}
      >
        {t("EXT_UI_HANDOFF_TO_SEAL", { count: toSeal })}
      </button>
      {toHead === 0 && toSeal === 0 && <p className="muted small">{t("EXT_UI_HANDOFF_NONE")}</p>}
      {made.map((m) => (
        <p key={m.file} className="ok-text" data-testid="handoff-made" data-file={m.file}>
          {t("EXT_UI_HANDOFF_MADE", { file: m.file, count: m.count })}
        </p>
      ))}
      {error && <ErrorBox error={error} testId="handoff-error" />}
    </section>
  );
}

/** The Tổ chuyên môn's "đã kiểm tra" of a class (who, when) as the GVCN's review page shows it. */
export function TcmStatus({
  namHoc,
  lop,
  confirmations,
  required,
}: {
  namHoc: string;
  lop: string;
  confirmations: readonly CheckConfirmation[] | undefined;
  /** The settings require it before the GVCN signs. */
  required: boolean;
}) {
  const { t } = useI18n();
  if (confirmations === undefined) return null;
  const confirmation = checkConfirmationOf(confirmations, namHoc, lop);
  if (confirmation) {
    return (
      <p className="ok-text tcm-status" data-testid="tcm-status" data-confirmed="true">
        {t("EXT_UI_TCM_CONFIRMED", {
          name: confirmation.nguoiKiemTra,
          time: formatDateTime(vietnamTime(confirmation.at)),
        })}
      </p>
    );
  }
  return (
    <p
      className={`${required ? "error-text" : "muted"} tcm-status`}
      data-testid="tcm-status"
      data-confirmed="false"
    >
      {required ? t("EXT_UI_TCM_REQUIRED", { lop }) : t("EXT_UI_TCM_NOT_CONFIRMED")}
    </p>
  );
}

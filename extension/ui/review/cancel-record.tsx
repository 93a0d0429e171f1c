import { useState } from "react";
import type { WireError } from "../../models/wire.ts";
import { toWireError } from "../../models/wire-error.ts";
import { cancelDocumentOf, type CancelDocument } from "../../services/cancel-document.ts";
import type { LearnerRow } from "../../services/review-model.ts";
import { ErrorBox } from "../components/error-box.tsx";
import { useI18n } from "../locale-context.tsx";

/** A signed record the head can cancel: its latest version is signed and not itself a cancel. */
export function canCancel(row: LearnerRow): boolean {
  return row.stored !== undefined && row.cancelledVersion === undefined && !row.change?.needsReason;
}

/**
 * «Hủy bản ghi…» for the previewed learner (director's view): the reason (required), then the CANCEL
 * document built with the shared builder and shown in words. Signing it goes through the page's
 * sign panel (PIN typed there), which signs only this document while it is prepared.
 */
export function CancelRecord({
  row,
  prepared,
  running,
  onPrepared,
  onDiscard,
}: {
  row: LearnerRow;
  prepared: CancelDocument | undefined;
  running: boolean;
  onPrepared: (doc: CancelDocument) => void;
  onDiscard: () => void;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [lyDo, setLyDo] = useState("");
  const [error, setError] = useState<WireError>();
  const who = { hoTen: row.hoTen, maHocVien: row.maHocVien };

  const prepare = async () => {
    setError(undefined);
    if (!row.stored || !/\S/.test(lyDo)) return;
    try {
      onPrepared(await cancelDocumentOf(row.stored, lyDo));
    } catch (err) {
      setError(toWireError(err));
    }
  };

  if (!open && !prepared) {
    return (
      <button type="button" data-testid="cancel-record" disabled={running} onClick={() => setOpen(true)}>
        {t("EXT_UI_CANCEL_RECORD")}
      </button>
    );
  }
  return (
    <section className="cancel-record" role="dialog" aria-modal="false" data-testid="cancel-dialog">
      <h2>{t("EXT_UI_CANCEL_TITLE", who)}</h2>
      <p className="muted">{t("EXT_UI_CANCEL_HELP")}</p>
      {!prepared && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void prepare();
          }}
        >
          <label>
            {t("EXT_UI_CANCEL_REASON_LABEL")}{" "}
            <textarea
              data-testid="cancel-reason"
              required
              value={lyDo}
              onChange={(e) => setLyDo(e.target.value)}
            />
          </label>{" "}
          <button type="submit" data-testid="cancel-prepare" disabled={!/\S/.test(lyDo) || running}>
            {t("EXT_UI_CANCEL_PREPARE")}
          </button>
        </form>
      )}
      {error && <ErrorBox error={error} />}
      {prepared && (
        <>
          <p data-testid="cancel-preview">
            {t("EXT_UI_CANCEL_PREVIEW", {
              ...who,
              phienBanTruoc: prepared.phienBanTruoc,
              idBanGhi: prepared.idBanGhi,
              lyDo: prepared.lyDo,
            })}
          </p>
          <p className="muted" data-testid="cancel-sign-hint">
            {t("EXT_UI_CANCEL_SIGN_HINT", { phienBan: prepared.phienBan, fileName: prepared.fileName })}
          </p>
        </>
      )}
      <button
        type="button"
        data-testid="cancel-discard"
        disabled={running}
        onClick={() => {
          setOpen(false);
          setLyDo("");
          setError(undefined);
          onDiscard();
        }}
      >
        {t("EXT_UI_CANCEL_DISCARD")}
      </button>
    </section>
  );
}

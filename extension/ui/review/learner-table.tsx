import type { CheckItem } from "../../../shared/check/check-report.ts";
import { formatMessage } from "../../../shared/errors/message-table.ts";
import type { SignerRole, WireError } from "../../models/wire.ts";
import { formatDate } from "../../services/i18n.ts";
import { canSign, signedRoles, type LearnerRow } from "../../services/review-model.ts";
import { SIGNER_ROLES } from "../../models/wire.ts";
import { useI18n } from "../locale-context.tsx";
import { ROLE_SHORT } from "./roles.ts";

/** Where a row stands in the current batch. */
export type RowBatchState =
  | { status: "queued" }
  | { status: "signing" }
  | { status: "signed"; resumed: boolean }
  /** `stopped`: the document was not refused, the batch stopped before it (the error is the batch's). */
  | { status: "failed"; error: WireError; stopped?: boolean }
  /** The batch was cancelled before this one: not signed, nothing changed. */
  | { status: "cancelled" };

export function LearnerTable({
  rows,
  role,
  selected,
  batch,
  previewId,
  showClass,
  onToggle,
  onToggleAll,
  onPreview,
}: {
  rows: LearnerRow[];
  role: SignerRole;
  selected: ReadonlySet<string>;
  batch: ReadonlyMap<string, RowBatchState>;
  previewId: string | undefined;
  showClass: boolean;
  onToggle: (id: string) => void;
  onToggleAll: (on: boolean) => void;
  onPreview: (id: string) => void;
}) {
  const { t, errorText, locale } = useI18n();
  // Findings are shown in the UI's language (their stored `message` is Vietnamese).
  const findings = (items: readonly CheckItem[]) =>
    items.map((e) => formatMessage(e.code, e.params, locale)).join("\n");
  const eligible = rows.filter((r) => canSign(r, role));
  const allOn = eligible.length > 0 && eligible.every((r) => selected.has(r.id));
  return (
    <table className="learners" data-testid="learner-table">
      <thead>
        <tr>
          <th>
            <input
              type="checkbox"
              checked={allOn}
              disabled={eligible.length === 0}
              aria-label={t("EXT_UI_SELECT_ALL")}
              data-testid="select-all"
              onChange={(e) => onToggleAll(e.target.checked)}
            />
          </th>
          <th>{t("EXT_UI_COL_STT")}</th>
          {showClass && <th>{t("EXT_UI_COL_CLASS")}</th>}
          <th>{t("EXT_UI_COL_MA_HOC_VIEN")}</th>
          <th>{t("EXT_UI_COL_HO_TEN")}</th>
          <th>{t("EXT_UI_COL_NGAY_SINH")}</th>
          <th>{t("EXT_UI_COL_CHECK")}</th>
          <th>{t("EXT_UI_COL_SIGNATURES")}</th>
          <th>{t("EXT_UI_COL_BATCH")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const state = batch.get(row.id);
          const roles = signedRoles(row);
          return (
            <tr
              key={`${row.classKey}#${row.stt}`}
              data-id={row.id}
              data-ma-hoc-vien={row.maHocVien}
              data-signed={roles.join(" ")}
              className={previewId === row.id ? "current" : undefined}
            >
              <td>
                <input
                  type="checkbox"
                  checked={selected.has(row.id)}
                  disabled={!canSign(row, role)}
                  aria-label={row.hoTen}
                  onChange={() => onToggle(row.id)}
                />
              </td>
              <td>{row.stt}</td>
              {showClass && <td>{row.lop}</td>}
              <td>{row.maHocVien}</td>
              <td>
                <button type="button" className="link" onClick={() => onPreview(row.id)}>
                  {row.hoTen}
                </button>
              </td>
              <td>{formatDate(row.ngaySinh)}</td>
              <td>
                {row.errors.length > 0 && (
                  <span className="badge error" title={findings(row.errors)}>
                    {t("EXT_UI_ROW_ERRORS", { count: row.errors.length })}
                  </span>
                )}
                {row.errors.length === 0 && row.buildError && (
                  <span className="badge error" title={errorText(row.buildError)}>
                    {t("EXT_UI_ROW_BUILD_FAILED")}
                  </span>
                )}
                {row.errors.length === 0 && !row.buildError && row.warnings.length > 0 && (
                  <span className="badge warning" title={findings(row.warnings)}>
                    {t("EXT_UI_ROW_WARNINGS", { count: row.warnings.length })}
                  </span>
                )}
                {row.errors.length === 0 && !row.buildError && row.warnings.length === 0 && (
                  <span className="badge ok">{t("EXT_UI_ROW_OK")}</span>
                )}
              </td>
              <td className="signatures">
                {SIGNER_ROLES.map((r) => (
                  <span key={r} className={roles.includes(r) ? "badge ok" : "badge off"}>
                    {t(ROLE_SHORT[r])}
                  </span>
                ))}
              </td>
              <td
                className="batch-state"
                data-state={state?.status ?? ""}
                data-code={state?.status === "failed" ? state.error.code : undefined}
              >
                {state?.status === "queued" && t("EXT_UI_ROW_QUEUED")}
                {state?.status === "signing" && t("EXT_UI_ROW_SIGNING")}
                {state?.status === "signed" &&
                  (state.resumed ? t("EXT_UI_ROW_RESUMED") : t("EXT_UI_ROW_SIGNED"))}
                {state?.status === "failed" && (
                  <span className="error-text" title={state.stopped ? errorText(state.error) : undefined}>
                    {state.stopped ? t("EXT_UI_ROW_NOT_SIGNED_STOPPED") : errorText(state.error)}
                  </span>
                )}
                {state?.status === "cancelled" && (
                  <span className="muted">{t("EXT_UI_ROW_NOT_SIGNED_CANCELLED")}</span>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

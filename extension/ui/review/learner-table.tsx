import type { CheckItem } from "../../../shared/check/check-report.ts";
import { formatMessage } from "../../../shared/errors/message-table.ts";
import type { SignerRole, WireError } from "../../models/wire.ts";
import { formatDate } from "../../services/i18n.ts";
import { canSign, signedRoles, type LearnerRow } from "../../services/review-model.ts";
import { suaDoiLabel } from "../../services/sua-doi-label.ts";
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
  subjects,
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
  /** Each class's subjects (by class key): a changed field is named by its subject. */
  subjects?: ReadonlyMap<string, ReadonlyArray<{ ma: string; ten: string }>>;
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
                {(row.version ?? 1) > 1 && (
                  <span className="badge" data-testid="row-version">
                    {t("EXT_UI_ROW_VERSION", { phienBan: row.version ?? 1 })}
                  </span>
                )}
                {row.cancelledVersion !== undefined && (
                  <span className="badge error" data-testid="row-cancelled">
                    {t("EXT_UI_ROW_CANCELLED", { phienBan: row.cancelledVersion })}
                  </span>
                )}
                {row.change && (
                  <details
                    className="row-change"
                    data-testid="row-changed"
                    data-needs-reason={String(row.change.needsReason)}
                  >
                    <summary>
                      {t("EXT_UI_ROW_CHANGED", { phienBan: row.change.signedVersion })} ·{" "}
                      {t("EXT_UI_ROW_CHANGES", { count: row.change.changes.length })}
                    </summary>
                    <table className="diff">
                      <thead>
                        <tr>
                          <th />
                          <th>{t("EXT_UI_ROW_CHANGE_OLD")}</th>
                          <th>{t("EXT_UI_ROW_CHANGE_NEW")}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {row.change.changes.map((c) => (
                          <tr key={c.truong} data-truong={c.truong}>
                            <th>{suaDoiLabel(c.truong, subjects?.get(row.classKey) ?? [], t)}</th>
                            <td className="old">{c.cu === "" ? t("EXT_UI_VERSION_EMPTY") : c.cu}</td>
                            <td className="new">{c.moi === "" ? t("EXT_UI_VERSION_EMPTY") : c.moi}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </details>
                )}
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

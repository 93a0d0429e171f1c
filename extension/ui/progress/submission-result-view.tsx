import type { SubmissionMade } from "../../models/wire.ts";
import { useI18n } from "../locale-context.tsx";

/**
 * What the helper made: the folder (to open and hand in), the files besides the records, and the
 * records left out with the helper's reason (its first ones; the whole list is in the folder).
 */
export function SubmissionResultView({ result, learner }: { result: SubmissionMade; learner: string }) {
  const { t } = useI18n();
  const more = result.notIncludedCount - result.notIncluded.length;
  return (
    <div
      className="submission-result"
      data-testid="submission-result"
      data-included={result.included}
      data-not-included={result.notIncludedCount}
    >
      {result.dir !== undefined ? (
        <>
          <p>
            {t("EXT_UI_SUBMISSION_DONE", {
              dot: result.dot,
              namHoc: result.namHoc,
              included: result.included,
            })}
          </p>
          <pre data-testid="submission-dir">{result.dir}</pre>
          <p className="muted small">
            {t("EXT_UI_SUBMISSION_FILES", {
              files: result.files.filter((f) => f !== result.report).join(", "),
              report: result.report,
            })}
          </p>
        </>
      ) : (
        <p className="strong" data-testid="submission-none">
          {t("EXT_UI_SUBMISSION_NONE", { dot: result.dot, namHoc: result.namHoc })}
        </p>
      )}
      {result.notIncludedCount === 0 ? (
        <p>{t("EXT_UI_SUBMISSION_LEFT_OUT_NONE")}</p>
      ) : (
        <>
          <p>{t("EXT_UI_SUBMISSION_LEFT_OUT", { count: result.notIncludedCount })}</p>
          <table className="progress-table" data-testid="submission-left-out">
            <thead>
              <tr>
                <th>{t("EXT_UI_SUBMISSION_COL_CODE", { learner })}</th>
                <th>{t("EXT_UI_SUBMISSION_COL_NAME")}</th>
                <th>{t("EXT_UI_SUBMISSION_COL_CLASS")}</th>
                <th>{t("EXT_UI_SUBMISSION_COL_REASON")}</th>
              </tr>
            </thead>
            <tbody>
              {result.notIncluded.map((n) => (
                <tr key={`${n.maHocVien}/${n.phienBan}`} data-ma={n.maHocVien} data-code={n.code}>
                  <td>{n.maHocVien}</td>
                  <td>{n.hoTen}</td>
                  <td>{n.lop}</td>
                  <td>{n.lyDo}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {more > 0 ? <p className="muted small">{t("EXT_UI_SUBMISSION_LEFT_OUT_MORE", { more })}</p> : null}
        </>
      )}
    </div>
  );
}

import { useState } from "react";
import type { SubmissionMade, WireError } from "../../models/wire.ts";
import { toWireError } from "../../models/wire-error.ts";
import { callBackground } from "../../services/background-client.ts";
import { ErrorBox } from "../components/error-box.tsx";
import { useProfileLabels } from "../components/use-profile-labels.ts";
import { useI18n } from "../locale-context.tsx";
import { SubmissionResultView } from "./submission-result-view.tsx";

/**
 * «Tạo gói nộp Sở/Bộ (đợt N)»: the helper makes the wave's package into a new folder and says
 * where and what it left out; the `hocba submission` command stays below as the other way.
 */
export function SubmissionPanel({ namHoc, dot }: { namHoc: string; dot: 1 | 2 }) {
  const { t } = useI18n();
  const labels = useProfileLabels();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<SubmissionMade>();
  const [error, setError] = useState<WireError>();

  const make = async () => {
    setBusy(true);
    setError(undefined);
    setResult(undefined);
    try {
      setResult(await callBackground("make-submission", { namHoc, dot }));
    } catch (err) {
      setError(toWireError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="submission no-print" data-testid="submission">
      <h2>{t("EXT_UI_SUBMISSION_TITLE")}</h2>
      <p>{t("EXT_UI_SUBMISSION_HINT", { head: labels.head })}</p>
      <div className="actions">
        <button
          type="button"
          className="primary"
          data-testid="submission-make"
          disabled={busy}
          onClick={() => void make()}
        >
          {t("EXT_UI_SUBMISSION_MAKE", { dot })}
        </button>
      </div>
      {busy ? (
        <p className="muted" data-testid="submission-working">
          {t("EXT_UI_SUBMISSION_WORKING")}
        </p>
      ) : null}
      {error ? <ErrorBox error={error} testId="submission-error" /> : null}
      {result ? <SubmissionResultView result={result} learner={labels.learner} /> : null}
      <p className="muted small">{t("EXT_UI_SUBMISSION_CLI", { dot })}</p>
      <pre data-testid="submission-command">
        {`hocba submission --nam-hoc ${namHoc} --dot ${dot} --out nop-dot-${dot}`}
      </pre>
    </section>
  );
}

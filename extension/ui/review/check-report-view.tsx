import { useState } from "react";
import type { CheckItem } from "../../../shared/check/check-report.ts";
import { formatMessage } from "../../../shared/errors/message-table.ts";
import type { ClassReview } from "../../services/review-model.ts";
import { ErrorBox } from "../components/error-box.tsx";
import { useI18n } from "../locale-context.tsx";

/** One class's check report: the counts, then every finding with who and where. */
export function CheckReportView({ review }: { review: ClassReview }) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState(review.report.errorCount > 0);
  const { report, gradebook } = review;
  const text = (item: CheckItem) => formatMessage(item.code, item.params, locale);
  const where = (item: CheckItem) =>
    [item.path.hoTen ?? item.path.maHocVien, item.path.maMon, item.path.field].filter(Boolean).join(" · ");
  return (
    <section className="check-report" data-testid="check-report" data-class-key={review.classKey}>
      <h2>
        {t("EXT_UI_CHECK_TITLE", { lop: gradebook.lop, namHoc: gradebook.namHoc })}{" "}
        <span className={report.errorCount > 0 ? "badge error" : "badge ok"} data-testid="check-summary">
          {t("EXT_UI_CHECK_SUMMARY", {
            learners: report.learnerCount,
            errors: report.errorCount,
            warnings: report.warningCount,
          })}
        </span>
      </h2>
      {review.reportError && <ErrorBox error={review.reportError} />}
      {report.items.length > 0 && (
        <button type="button" className="link" onClick={() => setOpen(!open)} aria-expanded={open}>
          {open ? t("EXT_UI_CHECK_HIDE") : t("EXT_UI_CHECK_SHOW", { count: report.items.length })}
        </button>
      )}
      {open && (
        <ul className="findings">
          {report.items.map((item, i) => (
            <li key={i} className={item.severity} data-code={item.code}>
              <span className={`badge ${item.severity}`}>
                {item.severity === "error" ? t("EXT_UI_SEVERITY_ERROR") : t("EXT_UI_SEVERITY_WARNING")}
              </span>{" "}
              <span className="where">{where(item)}</span> {text(item)}
            </li>
          ))}
        </ul>
      )}
      {report.blockedLearners.length > 0 && (
        <p className="muted">{t("EXT_UI_CHECK_BLOCKED", { count: report.blockedLearners.length })}</p>
      )}
    </section>
  );
}

import { useEffect, useState } from "react";
import type { PlanStep } from "../../../shared/progress/progress-report.ts";
import type { ProgressReport, WireError } from "../../models/wire.ts";
import { toWireError } from "../../models/wire-error.ts";
import { callBackground } from "../../services/background-client.ts";
import { HocBaDb } from "../../services/hocba-db.ts";
import { formatDate } from "../../services/i18n.ts";
import { loadSettings, planPhases } from "../../services/settings.ts";
import { exportXlsx } from "../../services/export-xlsx.ts";
import { ErrorBox } from "../components/error-box.tsx";
import { PLAN_PHASE_LABEL } from "../components/plan-phase-labels.ts";
import { useProfileLabels } from "../components/use-profile-labels.ts";
import { useI18n } from "../locale-context.tsx";
import { SubmissionPanel } from "./submission-panel.tsx";

type Row = ProgressReport["rows"][number];

/** Learners without check errors, for the classes this browser has read (the archive has no check data). */
async function localWithoutErrors(): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  // The checks are loaded only here: the page itself stays small.
  const { runCheck } = await import("../../services/run-check.ts");
  const db = await HocBaDb.open();
  try {
    for (const { classKey, gradebook } of await db.listGradebooks()) {
      try {
        const report = runCheck(gradebook);
        out.set(classKey, gradebook.learners.length - report.blockedLearners.length);
      } catch {
        // An unknown profile: the count stays unknown.
      }
    }
  } finally {
    db.close();
  }
  return out;
}

/**
 * The Phó Giám đốc's follow-up: one row per class of the helper's archive (so packages imported
 * from the teachers' PCs count), how far its records have gone, the days left to each wave (the
 * dates of the options page), late classes in red; exportable to Excel and printable.
 */
export function ProgressApp() {
  const { t } = useI18n();
  const labels = useProfileLabels();
  const [report, setReport] = useState<ProgressReport>();
  const [error, setError] = useState<WireError>();
  const [exporting, setExporting] = useState(false);

  useEffect(() => {
    void (async () => {
      try {
        const settings = await loadSettings();
        // ?ngay=YYYY-MM-DD: the table as of that day (a past follow-up meeting, or a fixed day in tests).
        const query = new URLSearchParams(location.search);
        const today = query.get("ngay") ?? undefined;
        const namHoc = query.get("namHoc") ?? undefined;
        const [fromArchive, local] = await Promise.all([
          callBackground("progress", {
            deadlines: { dot1: settings.plan.dot1, dot2: settings.plan.dot2 },
            phases: planPhases(settings.plan),
            ...(today ? { today } : {}),
            ...(namHoc ? { namHoc } : {}),
          }),
          localWithoutErrors().catch(() => new Map<string, number>()),
        ]);
        const rows = fromArchive.rows.map((r) => ({
          ...r,
          withoutErrors:
            r.withoutErrors ??
            local.get(`${r.maTruong}/${fromArchive.namHoc}/${r.lop}`.normalize("NFC")) ??
            null,
        }));
        setReport({ ...fromArchive, rows });
      } catch (err) {
        setError(toWireError(err));
      }
    })();
  }, []);

  if (error) {
    return (
      <main className="page progress-page">
        <h1>{t("EXT_UI_PROGRESS_TITLE")}</h1>
        <ErrorBox error={error} testId="progress-error" />
      </main>
    );
  }
  if (!report) return <p className="muted page">{t("EXT_UI_LOADING")}</p>;

  const stepText = (step: PlanStep) =>
    step === "gvcn"
      ? t("EXT_UI_PROGRESS_STEP_GVCN")
      : step === "thu-truong"
        ? t("EXT_UI_PROGRESS_STEP_HEAD", { head: labels.head })
        : step === "dong-dau"
          ? t("EXT_UI_PROGRESS_STEP_SEAL")
          : t("EXT_UI_PROGRESS_STEP_NOP");
  const status = (r: Row) =>
    r.late
      ? `${t("EXT_UI_PROGRESS_LATE")}: ${r.lateSteps.map(stepText).join(", ")}`
      : r.learners > 0 && r.packaged >= r.learners
        ? t("EXT_UI_PROGRESS_DONE")
        : t("EXT_UI_PROGRESS_ON_TRACK");
  const headers = [
    t("EXT_UI_PROGRESS_COL_CLASS"),
    t("EXT_UI_PROGRESS_COL_LEARNERS", { learner: labels.learner }),
    t("EXT_UI_PROGRESS_COL_NO_ERRORS"),
    t("EXT_UI_PROGRESS_COL_GVCN"),
    t("EXT_UI_PROGRESS_COL_HEAD", { head: labels.head }),
    t("EXT_UI_PROGRESS_COL_SEAL"),
    t("EXT_UI_PROGRESS_COL_PACKAGED"),
    t("EXT_UI_PROGRESS_COL_STATUS"),
  ];
  const cells = (r: Row): (string | number | null)[] => [
    r.lop,
    r.learners,
    r.withoutErrors,
    r.signedGvcn,
    r.signedThuTruong,
    r.sealed,
    r.packaged,
    status(r),
  ];
  const sum = (pick: (r: Row) => number) => report.rows.reduce((n, r) => n + pick(r), 0);
  const knownErrors = report.rows.every((r) => r.withoutErrors !== null);
  const totals: (string | number | null)[] = [
    t("EXT_UI_PROGRESS_TOTAL"),
    sum((r) => r.learners),
    knownErrors ? sum((r) => r.withoutErrors ?? 0) : null,
    sum((r) => r.signedGvcn),
    sum((r) => r.signedThuTruong),
    sum((r) => r.sealed),
    sum((r) => r.packaged),
    `${report.rows.filter((r) => r.late).length} ${t("EXT_UI_PROGRESS_LATE").toLocaleLowerCase()}`,
  ];
  const waves = report.deadlines.map((d) =>
    d.daysLeft >= 0
      ? t("EXT_UI_PROGRESS_WAVE", { dot: d.dot, ngay: formatDate(d.date), days: d.daysLeft })
      : t("EXT_UI_PROGRESS_WAVE_PAST", { dot: d.dot, ngay: formatDate(d.date), days: -d.daysLeft }),
  );

  const exportExcel = async () => {
    setExporting(true);
    try {
      await exportXlsx(
        [
          {
            name: t("EXT_UI_PROGRESS_TITLE"),
            title: `${t("EXT_UI_PROGRESS_TITLE")} · ${t("EXT_UI_PROGRESS_YEAR", { namHoc: report.namHoc, today: formatDate(report.today) })} · ${waves.join(" · ")}`,
            headers,
            rows: [...report.rows.map(cells), totals],
            redRows: new Set(report.rows.flatMap((r, i) => (r.late ? [i] : []))),
          },
        ],
        `tien-do_${report.namHoc}.xlsx`,
      );
    } catch (err) {
      setError(toWireError(err));
    } finally {
      setExporting(false);
    }
  };

  return (
    <main className="page progress-page">
      <h1>{t("EXT_UI_PROGRESS_TITLE")}</h1>
      <p data-testid="progress-year">
        {t("EXT_UI_PROGRESS_YEAR", { namHoc: report.namHoc, today: formatDate(report.today) })}
      </p>
      <ul className="waves" data-testid="progress-waves">
        {report.deadlines.map((d, i) => (
          <li
            key={d.dot}
            data-dot={d.dot}
            data-days-left={d.daysLeft}
            className={d.dot === report.currentDot ? "strong" : undefined}
          >
            {waves[i]}
          </li>
        ))}
      </ul>
      <p className="muted" data-testid="progress-plan">
        {t("EXT_UI_PROGRESS_PLAN", {
          steps: report.phases
            .map((p) => `${t(PLAN_PHASE_LABEL[p.step], { head: labels.head })} ${p.daysBefore}`)
            .join(" · "),
        })}
      </p>
      <div className="actions no-print">
        <button
          type="button"
          data-testid="progress-export"
          disabled={exporting}
          onClick={() => void exportExcel()}
        >
          {t("EXT_UI_EXPORT_XLSX")}
        </button>
        <button type="button" data-testid="progress-print" onClick={() => window.print()}>
          {t("EXT_UI_PRINT")}
        </button>
      </div>
      {report.rows.length === 0 ? (
        <p className="muted">{t("EXT_UI_PROGRESS_EMPTY")}</p>
      ) : (
        <table className="progress-table" data-testid="progress-table">
          <thead>
            <tr>
              {headers.map((h) => (
                <th key={h}>{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {report.rows.map((r) => (
              <tr
                key={`${r.maTruong}/${r.lop}`}
                className={r.late ? "late" : undefined}
                data-lop={r.lop}
                data-late={String(r.late)}
                data-counts={[
                  r.learners,
                  r.withoutErrors ?? "",
                  r.signedGvcn,
                  r.signedThuTruong,
                  r.sealed,
                  r.packaged,
                ].join(",")}
              >
                {cells(r).map((c, i) => (
                  <td key={i} className={typeof c === "number" || c === null ? "num" : undefined}>
                    {c === null ? t("EXT_UI_PROGRESS_UNKNOWN") : c}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              {totals.map((c, i) => (
                <th key={i} className={typeof c === "number" ? "num" : undefined}>
                  {c === null ? t("EXT_UI_PROGRESS_UNKNOWN") : c}
                </th>
              ))}
            </tr>
          </tfoot>
        </table>
      )}
      <p className="muted small">{t("EXT_UI_PROGRESS_SOURCE_ARCHIVE")}</p>
      <SubmissionPanel namHoc={report.namHoc} dot={report.currentDot === 2 ? 2 : 1} />
    </main>
  );
}

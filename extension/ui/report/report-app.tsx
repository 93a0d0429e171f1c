import { useEffect, useMemo, useState } from "react";
import type { CheckItem } from "../../../shared/check/check-report.ts";
import { formatMessage } from "../../../shared/errors/message-table.ts";
import type { CheckConfirmation, WireError } from "../../models/wire.ts";
import { toWireError } from "../../models/wire-error.ts";
import { callBackground } from "../../services/background-client.ts";
import { checkConfirmationOf, vietnamTime } from "../../services/check-confirmation-of.ts";
import { exportXlsx, type XlsxSheet } from "../../services/export-xlsx.ts";
import { HocBaDb, type StoredGradebook } from "../../services/hocba-db.ts";
import { formatDateTime } from "../../services/i18n.ts";
import { classStats, SCORE_BANDS, type ClassStats } from "../../services/subject-stats.ts";
import { ErrorBox } from "../components/error-box.tsx";
import { useProfileLabels } from "../components/use-profile-labels.ts";
import { useI18n, type I18n } from "../locale-context.tsx";

interface ClassReport {
  entry: StoredGradebook;
  stats: ClassStats;
  items: CheckItem[];
  errorCount: number;
  warningCount: number;
}

const LEVELS = ["T", "K", "Đ", "CĐ"] as const;
const LEVEL_LABEL = { T: "EXT_UI_MUC_T", K: "EXT_UI_MUC_K", Đ: "EXT_UI_MUC_D", CĐ: "EXT_UI_MUC_CD" } as const;

/**
 * The Tổ chuyên môn's report, per class and subject: the check findings, the spread of the year
 * averages and the levels; printable and exportable (.xlsx). Its "đã kiểm tra" (who, when) goes to
 * the helper's audit log and shows on the GVCN's review page.
 */
export function ReportApp() {
  const i18n = useI18n();
  const { t } = i18n;
  const labels = useProfileLabels();
  const classKeys = useMemo(() => new URLSearchParams(location.search).getAll("lop"), []);
  const [reports, setReports] = useState<ClassReport[]>();
  const [error, setError] = useState<WireError>();
  const [confirmations, setConfirmations] = useState<CheckConfirmation[]>([]);

  useEffect(() => {
    void (async () => {
      try {
        // The checks are loaded after the page: it stays small.
        const { runCheck } = await import("../../services/run-check.ts");
        const db = await HocBaDb.open();
        let entries: StoredGradebook[];
        try {
          const all = await db.listGradebooks();
          entries = classKeys.length > 0 ? all.filter((e) => classKeys.includes(e.classKey)) : all;
        } finally {
          db.close();
        }
        setReports(
          entries.map((entry) => {
            const report = runCheck(entry.gradebook);
            return {
              entry,
              stats: classStats(entry.gradebook, report),
              items: report.items,
              errorCount: report.errorCount,
              warningCount: report.warningCount,
            };
          }),
        );
      } catch (err) {
        setError(toWireError(err));
      }
    })();
    callBackground("check-confirmations", {}).then(
      (r) => setConfirmations(r.confirmations),
      () => undefined,
    );
  }, [classKeys]);

  if (error) return <ErrorBox error={error} />;
  if (!reports) return <p className="muted page">{t("EXT_UI_LOADING")}</p>;

  const exportExcel = () => {
    const sheets: XlsxSheet[] = reports.flatMap((r) => reportSheets(r, i18n, labels.learner));
    void exportXlsx(
      sheets,
      reports.length === 1 && reports[0]
        ? `to-chuyen-mon_${reports[0].entry.gradebook.lop}.xlsx`
        : "to-chuyen-mon.xlsx",
    ).catch((err: unknown) => setError(toWireError(err)));
  };

  return (
    <main className="page report-page">
      <h1>{t("EXT_UI_TCM_TITLE")}</h1>
      <div className="actions no-print">
        <button
          type="button"
          data-testid="report-export"
          disabled={reports.length === 0}
          onClick={exportExcel}
        >
          {t("EXT_UI_EXPORT_XLSX")}
        </button>
        <button type="button" data-testid="report-print" onClick={() => window.print()}>
          {t("EXT_UI_PRINT")}
        </button>
      </div>
      {reports.length === 0 && <p className="muted">{t("EXT_UI_PROGRESS_EMPTY")}</p>}
      {reports.map((r) => (
        <ClassReportView
          key={r.entry.classKey}
          report={r}
          learnerWord={labels.learner}
          confirmation={checkConfirmationOf(confirmations, r.entry.gradebook.namHoc, r.entry.gradebook.lop)}
          subjectConfirmations={subjectConfirmationsOf(
            confirmations,
            r.entry.gradebook.namHoc,
            r.entry.gradebook.lop,
          )}
          onConfirmed={(c) => setConfirmations((list) => [...list, c])}
        />
      ))}
    </main>
  );
}

/** Each subject's latest confirmation, by subject code. */
function subjectConfirmationsOf(
  list: readonly CheckConfirmation[],
  namHoc: string,
  lop: string,
): Map<string, CheckConfirmation> {
  const out = new Map<string, CheckConfirmation>();
  for (const c of list) {
    if (c.namHoc === namHoc && c.lop === lop && c.monHoc !== undefined) out.set(c.monHoc, c);
  }
  return out;
}

function ClassReportView({
  report,
  learnerWord,
  confirmation,
  subjectConfirmations,
  onConfirmed,
}: {
  report: ClassReport;
  learnerWord: string;
  confirmation: CheckConfirmation | undefined;
  /** A subject's teacher group may confirm its subject alone. */
  subjectConfirmations: ReadonlyMap<string, CheckConfirmation>;
  onConfirmed: (c: CheckConfirmation) => void;
}) {
  const i18n = useI18n();
  const { t, locale } = i18n;
  const gb = report.entry.gradebook;
  const [name, setName] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<WireError>();
  const confirm = async (monHoc?: string) => {
    setBusy(true);
    setError(undefined);
    try {
      onConfirmed(
        await callBackground("record-check-confirmation", {
          namHoc: gb.namHoc,
          lop: gb.lop,
          maTruong: gb.school.maTruong,
          nguoiKiemTra: name.trim(),
          chucVu: "Tổ chuyên môn",
          ...(monHoc ? { monHoc } : {}),
        }),
      );
    } catch (err) {
      setError(toWireError(err));
    } finally {
      setBusy(false);
    }
  };
  const where = (item: CheckItem) =>
    [item.path.hoTen ?? item.path.maHocVien, item.path.maMon, item.path.field].filter(Boolean).join(" · ");
  return (
    <section className="class-report" data-testid="class-report" data-class-key={report.entry.classKey}>
      <h2>{t("EXT_UI_TCM_CLASS", { lop: gb.lop, namHoc: gb.namHoc, gvcn: gb.gvcn })}</h2>
      <p data-testid="report-summary">
        {t("EXT_UI_CHECK_SUMMARY", {
          learners: gb.learners.length,
          errors: report.errorCount,
          warnings: report.warningCount,
        })}
      </p>

      <h3>{t("EXT_UI_TCM_DISTRIBUTION")}</h3>
      <table className="report-table" data-testid="report-subjects">
        <thead>
          <tr>
            <th>{t("EXT_UI_TCM_SUBJECT")}</th>
            <th>{t("EXT_UI_TCM_ERRORS")}</th>
            <th>{t("EXT_UI_TCM_WARNINGS")}</th>
            {SCORE_BANDS.map((b) => (
              <th key={b.label}>{locale === "vi" ? b.label : b.label.replace(/,/g, ".")}</th>
            ))}
            <th>{t("EXT_UI_TCM_AVERAGE")}</th>
            <th>{t("EXT_UI_MUC_D")}</th>
            <th>{t("EXT_UI_MUC_CD")}</th>
            <th>{t("EXT_UI_TCM_COL_CHECKED")}</th>
          </tr>
        </thead>
        <tbody>
          {report.stats.subjects.map((s) => (
            <tr key={s.ma} data-ma-mon={s.ma} className={s.errors > 0 ? "late" : undefined}>
              <td>{s.ten}</td>
              <td className="num">{s.errors}</td>
              <td className="num">{s.warnings}</td>
              {s.bands.map((n, i) => (
                <td key={i} className="num">
                  {s.hinhThuc === "DiemSo" ? n : ""}
                </td>
              ))}
              <td className="num">{i18n.score(s.average)}</td>
              <td className="num">{s.hinhThuc === "NhanXet" ? s.dat : ""}</td>
              <td className="num">{s.hinhThuc === "NhanXet" ? s.chuaDat : ""}</td>
              <td data-testid="tcm-subject" data-confirmed={String(subjectConfirmations.has(s.ma))}>
                {subjectConfirmations.has(s.ma) ? (
                  <span className="ok-text small">
                    {t("EXT_UI_TCM_SUBJECT_CONFIRMED", {
                      name: subjectConfirmations.get(s.ma)?.nguoiKiemTra ?? "",
                      time: formatDateTime(vietnamTime(subjectConfirmations.get(s.ma)?.at ?? "")),
                    })}
                  </span>
                ) : (
                  <button
                    type="button"
                    className="link no-print"
                    data-testid="tcm-subject-confirm"
                    title={t("EXT_UI_TCM_CONFIRM_NAME")}
                    disabled={busy || name.trim() === ""}
                    onClick={() => void confirm(s.ma)}
                  >
                    {t("EXT_UI_TCM_SUBJECT_CONFIRM")}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h3>{t("EXT_UI_TCM_CLASS_LEVELS", { learner: learnerWord })}</h3>
      <table className="report-table" data-testid="report-levels">
        <thead>
          <tr>
            <th />
            {LEVELS.map((l) => (
              <th key={l}>{t(LEVEL_LABEL[l])}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {(["hocTap", "renLuyen"] as const).map((k) => (
            <tr key={k} data-level={k}>
              <th>{t(k === "hocTap" ? "EXT_UI_TCM_HOC_TAP" : "EXT_UI_TCM_REN_LUYEN")}</th>
              {LEVELS.map((l) => (
                <td key={l} className="num">
                  {report.stats[k][l]}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>

      <h3>{t("EXT_UI_TCM_FINDINGS")}</h3>
      {report.items.length === 0 ? (
        <p className="ok-text">{t("EXT_UI_TCM_NO_FINDINGS")}</p>
      ) : (
        <ul className="findings" data-testid="report-findings">
          {report.items.map((item, i) => (
            <li key={i} className={item.severity} data-code={item.code}>
              <span className={`badge ${item.severity}`}>
                {item.severity === "error" ? t("EXT_UI_SEVERITY_ERROR") : t("EXT_UI_SEVERITY_WARNING")}
              </span>{" "}
              <span className="where">{where(item)}</span> {formatMessage(item.code, item.params, locale)}
            </li>
          ))}
        </ul>
      )}

      <div className="tcm-confirm" data-testid="tcm-confirm">
        <h3>{t("EXT_UI_TCM_CONFIRM_TITLE")}</h3>
        {confirmation ? (
          <p className="ok-text" data-testid="tcm-confirmed" data-seq={confirmation.seq}>
            {t("EXT_UI_TCM_CONFIRMED", {
              name: confirmation.nguoiKiemTra,
              time: formatDateTime(vietnamTime(confirmation.at)),
            })}
          </p>
        ) : (
          <p className="muted">{t("EXT_UI_TCM_NOT_CONFIRMED")}</p>
        )}
        <div className="no-print">
          <label>
            {t("EXT_UI_TCM_CONFIRM_NAME")}{" "}
            <input
              type="text"
              data-testid="tcm-name"
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          </label>{" "}
          <button
            type="button"
            className="primary"
            data-testid="tcm-confirm-button"
            disabled={busy || name.trim() === ""}
            onClick={() => void confirm(undefined)}
          >
            {t("EXT_UI_TCM_CONFIRM_BUTTON")}
          </button>
          {error && <ErrorBox error={error} testId="tcm-error" />}
        </div>
      </div>
    </section>
  );
}

/** The class's sheets of the .xlsx: subjects (findings, bands, levels) and every finding. */
function reportSheets(r: ClassReport, i18n: I18n, learnerWord: string): XlsxSheet[] {
  const { t, locale } = i18n;
  const gb = r.entry.gradebook;
  const title = t("EXT_UI_TCM_CLASS", { lop: gb.lop, namHoc: gb.namHoc, gvcn: gb.gvcn });
  return [
    {
      name: `${gb.lop} ${t("EXT_UI_TCM_SUBJECT")}`,
      title,
      headers: [
        t("EXT_UI_TCM_SUBJECT"),
        t("EXT_UI_TCM_ERRORS"),
        t("EXT_UI_TCM_WARNINGS"),
        ...SCORE_BANDS.map((b) => b.label),
        t("EXT_UI_TCM_AVERAGE"),
        t("EXT_UI_MUC_D"),
        t("EXT_UI_MUC_CD"),
      ],
      rows: [
        ...r.stats.subjects.map((s) => [
          s.ten,
          s.errors,
          s.warnings,
          ...s.bands.map((n) => (s.hinhThuc === "DiemSo" ? n : null)),
          s.average,
          s.hinhThuc === "NhanXet" ? s.dat : null,
          s.hinhThuc === "NhanXet" ? s.chuaDat : null,
        ]),
        [],
        [t("EXT_UI_TCM_CLASS_LEVELS", { learner: learnerWord }), ...LEVELS.map((l) => t(LEVEL_LABEL[l]))],
        [t("EXT_UI_TCM_HOC_TAP"), ...LEVELS.map((l) => r.stats.hocTap[l])],
        [t("EXT_UI_TCM_REN_LUYEN"), ...LEVELS.map((l) => r.stats.renLuyen[l])],
      ],
      redRows: new Set(r.stats.subjects.flatMap((s, i) => (s.errors > 0 ? [i] : []))),
    },
    {
      name: `${gb.lop} ${t("EXT_UI_TCM_FINDINGS")}`,
      title,
      headers: [
        t("EXT_UI_TCM_COL_SEVERITY"),
        t("EXT_UI_TCM_COL_LEARNER"),
        t("EXT_UI_TCM_SUBJECT"),
        t("EXT_UI_TCM_COL_DETAIL"),
      ],
      rows: r.items.map((item) => [
        item.severity === "error" ? t("EXT_UI_SEVERITY_ERROR") : t("EXT_UI_SEVERITY_WARNING"),
        item.path.hoTen ?? item.path.maHocVien ?? "",
        item.path.maMon ?? "",
        formatMessage(item.code, item.params, locale),
      ]),
      redRows: new Set(r.items.flatMap((item, i) => (item.severity === "error" ? [i] : []))),
    },
  ];
}

import type { PlanStep, ProgressReport } from "./progress-report.ts";

/**
 * The progress report as a table of plain cells, the same for the CLI's text, the .xlsx and the
 * extension's page: Vietnamese headers, one row per class, late classes marked.
 */

export const STEP_LABELS: Readonly<Record<PlanStep, string>> = {
  gvcn: "GVCN ký",
  "thu-truong": "Giám đốc ký",
  "dong-dau": "Đóng dấu",
  nop: "Đóng gói nộp",
};

export const PROGRESS_HEADERS = [
  "Lớp",
  "Đơn vị",
  "Số học viên",
  "Hồ sơ không lỗi",
  "GVCN đã ký",
  "Giám đốc đã ký",
  "Đã đóng dấu",
  "Đã đóng gói nộp",
  "Chậm tiến độ",
] as const;

export type ProgressCell = string | number;

export interface ProgressTable {
  title: string;
  /** Lines under the title: today and the days left to each wave. */
  subtitle: string[];
  headers: readonly string[];
  rows: Array<{ cells: ProgressCell[]; late: boolean }>;
}

/** dd/mm/yyyy */
export function formatDateVi(date: string): string {
  const [y, m, d] = date.split("-");
  return `${d}/${m}/${y}`;
}

export function progressTable(report: ProgressReport): ProgressTable {
  return {
    title: `Tiến độ học bạ số năm học ${report.namHoc}`,
    subtitle: [
      `Ngày ${formatDateVi(report.today)}`,
      ...report.deadlines.map(
        (d) =>
          `Hạn đợt ${d.dot}: ${formatDateVi(d.date)} (${
            d.daysLeft >= 0 ? `còn ${d.daysLeft} ngày` : `đã quá ${-d.daysLeft} ngày`
          })`,
      ),
      `Kế hoạch: ${report.phases.map((p) => `${STEP_LABELS[p.step]} trước hạn ${p.daysBefore} ngày`).join(", ")}`,
    ],
    headers: PROGRESS_HEADERS,
    rows: report.rows.map((r) => ({
      late: r.late,
      cells: [
        r.lop,
        r.tenTruong,
        r.learners,
        r.withoutErrors === null ? "chưa rõ" : r.withoutErrors,
        r.signedGvcn,
        r.signedThuTruong,
        r.sealed,
        r.packaged,
        r.late ? `Chậm: ${r.lateSteps.map((s) => STEP_LABELS[s]).join(", ")}` : "",
      ],
    })),
  };
}

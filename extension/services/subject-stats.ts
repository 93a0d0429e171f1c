import type { CheckItem, CheckReport } from "../../shared/check/check-report.ts";
import type { Gradebook, MucXepLoai } from "../../shared/model/gradebook.ts";

/** Score bands of the year averages, as the Tổ chuyên môn reads them (lower bound included). */
export const SCORE_BANDS = [
  { label: "< 3,5", min: 0, max: 3.5 },
  { label: "3,5 – < 5", min: 3.5, max: 5 },
  { label: "5 – < 6,5", min: 5, max: 6.5 },
  { label: "6,5 – < 8", min: 6.5, max: 8 },
  { label: "≥ 8", min: 8, max: Infinity },
] as const;

/** One subject of a class: its findings, the spread of its year results and its levels. */
export interface SubjectStats {
  ma: string;
  ten: string;
  hinhThuc: "DiemSo" | "NhanXet";
  errors: number;
  warnings: number;
  /** DiemSo: learners per band of the year average (SCORE_BANDS order). */
  bands: number[];
  /** DiemSo: mean of the year averages given, one decimal; null when none. */
  average: number | null;
  /** NhanXet: learners Đạt / Chưa đạt for the year. */
  dat: number;
  chuaDat: number;
  /** Learners with no year result in the subject. */
  missing: number;
}

export type LevelCounts = Record<MucXepLoai | "none", number>;

export interface ClassStats {
  subjects: SubjectStats[];
  /** Year learning (học tập) and conduct (rèn luyện) levels. */
  hocTap: LevelCounts;
  renLuyen: LevelCounts;
  /** Findings not tied to one subject (identity, dates, decisions). */
  general: CheckItem[];
}

const emptyLevels = (): LevelCounts => ({ T: 0, K: 0, Đ: 0, CĐ: 0, none: 0 });

/** The Tổ chuyên môn's figures for one class: per subject and for the class. */
export function classStats(gradebook: Gradebook, report: CheckReport): ClassStats {
  const subjects = gradebook.subjects.map((s): SubjectStats => {
    const items = report.items.filter((i) => i.path.maMon === s.ma);
    const stats: SubjectStats = {
      ma: s.ma,
      ten: s.ten,
      hinhThuc: s.hinhThuc,
      errors: items.filter((i) => i.severity === "error").length,
      warnings: items.filter((i) => i.severity === "warning").length,
      bands: SCORE_BANDS.map(() => 0),
      average: null,
      dat: 0,
      chuaDat: 0,
      missing: 0,
    };
    const scores: number[] = [];
    for (const learner of gradebook.learners) {
      const kq = learner.ketQua.find((k) => k.maMon === s.ma);
      if (s.hinhThuc === "DiemSo") {
        const tbm = kq?.cn.tbm;
        if (tbm === null || tbm === undefined) {
          stats.missing++;
          continue;
        }
        scores.push(tbm);
        const band = SCORE_BANDS.findIndex((b) => tbm >= b.min && tbm < b.max);
        const at = band < 0 ? 0 : band;
        stats.bands[at] = (stats.bands[at] ?? 0) + 1;
      } else {
        const muc = kq?.cn.mucDanhGia;
        if (muc === "Đ") stats.dat++;
        else if (muc === "CĐ") stats.chuaDat++;
        else stats.missing++;
      }
    }
    if (scores.length > 0) {
      stats.average = Math.round((scores.reduce((a, b) => a + b, 0) / scores.length) * 10) / 10;
    }
    return stats;
  });
  const hocTap = emptyLevels();
  const renLuyen = emptyLevels();
  for (const learner of gradebook.learners) {
    hocTap[learner.hocTap.cn ?? "none"]++;
    renLuyen[learner.renLuyen.cn ?? "none"]++;
  }
  const known = new Set(gradebook.subjects.map((s) => s.ma));
  const general = report.items.filter((i) => i.path.maMon === undefined || !known.has(i.path.maMon));
  return { subjects, hocTap, renLuyen, general };
}

import os from "node:os";
import { resolve } from "node:path";
import type { CheckItem, CheckReport } from "../../../shared/check/check-report.ts";
import { checkGradebook } from "../../../shared/check/check-gradebook.ts";
import { HocBaError, isHocBaError } from "../../../shared/errors/hocba-error.ts";
import { formatMessage, type Locale } from "../../../shared/errors/message-table.ts";
import type { Gradebook } from "../../../shared/model/gradebook.ts";
import { parseGradebook } from "../../../shared/model/parse-gradebook.ts";
import { loadProfile, parseRulesProfile } from "../../../shared/rules/load-profile.ts";
import type { RulesProfile } from "../../../shared/rules/rules-profile.ts";
import { archivePath, processDataDirEnv } from "../../archive/data-dir.ts";
import { HocBaArchive } from "../../archive/hocba-archive.ts";
import { recordCheckSummary } from "../../handoff/check-summaries.ts";
import { writeLine, type CliCommand, type CliIo } from "../cli-io.ts";
import { readInputJson } from "../read-input-file.ts";
import { parseCliArgs } from "../parse-cli-args.ts";

const USAGE = `Cách dùng: hocba check SỔ_ĐIỂM.json [--json] [--profile-file TỆP] [--archive TỆP] [--lang vi|en]

Kiểm tra sổ điểm theo bộ quy tắc (Thông tư 22 cho THPT, Thông tư 43 cho GDTX): điểm thiếu hoặc sai,
số điểm đánh giá thường xuyên, điểm trung bình, xếp loại học tập và rèn luyện, kết quả xét lên lớp,
danh hiệu, số định danh, ngày sinh, học viên trùng.

  --json               In báo cáo dạng JSON (UTF-8)
  --profile-file TỆP   Dùng bộ quy tắc trong TỆP thay cho bộ ghi trong sổ điểm (trung tâm tự hiệu chỉnh)
  --archive TỆP        Ghi tóm tắt (số học viên, số hồ sơ không lỗi) vào nhật ký của kho TỆP cho cột
                       «Hồ sơ không lỗi» của hocba progress (chỉ khi khác lần trước)
  --lang vi|en         Ngôn ngữ báo cáo (mặc định: vi)

Mã thoát: 0 không có lỗi (có thể có cảnh báo); 1 có lỗi; 2 tệp không dùng được.`;

interface Options {
  file: string;
  json: boolean;
  profileFile: string | undefined;
  archive: string | undefined;
  lang: Locale;
}

function parseArgs(args: string[]): Options {
  // parseCliArgs: Vietnamese reasons, and an option given twice refused rather than the last taken.
  const { values, positionals } = parseCliArgs(args, {
    json: { type: "boolean" },
    "profile-file": { type: "string" },
    archive: { type: "string" },
    lang: { type: "string" },
  });
  const lang = values.lang ?? "vi";
  if (lang !== "vi" && lang !== "en") {
    throw new HocBaError("CLI_BAD_ARGS", { detail: `--lang phải là vi hoặc en, không phải «${lang}»` });
  }
  const [file, extra] = positionals;
  if (file === undefined) {
    throw new HocBaError("CLI_BAD_ARGS", { detail: "thiếu tệp sổ điểm. " + USAGE.split("\n")[0] });
  }
  if (extra !== undefined) {
    throw new HocBaError("CLI_BAD_ARGS", { detail: `chỉ kiểm tra một tệp mỗi lần («${extra}» thừa)` });
  }
  return {
    file,
    json: values.json === true,
    profileFile: values["profile-file"],
    archive: values.archive,
    lang,
  };
}

/** Everything that makes the input unusable (exit 2) happens here; checking itself never fails. */
async function load(opts: Options, io: CliIo): Promise<{ gb: Gradebook; profile: RulesProfile }> {
  const gb = parseGradebook(await readInputJson(resolve(io.cwd, opts.file), opts.file), opts.file);
  const profile =
    opts.profileFile !== undefined
      ? parseRulesProfile(
          await readInputJson(resolve(io.cwd, opts.profileFile), opts.profileFile),
          opts.profileFile,
        )
      : loadProfile(gb.profile);
  return { gb, profile };
}

const TEXT = {
  vi: {
    title: "Kiểm tra sổ điểm",
    school: "Trường",
    klass: "Lớp",
    year: "Năm học",
    learners: (n: number, label: string) => `${n} ${label}`,
    profile: "Bộ quy tắc",
    unconfirmed: (n: number) => `${n} quy định chưa được xác nhận với văn bản gốc (xem tệp bộ quy tắc)`,
    general: "Chung",
    row: "dòng",
    error: "LỖI",
    warning: "cảnh báo",
    counts: (e: number, w: number) => `${e} lỗi, ${w} cảnh báo`,
    clean: (n: number, label: string) => `Không có lỗi. ${n} ${label} sẵn sàng tạo học bạ.`,
    summary: (e: number, w: number, b: number, n: number, label: string) =>
      `Tổng kết: ${e} lỗi, ${w} cảnh báo. ${b}/${n} ${label} có lỗi, chưa tạo và ký học bạ được cho đến khi sửa trên cổng.`,
  },
  en: {
    title: "Gradebook check",
    school: "School",
    klass: "Class",
    year: "School year",
    learners: (n: number) => `${n} learners`,
    profile: "Rules profile",
    unconfirmed: (n: number) => `${n} rules not yet confirmed against the source text (see the profile file)`,
    general: "General",
    row: "row",
    error: "ERROR",
    warning: "warning",
    counts: (e: number, w: number) => `${e} errors, ${w} warnings`,
    clean: (n: number) => `No errors. ${n} learners are ready to build.`,
    summary: (e: number, w: number, b: number, n: number) =>
      `Summary: ${e} errors, ${w} warnings. ${b}/${n} learners have errors and cannot be built or signed until fixed in the portal.`,
  },
} as const;

function messageOf(item: CheckItem, lang: Locale): string {
  return lang === "vi" ? item.message : formatMessage(item.code, item.params, lang);
}

function unconfirmedRules(profile: RulesProfile): number {
  const rules: { confirmed: boolean }[] = [
    profile.labels,
    profile.scores,
    profile.rounding,
    profile.yearAverageFromRoundedSemesters,
    profile.weights,
    profile.txCount,
    profile.hocTapLevels,
    ...profile.renLuyenYear,
    ...Object.values(profile.promotion),
    ...Object.values(profile.awards),
    profile.age,
    profile.subjects,
  ];
  return rules.filter((r) => !r.confirmed).length;
}

function humanReport(
  file: string,
  gb: Gradebook,
  profile: RulesProfile,
  report: CheckReport,
  lang: Locale,
): string {
  const t = TEXT[lang];
  const label = profile.labels.value.learner;
  const lines: string[] = [
    `${t.title}: ${file}`,
    `${t.school}: ${gb.school.tenTruong} (${gb.school.maTruong}) · ${t.klass} ${gb.lop} · ${t.year} ${gb.namHoc} · ${t.learners(gb.learners.length, label)}`,
    `${t.profile}: ${profile.id} (${profile.name}); ${t.unconfirmed(unconfirmedRules(profile))}`,
  ];
  const line = (item: CheckItem) =>
    `  ${item.severity === "error" ? "✗" : "!"} ${item.severity === "error" ? t.error : t.warning}: ${messageOf(item, lang)} [${item.code}]`;

  const general = report.items.filter((i) => i.path.learnerIndex === undefined);
  if (general.length > 0) {
    lines.push("", `${t.general}:`, ...general.map(line));
  }
  const byLearner = new Map<number, CheckItem[]>();
  for (const item of report.items) {
    const i = item.path.learnerIndex;
    if (i !== undefined) byLearner.set(i, [...(byLearner.get(i) ?? []), item]);
  }
  for (const [index, items] of [...byLearner.entries()].sort((a, b) => a[0] - b[0])) {
    const hv = gb.learners[index]?.hocVien;
    const errors = items.filter((i) => i.severity === "error").length;
    lines.push(
      "",
      `■ ${hv?.hoTen ?? "?"} (${hv?.maHocVien ?? "?"}), ${t.row} ${index + 1}: ${t.counts(errors, items.length - errors)}`,
      ...items.map(line),
    );
  }
  lines.push("");
  if (report.errorCount === 0) {
    if (report.warningCount > 0) lines.push(t.counts(0, report.warningCount));
    lines.push(t.clean(report.learnerCount, label));
  } else {
    const blocked = report.blockedLearners.length;
    lines.push(t.summary(report.errorCount, report.warningCount, blocked, report.learnerCount, label));
  }
  return lines.join("\n");
}

export const command: CliCommand = {
  usage: USAGE,
  async run(args: string[], io: CliIo): Promise<number> {
    const opts = parseArgs(args);
    let loaded: { gb: Gradebook; profile: RulesProfile };
    try {
      loaded = await load(opts, io);
    } catch (err) {
      if (!isHocBaError(err)) throw err;
      // The file cannot be checked at all: exit 2, a readable message, never a stack trace.
      if (io.env.HOCBA_DEBUG === "1") io.stderr.write(`${err.stack ?? ""}\n`);
      const message = err.localized(opts.lang);
      writeLine(io.stderr, `${opts.lang === "vi" ? "Lỗi" : "Error"}: ${message}`);
      if (opts.json) {
        writeLine(
          io.stdout,
          JSON.stringify({ error: { code: err.code, message, params: err.params } }, null, 2),
        );
      }
      return 2;
    }
    const { gb, profile } = loaded;
    const report = checkGradebook(gb, profile);
    if (opts.archive !== undefined) recordSummary(opts, io, gb, profile, report);
    if (opts.json) {
      const out: CheckReport & { file: string; lang: Locale } = {
        file: opts.file,
        lang: opts.lang,
        ...report,
        items: report.items.map((i) => ({ ...i, message: messageOf(i, opts.lang) })),
      };
      writeLine(io.stdout, JSON.stringify(out, null, 2));
    } else {
      writeLine(io.stdout, humanReport(opts.file, gb, profile, report, opts.lang));
    }
    return report.errorCount > 0 ? 1 : 0;
  },
};

/** `--archive`: the check's counts into the archive's audit log, as the review page sends them. */
function recordSummary(
  opts: Options,
  io: CliIo,
  gb: Gradebook,
  profile: RulesProfile,
  report: CheckReport,
): void {
  const file = archivePath({ ...processDataDirEnv(io.env, os.homedir()), flag: opts.archive, cwd: io.cwd });
  const archive = HocBaArchive.open(file);
  try {
    const withErrors = report.blockedLearners.length;
    recordCheckSummary(archive, {
      namHoc: gb.namHoc,
      lop: gb.lop,
      ...(gb.school.maTruong ? { maTruong: gb.school.maTruong } : {}),
      learners: gb.learners.length,
      withoutErrors: Math.max(0, gb.learners.length - withErrors),
      withErrors,
      profile: profile.id,
      checkedAt: new Date().toISOString(),
    });
  } finally {
    archive.close();
  }
}

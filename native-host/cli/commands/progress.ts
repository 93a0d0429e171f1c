import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { HocBaError } from "../../../shared/errors/hocba-error.ts";
import { todayInVietnam } from "../../../shared/check/check-dates.ts";
import { DEFAULT_DEADLINES, DEFAULT_PHASES } from "../../../shared/progress/compute-progress.ts";
import { parsePlanPhases } from "../../../shared/progress/parse-plan-phases.ts";
import { progressTable } from "../../../shared/progress/progress-table.ts";
import { IsoDate, type PlanPhase } from "../../../shared/progress/progress-report.ts";
import { archivePath } from "../../archive/data-dir.ts";
import { HocBaArchive } from "../../archive/hocba-archive.ts";
import { writeFileAtomicSync } from "../../fs/write-file-atomic.ts";
import { progressXlsx } from "../../handoff/progress-xlsx.ts";
import { readProgress } from "../../handoff/read-progress.ts";
import { writeLine, type CliCommand, type CliIo } from "../cli-io.ts";
import { parseCliArgs } from "../parse-cli-args.ts";

const usage = `Cách dùng:
  hocba progress [--nam-hoc 2025-2026] [--json] [--xlsx TỆP.xlsx] [--han-dot-1 NGÀY] [--han-dot-2 NGÀY]
                 [--ke-hoach gvcn=14,thu-truong=7,dong-dau=3,nop=1] [--ngay NGÀY] [--archive KHO]

Tiến độ học bạ số theo lớp, từ kho lưu: số học viên, hồ sơ không lỗi, đã được GVCN ký, Giám đốc ký,
đóng dấu, đã đóng gói nộp; số ngày còn lại tới từng đợt nộp; lớp chậm so với kế hoạch được đánh dấu.
  --nam-hoc    năm học (mặc định: năm học mới nhất trong kho)
  --han-dot-1  hạn nộp đợt 1 (mặc định ${DEFAULT_DEADLINES.dot1}); --han-dot-2: đợt bổ sung (mặc định ${DEFAULT_DEADLINES.dot2})
  --ke-hoach   mỗi bước phải xong cho cả lớp bao nhiêu ngày trước hạn nộp của đợt (mặc định
               ${DEFAULT_PHASES.map((p) => `${p.step}=${p.daysBefore}`).join(",")}); bước không ghi giữ mặc định
  --ngay       tính như vào ngày NGÀY (YYYY-MM-DD; mặc định hôm nay theo giờ Việt Nam)
  --xlsx       ghi thêm bảng tiến độ ra tệp Excel
  --json       in báo cáo dạng JSON`;

export const command: CliCommand = { usage, run: runProgress };

function date(value: string | undefined, flag: string, fallback: string): string {
  if (value === undefined) return fallback;
  if (!IsoDate.safeParse(value).success) {
    throw new HocBaError("CLI_BAD_ARGS", { detail: `${flag} «${value}»: cần ngày dạng 2026-06-25` });
  }
  return value;
}

/** --ke-hoach, refused as a usage error (exit 2) like the other malformed options. */
function plan(value: string | undefined): PlanPhase[] | undefined {
  if (value === undefined) return undefined;
  try {
    return parsePlanPhases(value);
  } catch (err) {
    if (!(err instanceof HocBaError)) throw err;
    throw new HocBaError("CLI_BAD_ARGS", { detail: `--ke-hoach: ${err.message}` });
  }
}

async function runProgress(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCliArgs(args, {
    "nam-hoc": { type: "string" },
    json: { type: "boolean" },
    xlsx: { type: "string" },
    "han-dot-1": { type: "string" },
    "han-dot-2": { type: "string" },
    "ke-hoach": { type: "string" },
    ngay: { type: "string" },
    archive: { type: "string" },
  });
  if (positionals.length > 0) {
    throw new HocBaError("CLI_BAD_ARGS", { detail: `thừa tham số «${positionals.join(" ")}»` });
  }
  const namHoc = values["nam-hoc"];
  if (namHoc !== undefined && !/^\d{4}-\d{4}$/.test(namHoc)) {
    throw new HocBaError("CLI_BAD_ARGS", { detail: `--nam-hoc «${namHoc}»: cần dạng 2025-2026` });
  }
  const today = date(values.ngay, "--ngay", todayInVietnam(new Date()));
  const deadlines = {
    dot1: date(values["han-dot-1"], "--han-dot-1", DEFAULT_DEADLINES.dot1),
    dot2: date(values["han-dot-2"], "--han-dot-2", DEFAULT_DEADLINES.dot2),
  };
  const phases = plan(values["ke-hoach"]);
  const file = archivePath({
    env: io.env,
    platform: process.platform,
    homedir: os.homedir(),
    flag: values.archive,
    cwd: io.cwd,
  });
  if (!existsSync(file)) {
    writeLine(io.stderr, `Kho lưu ${file} chưa có tài liệu nào.`);
    return 1;
  }
  const archive = HocBaArchive.open(file);
  let report;
  try {
    report = readProgress(archive, { namHoc, today, deadlines, phases });
  } finally {
    archive.close();
  }
  const table = progressTable(report);
  if (values.xlsx) {
    writeFileAtomicSync(path.resolve(io.cwd, values.xlsx), await progressXlsx(table));
  }
  if (values.json) {
    writeLine(io.stdout, JSON.stringify(report, null, 2));
    return 0;
  }
  writeLine(io.stdout, table.title);
  for (const line of table.subtitle) writeLine(io.stdout, line);
  const cells = [table.headers, ...table.rows.map((r) => r.cells.map(String))];
  const widths = table.headers.map((_, i) => Math.max(...cells.map((row) => String(row[i] ?? "").length)));
  for (const [n, row] of cells.entries()) {
    const late = n > 0 && table.rows[n - 1]?.late === true;
    writeLine(
      io.stdout,
      `${late ? "! " : "  "}${row
        .map((c, i) => String(c).padEnd(widths[i] ?? 0))
        .join("  ")
        .trimEnd()}`,
    );
  }
  if (report.rows.some((r) => r.withoutErrors === null)) {
    writeLine(
      io.stdout,
      "«Hồ sơ không lỗi»: chưa rõ với lớp chưa được kiểm tra (số này lấy từ lần kiểm tra gần nhất mà trang xem lại của tiện ích gửi về helper).",
    );
  }
  if (values.xlsx) writeLine(io.stdout, `Đã ghi ${path.resolve(io.cwd, values.xlsx)}`);
  return 0;
}

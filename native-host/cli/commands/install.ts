import os from "node:os";
import { HocBaError } from "../../../shared/errors/hocba-error.ts";
import { archiveUrlProblem } from "../../archive/archive-url-problem.ts";
import { writeHelperSettings } from "../../archive/archive-settings.ts";
import { userDataDir } from "../../archive/data-dir.ts";
import { HocBaArchive } from "../../archive/hocba-archive.ts";
import { describeArchiveLocation, isArchiveUrl } from "../../archive/pg/archive-url.ts";
import { BROWSER_NAMES } from "../../install/browser-targets.ts";
import { applyInstall } from "../../install/apply-plan.ts";
import { describePlan } from "../../install/describe-plan.ts";
import { writeLine, type CliCommand, type CliIo } from "../cli-io.ts";
import { installPlanFromArgs } from "../install-plan-from-args.ts";

const usage = `Cách dùng: hocba install [--browser chrome|chromium|edge|coccoc|firefox|all] [--extension-id ID]
                     [--system] [--dry-run] [--user-data-dir THƯ_MỤC]
                     [--archive-url postgres://người_dùng:mật_khẩu@máy_chủ:5432/cơ_sở_dữ_liệu|local]

Đăng ký trình ký với trình duyệt (native messaging): tạo tệp khởi chạy và tệp khai báo (manifest)
trong thư mục của từng trình duyệt; trên Windows ghi thêm khóa registry (HKCU, hoặc HKLM với --system).
  --browser         trình duyệt (lặp lại hoặc phân tách bằng dấu phẩy; mặc định: all)
  --extension-id    cho phép thêm mã tiện ích (bản phát hành trên cửa hàng), dạng Chrome hoặc Firefox
  --system          cài cho mọi người dùng (cần quyền quản trị)
  --dry-run         chỉ in kế hoạch (đường dẫn và nội dung), không ghi gì; --os linux|darwin|win32 để xem hệ khác
  --user-data-dir   chỉ cài vào một hồ sơ Chromium (THƯ_MỤC/NativeMessagingHosts), ví dụ để kiểm thử
  --archive-url     dùng kho lưu trữ chung của trung tâm (PostgreSQL; thêm ?sslmode=require để mã hóa
                    đường truyền) thay cho tệp SQLite trên máy này; lưu vào settings.json trong thư mục
                    dữ liệu của người dùng (chỉ người dùng đọc được); «local» quay về kho trên máy`;

export const command: CliCommand = {
  usage,
  run(args: string[], io: CliIo): Promise<number> {
    const { archiveUrl, rest } = takeArchiveUrl(args);
    const { input, plan, dryRun, apply } = installPlanFromArgs(rest, io);
    if (dryRun) {
      writeLine(io.stdout, describePlan(plan, "install"));
      if (archiveUrl !== undefined) writeLine(io.stdout, `Kho lưu trữ sẽ là: ${describeArchive(archiveUrl)}`);
      return Promise.resolve(0);
    }
    const written = applyInstall(plan, apply);
    for (const file of written) writeLine(io.stdout, `Đã ghi ${file}`);
    for (const r of plan.registry) writeLine(io.stdout, `Đã đăng ký ${r.hive}\\${r.key}`);
    for (const note of plan.notes) writeLine(io.stdout, `Lưu ý: ${note}`);
    const names = input.userDataDir
      ? `hồ sơ ${input.userDataDir}`
      : input.browsers.map((b) => BROWSER_NAMES[b]).join(", ");
    if (archiveUrl !== undefined) saveArchiveUrl(archiveUrl, io);
    writeLine(io.stdout, `Xong: trình ký đã được đăng ký cho ${names}. Hãy khởi động lại trình duyệt.`);
    return Promise.resolve(0);
  },
};

/** `--archive-url URL` (or `=URL`) taken out of the arguments the browser install reads. */
function takeArchiveUrl(args: string[]): { archiveUrl: string | undefined; rest: string[] } {
  const rest: string[] = [];
  let archiveUrl: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (arg === "--archive-url") {
      archiveUrl = args[++i];
      if (archiveUrl === undefined) {
        throw new HocBaError("CLI_BAD_ARGS", { detail: "--archive-url cần một địa chỉ" });
      }
    } else if (arg.startsWith("--archive-url=")) {
      archiveUrl = arg.slice("--archive-url=".length);
    } else {
      rest.push(arg);
    }
  }
  if (archiveUrl !== undefined && archiveUrl !== "local" && !isArchiveUrl(archiveUrl)) {
    throw new HocBaError("CLI_BAD_ARGS", {
      detail: "--archive-url phải là postgres://… (hoặc local để dùng kho trên máy này)",
    });
  }
  const problem =
    archiveUrl !== undefined && archiveUrl !== "local" ? archiveUrlProblem(archiveUrl) : undefined;
  if (problem) throw new HocBaError("CLI_BAD_ARGS", { detail: `--archive-url: ${problem}` });
  return { archiveUrl, rest };
}

function describeArchive(archiveUrl: string): string {
  return archiveUrl === "local" ? "tệp SQLite trên máy này" : describeArchiveLocation(archiveUrl);
}

/** Saves the choice, then opens the shared archive once (creating its tables) to say whether it answers. */
function saveArchiveUrl(archiveUrl: string, io: CliIo): void {
  const dataDir = userDataDir({ env: io.env, platform: process.platform, homedir: os.homedir() });
  const file = writeHelperSettings(dataDir, archiveUrl === "local" ? {} : { archiveUrl });
  writeLine(io.stdout, `Đã ghi ${file}: kho lưu trữ là ${describeArchive(archiveUrl)}.`);
  if (archiveUrl === "local") return;
  try {
    const archive = HocBaArchive.open(archiveUrl);
    try {
      writeLine(io.stdout, `Đã kết nối kho lưu trữ chung: ${archive.count()} tài liệu đã ký.`);
    } finally {
      archive.close();
    }
  } catch (err) {
    const message = err instanceof HocBaError ? err.message : "lỗi không rõ";
    writeLine(
      io.stdout,
      `Lưu ý: chưa kết nối được kho lưu trữ chung (${message}). Trình ký sẽ thử lại khi ký.`,
    );
  }
}

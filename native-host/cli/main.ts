import { formatMessage } from "../../shared/errors/message-table.ts";
import { HocBaError, isHocBaError } from "../../shared/errors/hocba-error.ts";
import { fsErrorDetail } from "../fs/fs-error-detail.ts";
import { setInterruptNotice } from "../fs/interrupt-notice.ts";
import { writeLine, type CliCommand, type CliIo } from "./cli-io.ts";

/** Commands load lazily: `hocba host` must start fast and never pull in what it does not use. */
const COMMANDS: Readonly<Record<string, { summary: string; load: () => Promise<{ command: CliCommand }> }>> =
  {
    check: { summary: "Kiểm tra sổ điểm theo Thông tư 22/43", load: () => import("./commands/check.ts") },
    build: {
      summary: "Tạo tệp XML học bạ số (chưa ký) cho từng học viên",
      load: () => import("./commands/build.ts"),
    },
    schema: {
      summary: "In lược đồ XSD của định dạng học bạ số 1.0",
      load: () => import("./commands/schema.ts"),
    },
    extract: {
      summary: "Đọc sổ điểm từ các trang cổng đã lưu (HTML)",
      load: () => import("./commands/extract.ts"),
    },
    tokens: { summary: "Liệt kê USB token và chứng thư số", load: () => import("./commands/tokens.ts") },
    sign: { summary: "Ký số các tệp học bạ bằng USB token", load: () => import("./commands/sign.ts") },
    verify: { summary: "Kiểm tra chữ ký số của tệp học bạ", load: () => import("./commands/verify.ts") },
    archive: {
      summary: "Kho lưu học bạ đã ký: list | export | check",
      load: () => import("./commands/archive.ts"),
    },
    package: {
      summary: "Gói bàn giao học bạ đã ký giữa các máy: create | check | import",
      load: () => import("./commands/package.ts"),
    },
    progress: {
      summary: "Tiến độ theo lớp tới các hạn nộp (bảng, JSON, Excel)",
      load: () => import("./commands/progress.ts"),
    },
    submission: {
      summary: "Gói nộp học bạ đã ký đủ cho Sở/Bộ theo đợt",
      load: () => import("./commands/submission.ts"),
    },
    host: { summary: "Chế độ native messaging (trình duyệt gọi)", load: () => import("./commands/host.ts") },
    install: { summary: "Đăng ký trình ký với trình duyệt", load: () => import("./commands/install.ts") },
    uninstall: {
      summary: "Gỡ đăng ký trình ký khỏi trình duyệt",
      load: () => import("./commands/uninstall.ts"),
    },
  };

function help(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return [
    "hocba: ký số học bạ số",
    "",
    "Cách dùng: hocba <lệnh> [tham số]   (hocba <lệnh> --help để xem chi tiết)",
    "",
    "Các lệnh:",
    ...lines,
  ].join("\n");
}

/** Runs the CLI. Never lets a stack trace reach the user: set HOCBA_DEBUG=1 to see one on stderr. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    writeLine(io.stdout, help());
    return name === undefined ? 2 : 0;
  }
  if (name === "--version") {
    writeLine(io.stdout, "0.1.0");
    return 0;
  }
  const entry = COMMANDS[name];
  try {
    if (!entry) throw new HocBaError("CLI_UNKNOWN_COMMAND", { command: name });
    const { command } = await entry.load();
    if (rest.includes("--help") || rest.includes("-h")) {
      writeLine(io.stdout, command.usage);
      return 0;
    }
    // Ctrl-C while files are being written (write-file-atomic.ts): say what is kept. Not for the
    // helper, which the browser starts and whose stderr nobody reads.
    if (io.stdout === process.stdout && name !== "host") {
      setInterruptNotice(() => writeLine(io.stderr, `\n${formatMessage("CLI_INTERRUPTED", {})}`));
    }
    return await command.run(rest, io);
  } catch (err) {
    if (io.env.HOCBA_DEBUG === "1") io.stderr.write(`${(err as Error)?.stack ?? String(err)}\n`);
    if (isHocBaError(err)) {
      writeLine(io.stderr, `Lỗi: ${err.message}`);
      return err.code === "CLI_UNKNOWN_COMMAND" || err.code === "CLI_BAD_ARGS" ? 2 : 1;
    }
    writeLine(io.stderr, `Lỗi: ${unexpectedErrorMessage(err)}`);
    return 1;
  }
}

/**
 * An error no command turned into a HocBaError: a damaged archive (SQLite says so in English) or a
 * file system failure (an errno with the path) still gets a Vietnamese reason; anything else is a bug.
 */
function unexpectedErrorMessage(err: unknown): string {
  const e = err as { code?: unknown; path?: unknown; message?: unknown } | undefined;
  const detail = typeof e?.message === "string" ? e.message : String(err);
  if (e?.code === "SQLITE_CORRUPT" || e?.code === "SQLITE_NOTADB") {
    return formatMessage("CLI_ARCHIVE_CORRUPT", { detail: String(e.code) });
  }
  if (typeof e?.code === "string" && /^E[A-Z]+$/.test(e.code) && typeof e.path === "string") {
    return formatMessage("CLI_FILE_SYSTEM", { file: e.path, detail: fsErrorDetail(err) });
  }
  return formatMessage("CLI_INTERNAL", { detail });
}

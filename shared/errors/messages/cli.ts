import type { MessageTemplate } from "../message-table.ts";

export const cliMessages = {
  CLI_UNKNOWN_COMMAND: {
    vi: "Không có lệnh «{command}». Gõ «hocba --help» để xem các lệnh.",
    en: "There is no command «{command}». Run «hocba --help» for the list.",
  },
  CLI_BAD_ARGS: {
    vi: "Tham số không hợp lệ: {detail}",
    en: "Invalid arguments: {detail}",
  },
  CLI_FILE_UNREADABLE: {
    vi: "Không đọc được tệp {file}: {detail}",
    en: "Cannot read file {file}: {detail}",
  },
  CLI_FILE_UNWRITABLE: {
    vi: "Không ghi được tệp {file}: {detail}",
    en: "Cannot write file {file}: {detail}",
  },
  CLI_NOT_JSON: {
    vi: "Tệp {file} không phải JSON hợp lệ: {detail}",
    en: "File {file} is not valid JSON: {detail}",
  },
  CLI_NOT_GRADEBOOK: {
    vi: "Tệp {file} không phải sổ điểm (định dạng hocba-gradebook/1): {detail}",
    en: "File {file} is not a gradebook (format hocba-gradebook/1): {detail}",
  },
  CLI_INTERNAL: {
    vi: "Lỗi không mong đợi: {detail}. Hãy gửi tệp nhật ký cho bộ phận IT.",
    en: "Unexpected error: {detail}. Please send the log file to IT.",
  },
} as const satisfies Record<string, MessageTemplate>;

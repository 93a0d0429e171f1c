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
  CLI_FOLDER_UNCREATABLE: {
    vi: "Không tạo được thư mục {dir}: {detail}. Không có tệp nào được ghi; hãy chọn thư mục khác.",
    en: "Cannot create folder {dir}: {detail}. No file was written; choose another folder.",
  },
  CLI_FILE_NOT_UTF8: {
    vi: "Tệp {file} không phải văn bản UTF-8 (dòng {line} có byte không đọc được). Hãy lưu lại tệp với bảng mã UTF-8 (Notepad: Lưu thành… → Mã hóa: UTF-8) rồi chạy lại; không có gì được ghi.",
    en: "File {file} is not UTF-8 text (line {line} has bytes that cannot be read). Save it again as UTF-8 and run again; nothing was written.",
  },
  CLI_NOT_JSON: {
    vi: "Tệp {file} không phải JSON hợp lệ: {detail}",
    en: "File {file} is not valid JSON: {detail}",
  },
  CLI_NOT_GRADEBOOK: {
    vi: "Tệp {file} không phải sổ điểm (định dạng hocba-gradebook/1): {detail}",
    en: "File {file} is not a gradebook (format hocba-gradebook/1): {detail}",
  },
  CLI_ARCHIVE_CORRUPT: {
    vi: "Kho lưu học bạ đã ký bị hỏng hoặc không phải kho ({detail}). Không có gì được ghi thêm; hãy báo bộ phận IT khôi phục kho từ bản sao lưu («hocba archive check» để kiểm tra lại).",
    en: "The archive of signed records is damaged or is not an archive ({detail}). Nothing more was written; ask IT to restore it from a backup («hocba archive check» to check again).",
  },
  CLI_FILE_SYSTEM: {
    vi: "Lỗi khi đọc hoặc ghi {file}: {detail}.",
    en: "Error reading or writing {file}: {detail}.",
  },
  CLI_INTERRUPTED: {
    vi: "Đã dừng theo yêu cầu (Ctrl-C). Tệp nào đã báo xong (✓) được giữ, ghi trọn vẹn (bản đã ký cũng đã nằm trong kho lưu); không để lại tệp ghi dở. Chạy lại đúng lệnh này để làm tiếp phần còn lại.",
    en: "Stopped on request (Ctrl-C). Every file reported done (✓) is kept, written whole (a signed one is in the archive too); no half-written file is left. Run the same command again to do the rest.",
  },
  CLI_INTERNAL: {
    vi: "Lỗi không mong đợi: {detail}. Hãy gửi tệp nhật ký cho bộ phận IT.",
    en: "Unexpected error: {detail}. Please send the log file to IT.",
  },
} as const satisfies Record<string, MessageTemplate>;

import type { MessageTemplate } from "../message-table.ts";

/** The native-messaging helper (`hocba host`) and its installer (`hocba install`). */
export const hostMessages = {
  HOST_FRAME_TOO_LARGE: {
    vi: "Yêu cầu từ tiện ích quá lớn ({size} byte, tối đa {max} byte). Hãy chia lô ký thành nhiều lần nhỏ hơn.",
    en: "The request from the extension is too large ({size} bytes, at most {max}). Split the batch into smaller ones.",
  },
  HOST_FRAME_TRUNCATED: {
    vi: "Kết nối với tiện ích bị đóng giữa chừng một yêu cầu (nhận {received}/{expected} byte).",
    en: "The connection to the extension closed in the middle of a request ({received}/{expected} bytes received).",
  },
  HOST_FRAME_NOT_UTF8: {
    vi: "Yêu cầu từ tiện ích không phải văn bản UTF-8 hợp lệ.",
    en: "The request from the extension is not valid UTF-8 text.",
  },
  HOST_FRAME_NOT_JSON: {
    vi: "Yêu cầu từ tiện ích không phải JSON hợp lệ: {detail}",
    en: "The request from the extension is not valid JSON: {detail}",
  },
  HOST_BAD_REQUEST: {
    vi: "Yêu cầu «{command}» không hợp lệ: {detail}",
    en: "Request «{command}» is invalid: {detail}",
  },
  HOST_UNKNOWN_COMMAND: {
    vi: "Trình ký không có lệnh «{command}». Hãy cập nhật tiện ích và trình ký cùng một phiên bản.",
    en: "The helper has no command «{command}». Update the extension and the helper to the same version.",
  },
  HOST_HELLO_REQUIRED: {
    vi: "Tiện ích phải gửi «hello» trước lệnh «{command}».",
    en: "The extension must send «hello» before «{command}».",
  },
  HOST_VERSION_MISMATCH: {
    vi: "Tiện ích dùng giao thức phiên bản {client}, trình ký dùng phiên bản {host}. Hãy cập nhật cả hai cùng một phiên bản.",
    en: "The extension speaks protocol version {client}, the helper version {host}. Update both to the same release.",
  },
  HOST_DUPLICATE_REQUEST: {
    vi: "Mã yêu cầu «{requestId}» đang được dùng cho một lệnh chưa xong.",
    en: "Request id «{requestId}» is already in use by a command that has not finished.",
  },
  HOST_REPLY_TOO_LARGE: {
    vi: "Kết quả cho «{item}» quá lớn để gửi về trình duyệt ({size} byte, tối đa {max} byte). Tài liệu đã ký vẫn nằm trong kho lưu: dùng «hocba archive export».",
    en: "The result for «{item}» is too large to send to the browser ({size} bytes, at most {max}). A signed document is still in the archive: use «hocba archive export».",
  },
  HOST_DOCUMENT_NOT_BASE64: {
    vi: "Tệp {file}: nội dung khai báo là base64 nhưng không giải mã được.",
    en: "File {file}: content is declared base64 but does not decode.",
  },
  HOST_DOCUMENT_NOT_UTF8: {
    vi: "Tệp {file}: nội dung không phải văn bản UTF-8 hợp lệ.",
    en: "File {file}: content is not valid UTF-8 text.",
  },
  HOST_DOCUMENT_CHECK_TIMEOUT: {
    vi: "Tệp {file}: kiểm tra quá {seconds} giây nên đã dừng (tệp có thể được tạo ra để làm treo trình ký); tệp bị coi là không hợp lệ.",
    en: "File {file}: checking took more than {seconds} seconds and was stopped (the file may be crafted to hang the helper); it is treated as invalid.",
  },
  HOST_DOCUMENT_CHECK_FAILED: {
    vi: "Tệp {file}: tiến trình kiểm tra tài liệu dừng bất thường ({detail}); tệp bị coi là không hợp lệ.",
    en: "File {file}: the document checker stopped abnormally ({detail}); the file is treated as invalid.",
  },
  HOST_ORIGIN_REFUSED: {
    vi: "Trình ký từ chối nơi gọi «{caller}»: đây không phải tiện ích Ký học bạ số đã được cài đặt.",
    en: "The helper refuses caller «{caller}»: it is not an installed Học bạ số signing extension.",
  },
  HOST_NO_CALLER: {
    vi: "«hocba host» chỉ để trình duyệt gọi (native messaging). Hãy chạy «hocba install» rồi mở tiện ích trong trình duyệt.",
    en: "«hocba host» is meant to be started by the browser (native messaging). Run «hocba install», then open the extension in the browser.",
  },
  HOST_INTERNAL: {
    vi: "Lỗi không mong đợi trong trình ký: {detail}. Hãy gửi tệp nhật ký {log} cho bộ phận IT.",
    en: "Unexpected error in the helper: {detail}. Please send the log file {log} to IT.",
  },
  INSTALL_UNKNOWN_BROWSER: {
    vi: "Không biết trình duyệt «{browser}». Chọn một trong: {known}.",
    en: "Unknown browser «{browser}». Choose one of: {known}.",
  },
  INSTALL_BAD_EXTENSION_ID: {
    vi: "Mã tiện ích «{id}» không hợp lệ: Chrome/Edge/Cốc Cốc dùng 32 chữ a-p, Firefox dùng dạng «tên@miền».",
    en: "Extension id «{id}» is invalid: Chrome/Edge/Cốc Cốc use 32 letters a-p, Firefox uses «name@domain».",
  },
  INSTALL_UNSUPPORTED_OS: {
    vi: "Chưa hỗ trợ cài đặt trên hệ điều hành «{os}».",
    en: "Installing on «{os}» is not supported.",
  },
  INSTALL_NO_SYSTEM_PATH: {
    vi: "Không có thư mục cài đặt chung cho {browser} trên {os}; hãy cài cho người dùng hiện tại (bỏ --system).",
    en: "There is no system-wide folder for {browser} on {os}; install for the current user (drop --system).",
  },
  INSTALL_WRITE_FAILED: {
    vi: "Không ghi được {file}: {detail}",
    en: "Cannot write {file}: {detail}",
  },
  INSTALL_REGISTRY_FAILED: {
    vi: "Không ghi được khóa registry của Windows ({detail}). Có thể chạy tay tệp {file}.",
    en: "Cannot write the Windows registry keys ({detail}). You can run {file} by hand.",
  },
} as const satisfies Record<string, MessageTemplate>;

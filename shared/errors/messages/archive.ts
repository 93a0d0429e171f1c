import type { MessageTemplate } from "../message-table.ts";

/** The archive of signed documents and its audit log (`hocba archive`). */
export const archiveMessages = {
  ARCHIVE_OPEN_FAILED: {
    vi: "Không mở được kho lưu học bạ đã ký {file}: {detail}",
    en: "Cannot open the signed-document archive {file}: {detail}",
  },
  ARCHIVE_NEWER_SCHEMA: {
    vi: "Kho lưu {file} do phiên bản mới hơn tạo (lược đồ {version}). Hãy cập nhật hocba.",
    en: "Archive {file} was made by a newer version (schema {version}). Update hocba.",
  },
  ARCHIVE_WRITE_FAILED: {
    vi: "Không ghi được vào kho lưu ({detail}). Tài liệu {file} chưa được lưu.",
    en: "Cannot write to the archive ({detail}). Document {file} was not stored.",
  },
  ARCHIVE_NOT_HOCBA: {
    vi: "Tệp {file} không đọc được mã học viên và năm học (TTChung/NamHoc, HocVien/MaHocVien), nên không lưu được vào kho.",
    en: "File {file} has no readable learner code and school year (TTChung/NamHoc, HocVien/MaHocVien), so it cannot be archived.",
  },
  ARCHIVE_BAD_CERTIFICATE: {
    vi: "Chứng thư của người ký tệp {file} không đọc được: {detail}",
    en: "The signer certificate of file {file} cannot be read: {detail}",
  },
  ARCHIVE_DOCUMENT_MODIFIED: {
    vi: "Bản ghi #{id} ({file}) trong kho đã bị sửa: nội dung hoặc thông tin không còn khớp với nhật ký.",
    en: "Archive entry #{id} ({file}) was modified: its content or details no longer match the audit log.",
  },
  ARCHIVE_DOCUMENT_DELETED: {
    vi: "Bản ghi #{id} ({file}) đã bị xóa khỏi kho (nhật ký mục {seq} ghi nhận đã ký).",
    en: "Archive entry #{id} ({file}) was deleted (audit entry {seq} records it as signed).",
  },
  ARCHIVE_DOCUMENT_UNLOGGED: {
    vi: "Bản ghi #{id} ({file}) không có trong nhật ký: nó được thêm vào ngoài trình ký.",
    en: "Archive entry #{id} ({file}) is not in the audit log: it was added outside the helper.",
  },
  ARCHIVE_LOG_ENTRY_MODIFIED: {
    vi: "Mục nhật ký {seq} đã bị sửa (mã băm không khớp).",
    en: "Audit log entry {seq} was modified (its hash does not match).",
  },
  ARCHIVE_LOG_CHAIN_BROKEN: {
    vi: "Chuỗi nhật ký bị đứt ở mục {seq}: mục trước đó đã bị xóa hoặc thay.",
    en: "The audit chain is broken at entry {seq}: an earlier entry was deleted or replaced.",
  },
  ARCHIVE_LOG_ENTRY_MISSING: {
    vi: "Thiếu mục nhật ký {from}-{to}: chúng đã bị xóa.",
    en: "Audit log entries {from}-{to} are missing: they were deleted.",
  },
  ARCHIVE_GUARDS_REMOVED: {
    vi: "Các chốt chỉ-ghi-thêm của kho đã bị gỡ ({names}): ai đó đã sửa tệp kho bằng công cụ khác.",
    en: "The archive's append-only guards were removed ({names}): someone edited the file with another tool.",
  },
  ARCHIVE_CONNECTION_LOST: {
    vi: "Mất kết nối tới kho lưu trữ chung (PostgreSQL, máy chủ {server}): {detail}. Các tài liệu đã ký và đã lưu vẫn còn nguyên; tài liệu này chưa được lưu — hãy ký lại khi máy chủ hoạt động trở lại.",
    en: "Lost the connection to the shared archive (PostgreSQL, server {server}): {detail}. Documents already signed and stored are kept; this one was not stored — sign it again once the server is back.",
  },
  ARCHIVE_BUSY: {
    vi: "Kho lưu trữ chung (máy chủ {server}) đang bận: một máy khác giữ quyền ghi quá {seconds} giây. Các tài liệu đã ký và đã lưu vẫn còn nguyên; tài liệu này chưa được lưu — hãy thử lại sau ít phút (nếu vẫn bận, nhờ IT kiểm tra máy chủ).",
    en: "The shared archive (server {server}) is busy: another PC has held the write lock for more than {seconds} s. Documents already signed and stored are kept; this one was not stored — try again in a few minutes (if it stays busy, ask IT to check the server).",
  },
  ARCHIVE_CONNECT_TIMEOUT: {
    vi: "Máy chủ kho lưu trữ chung (PostgreSQL, {server}) không trả lời trong {seconds} giây, nên chưa có gì được đọc hay ghi vào kho. Hãy kiểm tra máy chủ đang chạy và mạng tới nó, rồi thử lại; nếu mạng chậm, tăng thời gian chờ bằng connect_timeout=<số giây> trong địa chỉ kho (HOCBA_ARCHIVE_URL hoặc hocba install --archive-url).",
    en: "The shared archive's server (PostgreSQL, {server}) did not answer within {seconds} seconds, so nothing was read from or written to the archive. Check that the server is running and reachable, then try again; on a slow network, allow longer with connect_timeout=<seconds> in the archive's address (HOCBA_ARCHIVE_URL or hocba install --archive-url).",
  },
  ARCHIVE_SERVER_UNREACHABLE: {
    vi: "Không kết nối được tới máy chủ kho lưu trữ chung (PostgreSQL, {server}): {detail}. Chưa có gì được đọc hay ghi vào kho. Hãy kiểm tra máy chủ đang chạy, địa chỉ và cổng trong địa chỉ kho, và mạng từ máy này tới máy chủ, rồi thử lại.",
    en: "Cannot reach the shared archive's server (PostgreSQL, {server}): {detail}. Nothing was read from or written to the archive. Check that the server is running, the host and port in the archive's address, and the network from this PC to the server, then try again.",
  },
  ARCHIVE_MIGRATE_SOURCE_BROKEN: {
    vi: "Không chuyển kho {file}: kho nguồn có {count} vấn đề (chạy «hocba archive check --archive {file}»). Không có gì được chép.",
    en: "Archive {file} not moved: the source has {count} problems (run «hocba archive check --archive {file}»). Nothing was copied.",
  },
  ARCHIVE_MIGRATE_TARGET_BROKEN: {
    vi: "Kho đích {target} có {count} vấn đề sau khi chép (chạy «hocba archive check»).",
    en: "The target archive {target} has {count} problems after copying (run «hocba archive check»).",
  },
  ARCHIVE_EXPORT_TAMPERED: {
    vi: "Không xuất bản ghi #{id} ({file}): nội dung không khớp mã băm đã lưu. Chạy «hocba archive check».",
    en: "Entry #{id} ({file}) not exported: its content does not match the stored hash. Run «hocba archive check».",
  },
} as const satisfies Record<string, MessageTemplate>;

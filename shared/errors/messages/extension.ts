import type { MessageTemplate } from "../message-table.ts";

/**
 * The browser extension's messages: its errors (EXT_*) and every string of its UI (EXT_UI_*), so
 * the extension has one table, in Vietnamese first and English second.
 */
export const extensionMessages = {
  // --- Errors: the helper (native messaging) ---
  EXT_HOST_NOT_FOUND: {
    vi: "Chưa cài trình ký Học bạ số trên máy này (trình duyệt không tìm thấy «{host}»). Cách khắc phục: chạy install.cmd (install.sh trên Linux, macOS) trong thư mục trình ký đã giải nén, hoặc «hocba install» nếu dùng mã nguồn, rồi đóng hẳn và mở lại trình duyệt.",
    en: "The Học bạ số signing helper is not installed on this computer (the browser cannot find “{host}”). Fix: run install.cmd (install.sh on Linux, macOS) in the unzipped helper folder, or “hocba install” from the sources, then quit and restart the browser.",
  },
  EXT_HOST_FORBIDDEN: {
    vi: "Trình ký đã được cài nhưng không cho phép tiện ích này (mã tiện ích {extensionId} không có trong allowed_origins). Cách khắc phục: chạy «install.cmd --extension-id {extensionId}» trong thư mục trình ký (hoặc «hocba install --extension-id {extensionId}»), rồi mở lại trình duyệt.",
    en: "The helper is installed but does not allow this extension (id {extensionId} is not in allowed_origins). Fix: run “install.cmd --extension-id {extensionId}” in the helper's folder (or “hocba install --extension-id {extensionId}”), then restart the browser.",
  },
  EXT_HOST_EXITED: {
    vi: "Trình ký đã dừng đột ngột. Cách khắc phục: rút và cắm lại USB token, chạy «hocba tokens» trong cửa sổ dòng lệnh để xem lỗi; nếu vừa cập nhật, chạy lại «hocba install».",
    en: "The helper stopped unexpectedly. Fix: unplug and re-plug the USB token, run “hocba tokens” in a terminal to see the error; after an update, run “hocba install” again.",
  },
  EXT_HOST_PROTOCOL: {
    vi: "Trình ký trả lời không đúng giao thức. Cách khắc phục: cài lại trình ký bằng «hocba install» (phiên bản cùng với tiện ích).",
    en: "The helper answered outside the protocol. Fix: reinstall the helper with “hocba install” (the version that matches the extension).",
  },
  EXT_HOST_DISCONNECTED: {
    vi: "Mất kết nối với trình ký: {detail}",
    en: "Lost the connection to the helper: {detail}",
  },
  EXT_HOST_CLOSED: {
    vi: "Kết nối với trình ký đã đóng.",
    en: "The connection to the helper is closed.",
  },
  EXT_HOST_TIMEOUT: {
    vi: "Trình ký không trả lời sau {seconds} giây ({step}). Hãy kiểm tra USB token rồi thử lại.",
    en: "The helper did not answer within {seconds} seconds ({step}). Check the USB token and try again.",
  },
  EXT_HOST_BUSY: {
    vi: "Trình ký đang bận với một yêu cầu khác.",
    en: "The helper is busy with another request.",
  },
  EXT_HOST_VERSION: {
    vi: "Trình ký dùng giao thức {version}, tiện ích cần {expected}. Cách khắc phục: cài trình ký cùng phiên bản với tiện ích («hocba install»).",
    en: "The helper speaks protocol {version}, the extension needs {expected}. Fix: install the helper that matches the extension (“hocba install”).",
  },
  EXT_HOST_UNEXPECTED: {
    vi: "Trình ký trả lời không mong đợi ở bước {step}: {detail}",
    en: "Unexpected answer from the helper at step {step}: {detail}",
  },
  EXT_HOST_ERROR: {
    vi: "Trình ký báo lỗi ({code}): {detail}",
    en: "The helper reported an error ({code}): {detail}",
  },
  EXT_HOST_MESSAGE_TOO_LARGE: {
    vi: "Lượt ký quá lớn để gửi cho trình ký ({size} byte, tối đa {limit}). Hãy ký ít học viên hơn mỗi lượt.",
    en: "The batch is too large to send to the helper ({size} bytes, at most {limit}). Sign fewer learners per batch.",
  },
  EXT_HOST_BATCH_RUNNING: {
    vi: "Đang có một lượt ký khác chạy. Hãy đợi lượt đó xong hoặc hủy nó.",
    en: "Another signing batch is running. Wait for it to finish or cancel it.",
  },
  // --- Errors: messages, senders, storage ---
  EXT_SENDER_REJECTED: {
    vi: "Từ chối yêu cầu «{action}»: trang gửi ({origin}) không phải cổng đã cấu hình cũng không phải trang của tiện ích.",
    en: "Refused “{action}”: the sender ({origin}) is neither a configured portal nor an extension page.",
  },
  EXT_UNKNOWN_ACTION: {
    vi: "Yêu cầu không hợp lệ: «{action}».",
    en: "Invalid request: “{action}”.",
  },
  EXT_BAD_REQUEST: {
    vi: "Yêu cầu «{action}» thiếu hoặc sai trường «{field}».",
    en: "Request “{action}” has a missing or wrong field “{field}”.",
  },
  EXT_GRADEBOOK_INVALID: {
    vi: "Sổ điểm đọc từ cổng không hợp lệ ở «{field}»: {detail}",
    en: "The gradebook read from the portal is invalid at “{field}”: {detail}",
  },
  EXT_GRADEBOOK_NOT_FOUND: {
    vi: "Không có sổ điểm lớp «{classKey}» trong tiện ích. Hãy mở trang lớp trên cổng và bấm «Đọc sổ điểm».",
    en: "No gradebook for class “{classKey}” in the extension. Open the class page on the portal and click “Read gradebook”.",
  },
  EXT_DB_FAILED: {
    vi: "Không lưu hoặc đọc được dữ liệu của tiện ích (IndexedDB): {detail}",
    en: "Could not store or read the extension's data (IndexedDB): {detail}",
  },
  EXT_INTERNAL: {
    vi: "Lỗi không mong đợi trong tiện ích: {detail}",
    en: "Unexpected error in the extension: {detail}",
  },
  // --- Errors: options ---
  EXT_ORIGIN_INVALID: {
    vi: "Địa chỉ cổng không hợp lệ: «{value}». Hãy nhập dạng https://ten-mien.vn (có thể kèm cổng, không kèm đường dẫn).",
    en: "Invalid portal address: “{value}”. Enter it as https://domain.vn (a port is allowed, no path).",
  },
  EXT_PERMISSION_DENIED: {
    vi: "Chưa được cấp quyền đọc trang {origin}. Hãy bấm «Thêm» lại và chọn «Cho phép».",
    en: "Access to {origin} was not granted. Click “Add” again and choose “Allow”.",
  },
  EXT_MAPPING_INVALID: {
    vi: "Bảng ánh xạ tiêu đề cột không hợp lệ ở «{field}»: {detail}",
    en: "The column header mapping is invalid at “{field}”: {detail}",
  },
  EXT_MAPPING_JSON: {
    vi: "Bảng ánh xạ không phải JSON hợp lệ: {detail}",
    en: "The mapping is not valid JSON: {detail}",
  },
  // --- Errors: portal page ---
  EXT_PORTAL_NOT_GRADEBOOK: {
    vi: "Trang này không phải trang sổ điểm của một lớp mà tiện ích đọc được.",
    en: "This page is not a class gradebook page the extension can read.",
  },
  EXT_CRAWL_FAILED: {
    vi: "Không tải được trang {page} của cổng (mã HTTP {status}). Hãy kiểm tra bạn vẫn đang đăng nhập rồi thử lại.",
    en: "Could not load portal page {page} (HTTP {status}). Check that you are still logged in and try again.",
  },
  EXT_CRAWL_OTHER_ORIGIN: {
    vi: "Trang {page} dẫn sang một địa chỉ khác ({origin}): tiện ích chỉ đọc dữ liệu từ chính cổng đã cấu hình, nên dừng lại.",
    en: "Page {page} leads to another address ({origin}): the extension reads only from the configured portal, so it stopped.",
  },
  EXT_CRAWL_LOGGED_OUT: {
    vi: "Cổng đã chuyển về trang đăng nhập khi tải {page}. Hãy đăng nhập lại rồi bấm «Đọc sổ điểm».",
    en: "The portal redirected to its login page while loading {page}. Log in again, then click “Read gradebook”.",
  },
  // --- Errors: signing flow ---
  EXT_PIN_REQUIRED: {
    vi: "Hãy nhập mã PIN của USB token.",
    en: "Enter the USB token's PIN.",
  },
  EXT_CERTIFICATE_REQUIRED: {
    vi: "Hãy chọn chứng thư số để ký.",
    en: "Choose the certificate to sign with.",
  },
  EXT_NOTHING_SELECTED: {
    vi: "Hãy chọn ít nhất một học viên để ký.",
    en: "Select at least one learner to sign.",
  },
  EXT_ROLE_ORDER: {
    vi: "Học bạ của {hoTen} chưa có chữ ký {missing}, nên chưa ký được với vai trò {role}.",
    en: "{hoTen}'s record has no {missing} signature yet, so it cannot be signed as {role}.",
  },
  EXT_ALREADY_SIGNED: {
    vi: "Học bạ của {hoTen} đã có chữ ký {role}.",
    en: "{hoTen}'s record is already signed as {role}.",
  },
  EXT_BATCH_CANCELLED: {
    vi: "Đã hủy lượt ký; các học bạ chưa ký vẫn giữ nguyên.",
    en: "Batch cancelled; unsigned records are unchanged.",
  },
  // --- UI: common ---
  EXT_UI_APP_NAME: { vi: "Học bạ số – Ký số", en: "Digital school records – Signer" },
  EXT_UI_LOADING: { vi: "Đang tải…", en: "Loading…" },
  EXT_UI_SAVE: { vi: "Lưu", en: "Save" },
  EXT_UI_SAVED: { vi: "Đã lưu.", en: "Saved." },
  EXT_UI_ADD: { vi: "Thêm", en: "Add" },
  EXT_UI_REMOVE: { vi: "Xóa", en: "Remove" },
  EXT_UI_CANCEL: { vi: "Hủy", en: "Cancel" },
  EXT_UI_OPEN_OPTIONS: { vi: "Cài đặt", en: "Settings" },
  EXT_UI_CLASS_LABEL: { vi: "Lớp {lop} ({namHoc})", en: "Class {lop} ({namHoc})" },
  EXT_UI_HOC_VIEN: { vi: "học viên", en: "learner" },
  EXT_UI_HOC_SINH: { vi: "học sinh", en: "student" },
  EXT_UI_SEVERITY_ERROR: { vi: "Lỗi", en: "Error" },
  EXT_UI_SEVERITY_WARNING: { vi: "Cảnh báo", en: "Warning" },
  EXT_UI_ROLE_GVCN: { vi: "Giáo viên chủ nhiệm", en: "Homeroom teacher" },
  EXT_UI_ROLE_THU_TRUONG: { vi: "Giám đốc / Hiệu trưởng", en: "Director / Principal" },
  EXT_UI_ROLE_DON_VI: { vi: "Đơn vị (con dấu)", en: "Institution (seal)" },
  EXT_UI_ROLE_GVCN_SHORT: { vi: "GVCN", en: "Teacher" },
  EXT_UI_ROLE_THU_TRUONG_SHORT: { vi: "GĐ", en: "Head" },
  EXT_UI_ROLE_DON_VI_SHORT: { vi: "Dấu", en: "Seal" },
  EXT_UI_MUC_T: { vi: "Tốt", en: "Good" },
  EXT_UI_MUC_K: { vi: "Khá", en: "Fair" },
  EXT_UI_MUC_D: { vi: "Đạt", en: "Pass" },
  EXT_UI_MUC_CD: { vi: "Chưa đạt", en: "Not passed" },
  EXT_UI_XET_LEN_LOP: { vi: "Được lên lớp", en: "Promoted" },
  EXT_UI_XET_HOAN_THANH: { vi: "Hoàn thành chương trình", en: "Programme completed" },
  EXT_UI_XET_KIEM_TRA_LAI: { vi: "Kiểm tra lại", en: "Re-test" },
  EXT_UI_XET_REN_LUYEN_HE: { vi: "Rèn luyện trong hè", en: "Summer conduct training" },
  EXT_UI_XET_O_LAI: { vi: "Ở lại lớp", en: "Repeats the year" },
  EXT_UI_DANH_HIEU_XUAT_SAC: { vi: "{nguoiHoc} Xuất sắc", en: "Outstanding {nguoiHoc}" },
  EXT_UI_DANH_HIEU_GIOI: { vi: "{nguoiHoc} Giỏi", en: "Excellent {nguoiHoc}" },
  // --- UI: helper status ---
  EXT_UI_HELPER_TITLE: { vi: "Trình ký trên máy", en: "Signing helper" },
  EXT_UI_HELPER_CHECKING: { vi: "Đang kiểm tra trình ký…", en: "Checking the helper…" },
  EXT_UI_HELPER_INSTALLED: { vi: "Đã cài", en: "Installed" },
  EXT_UI_HELPER_VERSION: { vi: "phiên bản {version}", en: "version {version}" },
  EXT_UI_HELPER_TOKENS: {
    vi: "USB token đang cắm ({count}): {labels}",
    en: "USB tokens plugged in ({count}): {labels}",
  },
  EXT_UI_HELPER_NO_TOKEN: {
    vi: "Chưa thấy USB token nào. Hãy cắm token và mở lại cửa sổ này.",
    en: "No USB token found. Plug in the token and reopen this window.",
  },
  EXT_UI_HELPER_ARCHIVE_SHARED: {
    vi: "Kho lưu trữ: PostgreSQL (máy chủ {server}), {count} tài liệu đã ký",
    en: "Archive: PostgreSQL (server {server}), {count} signed documents",
  },
  EXT_UI_HELPER_ARCHIVE_LOCAL: {
    vi: "Kho lưu trữ: trên máy này, {count} tài liệu đã ký",
    en: "Archive: on this PC, {count} signed documents",
  },
  // --- UI: popup ---
  EXT_UI_POPUP_QUEUE_TITLE: { vi: "Chờ Giám đốc ký", en: "Waiting for the head's signature" },
  EXT_UI_POPUP_QUEUE_EMPTY: {
    vi: "Không có học bạ nào đang chờ ký duyệt.",
    en: "No record is waiting for approval.",
  },
  EXT_UI_POPUP_WAITING: { vi: "{count} học bạ chờ ký", en: "{count} records waiting" },
  EXT_UI_POPUP_SIGN_ALL: { vi: "Ký tất cả ({count})", en: "Sign all ({count})" },
  EXT_UI_POPUP_CLASSES_TITLE: { vi: "Các lớp đã đọc", en: "Classes read" },
  EXT_UI_POPUP_CLASS_COUNTS: {
    vi: "{learners} học viên · GVCN đã ký {gvcn} · GĐ đã ký {thuTruong}",
    en: "{learners} learners · teacher signed {gvcn} · head signed {thuTruong}",
  },
  // --- UI: options ---
  EXT_UI_OPTIONS_TITLE: { vi: "Cài đặt Học bạ số", en: "Học bạ số settings" },
  EXT_UI_OPTIONS_PORTALS: { vi: "Cổng quản lý điểm", en: "Grade portals" },
  EXT_UI_OPTIONS_PORTALS_HELP: {
    vi: "Tiện ích chỉ đọc các trang của những địa chỉ bạn thêm ở đây, và chỉ sau khi bạn cho phép.",
    en: "The extension reads only pages of the addresses you add here, and only after you allow it.",
  },
  EXT_UI_OPTIONS_NO_PORTAL: { vi: "Chưa có cổng nào.", en: "No portal yet." },
  EXT_UI_OPTIONS_PORTAL_INPUT: { vi: "Địa chỉ cổng", en: "Portal address" },
  EXT_UI_OPTIONS_ADAPTER: { vi: "Bộ đọc", en: "Reader" },
  EXT_UI_ADAPTER_AUTO: { vi: "Tự nhận biết", en: "Detect" },
  EXT_UI_ADAPTER_VNEDU: { vi: "Kiểu vnEdu", en: "vnEdu style" },
  EXT_UI_ADAPTER_SMAS: { vi: "Kiểu SMAS", en: "SMAS style" },
  EXT_UI_ADAPTER_GENERIC: { vi: "Bảng chung (theo ánh xạ)", en: "Generic table (mapping)" },
  EXT_UI_OPTIONS_MAPPING: {
    vi: "Ánh xạ tiêu đề cột (bộ đọc chung)",
    en: "Column header mapping (generic reader)",
  },
  EXT_UI_OPTIONS_MAPPING_HELP: {
    vi: "JSON: với mỗi trường, các tiêu đề cột mà cổng dùng. Để trống hoặc {} nếu không cần.",
    en: "JSON: for each field, the column headers the portal uses. Leave empty or {} if not needed.",
  },
  EXT_UI_OPTIONS_MAPPING_OK: { vi: "Ánh xạ hợp lệ.", en: "The mapping is valid." },
  EXT_UI_OPTIONS_SCHOOL: { vi: "Thông tin trường / trung tâm", en: "School / centre" },
  EXT_UI_OPTIONS_SCHOOL_HELP: {
    vi: "Dùng khi trang của cổng không ghi các thông tin này.",
    en: "Used when the portal's pages do not show this information.",
  },
  EXT_UI_SCHOOL_MA_SO: { vi: "Mã Sở GDĐT", en: "Department code" },
  EXT_UI_SCHOOL_MA_TRUONG: { vi: "Mã trường", en: "School code" },
  EXT_UI_SCHOOL_TEN: { vi: "Tên trường / trung tâm", en: "School / centre name" },
  EXT_UI_SCHOOL_DIA_DANH: { vi: "Địa danh", en: "Place" },
  EXT_UI_SCHOOL_CAP_HOC: { vi: "Cấp học", en: "Level" },
  EXT_UI_CAP_HOC_05: { vi: "Giáo dục thường xuyên (05)", en: "Continuing education (05)" },
  EXT_UI_CAP_HOC_04: { vi: "Trung học phổ thông (04)", en: "Upper secondary (04)" },
  EXT_UI_OPTIONS_PROFILE: { vi: "Bộ quy tắc đánh giá", en: "Assessment rules" },
  EXT_UI_PROFILE_GDTX: { vi: "GDTX – Thông tư 43/2021", en: "Continuing education – Circular 43/2021" },
  EXT_UI_PROFILE_THPT: { vi: "THPT – Thông tư 22/2021", en: "Upper secondary – Circular 22/2021" },
  EXT_UI_OPTIONS_LANGUAGE: { vi: "Ngôn ngữ", en: "Language" },
  // --- UI: portal panel (content script) ---
  EXT_UI_PANEL_TITLE: { vi: "Học bạ số", en: "Học bạ số" },
  EXT_UI_PANEL_CLASS: { vi: "lớp {lop}", en: "class {lop}" },
  EXT_UI_PANEL_READ: { vi: "Đọc sổ điểm", en: "Read gradebook" },
  EXT_UI_PANEL_READING: { vi: "Đang đọc trang {done}/{total}…", en: "Reading page {done}/{total}…" },
  EXT_UI_PANEL_SUMMARY: {
    vi: "{learners} {nguoiHoc} · {errors} lỗi",
    en: "{learners} {nguoiHoc}s · {errors} errors",
  },
  EXT_UI_PANEL_REVIEW: { vi: "Xem và ký", en: "Review and sign" },
  EXT_UI_PANEL_CLOSE: { vi: "Đóng", en: "Close" },
  // --- UI: review page ---
  EXT_UI_REVIEW_TITLE: { vi: "Xem và ký học bạ số", en: "Review and sign digital records" },
  EXT_UI_REVIEW_CLASS: {
    vi: "Lớp {lop} · Năm học {namHoc} · {truong} · GVCN: {gvcn} · {count} học viên",
    en: "Class {lop} · School year {namHoc} · {truong} · Homeroom teacher: {gvcn} · {count} learners",
  },
  EXT_UI_CHECK_TITLE: { vi: "Kiểm tra lớp {lop} ({namHoc})", en: "Checks for class {lop} ({namHoc})" },
  EXT_UI_CHECK_SUMMARY: {
    vi: "{learners} học viên · {errors} lỗi · {warnings} cảnh báo",
    en: "{learners} learners · {errors} errors · {warnings} warnings",
  },
  EXT_UI_CHECK_SHOW: { vi: "Xem {count} mục", en: "Show {count} items" },
  EXT_UI_CHECK_HIDE: { vi: "Ẩn danh sách", en: "Hide the list" },
  EXT_UI_CHECK_BLOCKED: {
    vi: "{count} học viên có lỗi nên chưa tạo và chưa ký học bạ được; hãy sửa trên cổng rồi đọc lại sổ điểm.",
    en: "{count} learners have errors, so their records are not built or signed; fix them on the portal and read the gradebook again.",
  },
  EXT_UI_SELECT_ALL: { vi: "Chọn tất cả", en: "Select all" },
  EXT_UI_COL_STT: { vi: "STT", en: "No." },
  EXT_UI_COL_CLASS: { vi: "Lớp", en: "Class" },
  EXT_UI_COL_MA_HOC_VIEN: { vi: "Mã học viên", en: "Learner code" },
  EXT_UI_COL_HO_TEN: { vi: "Họ và tên", en: "Full name" },
  EXT_UI_COL_NGAY_SINH: { vi: "Ngày sinh", en: "Date of birth" },
  EXT_UI_COL_CHECK: { vi: "Kiểm tra", en: "Checks" },
  EXT_UI_COL_SIGNATURES: { vi: "Chữ ký", en: "Signatures" },
  EXT_UI_COL_BATCH: { vi: "Lượt ký", en: "Batch" },
  EXT_UI_ROW_ERRORS: { vi: "{count} lỗi", en: "{count} errors" },
  EXT_UI_ROW_WARNINGS: { vi: "{count} cảnh báo", en: "{count} warnings" },
  EXT_UI_ROW_OK: { vi: "Hợp lệ", en: "OK" },
  EXT_UI_ROW_BUILD_FAILED: { vi: "Không tạo được XML", en: "XML not built" },
  EXT_UI_ROW_QUEUED: { vi: "Chờ ký", en: "Queued" },
  EXT_UI_ROW_SIGNING: { vi: "Đang ký", en: "Signing" },
  EXT_UI_ROW_SIGNED: { vi: "Đã ký", en: "Signed" },
  EXT_UI_ROW_RESUMED: { vi: "Đã ký trước đó", en: "Signed earlier" },
  EXT_UI_ROW_NOT_SIGNED_CANCELLED: { vi: "Chưa ký (đã hủy lượt ký)", en: "Not signed (batch cancelled)" },
  EXT_UI_ROW_NOT_SIGNED_STOPPED: {
    vi: "Chưa ký: lượt ký dừng giữa chừng (lý do ở khung «Ký số»)",
    en: "Not signed: the batch stopped (the reason is under «Sign»)",
  },
  EXT_UI_SIGN_TITLE: { vi: "Ký số", en: "Sign" },
  EXT_UI_SIGN_ROLE: { vi: "Ký với vai trò", en: "Sign as" },
  EXT_UI_SIGN_CERT: { vi: "Chứng thư số", en: "Certificate" },
  EXT_UI_SIGN_LOADING_TOKENS: { vi: "Đang đọc USB token…", en: "Reading the USB tokens…" },
  EXT_UI_SIGN_NO_CERT: {
    vi: "Không thấy chứng thư số có khóa ký trên các token đang cắm.",
    en: "No certificate with a signing key on the tokens plugged in.",
  },
  EXT_UI_SIGN_CERT_OPTION: { vi: "{cn} – {token} (hết hạn {until})", en: "{cn} – {token} (expires {until})" },
  EXT_UI_SIGN_CERT_MARK_OK: { vi: "✓ đúng người ký", en: "✓ entitled to sign" },
  EXT_UI_SIGN_CERT_MARK_WARNING: {
    vi: "✓ đúng CCCD, tên viết khác",
    en: "✓ same CCCD, name spelt differently",
  },
  EXT_UI_SIGN_CERT_MARK_PARTLY: {
    vi: "chỉ đúng người ký ở một số lớp",
    en: "entitled for some classes only",
  },
  EXT_UI_SIGN_CERT_MARK_REFUSED: {
    vi: "✗ không phải người ký vai trò này",
    en: "✗ not entitled to sign this role",
  },
  EXT_UI_SIGN_CERT_CHOOSE: { vi: "— Chọn chứng thư số —", en: "— Choose a certificate —" },
  EXT_UI_SIGN_CERT_UNUSABLE: {
    vi: "{cn} – {token} (không dùng để ký được: hết hạn hoặc sai mục đích)",
    en: "{cn} – {token} (cannot sign: expired or wrong key usage)",
  },
  EXT_UI_SIGN_CERT_DETAIL: {
    vi: "Cấp bởi {issuer} · số sê-ri {serial} · hiệu lực {from} – {until}",
    en: "Issued by {issuer} · serial {serial} · valid {from} – {until}",
  },
  EXT_UI_SIGN_RELOAD_TOKENS: { vi: "Đọc lại token", en: "Reload tokens" },
  EXT_UI_SIGN_PIN: { vi: "Mã PIN của USB token", en: "USB token PIN" },
  EXT_UI_PIN_NOTE: {
    vi: "Mã PIN chỉ gửi tới trình ký trên máy này cho lượt ký này, không được lưu lại.",
    en: "The PIN goes only to the helper on this computer, for this batch, and is never stored.",
  },
  EXT_UI_PIN_PAD: {
    vi: "Token này có bàn phím hoặc hộp thoại PIN riêng: nhập PIN trên đó.",
    en: "This token has its own PIN pad or dialog: enter the PIN there.",
  },
  EXT_UI_PIN_COUNT_LOW: {
    vi: "Đã có lần nhập sai PIN. Hãy nhập cẩn thận.",
    en: "A wrong PIN was entered before. Type carefully.",
  },
  EXT_UI_PIN_FINAL_TRY: {
    vi: "Chỉ còn MỘT lần thử: nhập sai nữa token sẽ bị khóa.",
    en: "ONE try left: another wrong PIN locks the token.",
  },
  EXT_UI_PIN_LOCKED: {
    vi: "PIN của token đã bị khóa. Hãy liên hệ nhà cung cấp chứng thư số để mở khóa.",
    en: "The token's PIN is locked. Contact the certificate provider to unlock it.",
  },
  EXT_UI_SIGN_START: { vi: "Ký {count} học bạ – {role}", en: "Sign {count} records – {role}" },
  EXT_UI_SIGN_PROGRESS: { vi: "Đang ký {done}/{total}: {file}", en: "Signing {done}/{total}: {file}" },
  EXT_UI_SIGN_PROGRESS_END: { vi: "Đã xử lý {done}/{total}", en: "Processed {done}/{total}" },
  EXT_UI_SIGN_RESULT: {
    vi: "Xong: đã ký {signed}, lỗi {failed}.",
    en: "Done: {signed} signed, {failed} failed.",
  },
  EXT_UI_SIGN_RESULT_CANCELLED: {
    vi: "Đã hủy: đã ký {signed}, lỗi {failed}, chưa ký {skipped}.",
    en: "Cancelled: {signed} signed, {failed} failed, {skipped} not signed.",
  },
  EXT_UI_RETRY_FAILED: {
    vi: "Chọn lại {count} học bạ lỗi để ký lại",
    en: "Select the {count} failed records again",
  },
  EXT_UI_DOWNLOAD_TITLE: { vi: "Tệp đã ký", en: "Signed files" },
  EXT_UI_DOWNLOAD_HELP: {
    vi: "{count} học bạ đã có chữ ký; tệp ZIP có mọi phiên bản đã ký (bản sửa tên …_v2.xml).",
    en: "{count} records carry signatures; the ZIP holds every signed version (corrections named …_v2.xml).",
  },
  EXT_UI_DOWNLOAD_ZIP: { vi: "Tải tệp ZIP ({count})", en: "Download ZIP ({count})" },
  EXT_UI_PREVIEW_NONE: {
    vi: "Chưa có học bạ của {hoTen}: hãy sửa các lỗi trước.",
    en: "No record for {hoTen} yet: fix the errors first.",
  },
  // --- UI: the paper layout of the preview ---
  EXT_UI_PAPER_SO: { vi: "SỞ GIÁO DỤC VÀ ĐÀO TẠO (mã {maSo})", en: "DEPARTMENT OF EDUCATION (code {maSo})" },
  EXT_UI_PAPER_MA_TRUONG: { vi: "Mã trường: {maTruong}", en: "School code: {maTruong}" },
  EXT_UI_PAPER_TITLE: { vi: "HỌC BẠ", en: "SCHOOL RECORD" },
  EXT_UI_PAPER_SUB_GDTX: {
    vi: "Giáo dục thường xuyên cấp THPT",
    en: "Continuing education, upper secondary",
  },
  EXT_UI_PAPER_SUB_THPT: { vi: "Trung học phổ thông", en: "Upper secondary" },
  EXT_UI_PAPER_YEAR_CLASS: {
    vi: "Năm học {namHoc} · Lớp {lop} · Khối {khoi}",
    en: "School year {namHoc} · Class {lop} · Grade {khoi}",
  },
  EXT_UI_PAPER_HOC_VIEN: { vi: "Thông tin {nguoiHoc}", en: "About the {nguoiHoc}" },
  EXT_UI_PAPER_HO_TEN: { vi: "Họ và tên", en: "Full name" },
  EXT_UI_PAPER_GIOI_TINH: { vi: "Giới tính", en: "Sex" },
  EXT_UI_PAPER_NGAY_SINH: { vi: "Ngày sinh", en: "Date of birth" },
  EXT_UI_PAPER_NOI_SINH: { vi: "Nơi sinh", en: "Place of birth" },
  EXT_UI_PAPER_DAN_TOC: { vi: "Dân tộc", en: "Ethnicity" },
  EXT_UI_PAPER_QUOC_TICH: { vi: "Quốc tịch", en: "Nationality" },
  EXT_UI_PAPER_NOI_O: { vi: "Nơi ở hiện nay", en: "Address" },
  EXT_UI_PAPER_MA_HOC_VIEN: { vi: "Mã học viên", en: "Learner code" },
  EXT_UI_PAPER_SO_DINH_DANH: { vi: "Số định danh cá nhân", en: "Personal ID number" },
  EXT_UI_PAPER_CHA: { vi: "Họ tên cha", en: "Father" },
  EXT_UI_PAPER_ME: { vi: "Họ tên mẹ", en: "Mother" },
  EXT_UI_PAPER_GIAM_HO: { vi: "Người giám hộ", en: "Guardian" },
  EXT_UI_PAPER_CHINH_SACH: { vi: "Đối tượng chính sách", en: "Policy group" },
  EXT_UI_PAPER_MON: { vi: "Môn học / hoạt động giáo dục", en: "Subject / activity" },
  EXT_UI_PAPER_HK1: { vi: "Học kỳ I", en: "Semester I" },
  EXT_UI_PAPER_HK2: { vi: "Học kỳ II", en: "Semester II" },
  EXT_UI_PAPER_CN: { vi: "Cả năm", en: "Year" },
  EXT_UI_PAPER_KT_LAI: { vi: "Kiểm tra lại", en: "Re-test" },
  EXT_UI_PAPER_SAU_LAI: { vi: "Sau KT lại / rèn luyện hè", en: "After re-test / summer" },
  EXT_UI_PAPER_GIAO_VIEN: { vi: "Giáo viên bộ môn, nhận xét", en: "Subject teacher, comments" },
  EXT_UI_PAPER_HOC_TAP: { vi: "Kết quả học tập", en: "Learning result" },
  EXT_UI_PAPER_REN_LUYEN: { vi: "Kết quả rèn luyện", en: "Conduct result" },
  EXT_UI_PAPER_SO_BUOI_NGHI: { vi: "Tổng số buổi nghỉ học cả năm", en: "Days absent in the year" },
  EXT_UI_PAPER_QUYET_DINH: { vi: "Quyết định cuối năm", en: "Year-end decision" },
  EXT_UI_PAPER_DANH_HIEU: { vi: "Danh hiệu", en: "Award" },
  EXT_UI_PAPER_NHAN_XET_GVCN: { vi: "Nhận xét của giáo viên chủ nhiệm", en: "Homeroom teacher's comments" },
  EXT_UI_PAPER_PLACE_DATE: { vi: "{diaDanh}, ngày {ngay}", en: "{diaDanh}, {ngay}" },
  EXT_UI_PAPER_SIGNED_BY: { vi: "Đã ký số bởi {name}", en: "Digitally signed by {name}" },
  EXT_UI_PAPER_NOT_SIGNED: { vi: "(chưa ký)", en: "(not signed)" },
  EXT_UI_PAPER_FOOT: {
    vi: "Tệp {file} · mã bản ghi {id} · phiên bản {version}",
    en: "File {file} · record id {id} · version {version}",
  },
} as const satisfies Record<string, MessageTemplate>;

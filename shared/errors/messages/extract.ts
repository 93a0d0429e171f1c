import type { MessageTemplate } from "../message-table.ts";

/**
 * Reading gradebooks from portal pages (shared/portal-adapters, `hocba extract`). Every message
 * names the page (title or address) and, for a cell, the table, row, learner and column, so that
 * the user can open the page and look.
 */
export const extractMessages = {
  EXTRACT_EMPTY_PAGE: {
    vi: "Trang «{page}» trống hoặc không có nội dung của cổng quản lý điểm.",
    en: "Page «{page}» is empty or has no portal content.",
  },
  EXTRACT_LOGIN_PAGE: {
    vi: "Trang «{page}» là trang đăng nhập: phiên làm việc đã hết hạn. Hãy đăng nhập lại cổng rồi thử lại.",
    en: "Page «{page}» is the login page: the session has expired. Log in to the portal again and retry.",
  },
  EXTRACT_UNKNOWN_PAGE: {
    vi: "Bộ đọc «{adapter}» không nhận ra trang «{page}» (không phải trang lớp, sổ điểm, tổng kết, hồ sơ hay nhận xét).",
    en: "Adapter «{adapter}» does not recognise page «{page}» (not a class, gradebook, summary, profile or comment page).",
  },
  EXTRACT_NO_ADAPTER: {
    vi: "Không bộ đọc nào nhận ra trang «{page}». Hãy chọn bộ đọc bằng --adapter (có: {adapters}).",
    en: "No adapter recognises page «{page}». Choose one with --adapter (available: {adapters}).",
  },
  EXTRACT_UNKNOWN_ADAPTER: {
    vi: "Không có bộ đọc «{adapter}». Các bộ đọc có sẵn: {adapters}.",
    en: "There is no adapter «{adapter}». Available adapters: {adapters}.",
  },
  EXTRACT_NOT_CLASS_PAGE: {
    vi: "Trang «{page}» không phải trang của một lớp. Hãy mở trang lớp (danh sách học viên, môn học) rồi thử lại.",
    en: "Page «{page}» is not a class page. Open the class page (learners, subjects) and retry.",
  },
  EXTRACT_FETCH_FAILED: {
    vi: "Không tải được trang «{page}»: {detail}",
    en: "Cannot load page «{page}»: {detail}",
  },
  EXTRACT_TOO_MANY_PAGES: {
    vi: "Lớp có quá nhiều trang cần đọc (hơn {max}); dừng lại ở trang «{page}».",
    en: "The class has too many pages to read (more than {max}); stopped at page «{page}».",
  },
  EXTRACT_TABLE_MISSING: {
    vi: "Trang «{page}»: không thấy bảng «{table}».",
    en: "Page «{page}»: table «{table}» not found.",
  },
  EXTRACT_COLUMN_MISSING: {
    vi: "Trang «{page}»: không thấy cột «{column}» trong bảng «{table}».",
    en: "Page «{page}»: column «{column}» not found in table «{table}».",
  },
  EXTRACT_COLUMN_RENAMED: {
    vi: "Trang «{page}», bảng «{table}»: cột «{column}» (mã cột {cot}) không còn mang tiêu đề như trước; cổng đã đổi cách trình bày nên chưa đọc trang này, để không lấy nhầm điểm.",
    en: "Page «{page}», table «{table}»: column «{column}» (column code {cot}) no longer has the header it had; the portal changed its layout, so the page is not read rather than risk wrong grades.",
  },
  EXTRACT_COLUMN_MISMATCH: {
    vi: "Trang «{page}», bảng «{table}», dòng {row}: ô mã cột {cot} nằm dưới tiêu đề «{column}»; bảng bị lệch cột nên chưa đọc trang này, để không lấy nhầm điểm.",
    en: "Page «{page}», table «{table}», row {row}: the cell with column code {cot} sits under header «{column}»; the table's columns are shifted, so the page is not read rather than risk wrong grades.",
  },
  EXTRACT_PAGE_TOKEN_MISSING: {
    vi: "Không thấy phiên đăng nhập của cổng trên trang này để đọc «{page}». Hãy đăng nhập lại cổng (tiện ích không bao giờ hỏi mật khẩu) rồi đọc lại.",
    en: "No portal session was found on this page to read «{page}». Log in to the portal again (the extension never asks for the password) and read again.",
  },
  EXTRACT_UNKNOWN_POINT: {
    vi: "Trang «{page}», bảng «{table}», dòng {row} ({learner}): có điểm mã «{point}» không có trong mẫu sổ điểm; chưa đọc trang này, để không lấy nhầm điểm.",
    en: "Page «{page}», table «{table}», row {row} ({learner}): a value with code «{point}» is not in the score book template; the page is not read rather than risk wrong grades.",
  },
  EXTRACT_UNSAVED_VALUE: {
    vi: "Trang «{page}», bảng «{table}», dòng {row} ({learner}), cột «{column}»: ô đang ghi «{typed}» nhưng cổng đã lưu «{saved}». Hãy bấm Lưu trên cổng (hoặc tải lại trang) rồi đọc lại.",
    en: "Page «{page}», table «{table}», row {row} ({learner}), column «{column}»: the cell shows «{typed}» but the portal saved «{saved}». Save on the portal (or reload the page) and read again.",
  },
  EXTRACT_STILL_NEEDED: {
    vi: "Còn thiếu {what}: lấy từ {source}.",
    en: "Still needed: {what}, from {source}.",
  },
  EXTRACT_PARTIAL_HINT: {
    vi: "Các trang, tệp này chưa đủ cho một sổ điểm trọn vẹn. Thêm «--partial» để ghi phần đọc được (khi đủ các trường bắt buộc) và xem còn thiếu gì, lấy từ đâu.",
    en: "These pages or files are not enough for a complete gradebook. Add «--partial» to write what was read (when every required field is there) and see what is still needed, and from where.",
  },
  EXTRACT_PARTIAL_WRITTEN: {
    vi: "Sổ điểm CHƯA ĐẦY ĐỦ ({count} mục còn thiếu): «hocba check» sẽ báo lỗi ở các mục này cho đến khi bổ sung.",
    en: "The gradebook is INCOMPLETE ({count} items still needed): «hocba check» reports them until they are supplied.",
  },
  EXTRACT_PAGE_INCOMPLETE: {
    vi: "Trang «{page}» không có: {fields}. Trang này không đủ để lập học bạ; hãy đọc từ trang lớp của giáo viên (sổ điểm, tổng kết, hồ sơ).",
    en: "Page «{page}» does not show: {fields}. It is not enough to build the records; read from the teacher's class pages (gradebooks, summary, profiles).",
  },
  EXTRACT_FIELD_MISSING: {
    vi: "Trang «{page}»: không thấy thông tin «{field}».",
    en: "Page «{page}»: the field «{field}» was not found.",
  },
  EXTRACT_INFO_MISSING: {
    vi: "Không tìm thấy thông tin «{field}» của lớp trên các trang đã đọc (cần trang thông tin lớp).",
    en: "The class field «{field}» was not found on the pages read (the class information page is needed).",
  },
  EXTRACT_INFO_CONFLICT: {
    vi: "Thông tin «{field}» khác nhau giữa các trang: «{first}» (trang «{firstPage}») và «{second}» (trang «{page}»).",
    en: "The field «{field}» differs between pages: «{first}» (page «{firstPage}») and «{second}» (page «{page}»).",
  },
  EXTRACT_ROW_NO_NAME: {
    vi: "Trang «{page}», bảng «{table}»: dòng {row} không có họ tên học viên.",
    en: "Page «{page}», table «{table}»: row {row} has no learner name.",
  },
  EXTRACT_BAD_NUMBER: {
    vi: "Trang «{page}», bảng «{table}», dòng {row} ({learner}), cột «{column}»: «{value}» không phải là điểm số (ví dụ 7,5).",
    en: "Page «{page}», table «{table}», row {row} ({learner}), column «{column}»: «{value}» is not a score (e.g. 7,5).",
  },
  EXTRACT_BAD_GRADE: {
    vi: "Trang «{page}», bảng «{table}», dòng {row} ({learner}), cột «{column}»: «{value}» không phải là điểm số hay mức Đ/CĐ.",
    en: "Page «{page}», table «{table}», row {row} ({learner}), column «{column}»: «{value}» is neither a score nor Đ/CĐ.",
  },
  EXTRACT_BAD_MUC_DANH_GIA: {
    vi: "Trang «{page}», bảng «{table}», dòng {row} ({learner}), cột «{column}»: «{value}» không phải là mức Đạt/Chưa đạt.",
    en: "Page «{page}», table «{table}», row {row} ({learner}), column «{column}»: «{value}» is not Đạt/Chưa đạt.",
  },
  EXTRACT_BAD_XEP_LOAI: {
    vi: "Trang «{page}», bảng «{table}», dòng {row} ({learner}), cột «{column}»: «{value}» không phải là mức Tốt/Khá/Đạt/Chưa đạt.",
    en: "Page «{page}», table «{table}», row {row} ({learner}), column «{column}»: «{value}» is not Tốt/Khá/Đạt/Chưa đạt.",
  },
  EXTRACT_BAD_INTEGER: {
    vi: "Trang «{page}», bảng «{table}», dòng {row} ({learner}), cột «{column}»: «{value}» không phải là số nguyên.",
    en: "Page «{page}», table «{table}», row {row} ({learner}), column «{column}»: «{value}» is not a whole number.",
  },
  EXTRACT_BAD_DATE: {
    vi: "Trang «{page}», bảng «{table}», dòng {row} ({learner}), cột «{column}»: «{value}» không phải là ngày dạng dd/mm/yyyy.",
    en: "Page «{page}», table «{table}», row {row} ({learner}), column «{column}»: «{value}» is not a dd/mm/yyyy date.",
  },
  EXTRACT_BAD_GENDER: {
    vi: "Trang «{page}», bảng «{table}», dòng {row} ({learner}), cột «{column}»: giới tính «{value}» phải là Nam hoặc Nữ.",
    en: "Page «{page}», table «{table}», row {row} ({learner}), column «{column}»: gender «{value}» must be Nam or Nữ.",
  },
  EXTRACT_BAD_DECISION: {
    vi: "Trang «{page}», bảng «{table}», dòng {row} ({learner}), cột «{column}»: không hiểu quyết định «{value}» (Lên lớp, Ở lại lớp, Kiểm tra lại, Rèn luyện trong hè, Hoàn thành chương trình).",
    en: "Page «{page}», table «{table}», row {row} ({learner}), column «{column}»: unknown decision «{value}» (Lên lớp, Ở lại lớp, Kiểm tra lại, Rèn luyện trong hè, Hoàn thành chương trình).",
  },
  EXTRACT_BAD_AWARD: {
    vi: "Trang «{page}», bảng «{table}», dòng {row} ({learner}), cột «{column}»: không hiểu danh hiệu «{value}» (Xuất sắc, Giỏi).",
    en: "Page «{page}», table «{table}», row {row} ({learner}), column «{column}»: unknown award «{value}» (Xuất sắc, Giỏi).",
  },
  EXTRACT_BAD_VALUE: {
    vi: "Trang «{page}», bảng «{table}», dòng {row} ({learner}), cột «{column}»: giá trị «{value}» không hợp lệ ({expected}).",
    en: "Page «{page}», table «{table}», row {row} ({learner}), column «{column}»: invalid value «{value}» ({expected}).",
  },
  EXTRACT_BAD_INFO_VALUE: {
    vi: "Trang «{page}»: thông tin «{field}» có giá trị «{value}» không hợp lệ ({expected}).",
    en: "Page «{page}»: the field «{field}» has an invalid value «{value}» ({expected}).",
  },
  EXTRACT_BAD_JSON_PAGE: {
    vi: "Trang «{page}»: dữ liệu JSON không đúng dạng ({detail}).",
    en: "Page «{page}»: the JSON data has an unexpected shape ({detail}).",
  },
  EXTRACT_UNKNOWN_SUBJECT: {
    vi: "Trang «{page}»: không xác định được môn học của sổ điểm (môn «{subject}» không có trong danh sách môn của lớp).",
    en: "Page «{page}»: cannot tell which subject this gradebook is for («{subject}» is not in the class's subject list).",
  },
  EXTRACT_SUBJECTS_MISSING: {
    vi: "Không tìm thấy danh sách môn học của lớp trên các trang đã đọc.",
    en: "The class's subject list was not found on the pages read.",
  },
  EXTRACT_SODIEM_MISSING: {
    vi: "Thiếu sổ điểm môn «{subject}»: chưa đọc được trang sổ điểm của môn này.",
    en: "Missing the gradebook of subject «{subject}»: its page was not read.",
  },
  EXTRACT_SODIEM_SEMESTER_MISSING: {
    vi: "Thiếu sổ điểm môn «{subject}» {semester}: chưa đọc được trang sổ điểm của học kỳ này.",
    en: "Missing the gradebook of subject «{subject}» for {semester}: its page was not read.",
  },
  EXTRACT_SODIEM_DUPLICATE: {
    vi: "Sổ điểm môn «{subject}» có trên hai trang: «{firstPage}» và «{page}».",
    en: "The gradebook of subject «{subject}» appears on two pages: «{firstPage}» and «{page}».",
  },
  EXTRACT_LEARNERS_MISSING: {
    vi: "Không tìm thấy danh sách học viên của lớp trên các trang đã đọc.",
    en: "The class's learner list was not found on the pages read.",
  },
  EXTRACT_LEARNER_UNKNOWN: {
    vi: "Trang «{page}», dòng {row}: học viên «{learner}» không có trong danh sách lớp.",
    en: "Page «{page}», row {row}: learner «{learner}» is not in the class list.",
  },
  EXTRACT_LEARNER_AMBIGUOUS: {
    vi: "Trang «{page}», dòng {row}: có nhiều học viên tên «{learner}»; trang cần có cột mã học viên hoặc ngày sinh.",
    en: "Page «{page}», row {row}: several learners are named «{learner}»; the page needs a learner code or birth date column.",
  },
  EXTRACT_LEARNER_DUPLICATE: {
    vi: "Trang «{page}»: học viên «{learner}» xuất hiện hai lần (dòng {row}).",
    en: "Page «{page}»: learner «{learner}» appears twice (row {row}).",
  },
  EXTRACT_LEARNER_NO_ROW: {
    vi: "Học viên «{learner}» không có dòng trong {what}.",
    en: "Learner «{learner}» has no row in {what}.",
  },
  EXTRACT_LEARNER_FIELD_MISSING: {
    vi: "Học viên «{learner}»: không tìm thấy «{field}» trên các trang đã đọc (danh sách lớp, hồ sơ).",
    en: "Learner «{learner}»: «{field}» was not found on the pages read (class list, profile).",
  },
  EXTRACT_PROFILE_CONFLICT: {
    vi: "Học viên «{learner}»: «{field}» là «{first}» ở trang «{firstPage}» nhưng là «{second}» ở trang «{page}».",
    en: "Learner «{learner}»: «{field}» is «{first}» on page «{firstPage}» but «{second}» on page «{page}».",
  },
  EXTRACT_INVALID_GRADEBOOK: {
    vi: "Sổ điểm đọc được không hợp lệ tại {path}: {detail}",
    en: "The extracted gradebook is invalid at {path}: {detail}",
  },
  EXTRACT_BAD_MAPPING: {
    vi: "Tệp ánh xạ cột {file} không hợp lệ: {detail}",
    en: "Column mapping file {file} is invalid: {detail}",
  },
  EXTRACT_BAD_WORKBOOK: {
    vi: "Tệp {file} không phải tệp Excel (.xlsx) đọc được: {detail}",
    en: "File {file} is not a readable Excel (.xlsx) file: {detail}",
  },
  EXTRACT_UI_DROP_TITLE: {
    vi: "Đọc từ tệp Excel xuất từ cổng",
    en: "Read from Excel files exported from the portal",
  },
  EXTRACT_UI_DROP_HINT: {
    vi: "Thả vào đây các tệp .xlsx của cùng một lớp (sổ điểm từng môn, tổng kết năm, danh sách học sinh có số định danh) hoặc bấm chọn tệp.",
    en: "Drop the .xlsx files of one class here (each subject's gradebook, the year summary, the learner list with identity numbers) or choose them.",
  },
  EXTRACT_UI_DROP_CHOOSE: { vi: "Chọn tệp Excel…", en: "Choose Excel files…" },
  EXTRACT_UI_DROP_READING: { vi: "Đang đọc tệp…", en: "Reading the files…" },
  EXTRACT_UI_DROP_PROBLEMS: {
    vi: "Chưa đọc được lớp từ các tệp này: {count} lỗi.",
    en: "The class could not be read from these files: {count} problems.",
  },
  EXTRACT_NO_INPUT: {
    vi: "Không có trang nào để đọc: hãy đưa vào các tệp .html, .json hoặc .xlsx đã lưu hoặc xuất từ cổng.",
    en: "No pages to read: give the .html, .json or .xlsx files saved or exported from the portal.",
  },
  EXTRACT_FAILED: {
    vi: "Không đọc được sổ điểm: {count} lỗi. Chưa ghi tệp nào.",
    en: "Could not read the gradebook: {count} problems. No file was written.",
  },
} as const satisfies Record<string, MessageTemplate>;

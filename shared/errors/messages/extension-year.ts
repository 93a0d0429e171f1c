import type { MessageTemplate } from "../message-table.ts";

/**
 * The extension's strings for the centre's year across people and PCs: printing the paper học bạ,
 * hand-off packages between PCs, the queues by role read from the helper's archive, the progress
 * page to the deadlines and the Tổ chuyên môn's check report. Vietnamese first, English second.
 */
export const extensionYearMessages = {
  // --- Printing the paper học bạ ---
  EXT_UI_PRINT_ONE: { vi: "In học bạ", en: "Print record" },
  EXT_UI_PRINT_CLASS: { vi: "In cả lớp ({count})", en: "Print the class ({count})" },
  EXT_UI_PAPER_DIGITALLY_SIGNED: { vi: "Đã ký số", en: "Digitally signed" },
  EXT_UI_PAPER_SIGNER: { vi: "Người ký: {name}", en: "Signed by: {name}" },
  EXT_UI_PAPER_SIGNED_AT: { vi: "Thời gian ký: {time}", en: "Signed at: {time}" },
  EXT_UI_PAPER_CERT_SERIAL: { vi: "Số hiệu chứng thư: {serial}", en: "Certificate serial: {serial}" },

  // --- Hand-off packages ---
  EXT_UI_HANDOFF_TITLE: { vi: "Chuyển sang bước tiếp theo", en: "Hand over to the next step" },
  EXT_UI_HANDOFF_HELP: {
    vi: "Tải gói bàn giao của lớp (tệp .hocba.zip) rồi gửi cho người ký tiếp theo; máy của họ nhập gói này bằng nút «Nhập gói bàn giao».",
    en: "Download the class's hand-off package (.hocba.zip file) and send it to the next signer; their computer imports it with “Import a hand-off package”.",
  },
  EXT_UI_HANDOFF_TO_HEAD: { vi: "Gửi {head} ({count})", en: "Send to the {head} ({count})" },
  EXT_UI_HANDOFF_TO_SEAL: { vi: "Gửi đóng dấu ({count})", en: "Send for the seal ({count})" },
  EXT_UI_HANDOFF_NONE: {
    vi: "Chưa có học bạ nào đã ký ở bước này để gửi đi.",
    en: "No record signed at this step yet to send.",
  },
  EXT_UI_HANDOFF_MADE: {
    vi: "Đã tạo gói {file} ({count} học bạ).",
    en: "Package {file} made ({count} records).",
  },
  EXT_UI_IMPORT_TITLE: { vi: "Nhập gói bàn giao", en: "Import a hand-off package" },
  EXT_UI_IMPORT_HELP: {
    vi: "Kéo thả tệp .hocba.zip vào đây hoặc bấm để chọn tệp. Trình ký kiểm tra từng học bạ trước khi nhận.",
    en: "Drop a .hocba.zip file here or click to choose it. The helper verifies every record before taking it.",
  },
  EXT_UI_IMPORT_CHOOSE: { vi: "Chọn tệp gói…", en: "Choose a package…" },
  EXT_UI_IMPORT_OPEN_TAB: { vi: "Mở trong thẻ mới", en: "Open in a new tab" },
  EXT_UI_IMPORT_RUNNING: { vi: "Đang kiểm tra và nhập {file}…", en: "Verifying and importing {file}…" },
  EXT_UI_IMPORT_SUMMARY: {
    vi: "Gói {file}: nhận {imported}, đã có {already}, từ chối {refused}.",
    en: "Package {file}: {imported} imported, {already} already there, {refused} refused.",
  },
  EXT_UI_IMPORT_IMPORTED: { vi: "Đã nhập", en: "Imported" },
  EXT_UI_IMPORT_ALREADY: { vi: "Đã có sẵn", en: "Already there" },
  EXT_UI_IMPORT_REFUSED: { vi: "Bị từ chối", en: "Refused" },
  EXT_UI_IMPORT_OPEN_QUEUE: { vi: "Mở hàng chờ ký", en: "Open the signing queue" },
  EXT_UI_IMPORT_NOT_ZIP: {
    vi: "Tệp «{file}» không phải gói bàn giao (cần tệp .hocba.zip).",
    en: "“{file}” is not a hand-off package (a .hocba.zip file is needed).",
  },

  // --- Queues by role (from the helper's archive) ---
  EXT_UI_QUEUE_HEAD_TITLE: { vi: "Chờ {head} ký", en: "Waiting for the {head}'s signature" },
  EXT_UI_QUEUE_SEAL_TITLE: { vi: "Chờ đóng dấu", en: "Waiting for the seal" },
  EXT_UI_QUEUE_EMPTY: { vi: "Không có lớp nào đang chờ.", en: "No class is waiting." },
  EXT_UI_QUEUE_COUNT: {
    vi: "{count}/{total} {learner} chờ ký",
    en: "{count}/{total} {learner} waiting",
  },
  EXT_UI_QUEUE_OPEN: { vi: "Mở để ký ({count})", en: "Open to sign ({count})" },
  EXT_UI_QUEUE_FROM_ARCHIVE: {
    vi: "Theo kho lưu của trình ký trên máy này.",
    en: "From the helper's archive on this computer.",
  },
  EXT_UI_REVIEW_ARCHIVE_CLASS: {
    vi: "Lớp {lop} · năm học {namHoc} · {truong} · {count} học bạ từ kho lưu của trình ký",
    en: "Class {lop} · year {namHoc} · {truong} · {count} records from the helper's archive",
  },

  // --- Progress page ---
  EXT_UI_PROGRESS_TITLE: { vi: "Tiến độ ký học bạ", en: "Signing progress" },
  EXT_UI_PROGRESS_OPEN: { vi: "Tiến độ", en: "Progress" },
  EXT_UI_PROGRESS_WAVE: {
    vi: "Đợt {dot}: hạn {ngay} · còn {days} ngày",
    en: "Wave {dot}: due {ngay} · {days} days left",
  },
  EXT_UI_PROGRESS_WAVE_PAST: {
    vi: "Đợt {dot}: hạn {ngay} · đã quá hạn {days} ngày",
    en: "Wave {dot}: due {ngay} · {days} days overdue",
  },
  EXT_UI_PROGRESS_COL_CLASS: { vi: "Lớp", en: "Class" },
  EXT_UI_PROGRESS_COL_LEARNERS: { vi: "Số {learner}", en: "Number of {learner}" },
  EXT_UI_PROGRESS_COL_NO_ERRORS: { vi: "Không lỗi", en: "Without errors" },
  EXT_UI_PROGRESS_COL_GVCN: { vi: "GVCN đã ký", en: "Teacher signed" },
  EXT_UI_PROGRESS_COL_HEAD: { vi: "{head} đã ký", en: "{head} signed" },
  EXT_UI_PROGRESS_COL_SEAL: { vi: "Đã đóng dấu", en: "Sealed" },
  EXT_UI_PROGRESS_COL_PACKAGED: { vi: "Đã đóng gói nộp", en: "Packaged for hand-in" },
  EXT_UI_PROGRESS_COL_STATUS: { vi: "Tình trạng", en: "Status" },
  EXT_UI_PROGRESS_LATE: { vi: "Chậm tiến độ", en: "Late" },
  EXT_UI_PROGRESS_DONE: { vi: "Hoàn thành", en: "Done" },
  EXT_UI_PROGRESS_ON_TRACK: { vi: "Đúng tiến độ", en: "On track" },
  EXT_UI_PROGRESS_STEP_GVCN: { vi: "GVCN chưa ký xong", en: "teacher not done" },
  EXT_UI_PROGRESS_STEP_HEAD: { vi: "{head} chưa ký xong", en: "{head} not done" },
  EXT_UI_PROGRESS_STEP_SEAL: { vi: "chưa đóng dấu xong", en: "seal not done" },
  EXT_UI_PROGRESS_STEP_NOP: { vi: "chưa đóng gói nộp", en: "not packaged" },
  EXT_UI_PROGRESS_UNKNOWN: { vi: "—", en: "—" },
  EXT_UI_PROGRESS_YEAR: {
    vi: "Năm học {namHoc} · tính đến ngày {today}",
    en: "Year {namHoc} · as of {today}",
  },
  EXT_UI_PROGRESS_PLAN: {
    vi: "Kế hoạch, số ngày trước hạn nộp: {steps} (đổi trong trang Cài đặt)",
    en: "Plan, days before the deadline: {steps} (change it in the Options)",
  },
  EXT_UI_PROGRESS_TOTAL: { vi: "Cả trung tâm", en: "Whole centre" },
  EXT_UI_PROGRESS_EMPTY: { vi: "Chưa có lớp nào.", en: "No class yet." },
  EXT_UI_PROGRESS_SOURCE_ARCHIVE: {
    vi: "Số liệu từ kho lưu của trình ký trên máy này.",
    en: "Figures from the helper's archive on this computer.",
  },
  EXT_UI_PROGRESS_SOURCE_LOCAL: {
    vi: "Không đọc được kho lưu của trình ký: số liệu chỉ từ trình duyệt này.",
    en: "The helper's archive could not be read: figures from this browser only.",
  },
  EXT_UI_EXPORT_XLSX: { vi: "Xuất Excel (.xlsx)", en: "Export Excel (.xlsx)" },
  EXT_UI_PRINT: { vi: "In", en: "Print" },
  EXT_UI_SUBMISSION_TITLE: { vi: "Gói nộp Sở/Bộ", en: "Hand-in package" },
  EXT_UI_SUBMISSION_CLI: {
    vi: "Hoặc lập gói nộp đợt {dot} trên máy giữ kho lưu (máy đã đóng dấu), bằng lệnh:",
    en: "Or make the wave {dot} hand-in package on the PC that holds the archive (where the seal was put), with:",
  },
  EXT_UI_SUBMISSION_MAKE: {
    vi: "Tạo gói nộp Sở/Bộ (đợt {dot})",
    en: "Make the hand-in package (wave {dot})",
  },
  EXT_UI_SUBMISSION_HINT: {
    vi: "Trình ký lấy mọi học bạ của năm học đã ký đủ (GVCN, {head}, đóng dấu), kiểm tra lại từng chữ ký và ghi gói vào một thư mục mới.",
    en: "The helper takes every record of the year signed in full (teacher, {head}, seal), checks each signature again and writes the package into a new folder.",
  },
  EXT_UI_SUBMISSION_WORKING: {
    vi: "Đang tạo gói nộp: trình ký đang kiểm tra lại từng học bạ…",
    en: "Making the package: the helper is checking every record again…",
  },
  EXT_UI_SUBMISSION_DONE: {
    vi: "Đã tạo gói nộp đợt {dot} năm học {namHoc}: {included} học bạ, trong thư mục:",
    en: "Wave {dot} package of year {namHoc} made: {included} records, in the folder:",
  },
  EXT_UI_SUBMISSION_NONE: {
    vi: "Không có học bạ nào đủ điều kiện cho đợt {dot} năm học {namHoc}: chưa tạo thư mục nào.",
    en: "No record qualifies for wave {dot} of year {namHoc}: no folder was made.",
  },
  EXT_UI_SUBMISSION_FILES: {
    vi: "Trong thư mục: các tệp học bạ (XML), {files}. Báo cáo kiểm tra để in: {report}.",
    en: "In the folder: the records (XML), {files}. Verification report to print: {report}.",
  },
  EXT_UI_SUBMISSION_LEFT_OUT: {
    vi: "{count} học bạ không đưa vào gói, và lý do:",
    en: "{count} records not included, and why:",
  },
  EXT_UI_SUBMISSION_LEFT_OUT_NONE: {
    vi: "Mọi học bạ của năm học đều đã vào gói.",
    en: "Every record of the year is in the package.",
  },
  EXT_UI_SUBMISSION_LEFT_OUT_MORE: {
    vi: "… và {more} học bạ khác: xem khong-dua-vao.csv trong thư mục.",
    en: "… and {more} more: see khong-dua-vao.csv in the folder.",
  },
  EXT_UI_SUBMISSION_COL_CODE: { vi: "Mã {learner}", en: "{learner} code" },
  EXT_UI_SUBMISSION_COL_NAME: { vi: "Họ và tên", en: "Full name" },
  EXT_UI_SUBMISSION_COL_CLASS: { vi: "Lớp", en: "Class" },
  EXT_UI_SUBMISSION_COL_REASON: { vi: "Lý do", en: "Reason" },

  // --- Tổ chuyên môn check report ---
  EXT_UI_TCM_TITLE: { vi: "Báo cáo kiểm tra của Tổ chuyên môn", en: "Subject group's check report" },
  EXT_UI_TCM_OPEN: { vi: "Báo cáo Tổ chuyên môn", en: "Subject group report" },
  EXT_UI_TCM_CLASS: {
    vi: "Lớp {lop} · năm học {namHoc} · GVCN {gvcn}",
    en: "Class {lop} · year {namHoc} · teacher {gvcn}",
  },
  EXT_UI_TCM_FINDINGS: { vi: "Kết quả kiểm tra", en: "Check findings" },
  EXT_UI_TCM_NO_FINDINGS: { vi: "Không có lỗi hay cảnh báo.", en: "No error or warning." },
  EXT_UI_TCM_COL_CHECKED: { vi: "Tổ chuyên môn", en: "Subject group" },
  EXT_UI_TCM_SUBJECT_CONFIRM: { vi: "Đã kiểm tra môn này", en: "Subject checked" },
  EXT_UI_TCM_SUBJECT_CONFIRMED: { vi: "✓ {name}, {time}", en: "✓ {name}, {time}" },
  EXT_UI_TCM_COL_SEVERITY: { vi: "Mức độ", en: "Severity" },
  EXT_UI_TCM_COL_LEARNER: { vi: "Người học", en: "Learner" },
  EXT_UI_TCM_COL_DETAIL: { vi: "Nội dung", en: "Detail" },
  EXT_UI_TCM_SUBJECT: { vi: "Môn", en: "Subject" },
  EXT_UI_TCM_ERRORS: { vi: "Lỗi", en: "Errors" },
  EXT_UI_TCM_WARNINGS: { vi: "Cảnh báo", en: "Warnings" },
  EXT_UI_TCM_DISTRIBUTION: { vi: "Phân bố điểm cả năm", en: "Year score distribution" },
  EXT_UI_TCM_LEVELS: { vi: "Mức đánh giá", en: "Levels" },
  EXT_UI_TCM_AVERAGE: { vi: "TB", en: "Avg" },
  EXT_UI_TCM_CLASS_LEVELS: {
    vi: "Học tập / rèn luyện cả năm (số {learner})",
    en: "Year learning / conduct ({learner})",
  },
  EXT_UI_TCM_HOC_TAP: { vi: "Học tập", en: "Learning" },
  EXT_UI_TCM_REN_LUYEN: { vi: "Rèn luyện", en: "Conduct" },
  EXT_UI_TCM_CONFIRM_TITLE: { vi: "Xác nhận của Tổ chuyên môn", en: "Subject group's confirmation" },
  EXT_UI_TCM_CONFIRM_NAME: { vi: "Họ tên người kiểm tra", en: "Checked by (name)" },
  EXT_UI_TCM_CONFIRM_BUTTON: { vi: "Tổ chuyên môn đã kiểm tra", en: "Checked by the subject group" },
  EXT_UI_TCM_CONFIRMED: {
    vi: "Tổ chuyên môn đã kiểm tra: {name}, lúc {time}.",
    en: "Checked by the subject group: {name}, at {time}.",
  },
  EXT_UI_TCM_NOT_CONFIRMED: {
    vi: "Tổ chuyên môn chưa xác nhận đã kiểm tra lớp này.",
    en: "The subject group has not confirmed checking this class.",
  },
  EXT_UI_TCM_REQUIRED: {
    vi: "Cài đặt yêu cầu Tổ chuyên môn xác nhận đã kiểm tra trước khi GVCN ký: lớp {lop} chưa được xác nhận.",
    en: "The settings require the subject group's confirmation before the teacher signs: class {lop} is not confirmed.",
  },
  EXT_UI_TCM_CONFIRM_SAVED_LOCAL: {
    vi: "Đã lưu trong trình duyệt; chưa ghi được vào nhật ký của trình ký.",
    en: "Saved in the browser; not yet written to the helper's audit log.",
  },

  // --- Options: the year's plan ---
  EXT_UI_OPTIONS_PLAN: { vi: "Kế hoạch năm học", en: "The year's plan" },
  EXT_UI_OPTIONS_WAVE1: { vi: "Hạn nộp đợt 1", en: "Wave 1 deadline" },
  EXT_UI_OPTIONS_WAVE2: { vi: "Hạn nộp đợt bổ sung", en: "Make-up wave deadline" },
  EXT_UI_OPTIONS_PHASES_HELP: {
    vi: "Mỗi bước phải xong cho cả lớp trước hạn nộp của đợt bao nhiêu ngày (trang tiến độ đánh dấu lớp chậm theo các số này):",
    en: "How many days before the wave's deadline each step should be done for the whole class (the progress page marks late classes by these):",
  },
  EXT_UI_OPTIONS_PHASE_GVCN: { vi: "GVCN ký", en: "Homeroom teacher signs" },
  EXT_UI_OPTIONS_PHASE_THU_TRUONG: { vi: "{head} ký", en: "{head} signs" },
  EXT_UI_OPTIONS_PHASE_DONG_DAU: { vi: "Đóng dấu", en: "Seal" },
  EXT_UI_OPTIONS_PHASE_NOP: { vi: "Đóng gói nộp", en: "Hand-in package" },
  EXT_UI_OPTIONS_REQUIRE_TCM: {
    vi: "Bắt buộc Tổ chuyên môn xác nhận đã kiểm tra trước khi GVCN ký",
    en: "Require the subject group's confirmation before the teacher signs",
  },
} as const satisfies Record<string, MessageTemplate>;

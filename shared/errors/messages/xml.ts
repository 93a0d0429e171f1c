import type { MessageTemplate } from "../message-table.ts";

/**
 * Messages of the học bạ số XML format: building (per learner: {hoTen} ({maHocVien}); {field} is the
 * XML path inside DLHocBa), reading and validating documents.
 */
export const xmlMessages = {
  XML_UNSAFE_MA_HOC_VIEN: {
    vi: "Học viên «{hoTen}»: mã học viên «{maHocVien}» không dùng được làm tên tệp. Mã chỉ được gồm chữ cái Latinh không dấu, chữ số, «_», «-», bắt đầu bằng chữ hoặc số, tối đa 64 ký tự.",
    en: "Learner «{hoTen}»: learner code «{maHocVien}» cannot be used as a file name. Use only unaccented Latin letters, digits, «_», «-», starting with a letter or digit, at most 64 characters.",
  },
  XML_REQUIRED: {
    vi: "Học viên «{hoTen}» ({maHocVien}): thiếu {field}.",
    en: "Learner «{hoTen}» ({maHocVien}): {field} is missing.",
  },
  XML_GRADEBOOK_REQUIRED: {
    vi: "Sổ điểm: thiếu {field}.",
    en: "Gradebook: {field} is missing.",
  },
  XML_INVALID_CHAR: {
    vi: "Học viên «{hoTen}» ({maHocVien}): {field} chứa ký tự không được phép trong học bạ số (U+{codePoint}: ký tự điều khiển hoặc ký tự vô hình). Hãy sửa trên cổng rồi lấy lại sổ điểm.",
    en: "Learner «{hoTen}» ({maHocVien}): {field} contains a character the học bạ số format does not allow (U+{codePoint}: a control or invisible character). Fix it on the portal and fetch the gradebook again.",
  },
  XML_GRADEBOOK_INVALID_CHAR: {
    vi: "Sổ điểm: {field} chứa ký tự không được phép trong học bạ số (U+{codePoint}: ký tự điều khiển hoặc ký tự vô hình).",
    en: "Gradebook: {field} contains a character the học bạ số format does not allow (U+{codePoint}: a control or invisible character).",
  },
  XML_BAD_CODE: {
    vi: "Sổ điểm: {field} «{value}» không hợp lệ. Mã chỉ được gồm chữ cái Latinh không dấu, chữ số, «.», «_», «-», bắt đầu bằng chữ hoặc số, tối đa 50 ký tự.",
    en: "Gradebook: {field} «{value}» is invalid. A code may contain only unaccented Latin letters, digits, «.», «_», «-», starting with a letter or digit, at most 50 characters.",
  },
  XML_BAD_CAP_HOC: {
    vi: "Sổ điểm: cấp học «{value}» không hợp lệ; học bạ mới ghi mã nhóm cấp học của CSDL ngành: 04 (THPT) hoặc 05 (GDTX). Hãy đọc lại lớp từ cổng.",
    en: "Gradebook: level «{value}» is invalid; new records carry the sector database's level code, 04 (THPT) or 05 (GDTX). Read the class from the portal again.",
  },
  XML_BAD_NAM_HOC: {
    vi: "Sổ điểm: năm học «{value}» không hợp lệ; cần hai năm liên tiếp, ví dụ 2025-2026.",
    en: "Gradebook: school year «{value}» is invalid; it must be two consecutive years, e.g. 2025-2026.",
  },
  XML_BAD_THOI_GIAN_LAP: {
    vi: "Thời gian lập «{value}» không hợp lệ; cần dạng ISO 8601 có múi giờ, ví dụ 2026-05-25T08:00:00+07:00.",
    en: "Creation time «{value}» is invalid; use ISO 8601 with a time zone, e.g. 2026-05-25T08:00:00+07:00.",
  },
  XML_NO_THOI_GIAN_LAP: {
    vi: "Chưa có thời gian lập học bạ: ghi thoiGianLap trong sổ điểm hoặc chỉ định khi tạo tệp (hocba build --time).",
    en: "No creation time: set thoiGianLap in the gradebook or give one when building (hocba build --time).",
  },
  XML_BAD_CCCD: {
    vi: "Sổ điểm: {field} «{value}» không hợp lệ: số căn cước công dân phải gồm đúng 12 chữ số.",
    en: "Gradebook: {field} «{value}» is invalid: a citizen ID (CCCD) number must be exactly 12 digits.",
  },
  XML_BAD_SO_DINH_DANH: {
    vi: "Học viên «{hoTen}» ({maHocVien}): số định danh cá nhân «{value}» phải gồm đúng 12 chữ số.",
    en: "Learner «{hoTen}» ({maHocVien}): personal ID number «{value}» must be exactly 12 digits.",
  },
  XML_BAD_NGAY_SINH: {
    vi: "Học viên «{hoTen}» ({maHocVien}): ngày sinh «{value}» không phải ngày hợp lệ dạng YYYY-MM-DD.",
    en: "Learner «{hoTen}» ({maHocVien}): date of birth «{value}» is not a valid YYYY-MM-DD date.",
  },
  XML_BAD_SO_BUOI_NGHI: {
    vi: "Học viên «{hoTen}» ({maHocVien}): số buổi nghỉ {value} không hợp lệ; cần số nguyên từ 0 đến 999.",
    en: "Learner «{hoTen}» ({maHocVien}): number of absences {value} is invalid; it must be an integer from 0 to 999.",
  },
  XML_BAD_SCORE: {
    vi: "Học viên «{hoTen}» ({maHocVien}), môn {maMon}, {field}: điểm {value} không hợp lệ; cần từ 0 đến 10, nhiều nhất một chữ số thập phân.",
    en: "Learner «{hoTen}» ({maHocVien}), subject {maMon}, {field}: score {value} is invalid; it must be 0 to 10 with at most one decimal.",
  },
  XML_RESULT_MISSING: {
    vi: "Học viên «{hoTen}» ({maHocVien}), môn {maMon}: thiếu kết quả {field}.",
    en: "Learner «{hoTen}» ({maHocVien}), subject {maMon}: result {field} is missing.",
  },
  XML_RESULT_NOT_SCORE: {
    vi: "Học viên «{hoTen}» ({maHocVien}), môn {maMon}, {field}: môn đánh giá bằng điểm số nhưng kết quả ghi mức «{value}».",
    en: "Learner «{hoTen}» ({maHocVien}), subject {maMon}, {field}: the subject is scored but the result is the level «{value}».",
  },
  XML_RESULT_NOT_LEVEL: {
    vi: "Học viên «{hoTen}» ({maHocVien}), môn {maMon}, {field}: môn đánh giá bằng nhận xét nhưng kết quả ghi điểm {value}.",
    en: "Learner «{hoTen}» ({maHocVien}), subject {maMon}, {field}: the subject is graded by comment but the result is the score {value}.",
  },
  XML_UNKNOWN_SUBJECT: {
    vi: "Học viên «{hoTen}» ({maHocVien}): có kết quả môn «{maMon}» nhưng danh sách môn của sổ điểm không có môn này.",
    en: "Learner «{hoTen}» ({maHocVien}): there is a result for subject «{maMon}», which is not in the gradebook's subject list.",
  },
  XML_DUPLICATE_SUBJECT: {
    vi: "Học viên «{hoTen}» ({maHocVien}): môn «{maMon}» có hơn một kết quả.",
    en: "Learner «{hoTen}» ({maHocVien}): subject «{maMon}» has more than one result.",
  },
  XML_GRADEBOOK_DUPLICATE_SUBJECT: {
    vi: "Sổ điểm: mã môn «{maMon}» xuất hiện hơn một lần trong danh sách môn.",
    en: "Gradebook: subject code «{maMon}» appears more than once in the subject list.",
  },
  XML_NO_SUBJECT: {
    vi: "Học viên «{hoTen}» ({maHocVien}): không có kết quả môn học nào.",
    en: "Learner «{hoTen}» ({maHocVien}): there is no subject result.",
  },
  XML_DUPLICATE_FILE_NAME: {
    vi: "Học viên «{hoTen}» ({maHocVien}): tên tệp {fileName} trùng với học viên «{otherHoTen}» ({otherMaHocVien}) (mã học viên trùng hoặc chỉ khác chữ hoa/thường).",
    en: "Learner «{hoTen}» ({maHocVien}): file name {fileName} is the same as for «{otherHoTen}» ({otherMaHocVien}) (same learner code, or differing only in letter case).",
  },
  XML_READ_NOT_UTF8: {
    vi: "Tệp học bạ không phải văn bản UTF-8 hợp lệ.",
    en: "The học bạ file is not valid UTF-8 text.",
  },
  XML_READ_MALFORMED: {
    vi: "Tệp học bạ không phải XML hợp lệ: {detail}",
    en: "The học bạ file is not well-formed XML: {detail}",
  },
  XML_READ_FORBIDDEN_MARKUP: {
    vi: "Tệp học bạ chứa {kind} ở dòng {line}; định dạng học bạ số không cho phép DOCTYPE, chú thích, chỉ thị xử lý hay CDATA.",
    en: "The học bạ file contains {kind} on line {line}; the học bạ số format forbids DOCTYPE, comments, processing instructions and CDATA.",
  },
  XML_READ_STRUCTURE: {
    vi: "Tệp không đúng cấu trúc học bạ số 1.0 tại {path}: {detail}",
    en: "The file does not follow the học bạ số 1.0 structure at {path}: {detail}",
  },
  XML_READ_VERSION: {
    vi: "Tệp là học bạ số phiên bản «{version}»; chương trình này đọc được các phiên bản: {known}.",
    en: "The file is học bạ số version «{version}»; this program reads versions: {known}.",
  },
  XML_NOT_NFC: {
    vi: "Dòng {line} của tệp học bạ có văn bản chưa chuẩn hóa Unicode NFC (chữ ghép dấu rời); chữ ký số sẽ không khớp.",
    en: "Line {line} of the học bạ file has text that is not Unicode NFC (decomposed accents); signatures would not match.",
  },
  XML_INVISIBLE_CHAR: {
    vi: "Dòng {line} của tệp học bạ có ký tự vô hình U+{codePoint} (khoảng trắng độ rộng 0, gạch nối mềm, ký tự điều khiển hướng chữ…): hai giá trị trông giống hệt nhau mà dữ liệu khác nhau, định dạng học bạ số không cho phép.",
    en: "Line {line} of the học bạ file has an invisible character U+{codePoint} (zero-width space, soft hyphen, bidi control…): two values that look the same would differ in their data; the học bạ số format forbids it.",
  },
  XML_HAS_BOM: {
    vi: "Tệp học bạ bắt đầu bằng dấu BOM; định dạng học bạ số dùng UTF-8 không BOM.",
    en: "The học bạ file starts with a byte order mark; the học bạ số format uses UTF-8 without BOM.",
  },
  XML_SCHEMA_INVALID: {
    vi: "Dòng {line}: không đúng lược đồ học bạ số 1.0: {detail}",
    en: "Line {line}: not valid against the học bạ số 1.0 schema: {detail}",
  },
  XML_SIGNING_ROLES_FOR_EVENT: {
    vi: "Dòng {line}: chữ ký đầu tiên là của {role}, không đúng với SuKien {suKien}: học bạ (NEW, UPDATE) do GVCN ký trước; văn bản hủy (CANCEL) do Thủ trưởng ký trước và không có chữ ký GVCN.",
    en: "Line {line}: the first signature is {role}'s, which does not fit SuKien {suKien}: a record (NEW, UPDATE) is signed by the GVCN first; a cancellation (CANCEL) by the head first, with no GVCN signature.",
  },
  XML_NOT_VALID_DOCUMENT: {
    vi: "Tệp {file} không phải học bạ số 1.0 hợp lệ ({count} lỗi). Lỗi đầu tiên: {first}",
    en: "File {file} is not a valid học bạ số 1.0 document ({count} errors). First error: {first}",
  },
} as const satisfies Record<string, MessageTemplate>;

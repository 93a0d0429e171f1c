import type { MessageTemplate } from "../message-table.ts";

/**
 * `hocba check` and the rules engine. Learner messages take {nguoiHoc} (Học viên / Học sinh, from
 * the profile), {hoTen}, {maHocVien}; subject messages add {mon} (subject name); {truong} is the
 * Vietnamese name of the field, {field} its path in the gradebook. Scores are shown as 7,5.
 */
const who = "{nguoiHoc} {hoTen} ({maHocVien})";
const whoEn = "{hoTen} ({maHocVien})";

export const checkMessages = {
  // The rules profile and the gradebook as a whole
  CHECK_PROFILE_UNKNOWN: {
    vi: "Không có bộ quy tắc «{profile}». Các bộ có sẵn: {known}. Có thể chỉ định tệp bằng --profile-file.",
    en: "There is no rules profile «{profile}». Available: {known}. A file can be given with --profile-file.",
  },
  CHECK_PROFILE_INVALID: {
    vi: "Tệp bộ quy tắc {file} không hợp lệ: {detail}",
    en: "Rules profile file {file} is invalid: {detail}",
  },
  CHECK_PROFILE_MISMATCH: {
    vi: "Sổ điểm ghi bộ quy tắc «{gradebookProfile}» nhưng đang kiểm tra theo «{profile}».",
    en: "The gradebook names rules profile «{gradebookProfile}» but it is checked with «{profile}».",
  },
  CHECK_CAPHOC_MISMATCH: {
    vi: "Cấp học của sổ điểm là {actual} nhưng bộ quy tắc «{profile}» dành cho cấp học {expected}.",
    en: "The gradebook's level is {actual} but rules profile «{profile}» is for level {expected}.",
  },
  CHECK_HEAD_TITLE: {
    vi: "Chức vụ người ký phê duyệt là «{actual}»; theo bộ quy tắc thường là «{expected}».",
    en: "The approving signer's title is «{actual}»; the profile expects «{expected}».",
  },
  CHECK_GRADEBOOK_FIELD_MISSING: {
    vi: "Sổ điểm thiếu {truong} ({field}).",
    en: "The gradebook lacks {field}.",
  },
  CHECK_GRADEBOOK_INVALID_CHAR: {
    vi: "Sổ điểm: {truong} chứa ký tự không được phép trong học bạ số (U+{codePoint}: ký tự điều khiển hoặc ký tự vô hình).",
    en: "Gradebook: {field} contains a character the học bạ số format does not allow (U+{codePoint}: a control or invisible character).",
  },
  CHECK_BAD_DATETIME: {
    vi: "{truong} «{actual}» không phải thời điểm ISO 8601 có múi giờ (ví dụ 2026-05-25T08:00:00+07:00).",
    en: "{field} «{actual}» is not an ISO 8601 date-time with an offset (e.g. 2026-05-25T08:00:00+07:00).",
  },
  CHECK_SUBJECT_DUPLICATE: {
    vi: "Danh sách môn có mã {maMon} hai lần.",
    en: "The subject list contains code {maMon} twice.",
  },
  CHECK_SUBJECT_FORM: {
    vi: "Môn {mon} ({maMon}) được đánh giá {actual}, nhưng theo chương trình là {expected}.",
    en: "Subject {mon} ({maMon}) is assessed {actual}, but the programme says {expected}.",
  },
  CHECK_SUBJECT_NOT_IN_PROGRAMME: {
    vi: "Môn {mon} ({maMon}) không có trong danh mục môn của bộ quy tắc «{profile}».",
    en: "Subject {mon} ({maMon}) is not in the subject list of rules profile «{profile}».",
  },
  CHECK_NO_LEARNERS: {
    vi: "Sổ điểm không có {nguoiHoc} nào.",
    en: "The gradebook has no learners.",
  },

  // One learner: identity
  CHECK_MISSING_FIELD: {
    vi: `${who}: thiếu {truong}.`,
    en: `${whoEn}: {field} is missing.`,
  },
  CHECK_INVALID_CHAR: {
    vi: `${who}: {truong} chứa ký tự không được phép trong học bạ số (U+{codePoint}: ký tự điều khiển hoặc ký tự vô hình). Hãy sửa trên cổng rồi lấy lại sổ điểm.`,
    en: `${whoEn}: {field} contains a character the học bạ số format does not allow (U+{codePoint}: a control or invisible character). Fix it on the portal and fetch the gradebook again.`,
  },
  CHECK_EMPTY_OPTIONAL_FIELD: {
    vi: `${who}: {truong} đang để trống.`,
    en: `${whoEn}: {field} is empty.`,
  },
  CHECK_SO_DINH_DANH: {
    vi: `${who}: số định danh cá nhân «{actual}» phải gồm đúng 12 chữ số.`,
    en: `${whoEn}: personal ID number «{actual}» must be exactly 12 digits.`,
  },
  CHECK_SO_DINH_DANH_PROVINCE: {
    vi: `${who}: số định danh {actual} bắt đầu bằng {maTinh}, không phải mã của tỉnh, thành phố nơi đăng ký khai sinh nào (Thông tư 07/2016/TT-BCA; khai sinh ở nước ngoài thì có thể là mã quốc gia). Kiểm tra lại số định danh.`,
    en: `${whoEn}: personal ID {actual} starts with {maTinh}, which is no province code of birth registration (Circular 07/2016/TT-BCA; for a birth registered abroad it may be a country code). Check the ID number.`,
  },
  CHECK_SO_DINH_DANH_SEX: {
    vi: `${who}: số định danh {actual} có chữ số thứ 4 là {digit}, tức giới tính {gioiTinhSo}, nhưng giới tính ghi là {gioiTinh}. Kiểm tra lại số định danh hoặc giới tính.`,
    en: `${whoEn}: personal ID {actual} has {digit} as its 4th digit, which means sex {gioiTinhSo}, but the record says {gioiTinh}. Check the ID number or the sex.`,
  },
  CHECK_SO_DINH_DANH_YEAR: {
    vi: `${who}: số định danh {actual} có chữ số thứ 4–6 là {digits}, tức năm sinh {namSinhSo}, nhưng ngày sinh là {ngaySinh} (năm {namSinh}). Kiểm tra lại số định danh hoặc ngày sinh.`,
    en: `${whoEn}: personal ID {actual} has {digits} as digits 4–6, which means born in {namSinhSo}, but the date of birth is {ngaySinh} ({namSinh}). Check the ID number or the date of birth.`,
  },
  CHECK_DATE_INVALID: {
    vi: `${who}: {truong} «{actual}» không phải ngày có thật (dạng YYYY-MM-DD).`,
    en: `${whoEn}: {field} «{actual}» is not a real date (YYYY-MM-DD).`,
  },
  CHECK_DATE_FUTURE: {
    vi: `${who}: {truong} {actual} ở trong tương lai.`,
    en: `${whoEn}: {field} {actual} is in the future.`,
  },
  CHECK_AGE_IMPLAUSIBLE: {
    vi: `${who}: {age} tuổi khi vào năm học, khác xa tuổi thường gặp ở khối {khoi} ({expected} tuổi). Kiểm tra lại ngày sinh.`,
    en: `${whoEn}: aged {age} at the start of the year, far from the usual age for grade {khoi} ({expected}). Check the date of birth.`,
  },
  CHECK_DUPLICATE_MA_HOC_VIEN: {
    vi: `${who}: mã {nguoiHocThuong} trùng với {otherName} (dòng {otherRow}).`,
    en: `${whoEn}: learner code duplicates {otherName} (row {otherRow}).`,
  },
  CHECK_DUPLICATE_SO_DINH_DANH: {
    vi: `${who}: số định danh {actual} trùng với {otherName} (dòng {otherRow}).`,
    en: `${whoEn}: personal ID {actual} duplicates {otherName} (row {otherRow}).`,
  },
  CHECK_ABSENCES_INVALID: {
    vi: `${who}: số buổi nghỉ {actual} không hợp lệ.`,
    en: `${whoEn}: number of absences {actual} is invalid.`,
  },

  // One learner: subjects and scores
  CHECK_SUBJECT_UNKNOWN: {
    vi: `${who}: có kết quả môn mã «{maMon}» không có trong danh sách môn của lớp.`,
    en: `${whoEn}: has results for subject code «{maMon}», which is not in the class subject list.`,
  },
  CHECK_SUBJECT_MISSING: {
    vi: `${who}: thiếu kết quả môn {mon}.`,
    en: `${whoEn}: results for subject {mon} are missing.`,
  },
  CHECK_SUBJECT_REPEATED: {
    vi: `${who}: môn {mon} có hai bộ kết quả.`,
    en: `${whoEn}: subject {mon} has two sets of results.`,
  },
  CHECK_SCORE_MISSING: {
    vi: `${who}, môn {mon}: chưa có {truong}.`,
    en: `${whoEn}, {mon}: {field} has not been entered.`,
  },
  CHECK_SCORE_RANGE: {
    vi: `${who}, môn {mon}: {truong} là {actual}, ngoài thang điểm {min}–{max}.`,
    en: `${whoEn}, {mon}: {field} is {actual}, outside the {min}–{max} scale.`,
  },
  CHECK_SCORE_DECIMALS: {
    vi: `${who}, môn {mon}: {truong} là {actual}, có quá {maxDecimals} chữ số thập phân.`,
    en: `${whoEn}, {mon}: {field} is {actual}, which has more than {maxDecimals} decimals.`,
  },
  CHECK_SCORE_KIND: {
    vi: `${who}, môn {mon}: {truong} là «{actual}» nhưng môn này đánh giá bằng {expected}.`,
    en: `${whoEn}, {mon}: {field} is «{actual}» but this subject is assessed by {expected}.`,
  },
  CHECK_TX_COUNT: {
    vi: `${who}, môn {mon}, {hocKy}: có {actual} điểm đánh giá thường xuyên, cần {expected} (môn {soTiet} tiết/năm).`,
    en: `${whoEn}, {mon}, {hocKy}: {actual} regular assessments, {expected} required ({soTiet} periods a year).`,
  },
  CHECK_TX_EXTRA: {
    vi: `${who}, môn {mon}, {hocKy}: có {actual} điểm đánh giá thường xuyên, nhiều hơn số quy định {expected}; điểm trung bình vẫn tính trên tất cả.`,
    en: `${whoEn}, {mon}, {hocKy}: {actual} regular assessments, more than the required {expected}; the average still uses all of them.`,
  },
  CHECK_TBM_MISMATCH: {
    vi: `${who}, môn {mon}: {truong} trên cổng là {actual}, tính lại được {expected} (giá trị chính xác {exact}).`,
    en: `${whoEn}, {mon}: the portal shows {field} = {actual}, recomputed {expected} (exact {exact}).`,
  },
  CHECK_TBM_ROUNDING: {
    vi: `${who}, môn {mon}: {truong} trên cổng là {actual}, nhưng giá trị chính xác {exact} làm tròn đến {decimals} chữ số thập phân phải là {expected} (Thông tư 22/2021/TT-BGDĐT Điều 9).`,
    en: `${whoEn}, {mon}: the portal shows {field} = {actual}, but the exact value {exact} rounded half-up to {decimals} decimal(s) is {expected} (Circular 22/2021/TT-BGDĐT Art. 9).`,
  },
  CHECK_TBM_YEAR_UNROUNDED: {
    vi: `${who}, môn {mon}: {truong} trên cổng là {actual}, tính từ ĐTB học kỳ chưa làm tròn ({hk1Exact} và {hk2Exact}). ĐTB môn cả năm tính từ ĐTB học kỳ đã làm tròn ({hk1} và {hk2}): giá trị chính xác {exact}, làm tròn phải là {expected} (Thông tư 22/2021/TT-BGDĐT Điều 9).`,
    en: `${whoEn}, {mon}: the portal shows {field} = {actual}, computed from the unrounded semester averages ({hk1Exact} and {hk2Exact}). The year average uses the rounded semester averages ({hk1} and {hk2}): exact value {exact}, rounded {expected} (Circular 22/2021/TT-BGDĐT Art. 9).`,
  },
  CHECK_MUC_MISMATCH: {
    vi: `${who}, môn {mon}: {truong} trên cổng là {actual}, theo quy định phải là {expected}.`,
    en: `${whoEn}, {mon}: the portal shows {field} = {actual}; the rules give {expected}.`,
  },
  CHECK_RESULT_KIND: {
    vi: `${who}, môn {mon}: {truong} có giá trị «{actual}» nhưng môn này đánh giá bằng {expected}.`,
    en: `${whoEn}, {mon}: {field} has value «{actual}» but this subject is assessed by {expected}.`,
  },
  CHECK_RETEST_UNEXPECTED: {
    vi: `${who}, môn {mon}: có điểm kiểm tra lại nhưng môn này không thuộc diện kiểm tra lại.`,
    en: `${whoEn}, {mon}: has a re-test result although this subject is not to be re-tested.`,
  },
  CHECK_RETEST_MISSING: {
    vi: `${who}, môn {mon}: thuộc diện kiểm tra lại nhưng chưa có kết quả kiểm tra lại.`,
    en: `${whoEn}, {mon}: must be re-tested but has no re-test result.`,
  },

  // One learner: levels, decisions, awards
  CHECK_HOCTAP_MISMATCH: {
    vi: `${who}: {truong} trên cổng là {actual}, theo quy định phải là {expected}.`,
    en: `${whoEn}: the portal shows {field} = {actual}; the rules give {expected}.`,
  },
  CHECK_RENLUYEN_MISMATCH: {
    vi: `${who}: {truong} trên cổng là {actual}, theo bảng xếp loại phải là {expected}.`,
    en: `${whoEn}: the portal shows {field} = {actual}; the rules table gives {expected}.`,
  },
  CHECK_DECISION_MISMATCH: {
    vi: `${who}: kết quả xét cuối năm trên cổng là «{actual}», tính lại được «{expected}».`,
    en: `${whoEn}: the portal's end-of-year decision is «{actual}», recomputed «{expected}».`,
  },
  CHECK_DECISION_INCONSISTENT: {
    vi: `${who}: kết quả xét «{actual}» không khớp với chính số liệu trên cổng ({reason}); theo đó phải là «{expected}».`,
    en: `${whoEn}: decision «{actual}» contradicts the portal's own data ({reason}); that data gives «{expected}».`,
  },
  CHECK_AFTER_MISMATCH: {
    vi: `${who}: kết quả xét sau kiểm tra lại/rèn luyện hè trên cổng là «{actual}», tính lại được «{expected}».`,
    en: `${whoEn}: the decision after re-test/summer training is «{actual}», recomputed «{expected}».`,
  },
  CHECK_AFTER_PENDING: {
    vi: `${who}: thuộc diện «{actual}» nhưng chưa có kết quả sau kiểm tra lại/rèn luyện hè.`,
    en: `${whoEn}: is in «{actual}» but has no result after re-test/summer training yet.`,
  },
  CHECK_AFTER_UNEXPECTED: {
    vi: `${who}: có {truong} («{actual}») nhưng không thuộc diện kiểm tra lại hay rèn luyện hè.`,
    en: `${whoEn}: has {field} («{actual}») but is neither re-tested nor in summer training.`,
  },
  CHECK_AWARD_MISMATCH: {
    vi: `${who}: danh hiệu trên cổng là «{actual}», theo quy định phải là «{expected}».`,
    en: `${whoEn}: the portal's award is «{actual}»; the rules give «{expected}».`,
  },
} as const satisfies Record<string, MessageTemplate>;

import type { MessageTemplate } from "../message-table.ts";

/** Hand-off packages, the progress table and the submission package (`hocba package|progress|submission`). */
export const handoffMessages = {
  HANDOFF_ZIP_UNREADABLE: {
    vi: "Gói {file} không phải tệp ZIP đọc được: {detail}",
    en: "Package {file} is not a readable ZIP file: {detail}",
  },
  HANDOFF_ZIP_UNSAFE_NAME: {
    vi: "Gói {file} chứa mục có tên không an toàn «{name}» (thư mục, đường dẫn tuyệt đối hoặc «..»): gói bị từ chối.",
    en: "Package {file} holds an entry with an unsafe name «{name}» (folder, absolute path or «..»): package refused.",
  },
  HANDOFF_ZIP_DUPLICATE: {
    vi: "Gói {file} chứa hai mục cùng tên «{name}»: gói bị từ chối.",
    en: "Package {file} holds two entries named «{name}»: package refused.",
  },
  HANDOFF_ZIP_TOO_LARGE: {
    vi: "Gói {file} quá lớn ({detail}): gói bị từ chối.",
    en: "Package {file} is too large ({detail}): package refused.",
  },
  HANDOFF_ZIP_TOO_MANY: {
    vi: "Gói {file} có quá nhiều mục ({count}, tối đa {max}): gói bị từ chối.",
    en: "Package {file} has too many entries ({count}, at most {max}): package refused.",
  },
  HANDOFF_MANIFEST_MISSING: {
    vi: "Gói {file} không có manifest.json: không phải gói bàn giao học bạ.",
    en: "Package {file} has no manifest.json: not a học bạ hand-off package.",
  },
  HANDOFF_MANIFEST_INVALID: {
    vi: "manifest.json của gói {file} không hợp lệ: {detail}",
    en: "manifest.json of package {file} is invalid: {detail}",
  },
  HANDOFF_FILE_MISSING: {
    vi: "Tệp {name} ghi trong manifest.json nhưng không có trong gói.",
    en: "File {name} is listed in manifest.json but missing from the package.",
  },
  HANDOFF_FILE_EXTRA: {
    vi: "Tệp {name} có trong gói nhưng không ghi trong manifest.json.",
    en: "File {name} is in the package but not listed in manifest.json.",
  },
  HANDOFF_SHA256_MISMATCH: {
    vi: "Tệp {name}: mã SHA-256 không khớp với {where} (tệp đã bị thay đổi sau khi đóng gói).",
    en: "File {name}: SHA-256 does not match {where} (the file was changed after packaging).",
  },
  HANDOFF_SUMS_MISSING: {
    vi: "Gói {file} không có SHA256SUMS hoặc SHA256SUMS không ghi tệp {name}.",
    en: "Package {file} has no SHA256SUMS, or SHA256SUMS does not list {name}.",
  },
  HANDOFF_MANIFEST_MISMATCH: {
    vi: "Tệp {name}: manifest.json ghi {field} «{expected}», tệp ghi «{actual}».",
    en: "File {name}: manifest.json says {field} «{expected}», the file says «{actual}».",
  },
  HANDOFF_DOCUMENT_UNREADABLE: {
    vi: "Tệp {name} không đọc được như học bạ số: {detail}",
    en: "File {name} cannot be read as a học bạ số: {detail}",
  },
  HANDOFF_MIXED_CLASSES: {
    vi: "Các tệp không cùng một lớp, năm học và đơn vị ({name}: {detail}); mỗi gói chỉ chứa một lớp.",
    en: "The files are not all of one class, year and institution ({name}: {detail}); a package holds one class.",
  },
  HANDOFF_DUPLICATE_FILE: {
    vi: "Tệp {name} có hai lần trong gói.",
    en: "File {name} appears twice in the package.",
  },
  HANDOFF_NOT_SIGNED_FOR_STEP: {
    vi: "Tệp {name} chưa có chữ ký {role} nên không thuộc bước «{buoc}».",
    en: "File {name} has no {role} signature, so it does not belong to step «{buoc}».",
  },
  HANDOFF_DOCUMENT_INVALID: {
    vi: "Tệp {name} ({hoTen}, {maHocVien}) bị từ chối: {detail}",
    en: "File {name} ({hoTen}, {maHocVien}) refused: {detail}",
  },
  HANDOFF_DOCUMENT_NOT_TRUSTED: {
    vi: "chữ ký không hợp lệ hoặc không tin cậy",
    en: "signature not valid or not trusted",
  },
  HANDOFF_NO_FILES: {
    vi: "Chưa có tệp học bạ nào để đóng gói.",
    en: "No học bạ file to package.",
  },
  PROGRESS_BAD_DATE: {
    vi: "Ngày «{value}» không hợp lệ ({field}); dùng dạng YYYY-MM-DD, ví dụ 2026-06-25.",
    en: "Date «{value}» is not valid ({field}); use YYYY-MM-DD, e.g. 2026-06-25.",
  },
  PROGRESS_BAD_PHASES: {
    vi: "Kế hoạch «{value}» không hợp lệ; dùng dạng gvcn=14,thu-truong=7,dong-dau=3,nop=1 (số ngày trước hạn nộp, 0 đến 365).",
    en: "Plan «{value}» is not valid; use gvcn=14,thu-truong=7,dong-dau=3,nop=1 (days before the hand-in date, 0 to 365).",
  },
  PROGRESS_PHASES_ORDER: {
    vi: "Kế hoạch không hợp lý: bước «{second}» ({secondDays} ngày trước hạn) không thể đến trước bước «{first}» ({firstDays} ngày trước hạn).",
    en: "The plan is not consistent: step «{second}» ({secondDays} days before the deadline) cannot come before step «{first}» ({firstDays} days before).",
  },
  SUBMISSION_NOTHING: {
    vi: "Không có học bạ nào đủ điều kiện cho đợt {dot} năm học {namHoc}.",
    en: "No record qualifies for wave {dot} of school year {namHoc}.",
  },
  SUBMISSION_WAVE1_MISSING: {
    vi: "Chưa có gói nộp đợt 1 năm học {namHoc} trong kho: đợt 2 chỉ gồm những gì mới hoặc thay đổi sau đợt 1, hãy tạo đợt 1 trước.",
    en: "No wave 1 submission for school year {namHoc} in the archive: wave 2 holds only what is new or changed since wave 1, make wave 1 first.",
  },
  SUBMISSION_MISSING_ROLES: {
    vi: "Chưa ký đủ: thiếu {roles} (phiên bản {phienBan}).",
    en: "Not fully signed: {roles} missing (version {phienBan}).",
  },
  SUBMISSION_NEWER_UNSIGNED: {
    vi: "Phiên bản {phienBan} mới hơn chưa ký đủ (thiếu {roles}); phiên bản cũ không được nộp thay.",
    en: "The newer version {phienBan} is not fully signed ({roles} missing); the older version is not submitted instead.",
  },
  SUBMISSION_INVALID: {
    vi: "Chữ ký không hợp lệ (phiên bản {phienBan}): {detail}",
    en: "Signature not valid (version {phienBan}): {detail}",
  },
  SUBMISSION_CANCELLED: {
    vi: "Bản ghi đã bị hủy (phiên bản {phienBan}, SuKien CANCEL) và chưa từng được nộp: không có gì cần hủy trên cơ sở dữ liệu.",
    en: "The record was cancelled (version {phienBan}, SuKien CANCEL) and was never handed in: nothing to withdraw from the database.",
  },
  SUBMISSION_UNCHANGED: {
    vi: "Đã nộp ở đợt 1, không thay đổi từ đó.",
    en: "Submitted in wave 1, unchanged since.",
  },
  SUBMISSION_OUT_NOT_EMPTY: {
    vi: "Thư mục {dir} đã có tệp: hãy chọn một thư mục mới hoặc trống cho gói nộp.",
    en: "Folder {dir} is not empty: choose a new or empty folder for the submission package.",
  },
} as const satisfies Record<string, MessageTemplate>;

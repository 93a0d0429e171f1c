import type { MessageTemplate } from "../message-table.ts";

/**
 * Versions of a record (docs/format-hocbaso.md, "Versions"): a signed học bạ is never changed; a
 * correction, a re-test result or a cancellation is a later version of the same IdBanGhi.
 * Per learner: {hoTen} ({maHocVien}).
 */
export const versionMessages = {
  VERSION_BAD_ID_BAN_GHI: {
    vi: "Học viên «{hoTen}» ({maHocVien}): mã bản ghi (IdBanGhi) «{value}» không phải UUID.",
    en: "Learner «{hoTen}» ({maHocVien}): record id (IdBanGhi) «{value}» is not a UUID.",
  },
  VERSION_BAD_PHIEN_BAN: {
    vi: "Học viên «{hoTen}» ({maHocVien}): phiên bản bản ghi «{value}» phải là số nguyên từ 1.",
    en: "Learner «{hoTen}» ({maHocVien}): record version «{value}» must be a whole number from 1.",
  },
  VERSION_BAD_THAY_THE: {
    vi: "Học viên «{hoTen}» ({maHocVien}): phiên bản {phienBan} ({suKien}) không thể thay thế phiên bản {phienBanTruoc}; bản thay thế phải là UPDATE hoặc CANCEL và có số phiên bản cao hơn.",
    en: "Learner «{hoTen}» ({maHocVien}): version {phienBan} ({suKien}) cannot replace version {phienBanTruoc}; a replacement is UPDATE or CANCEL with a higher version number.",
  },
  VERSION_BAD_SHA256: {
    vi: "Học viên «{hoTen}» ({maHocVien}): SHA-256 của bản bị thay thế «{value}» phải gồm 64 chữ số hệ 16 viết thường.",
    en: "Learner «{hoTen}» ({maHocVien}): SHA-256 of the replaced version «{value}» must be 64 lowercase hexadecimal digits.",
  },
  VERSION_REASON_REQUIRED: {
    vi: "Học viên «{hoTen}» ({maHocVien}): học bạ đã ký (phiên bản {phienBan}) nay có {count} chỗ thay đổi ({first}); phải ghi lý do sửa (--ly-do) để lập phiên bản {next}. Bản đã ký không bị sửa.",
    en: "Learner «{hoTen}» ({maHocVien}): the signed record (version {phienBan}) now has {count} change(s) ({first}); a reason (--ly-do) is required to make version {next}. The signed record is not modified.",
  },
  VERSION_RECORD_CANCELLED: {
    vi: "Học viên «{hoTen}» ({maHocVien}): bản ghi {idBanGhi} đã bị hủy (phiên bản {phienBan}, SuKien CANCEL); không lập phiên bản mới cho bản ghi đã hủy.",
    en: "Learner «{hoTen}» ({maHocVien}): record {idBanGhi} was cancelled (version {phienBan}, SuKien CANCEL); no new version is made of a cancelled record.",
  },
  VERSION_ARCHIVED_UNREADABLE: {
    vi: "Học viên «{hoTen}» ({maHocVien}): bản đã ký trong kho (#{id}, {file}) không đọc được ({detail}); không so sánh được, nên không lập tệp mới.",
    en: "Learner «{hoTen}» ({maHocVien}): the signed copy in the archive (#{id}, {file}) cannot be read ({detail}); nothing to compare with, so no file is made.",
  },
  VERSION_UNSIGNED_MISMATCH: {
    vi: "bản chưa ký suy ra từ tài liệu #{id} (bỏ các chữ ký trong DSCKS) không khớp SHA-256 của bản mà GVCN đã ký",
    en: "the unsigned form derived from document #{id} (DSCKS emptied) does not match the SHA-256 of what the GVCN signed",
  },
  VERSION_CHAIN_NO_THAY_THE: {
    vi: "Chuỗi phiên bản: tài liệu (phiên bản {phienBan}) không ghi phiên bản nào nó thay thế (thiếu TTChung/ThayThe).",
    en: "Version chain: the document (version {phienBan}) names no version it replaces (TTChung/ThayThe missing).",
  },
  VERSION_CHAIN_PREVIOUS_UNREADABLE: {
    vi: "Chuỗi phiên bản: không đọc được bản trước ({source}): {detail}",
    en: "Version chain: the earlier version ({source}) cannot be read: {detail}",
  },
  VERSION_CHAIN_PREVIOUS_MISSING: {
    vi: "Chuỗi phiên bản: kho lưu {source} không có phiên bản {phienBanTruoc} của bản ghi {idBanGhi}.",
    en: "Version chain: archive {source} has no version {phienBanTruoc} of record {idBanGhi}.",
  },
  VERSION_CHAIN_OTHER_RECORD: {
    vi: "Chuỗi phiên bản đứt: bản trước ({source}) là bản ghi {actual}, không phải {expected}.",
    en: "Version chain broken: the earlier version ({source}) is record {actual}, not {expected}.",
  },
  VERSION_CHAIN_NOT_NEXT: {
    vi: "Chuỗi phiên bản đứt: phiên bản {phienBan} ghi thay thế phiên bản {phienBanTruoc}, nhưng bản trước ({source}) là phiên bản {actual}; phiên bản mới phải cao hơn đúng 1.",
    en: "Version chain broken: version {phienBan} says it replaces version {phienBanTruoc}, but the earlier version ({source}) is version {actual}; a new version is exactly one higher.",
  },
  VERSION_CHAIN_HASH_MISMATCH: {
    vi: "Chuỗi phiên bản đứt: SHA-256 của bản bị thay thế ghi trong tài liệu là {expected}, bản trước ({source}) có SHA-256 {actual} (bản chưa ký): đó không phải bản đã bị thay thế.",
    en: "Version chain broken: the document gives the replaced version's SHA-256 as {expected}; the earlier version ({source}) has {actual} (unsigned form): it is not the version replaced.",
  },
  VERSION_CHAIN_CHANGES_MISMATCH: {
    vi: "Chuỗi phiên bản: danh sách sửa đổi ghi {said} chỗ, nhưng so với bản trước thực tế có {real} chỗ khác; danh sách không đúng.",
    en: "Version chain: the list of changes gives {said}, but {real} fields actually differ from the earlier version; the list is wrong.",
  },
  VERSION_CANCEL_REASON: {
    vi: "Học viên «{hoTen}» ({maHocVien}): hủy bản ghi cần lý do (--ly-do), là văn bản thường (không ký tự vô hình).",
    en: "Learner «{hoTen}» ({maHocVien}): cancelling a record needs a reason (--ly-do), plain text (no invisible characters).",
  },
  VERSION_CANCEL_NOT_BUILT_HERE: {
    vi: "Học viên «{hoTen}» ({maHocVien}): phiên bản {phienBan} không do hocba lập (phần bản ghi của TTChung khác mẫu), nên không lập được văn bản hủy từ nó.",
    en: "Learner «{hoTen}» ({maHocVien}): version {phienBan} was not built by hocba (the record part of TTChung differs), so no cancellation can be made from it.",
  },
  VERSION_SIGNED_FILE_EXISTS: {
    vi: "Không ghi đè {file}: tệp đó đã có chữ ký số (học bạ đã ký không bao giờ bị ghi đè). Chọn thư mục --out khác.",
    en: "Not writing over {file}: it already carries a digital signature (a signed record is never overwritten). Choose another --out folder.",
  },
  VERSION_CANCEL_NOTHING_SIGNED: {
    vi: "Học viên mã {maHocVien}, năm học {namHoc}: kho lưu {archive} không có học bạ đã ký nào để hủy.",
    en: "Learner {maHocVien}, school year {namHoc}: archive {archive} holds no signed record to cancel.",
  },
  VERSION_MOVE_BAD_DATE: {
    vi: "Học viên «{hoTen}» ({maHocVien}): {field} «{value}» không phải ngày hợp lệ (YYYY-MM-DD).",
    en: "Learner «{hoTen}» ({maHocVien}): {field} «{value}» is not a valid date (YYYY-MM-DD).",
  },
  VERSION_MOVE_NO_DESTINATION: {
    vi: "Học viên «{hoTen}» ({maHocVien}) chuyển đi: thiếu nơi chuyển đến (roiTruong.truongChuyenDen).",
    en: "Learner «{hoTen}» ({maHocVien}) transferred out: the destination (roiTruong.truongChuyenDen) is missing.",
  },
  // The extension: the preview of a later version, a learner who left or arrived, the review page.
  EXT_UI_VERSION_REPLACES: {
    vi: "Phiên bản {phienBan} (bản sửa) thay thế phiên bản {phienBanTruoc}. Lý do: {lyDo}. Trong bảng này có sửa chữa ở {count} chỗ:",
    en: "Version {phienBan} (correction) replaces version {phienBanTruoc}. Reason: {lyDo}. This record has {count} correction(s):",
  },
  EXT_UI_VERSION_CANCELS: {
    vi: "VĂN BẢN HỦY học bạ phiên bản {phienBanTruoc}. Lý do: {lyDo}.",
    en: "CANCELLATION of record version {phienBanTruoc}. Reason: {lyDo}.",
  },
  EXT_UI_VERSION_EMPTY: { vi: "(trống)", en: "(empty)" },
  EXT_UI_QUA_TRINH: { vi: "Quá trình học tập", en: "Learning history" },
  EXT_UI_QUA_TRINH_NAM_HOC: { vi: "Năm học", en: "School year" },
  EXT_UI_QUA_TRINH_LOP: { vi: "Lớp", en: "Class" },
  EXT_UI_QUA_TRINH_TRUONG: { vi: "Trường", en: "School" },
  EXT_UI_QUA_TRINH_NGAY: { vi: "Ngày nhập học / chuyển đến", en: "Enrolled / arrived" },
  EXT_UI_CHUYEN_DEN: {
    vi: "Chuyển đến ngày {ngay} từ {truongCu}",
    en: "Arrived on {ngay} from {truongCu}",
  },
  EXT_UI_CHUYEN_DI: {
    vi: "Chuyển đi ngày {ngay} đến {truongChuyenDen}; học bạ ghi {hocKy} học kỳ đã hoàn thành",
    en: "Transferred out on {ngay} to {truongChuyenDen}; the record holds {hocKy} completed semester(s)",
  },
  EXT_UI_THOI_HOC: {
    vi: "Thôi học ngày {ngay}; học bạ ghi {hocKy} học kỳ đã hoàn thành",
    en: "Left school on {ngay}; the record holds {hocKy} completed semester(s)",
  },
  EXT_UI_ROW_CHANGED: {
    vi: "Đã thay đổi so với bản đã ký (phiên bản {phienBan})",
    en: "Changed since the signed record (version {phienBan})",
  },
  EXT_UI_ROW_CHANGES: { vi: "{count} chỗ thay đổi", en: "{count} change(s)" },
  EXT_UI_ROW_CHANGE_OLD: { vi: "Bản đã ký", en: "Signed" },
  EXT_UI_ROW_CHANGE_NEW: { vi: "Dữ liệu mới", en: "New data" },
  EXT_UI_ROW_VERSION: { vi: "Phiên bản {phienBan}", en: "Version {phienBan}" },
  EXT_UI_ROW_CANCELLED: { vi: "Đã hủy (phiên bản {phienBan})", en: "Cancelled (version {phienBan})" },
  EXT_UI_CANCEL_RECORD: { vi: "Hủy bản ghi…", en: "Cancel record…" },
  EXT_UI_CANCEL_TITLE: {
    vi: "Hủy bản ghi học bạ của {hoTen} ({maHocVien})",
    en: "Cancel the record of {hoTen} ({maHocVien})",
  },
  EXT_UI_CANCEL_HELP: {
    vi: "Dùng khi học bạ đã ký được lập nhầm. Văn bản hủy là phiên bản mới của cùng bản ghi, do Thủ trưởng ký một mình (giáo viên chủ nhiệm không ký); bản đã ký vẫn được giữ nguyên.",
    en: "For a signed record issued in error. The cancellation is a new version of the same record, signed by the head alone (never the homeroom teacher); the signed version is kept as it is.",
  },
  EXT_UI_CANCEL_REASON_LABEL: { vi: "Lý do hủy (bắt buộc)", en: "Reason for cancelling (required)" },
  EXT_UI_CANCEL_PREPARE: { vi: "Lập văn bản hủy", en: "Prepare the cancellation" },
  EXT_UI_CANCEL_DISCARD: { vi: "Bỏ, không hủy", en: "Discard, do not cancel" },
  EXT_UI_CANCEL_PREVIEW: {
    vi: "Hủy bản ghi: {hoTen} ({maHocVien}), phiên bản {phienBanTruoc} của bản ghi {idBanGhi}. Lý do: {lyDo}",
    en: "Cancel record: {hoTen} ({maHocVien}), version {phienBanTruoc} of record {idBanGhi}. Reason: {lyDo}",
  },
  EXT_UI_CANCEL_SIGN_HINT: {
    vi: "Văn bản hủy (phiên bản {phienBan}, {fileName}) là tài liệu duy nhất sẽ được ký: chọn chứng thư số của Thủ trưởng, nhập mã PIN ở khung ký và bấm Ký.",
    en: "The cancellation (version {phienBan}, {fileName}) is the only document to be signed: choose the head's certificate, type the PIN in the signing panel and press Sign.",
  },
  EXT_UI_ARCHIVE_VERSIONS_UNAVAILABLE: {
    vi: "Không hỏi được kho lưu của trình ký về các phiên bản đã ký ({detail}); phiên bản được tính theo bản đã ký lưu trong trình duyệt này. Nếu lớp đã ký trên máy khác, hãy mở lại trang khi trình ký sẵn sàng.",
    en: "The signing helper's archive could not be asked for the signed versions ({detail}); versions are counted from the records signed in this browser. If the class was signed on another PC, open this page again once the helper is available.",
  },
  EXT_UI_REASON_TITLE: { vi: "Học bạ đã ký có thay đổi", en: "Signed records have changed" },
  EXT_UI_REASON_HELP: {
    vi: "{count} học bạ đã ký nay có dữ liệu khác (sửa điểm, nhận xét, kiểm tra lại, rèn luyện hè…). Bản đã ký được giữ nguyên; nhập lý do sửa một lần cho cả đợt để lập phiên bản mới, rồi ký lại theo thứ tự GVCN → Thủ trưởng → Đơn vị.",
    en: "{count} signed record(s) now have other data (a corrected score or comment, a re-test, summer training…). The signed records are kept as they are; type the reason once for the batch to make the new versions, then sign again in order GVCN → head → seal.",
  },
  EXT_UI_REASON_LABEL: { vi: "Lý do sửa", en: "Reason for the correction" },
  EXT_UI_REASON_APPLY: { vi: "Lập phiên bản mới", en: "Make the new versions" },
  EXT_UI_REASON_APPLIED: {
    vi: "Phiên bản mới của {count} học bạ, lý do: {lyDo}",
    en: "New versions of {count} record(s), reason: {lyDo}",
  },
  EXT_UI_POPUP_VERSIONS: { vi: "{count} phiên bản sửa", en: "{count} corrected version(s)" },
} as const satisfies Record<string, MessageTemplate>;

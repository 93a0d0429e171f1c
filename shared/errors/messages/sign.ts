import type { MessageTemplate } from "../message-table.ts";

/** Signing học bạ documents by role. */
export const signMessages = {
  // The roles as reports and messages name them (native-host/xmldsig/role-label.ts).
  SIGN_ROLE_GVCN: { vi: "Giáo viên chủ nhiệm", en: "Homeroom teacher" },
  SIGN_ROLE_THU_TRUONG: { vi: "Thủ trưởng (Giám đốc/Hiệu trưởng)", en: "Head (Director/Principal)" },
  SIGN_ROLE_DON_VI: { vi: "Đơn vị (con dấu)", en: "Institution (seal)" },
  SIGN_UNKNOWN_ROLE: {
    vi: "Vai trò ký «{role}» không hợp lệ: chọn gvcn (giáo viên chủ nhiệm), thu-truong (Giám đốc/Hiệu trưởng) hoặc don-vi (con dấu đơn vị).",
    en: "Unknown signing role «{role}»: choose gvcn (homeroom teacher), thu-truong (head) or don-vi (institution seal).",
  },
  SIGN_INVALID_DOCUMENT: {
    vi: "Tệp không phải học bạ số hợp lệ nên không được ký: {detail}",
    en: "The file is not a valid học bạ số document, so it is not signed: {detail}",
  },
  SIGN_ROLE_ALREADY_SIGNED: {
    vi: "Học bạ này đã có chữ ký của {role}; mỗi vai trò chỉ ký một lần. Muốn sửa học bạ đã ký, hãy lập bản mới (SuKien UPDATE).",
    en: "This record is already signed by {role}; each role signs once. To correct a signed record, issue a new version (SuKien UPDATE).",
  },
  SIGN_OUT_OF_ORDER_MISSING: {
    vi: "Chưa thể ký với vai trò {role}: học bạ chưa có chữ ký của {missing}. Thứ tự ký: Giáo viên chủ nhiệm → Thủ trưởng → Đơn vị.",
    en: "Cannot sign as {role} yet: the record lacks the signature of {missing}. Order: homeroom teacher → head → institution.",
  },
  SIGN_OUT_OF_ORDER_LATER: {
    vi: "Không thể ký với vai trò {role}: học bạ đã có chữ ký của {later}, người ký sau. Thứ tự ký: Giáo viên chủ nhiệm → Thủ trưởng → Đơn vị.",
    en: "Cannot sign as {role}: the record already carries the signature of {later}, who signs later. Order: homeroom teacher → head → institution.",
  },
  SIGN_CANCEL_ROLE_ORDER: {
    vi: "Không thể ký văn bản hủy học bạ (SuKien CANCEL) với vai trò {role} (đã có chữ ký: {found}): văn bản hủy do Thủ trưởng ký, sau đó Đơn vị có thể đóng dấu; giáo viên chủ nhiệm không ký văn bản hủy.",
    en: "Cannot sign the cancellation (SuKien CANCEL) as {role} (signed so far: {found}): the head signs a cancellation, then the institution may seal it; the homeroom teacher does not sign it.",
  },
  SIGN_EARLIER_SIGNATURE_INVALID: {
    vi: "Chữ ký có sẵn của {role} không hợp lệ, nên không ký tiếp: {detail}",
    en: "The existing signature of {role} is not valid, so the record is not signed further: {detail}",
  },
  SIGN_TIME_CONTRADICTS_DOCUMENT: {
    vi: "Không ký: thời điểm ký sẽ mâu thuẫn với học bạ. {detail} Kiểm tra ngày giờ trên máy.",
    en: "Not signed: the signing time would contradict the record. {detail} Check the computer's date and time.",
  },
  SIGN_CERT_INVALID_AT_TIME: {
    vi: "Chứng thư số của {name} không có hiệu lực tại thời điểm ký {time}.",
    en: "The certificate of {name} is not valid at the signing time {time}.",
  },
  SIGN_BATCH_STOPPED: {
    vi: "Chưa ký: việc ký đã dừng vì lỗi token ở tệp trước ({reason}).",
    en: "Not signed: signing stopped because of a token error on an earlier file ({reason}).",
  },
  SIGN_CANCELLED: {
    vi: "Chưa ký: người dùng đã huỷ việc ký.",
    en: "Not signed: signing was cancelled.",
  },
  SIGN_PIN_SOURCE: {
    vi: "Hãy cho mã PIN bằng đúng một trong hai cách: --pin-stdin (đọc một dòng từ đầu vào) hoặc --pin-env TÊN_BIẾN. Không bao giờ ghi PIN trên dòng lệnh.",
    en: "Give the PIN in exactly one way: --pin-stdin (one line on standard input) or --pin-env NAME. Never put a PIN on the command line.",
  },
  SIGN_PIN_ENV_EMPTY: {
    vi: "Biến môi trường {name} không có mã PIN.",
    en: "Environment variable {name} holds no PIN.",
  },
  SIGN_PIN_STDIN_EMPTY: {
    vi: "Không đọc được mã PIN từ đầu vào chuẩn (stdin).",
    en: "No PIN could be read from standard input.",
  },
  SIGN_NO_MODULE_HAS_TOKEN: {
    vi: "Không thư viện PKCS#11 nào trên máy thấy token «{label}». Đã thử: {modules}.",
    en: "No PKCS#11 library on this computer sees token «{label}». Tried: {modules}.",
  },
  SIGN_DUPLICATE_OUTPUT: {
    vi: "Hai tệp cùng tên {name} sẽ ghi đè lên nhau trong thư mục kết quả.",
    en: "Two input files named {name} would overwrite each other in the output folder.",
  },
  SIGN_OUT_IS_INPUT: {
    vi: "Thư mục kết quả {dir} trùng thư mục chứa tệp gốc {file}: hãy chọn thư mục khác để không ghi đè bản chưa ký.",
    en: "The output folder {dir} holds the original file {file}: choose another folder so the unsigned copy is not overwritten.",
  },
  SIGN_SUMMARY: {
    vi: "Đã ký {ok}/{total} tệp với vai trò {role} ({signer}).",
    en: "Signed {ok}/{total} files as {role} ({signer}).",
  },
  SIGN_FROM_ARCHIVE: {
    vi: "đã ký trước đó, lấy từ kho",
    en: "signed before, taken from the archive",
  },
  SIGN_RESUME_OTHER_CERTIFICATE: {
    vi: "Bản đã ký trong kho được ký bằng chứng thư số khác ({archived}), không phải chứng thư đang chọn ({chosen}), nên học bạ được ký lại bằng chứng thư đang chọn.",
    en: "The archived copy was signed with another certificate ({archived}), not the one chosen ({chosen}), so the record was signed again with the chosen certificate.",
  },
  SIGN_RESUME_NOT_VALID: {
    vi: "Bản đã ký trong kho không còn hợp lệ với các chứng thư gốc tin cậy hiện nay ({detail}), nên học bạ được ký lại.",
    en: "The archived copy no longer verifies under the current trusted roots ({detail}), so the record was signed again.",
  },
  SIGN_RESIGNED: {
    vi: "ký lại: {reason}",
    en: "signed again: {reason}",
  },
  SIGN_SUMMARY_RESIGNED: {
    vi: "Trong đó {count} tệp có bản trong kho nhưng không dùng được, nên đã được ký lại (xem lý do ở từng tệp).",
    en: "Of these, {count} had an archived copy that could not be used, so they were signed again (see the reason for each file).",
  },
  SIGN_SUMMARY_ARCHIVE: {
    vi: "Trong đó {resumed} tệp đã ký trước đó, lấy từ kho (không ký lại). Kho lưu: {archive}",
    en: "Of these, {resumed} were signed before and taken from the archive (not signed again). Archive: {archive}",
  },
} as const satisfies Record<string, MessageTemplate>;

import type { MessageTemplate } from "../message-table.ts";

/** USB token (PKCS#11): modules, tokens, PIN, certificates on the token. */
export const tokenMessages = {
  TOKEN_MODULE_NOT_FOUND: {
    vi: "Không tìm thấy thư viện PKCS#11 của USB token nào trên máy này. Hãy cài phần mềm (driver) của nhà cung cấp chữ ký số, hoặc chỉ rõ đường dẫn bằng --module.",
    en: "No USB token PKCS#11 library was found on this computer. Install your CA's token driver, or give its path with --module.",
  },
  TOKEN_MODULE_LOAD_FAILED: {
    vi: "Không nạp được thư viện PKCS#11 «{module}»: {detail}. Kiểm tra đường dẫn và bản 64-bit của driver token.",
    en: "Cannot load the PKCS#11 library «{module}»: {detail}. Check the path and that the token driver is 64-bit.",
  },
  TOKEN_NONE_PRESENT: {
    vi: "Chưa thấy USB token nào được cắm vào máy (thư viện {module}).",
    en: "No USB token is plugged in (library {module}).",
  },
  TOKEN_NOT_FOUND: {
    vi: "Không thấy USB token có nhãn «{label}». Các token đang cắm: {available}.",
    en: "No USB token labelled «{label}». Tokens plugged in: {available}.",
  },
  TOKEN_PIN_REQUIRED: {
    vi: "Cần mã PIN của token «{label}» (dùng --pin-stdin hoặc --pin-env TÊN_BIẾN).",
    en: "The PIN of token «{label}» is needed (use --pin-stdin or --pin-env NAME).",
  },
  TOKEN_PIN_INCORRECT: {
    vi: "Mã PIN của token «{label}» không đúng. Trình ký không tự thử lại: hãy kiểm tra mã PIN rồi nhập lại; nhập sai nhiều lần sẽ khoá token.",
    en: "Wrong PIN for token «{label}». The signer never retries by itself: check the PIN and enter it again; too many wrong PINs lock the token.",
  },
  TOKEN_PIN_INCORRECT_COUNT_LOW: {
    vi: "Mã PIN của token «{label}» không đúng, và token báo số lần thử còn lại đã ít. Trình ký không tự thử lại: hãy chắc chắn mã PIN trước khi nhập lại.",
    en: "Wrong PIN for token «{label}», and the token reports few tries left. The signer never retries by itself: be sure of the PIN before trying again.",
  },
  TOKEN_PIN_INCORRECT_FINAL_TRY: {
    vi: "Mã PIN của token «{label}» không đúng. CHỈ CÒN MỘT LẦN THỬ: nhập sai lần nữa token sẽ bị khoá. Nếu không chắc mã PIN, hãy liên hệ nhà cung cấp chữ ký số.",
    en: "Wrong PIN for token «{label}». ONE TRY LEFT: one more wrong PIN locks the token. If unsure of the PIN, contact your CA.",
  },
  TOKEN_PIN_LOCKED: {
    vi: "Token «{label}» đã bị khoá mã PIN (nhập sai quá số lần cho phép). Hãy liên hệ nhà cung cấp chữ ký số để mở khoá.",
    en: "Token «{label}» is PIN-locked (too many wrong PINs). Contact your CA to unlock it.",
  },
  TOKEN_PIN_EXPIRED: {
    vi: "Mã PIN của token «{label}» đã hết hạn hoặc phải đổi trước khi dùng. Hãy đổi PIN bằng phần mềm của nhà cung cấp chữ ký số.",
    en: "The PIN of token «{label}» has expired or must be changed first. Change it with your CA's token software.",
  },
  TOKEN_PIN_LENGTH: {
    vi: "Mã PIN của token «{label}» phải dài từ {min} đến {max} ký tự.",
    en: "The PIN of token «{label}» must be {min} to {max} characters long.",
  },
  TOKEN_LOGIN_CANCELLED: {
    vi: "Đã huỷ nhập mã PIN trên token «{label}».",
    en: "PIN entry on token «{label}» was cancelled.",
  },
  TOKEN_NOT_LOGGED_IN: {
    vi: "Chưa đăng nhập token «{label}» (phiên đăng nhập đã hết). Hãy nhập lại mã PIN.",
    en: "Not logged in to token «{label}» (the login session ended). Enter the PIN again.",
  },
  TOKEN_REMOVED: {
    vi: "USB token «{label}» đã bị rút ra hoặc mất kết nối khi đang {operation}. Các tệp đã ký trước đó vẫn giữ nguyên; hãy cắm lại token rồi ký tiếp các tệp còn lại.",
    en: "USB token «{label}» was removed or disconnected while {operation}. Files signed before are kept; plug the token back in and sign the remaining files.",
  },
  TOKEN_SESSION_CLOSED: {
    vi: "Phiên làm việc với token «{label}» đã đóng.",
    en: "The session with token «{label}» is closed.",
  },
  TOKEN_CERT_NOT_FOUND: {
    vi: "Không thấy chứng thư số «{cert}» trên token «{label}». Các chứng thư số trên token: {available}.",
    en: "Certificate «{cert}» is not on token «{label}». Certificates on the token: {available}.",
  },
  TOKEN_CERT_AMBIGUOUS: {
    vi: "Token «{label}» có nhiều chứng thư số dùng để ký được ({available}); hãy chọn một bằng --cert NHÃN hoặc --cert ID.",
    en: "Token «{label}» holds several signing certificates ({available}); choose one with --cert LABEL or --cert ID.",
  },
  TOKEN_NO_SIGNING_CERT: {
    vi: "Token «{label}» không có chứng thư số nào còn hiệu lực và có khoá bí mật để ký.",
    en: "Token «{label}» has no valid certificate with a private key to sign with.",
  },
  TOKEN_KEY_NOT_FOUND: {
    vi: "Token «{label}» không có khoá bí mật đi kèm chứng thư số «{cert}».",
    en: "Token «{label}» has no private key for certificate «{cert}».",
  },
  TOKEN_BAD_CERT_ID: {
    vi: "ID chứng thư số «{cert}» không hợp lệ: phải là số hệ 16 (ví dụ 01 hoặc a1b2).",
    en: "Certificate ID «{cert}» is invalid: it must be hexadecimal (e.g. 01 or a1b2).",
  },
  TOKEN_CERT_UNREADABLE: {
    vi: "Không đọc được chứng thư số «{cert}» trên token «{label}»: {detail}",
    en: "Cannot read certificate «{cert}» on token «{label}»: {detail}",
  },
  TOKEN_CERT_EXPIRED: {
    vi: "Chứng thư số của {name} (số hiệu {serial}) đã hết hạn ngày {notAfter}: không được dùng để ký. Hãy gia hạn với nhà cung cấp chữ ký số.",
    en: "The certificate of {name} (serial {serial}) expired on {notAfter}: it must not be used to sign. Renew it with your CA.",
  },
  TOKEN_CERT_NOT_YET_VALID: {
    vi: "Chứng thư số của {name} (số hiệu {serial}) chỉ có hiệu lực từ ngày {notBefore}: chưa được dùng để ký. Kiểm tra ngày giờ trên máy.",
    en: "The certificate of {name} (serial {serial}) is valid only from {notBefore}: it cannot sign yet. Check the computer's date.",
  },
  TOKEN_CERT_KEY_USAGE: {
    vi: "Chứng thư số của {name} (số hiệu {serial}) không cho phép ký số (thiếu digitalSignature và nonRepudiation): không dùng để ký học bạ.",
    en: "The certificate of {name} (serial {serial}) does not allow signing (neither digitalSignature nor nonRepudiation).",
  },
  TOKEN_CERT_WEAK_KEY: {
    vi: "Chứng thư số của {name} (số hiệu {serial}) dùng khoá {key}, quá yếu (cần RSA từ 2048 bit hoặc ECDSA P-256 trở lên): không dùng để ký học bạ.",
    en: "The certificate of {name} (serial {serial}) has a {key} key, too weak (RSA 2048 bits or more, or ECDSA P-256 or stronger): not for signing học bạ.",
  },
  TOKEN_CERT_WEAK_HASH: {
    vi: "Chứng thư số của {name} (số hiệu {serial}) được ký bằng {algorithm}, thuật toán quá yếu (cần SHA-256 trở lên): không dùng để ký học bạ.",
    en: "The certificate of {name} (serial {serial}) is signed with {algorithm}, too weak (SHA-256 or stronger): not for signing học bạ.",
  },
  TOKEN_CERT_EXTENDED_KEY_USAGE: {
    vi: "Chứng thư số của {name} (số hiệu {serial}) chỉ dùng cho {purposes} (extendedKeyUsage): không dùng để ký học bạ.",
    en: "The certificate of {name} (serial {serial}) is only for {purposes} (extendedKeyUsage): not for signing học bạ.",
  },
  TOKEN_CERT_UNKNOWN_CRITICAL: {
    vi: "Chứng thư số của {name} (số hiệu {serial}) có phần mở rộng bắt buộc (critical) {oid} không được hỗ trợ: không dùng để ký học bạ.",
    en: "The certificate of {name} (serial {serial}) has an unsupported critical extension {oid}: not for signing học bạ.",
  },
  TOKEN_CERT_IS_CA: {
    vi: "Chứng thư số «{cert}» là chứng thư của tổ chức cấp (CA), không phải chứng thư của người ký.",
    en: "Certificate «{cert}» is a CA certificate, not a signer's certificate.",
  },
  TOKEN_UNSUPPORTED_KEY: {
    vi: "Khoá của chứng thư số «{cert}» thuộc loại {keyType}: trình ký chỉ hỗ trợ RSA và EC.",
    en: "The key of certificate «{cert}» is {keyType}: only RSA and EC keys are supported.",
  },
  TOKEN_NO_MECHANISM: {
    vi: "Token «{label}» không hỗ trợ cơ chế ký cần thiết ({mechanism}).",
    en: "Token «{label}» does not support the required signing mechanism ({mechanism}).",
  },
  TOKEN_BAD_SIGNATURE_OUTPUT: {
    vi: "Token «{label}» trả về chữ ký không khớp với chứng thư số «{cert}» (khoá và chứng thư không đi cặp với nhau?). Tệp không được ký.",
    en: "Token «{label}» returned a signature that does not match certificate «{cert}» (key and certificate not a pair?). The file was not signed.",
  },
  TOKEN_PKCS11_ERROR: {
    vi: "Lỗi USB token «{label}» khi {operation}: {detail}.",
    en: "USB token «{label}» error while {operation}: {detail}.",
  },
} as const satisfies Record<string, MessageTemplate>;

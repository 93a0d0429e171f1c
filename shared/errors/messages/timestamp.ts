import type { MessageTemplate } from "../message-table.ts";

/**
 * Signatures that stay provable (docs/format-hocbaso.md, "Levels"): RFC 3161 timestamps (XAdES
 * B-T) asked of the TSA IT configures, and what the verifier finds in them.
 */
export const timestampMessages = {
  TSA_BAD_URL: {
    vi: "Địa chỉ máy chủ cấp dấu thời gian «{url}» không hợp lệ: cần dạng http://… hoặc https://… (xem --tsa hoặc biến HOCBA_TSA_URL). Chưa ký và chưa hỏi mã PIN.",
    en: "The timestamp server address «{url}» is not valid: it must be http://… or https://… (see --tsa or HOCBA_TSA_URL). Nothing was signed and no PIN was asked.",
  },
  TSA_UNREACHABLE: {
    vi: "Không kết nối được máy chủ cấp dấu thời gian {url} ({detail}). Chưa ký và chưa hỏi mã PIN. Kiểm tra mạng của trường (hoặc hỏi IT). Nếu đơn vị cho phép ký không có dấu thời gian: với lệnh hocba sign, chạy lại với --allow-no-timestamp; với tiện ích trên trình duyệt, IT đặt HOCBA_ALLOW_NO_TIMESTAMP=1 cho chương trình ký.",
    en: "Cannot reach the timestamp server {url} ({detail}). Nothing was signed and no PIN was asked. Check the school's network (or ask IT). If your institution allows signing without a timestamp: with hocba sign, run again with --allow-no-timestamp; with the browser extension, IT sets HOCBA_ALLOW_NO_TIMESTAMP=1 for the signing helper.",
  },
  TSA_BAD_RESPONSE: {
    vi: "Máy chủ cấp dấu thời gian {url} trả lời không dùng được: {detail}.",
    en: "The timestamp server {url} gave an unusable answer: {detail}.",
  },
  TSA_FALLBACK_NO_TIMESTAMP: {
    vi: "Không kết nối được máy chủ cấp dấu thời gian {url} ({detail}); theo thiết lập --allow-no-timestamp, chữ ký ở mức B-B (không có dấu thời gian).",
    en: "Cannot reach the timestamp server {url} ({detail}); as --allow-no-timestamp allows, signatures are at level B-B (no timestamp).",
  },
  TSA_NOT_CONFIGURED: {
    vi: "Chưa cấu hình máy chủ cấp dấu thời gian (HOCBA_TSA_URL hoặc --tsa): chữ ký ở mức B-B, thời điểm ký là do người ký tự ghi.",
    en: "No timestamp server configured (HOCBA_TSA_URL or --tsa): signatures are at level B-B, the signing time is the signer's own claim.",
  },
  VERIFY_TS_INVALID: {
    vi: "Chữ ký {role}: dấu thời gian không hợp lệ: {detail}.",
    en: "Signature {role}: invalid timestamp: {detail}.",
  },
  VERIFY_TS_UNTRUSTED: {
    vi: "Chữ ký {role}: chứng thư của đơn vị cấp dấu thời gian «{name}» không thuộc chuỗi tin cậy ({detail}).",
    en: "Signature {role}: the timestamp authority's certificate «{name}» does not chain to a trusted root ({detail}).",
  },
  VERIFY_TS_BEFORE_SIGNING_TIME: {
    vi: "Chữ ký {role}: dấu thời gian ({genTime}) sớm hơn thời điểm ký ghi trong chữ ký ({time}).",
    en: "Signature {role}: the timestamp ({genTime}) is earlier than the signing time the signature states ({time}).",
  },
  VERIFY_TS_AFTER_AT: {
    vi: "Chữ ký {role}: dấu thời gian ({genTime}) muộn hơn thời điểm kiểm tra ({at}).",
    en: "Signature {role}: the timestamp ({genTime}) is later than the verification time ({at}).",
  },
  VERIFY_SIG_CERT_EXPIRED_NO_TIMESTAMP: {
    vi: "Chữ ký {role}: chứng thư số của {name} hết hiệu lực ngày {notAfter}, trước thời điểm kiểm tra ({at}), và chữ ký không có dấu thời gian chứng minh đã ký khi chứng thư còn hiệu lực.",
    en: "Signature {role}: {name}'s certificate expired on {notAfter}, before the verification time ({at}), and no timestamp proves the signature was made while it was valid.",
  },
  VERIFY_LT_REVOKED: {
    vi: "Chữ ký {role}: dữ liệu thu hồi lưu trong chữ ký ({source}) cho biết chứng thư số của {name} đã bị thu hồi từ {revokedAt}, trước dấu thời gian ({genTime}).",
    en: "Signature {role}: the revocation data kept in the signature ({source}) says {name}'s certificate was revoked on {revokedAt}, before the timestamp ({genTime}).",
  },
  VERIFY_LT_INVALID: {
    vi: "Chữ ký {role}: dữ liệu kiểm tra lưu trong chữ ký ({source}) không dùng được: {detail}.",
    en: "Signature {role}: the validation data kept in the signature ({source}) is unusable: {detail}.",
  },
  EXT_UI_PAPER_LEVEL_BB: {
    vi: "Mức chữ ký: B-B (không có dấu thời gian)",
    en: "Signature level: B-B (no timestamp)",
  },
  EXT_UI_PAPER_LEVEL_BT: {
    vi: "Mức chữ ký: B-T (có dấu thời gian)",
    en: "Signature level: B-T (timestamped)",
  },
  EXT_UI_PAPER_LEVEL_BLT: {
    vi: "Mức chữ ký: B-LT (có dấu thời gian và dữ liệu kiểm tra lâu dài)",
    en: "Signature level: B-LT (timestamped, with long-term validation data)",
  },
  REVOCATION_UNREACHABLE: {
    vi: "Không kiểm tra được tình trạng thu hồi của chứng thư số qua {url} ({detail}). Chưa ký và chưa hỏi mã PIN. Kiểm tra mạng của trường (hoặc hỏi IT). Nếu đơn vị cho phép ký khi chưa kiểm tra được: với lệnh hocba sign, chạy lại với --allow-revocation-unchecked; với tiện ích trên trình duyệt, IT đặt HOCBA_ALLOW_REVOCATION_UNCHECKED=1 cho chương trình ký.",
    en: "Cannot check the certificate's revocation status at {url} ({detail}). Nothing was signed and no PIN was asked. Check the school's network (or ask IT). If your institution allows signing unchecked: with hocba sign, run again with --allow-revocation-unchecked; with the browser extension, IT sets HOCBA_ALLOW_REVOCATION_UNCHECKED=1 for the signing helper.",
  },
  REVOCATION_UNREACHABLE_AFTER_TIMESTAMP: {
    vi: "Không hỏi lại được tình trạng thu hồi của chứng thư số qua {url} sau dấu thời gian ({detail}), nên không lưu được dữ liệu kiểm tra lâu dài (B-LT) vào chữ ký. Tệp này không được ký; ký lại khi kết nối được máy chủ (hoặc hỏi IT).",
    en: "Could not ask {url} again for the certificate's revocation status after the timestamp ({detail}), so the long-term validation data (B-LT) could not be kept in the signature. This file was not signed; sign it again once the server can be reached (or ask IT).",
  },
  REVOCATION_REVOKED: {
    vi: "Chứng thư số của {name} đã bị thu hồi từ {revokedAt} (theo {url}). Không ký; liên hệ nhà cung cấp chứng thư số.",
    en: "{name}'s certificate was revoked on {revokedAt} (according to {url}). Nothing was signed; contact the certificate provider.",
  },
  REVOCATION_UNCHECKED_WARNING: {
    vi: "Cảnh báo: không kiểm tra được tình trạng thu hồi của chứng thư số ({detail}); vẫn ký theo thiết lập.",
    en: "Warning: the certificate's revocation status could not be checked ({detail}); signing anyway, as configured.",
  },
  REVOCATION_NO_ADDRESS: {
    vi: "Cảnh báo: chứng thư số của {name} không ghi địa chỉ OCSP hay CRL nên không kiểm tra được việc thu hồi.",
    en: "Warning: {name}'s certificate names no OCSP or CRL address, so its revocation status was not checked.",
  },
  REVOCATION_REQUIRED: {
    vi: "Chứng thư số của {name} không ghi địa chỉ OCSP hay CRL mà thiết lập yêu cầu kiểm tra thu hồi (--require-revocation). Chưa ký và chưa hỏi mã PIN.",
    en: "{name}'s certificate names no OCSP or CRL address but the settings require a revocation check (--require-revocation). Nothing was signed and no PIN was asked.",
  },
  ISSUER_DOWNLOAD_FAILED: {
    vi: "Token không có chứng thư của CA đã cấp chứng thư số «{name}», và không tải được chứng thư đó từ địa chỉ ghi trong chứng thư (caIssuers) {url} ({detail}). Chưa ký và chưa hỏi mã PIN. Kiểm tra mạng của trường (hoặc hỏi IT); IT có thể đặt chứng thư CA trung gian đó vào thư mục trust-store của chương trình ký (xem README ở đó).",
    en: "The token does not hold the certificate of the CA that issued «{name}», and it could not be downloaded from the address the certificate names (caIssuers) {url} ({detail}). Nothing was signed and no PIN was asked. Check the school's network (or ask IT); IT can put that intermediate CA certificate into the signing helper's trust-store folder (see the README there).",
  },
  ISSUER_DOWNLOAD_NOT_ISSUER: {
    vi: "Địa chỉ {url} ghi trong chứng thư số «{name}» (caIssuers) không trả về chứng thư của CA đã cấp chứng thư này: {detail}. Chưa ký và chưa hỏi mã PIN. Báo cho IT; IT có thể đặt đúng chứng thư CA trung gian vào thư mục trust-store của chương trình ký (xem README ở đó).",
    en: "The address {url} that the certificate «{name}» names (caIssuers) did not give the certificate of the CA that issued it: {detail}. Nothing was signed and no PIN was asked. Tell IT; IT can put the right intermediate CA certificate into the signing helper's trust-store folder (see the README there).",
  },
  ISSUER_DOWNLOAD_FORBIDDEN: {
    vi: "Token không có chứng thư của CA đã cấp chứng thư số «{name}» ({issuer}), và thiết lập không cho tải chứng thư đó từ {url} (lệnh hocba sign: --no-issuer-download; tiện ích trên trình duyệt: HOCBA_NO_ISSUER_DOWNLOAD=1). Chưa ký và chưa hỏi mã PIN. IT đặt chứng thư CA trung gian đó vào thư mục trust-store của chương trình ký (xem README ở đó), hoặc cho phép tải.",
    en: "The token does not hold the certificate of the CA that issued «{name}» ({issuer}), and the settings forbid downloading it from {url} (hocba sign: --no-issuer-download; browser extension: HOCBA_NO_ISSUER_DOWNLOAD=1). Nothing was signed and no PIN was asked. IT puts that intermediate CA certificate into the signing helper's trust-store folder (see the README there), or allows the download.",
  },
} as const satisfies Record<string, MessageTemplate>;

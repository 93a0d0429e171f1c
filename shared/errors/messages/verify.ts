import type { MessageTemplate } from "../message-table.ts";

/** Checking a học bạ document and its signatures (also used to refuse signing a bad document). */
export const verifyMessages = {
  VERIFY_NOT_UTF8: {
    vi: "Tệp không phải văn bản UTF-8 hợp lệ.",
    en: "The file is not valid UTF-8 text.",
  },
  VERIFY_ENCODING: {
    vi: "Khai báo XML ghi mã hoá «{encoding}»; học bạ số chỉ dùng UTF-8.",
    en: "The XML declaration says encoding «{encoding}»; học bạ số uses UTF-8 only.",
  },
  VERIFY_TOO_LARGE: {
    vi: "Tệp quá lớn cho một học bạ số ({size} byte, tối đa {max} byte): không kiểm tra.",
    en: "The file is too large for a học bạ số document ({size} bytes, at most {max}): not checked.",
  },
  VERIFY_TOO_MANY_ELEMENTS: {
    vi: "Tệp có quá nhiều thẻ XML cho một học bạ số (hơn {max}): không kiểm tra.",
    en: "The file has too many XML tags for a học bạ số document (more than {max}): not checked.",
  },
  VERIFY_TOO_DEEP: {
    vi: "Tệp có phần tử lồng nhau quá sâu ở dòng {line} (hơn {max} cấp): học bạ số không có cấu trúc như vậy.",
    en: "The file nests elements too deeply at line {line} (more than {max} levels): no học bạ số looks like this.",
  },
  VERIFY_XML_VERSION: {
    vi: "Khai báo XML ghi phiên bản «{version}»; học bạ số dùng XML 1.0.",
    en: "The XML declaration says version «{version}»; học bạ số uses XML 1.0.",
  },
  VERIFY_XML_CHAR: {
    vi: "Tệp có ký tự điều khiển không được phép trong XML 1.0 ở dòng {line}.",
    en: "The file has a control character that XML 1.0 forbids at line {line}.",
  },
  VERIFY_NOT_XML: {
    vi: "Tệp không phải XML hợp lệ: {detail}",
    en: "The file is not well-formed XML: {detail}",
  },
  VERIFY_DOCTYPE: {
    vi: "Tệp có khai báo DOCTYPE hoặc thực thể (ENTITY) ở dòng {line}: học bạ số không được có, vì chúng có thể thay đổi nội dung hiển thị.",
    en: "The file has a DOCTYPE or entity declaration at line {line}: học bạ số forbids them, as they can change what is shown.",
  },
  VERIFY_COMMENT: {
    vi: "Tệp có chú thích XML (<!-- -->) ở dòng {line}: học bạ số không được có chú thích.",
    en: "The file has an XML comment at line {line}: học bạ số forbids comments.",
  },
  VERIFY_PI: {
    vi: "Tệp có chỉ thị xử lý (<?...?>) ở dòng {line}: học bạ số chỉ cho phép khai báo XML ở đầu tệp.",
    en: "The file has a processing instruction at line {line}: only the XML declaration is allowed.",
  },
  VERIFY_CDATA: {
    vi: "Tệp có đoạn CDATA ở dòng {line}: học bạ số không dùng CDATA.",
    en: "The file has a CDATA section at line {line}: học bạ số does not use CDATA.",
  },
  VERIFY_NOT_HOCBA: {
    vi: "Tệp không phải học bạ số: phần tử gốc là «{root}», cần «HocBaSo».",
    en: "Not a học bạ số document: the root element is «{root}», «HocBaSo» expected.",
  },
  VERIFY_ROOT_STRUCTURE: {
    vi: "Phần tử gốc HocBaSo phải có đúng hai phần tử con theo thứ tự DLHocBa rồi DSCKS; tệp có: {found}.",
    en: "The root HocBaSo must have exactly two children, DLHocBa then DSCKS; found: {found}.",
  },
  VERIFY_VERSION: {
    vi: 'Phiên bản định dạng «{version}» không được hỗ trợ (cần PhienBan="1.0").',
    en: 'Format version «{version}» is not supported (PhienBan="1.0" expected).',
  },
  VERIFY_ROOT_ATTRIBUTES: {
    vi: "Phần tử gốc HocBaSo chỉ được có thuộc tính PhienBan; tệp có thêm: {names} (phần này không được chữ ký nào bảo vệ).",
    en: "The root HocBaSo may carry only PhienBan; found also: {names} (no signature covers them).",
  },
  VERIFY_DATA_ID: {
    vi: 'Phần tử DLHocBa phải có Id="DLHocBa".',
    en: 'The DLHocBa element must have Id="DLHocBa".',
  },
  VERIFY_DUPLICATE_ID: {
    vi: 'Mã định danh Id="{id}" xuất hiện nhiều lần trong tệp: dấu hiệu tệp bị chèn thêm dữ liệu giả.',
    en: 'Id="{id}" appears more than once: a sign that forged data was inserted.',
  },
  VERIFY_DSCKS_CONTENT: {
    vi: "Phần tử DSCKS chỉ được chứa các phần tử vai trò ký (GVCN, ThuTruong, DonVi).",
    en: "DSCKS may contain only the role elements (GVCN, ThuTruong, DonVi).",
  },
  VERIFY_UNKNOWN_ROLE: {
    vi: "DSCKS có phần tử «{name}» không phải vai trò ký hợp lệ (GVCN, ThuTruong, DonVi).",
    en: "DSCKS contains «{name}», which is not a signing role (GVCN, ThuTruong, DonVi).",
  },
  VERIFY_DUPLICATE_ROLE: {
    vi: "Vai trò {role} có nhiều hơn một chữ ký.",
    en: "Role {role} is signed more than once.",
  },
  VERIFY_ROLE_ORDER: {
    vi: "Các chữ ký không đúng thứ tự (có: {found}); thứ tự đúng: GVCN → ThuTruong → DonVi, không bỏ qua vai trò nào.",
    en: "Signatures out of order (found: {found}); the order is GVCN → ThuTruong → DonVi, none skipped.",
  },
  VERIFY_CONTAINER_CONTENT: {
    vi: "Phần tử {role} trong DSCKS phải chứa đúng một chữ ký ds:Signature và không gì khác.",
    en: "The {role} element in DSCKS must hold exactly one ds:Signature and nothing else.",
  },
  VERIFY_SIGNATURE_OUTSIDE: {
    vi: "Có chữ ký ds:Signature nằm ngoài vị trí quy định ({where}); chữ ký chỉ được nằm trong DSCKS/<Vai trò>.",
    en: "A ds:Signature sits outside its place ({where}); signatures belong in DSCKS/<Role> only.",
  },
  VERIFY_NO_SIGNATURE: {
    vi: "Học bạ chưa có chữ ký số nào.",
    en: "The record carries no signature.",
  },
  VERIFY_NO_TRUST_ROOTS: {
    vi: "Chưa có chứng thư gốc tin cậy nào (thư mục native-host/trust-store trống, không có --trust): không thể xác nhận người ký.",
    en: "No trusted root certificate (native-host/trust-store is empty and no --trust given): signers cannot be confirmed.",
  },
  VERIFY_TRUST_ROOT_UNREADABLE: {
    vi: "Không đọc được chứng thư gốc {file}: {detail}",
    en: "Cannot read root certificate {file}: {detail}",
  },
  VERIFY_SIG_SHAPE: {
    vi: "Chữ ký {role} không đúng hồ sơ chữ ký học bạ số tại {where} (cần: {expected}).",
    en: "Signature {role} does not follow the học bạ số signature profile at {where} (expected: {expected}).",
  },
  VERIFY_SIG_ID: {
    vi: 'Chữ ký trong phần tử {role} có Id="{id}", cần Id="{expected}": chữ ký bị đặt sai vai trò.',
    en: 'The signature in {role} has Id="{id}", expected Id="{expected}": it sits in the wrong role.',
  },
  VERIFY_SIG_MULTIPLE_SIGNEDINFO: {
    vi: "Chữ ký {role} có nhiều hơn một SignedInfo (kiểu tấn công CVE-2025-29774).",
    en: "Signature {role} has more than one SignedInfo (CVE-2025-29774 style attack).",
  },
  VERIFY_SIG_ALGORITHM: {
    vi: "Chữ ký {role} dùng thuật toán không được phép «{algorithm}» tại {where} (chỉ chấp nhận exc-c14n, SHA-256, RSA-SHA256, ECDSA-SHA256).",
    en: "Signature {role} uses the disallowed algorithm «{algorithm}» at {where} (only exc-c14n, SHA-256, RSA-SHA256, ECDSA-SHA256).",
  },
  VERIFY_SIG_REFERENCES: {
    vi: "Chữ ký {role} không tham chiếu đúng phần được ký: cần {expected}, có {found}.",
    en: "Signature {role} does not reference what it must: expected {expected}, found {found}.",
  },
  VERIFY_CANCEL_ROLE_ORDER: {
    vi: "Văn bản hủy học bạ (SuKien CANCEL) có chữ ký không đúng vai trò hoặc thứ tự (có: {found}); văn bản hủy do Thủ trưởng ký, rồi có thể có dấu Đơn vị (ThuTruong → DonVi), không có chữ ký GVCN.",
    en: "The cancellation (SuKien CANCEL) has signatures in the wrong roles or order (found: {found}); the head signs it, optionally sealed by the institution after (ThuTruong → DonVi), with no GVCN signature.",
  },
  VERIFY_SIG_MISSING_EARLIER: {
    vi: "Chữ ký {role} phải phủ chữ ký của {earlier}, nhưng học bạ không có chữ ký đó.",
    en: "Signature {role} must cover the signature of {earlier}, which is missing.",
  },
  VERIFY_SIG_DATA_CHANGED: {
    vi: "Dữ liệu học bạ đã bị thay đổi sau khi {role} ký (giá trị băm của DLHocBa không khớp).",
    en: "The record data changed after {role} signed (the DLHocBa digest does not match).",
  },
  VERIFY_SIG_DIGEST: {
    vi: "Phần {uri} đã bị thay đổi sau khi {role} ký (giá trị băm không khớp).",
    en: "Part {uri} changed after {role} signed (digest mismatch).",
  },
  VERIFY_SIG_VALUE: {
    vi: "Giá trị chữ ký {role} không khớp với chứng thư số đi kèm: chữ ký giả hoặc chứng thư bị tráo.",
    en: "The {role} signature value does not verify with the attached certificate: forged signature or swapped certificate.",
  },
  VERIFY_SIG_KEY_ALGORITHM: {
    vi: "Chữ ký {role}: thuật toán ký không hợp với loại khoá {keyType} của chứng thư số.",
    en: "Signature {role}: the signature algorithm does not match the certificate's {keyType} key.",
  },
  VERIFY_SIG_BAD_CERT: {
    vi: "Chữ ký {role} không có chứng thư số đọc được trong KeyInfo.",
    en: "Signature {role} has no readable certificate in KeyInfo.",
  },
  VERIFY_SIG_SIGNING_CERT: {
    vi: "Chữ ký {role}: thuộc tính SigningCertificateV2 không khớp với chứng thư số trong KeyInfo (chứng thư bị tráo).",
    en: "Signature {role}: SigningCertificateV2 does not match the KeyInfo certificate (swapped certificate).",
  },
  VERIFY_SIG_ROLE_MISMATCH: {
    vi: "Chữ ký nằm ở vai trò {role} nhưng khai vai trò «{claimed}».",
    en: "The signature sits in role {role} but claims role «{claimed}».",
  },
  VERIFY_SIG_SIGNING_TIME: {
    vi: "Chữ ký {role}: thời điểm ký «{value}» không hợp lệ (cần dạng 2025-06-01T08:30:00+07:00).",
    en: "Signature {role}: signing time «{value}» is invalid (expected like 2025-06-01T08:30:00+07:00).",
  },
  VERIFY_SIG_SIGNING_TIME_FUTURE: {
    vi: "Chữ ký {role}: thời điểm ký {value} ở trong tương lai.",
    en: "Signature {role}: signing time {value} is in the future.",
  },
  VERIFY_SIG_UNTRUSTED: {
    vi: "Chứng thư số của {role} ({name}) không thuộc tổ chức cung cấp dịch vụ chữ ký số được tin cậy: {detail}",
    en: "The certificate of {role} ({name}) does not chain to a trusted root: {detail}",
  },
  VERIFY_SIG_CERT_NOT_VALID_AT_TIME: {
    vi: "Chứng thư số của {role} ({name}, hiệu lực {notBefore} – {notAfter}) không có hiệu lực tại thời điểm ký {time}.",
    en: "The certificate of {role} ({name}, valid {notBefore} – {notAfter}) was not valid at the signing time {time}.",
  },
  VERIFY_SIG_CHAIN_NOT_VALID_AT_TIME: {
    vi: "Chứng thư của tổ chức cấp cho {role} ({issuer}) không có hiệu lực tại thời điểm ký {time}.",
    en: "The issuing CA certificate of {role} ({issuer}) was not valid at the signing time {time}.",
  },
  VERIFY_SIG_KEYINFO_EXTRA_CERT: {
    vi: "Chữ ký {role}: KeyInfo có chứng thư «{subject}» không thuộc chuỗi chứng thư của người ký (chỉ được có chứng thư người ký rồi các chứng thư trung gian).",
    en: "Signature {role}: KeyInfo holds the certificate «{subject}», which is not in the signer's chain (only the signer's certificate, then its intermediates).",
  },
  VERIFY_SIG_KEY_USAGE: {
    vi: "Chứng thư số của {role} ({name}) không cho phép ký số (thiếu digitalSignature và nonRepudiation).",
    en: "The certificate of {role} ({name}) does not allow signing (neither digitalSignature nor nonRepudiation).",
  },
  VERIFY_SIG_CERT_IS_CA: {
    vi: "Chứng thư số của {role} ({name}) là chứng thư của tổ chức cấp (CA), không phải của người ký.",
    en: "The certificate of {role} ({name}) is a CA certificate, not a signer's.",
  },
  // The signed data against the format of its version (XSD and text rules).
  VERIFY_DATA_SCHEMA: {
    vi: "Dữ liệu đã ký (DLHocBa) không đúng lược đồ học bạ số {version} tại {path}: {detail}",
    en: "The signed data (DLHocBa) is not valid against the học bạ số {version} schema at {path}: {detail}",
  },
  VERIFY_DATA_INVISIBLE_CHAR: {
    vi: "Dữ liệu đã ký có ký tự vô hình U+{codePoint} tại {path} (khoảng trắng độ rộng 0, gạch nối mềm, ký tự điều khiển hướng chữ…): giá trị trông như một giá trị khác mà dữ liệu khác.",
    en: "The signed data has an invisible character U+{codePoint} at {path} (zero-width space, soft hyphen, bidi control…): the value looks like another one with other data.",
  },
  VERIFY_DATA_NOT_NFC: {
    vi: "Dữ liệu đã ký có văn bản chưa chuẩn hóa Unicode NFC tại {path} (chữ ghép dấu rời): học bạ số chỉ dùng NFC.",
    en: "The signed data has text that is not Unicode NFC at {path} (decomposed accents): học bạ số uses NFC only.",
  },
  VERIFY_DATA_UNREADABLE: {
    vi: "Không đọc được dữ liệu học bạ đã ký để hiển thị: {detail}",
    en: "The signed học bạ data cannot be read for display: {detail}",
  },
  // Signing times that contradict the signed data or each other.
  VERIFY_SIG_TIME_OFFSET: {
    vi: "Chữ ký {role}: thời điểm ký {value} không ghi theo giờ Việt Nam (+07:00) như hồ sơ chữ ký quy định.",
    en: "Signature {role}: signing time {value} is not written in Vietnam time (+07:00) as the profile requires.",
  },
  VERIFY_SIG_TIME_BEFORE_CREATED: {
    vi: "Chữ ký {role}: thời điểm ký {time} trước thời điểm lập học bạ {created} (ThoiGianLap): không thể ký học bạ trước khi lập.",
    en: "Signature {role}: signing time {time} is before the record was made at {created} (ThoiGianLap).",
  },
  VERIFY_SIG_TIME_BEFORE_EARLIER: {
    vi: "Chữ ký {role}: thời điểm ký {time} trước chữ ký {earlier} ({earlierTime}) mà chữ ký này xác nhận: thời điểm ký bị ghi lùi.",
    en: "Signature {role}: signing time {time} is before the {earlier} signature it covers ({earlierTime}): the signing time was back-dated.",
  },
  VERIFY_SIG_TIME_BEFORE_SCHOOL_YEAR: {
    vi: "Chữ ký {role}: thời điểm ký {time} trước khi năm học {namHoc} bắt đầu ({start}).",
    en: "Signature {role}: signing time {time} is before school year {namHoc} began ({start}).",
  },
  // Certificate policy: the signer's certificate and the CA certificates below the root.
  VERIFY_SIG_CERT_WEAK_KEY: {
    vi: "Chữ ký {role}: chứng thư số «{name}» dùng khoá {key}, quá yếu (cần RSA từ 2048 bit hoặc ECDSA P-256 trở lên).",
    en: "Signature {role}: certificate «{name}» has a {key} key, too weak (RSA 2048 bits or more, or ECDSA P-256 or stronger, required).",
  },
  VERIFY_SIG_CERT_WEAK_HASH: {
    vi: "Chữ ký {role}: chứng thư số «{name}» được ký bằng {algorithm}, thuật toán quá yếu (cần SHA-256 trở lên).",
    en: "Signature {role}: certificate «{name}» is signed with {algorithm}, too weak (SHA-256 or stronger required).",
  },
  VERIFY_SIG_CERT_EXTENDED_KEY_USAGE: {
    vi: "Chữ ký {role}: chứng thư số «{name}» chỉ dùng cho {purposes} (extendedKeyUsage), không dùng để ký văn bản.",
    en: "Signature {role}: certificate «{name}» is only for {purposes} (extendedKeyUsage), not for signing documents.",
  },
  VERIFY_SIG_CERT_UNKNOWN_CRITICAL: {
    vi: "Chữ ký {role}: chứng thư số «{name}» có phần mở rộng bắt buộc (critical) {oid} mà trình kiểm tra không hiểu, nên không được chấp nhận.",
    en: "Signature {role}: certificate «{name}» has a critical extension {oid} this verifier does not understand, so it is not accepted.",
  },
} as const satisfies Record<string, MessageTemplate>;

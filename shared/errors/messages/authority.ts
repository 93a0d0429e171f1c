import type { MessageTemplate } from "../message-table.ts";

/**
 * Signer authority (shared/authority): a role signed by someone the record does not name for it.
 * SIGN_AUTHORITY_* refuse a chosen certificate before the PIN is asked; VERIFY_SIG_AUTHORITY_* are
 * the same reasons found in a signed file. {vaiTro} is how the record names the role ("GVCN", the
 * head's own title such as "Giám đốc", "đơn vị"); {named} is who the record names, {holder} the
 * certificate's holder.
 */
export const authorityMessages = {
  SIGN_AUTHORITY_NOT_NAMED: {
    vi: "Học bạ chưa ghi họ tên {vaiTro}, nên chưa xác định được người có thẩm quyền ký; chứng thư số đã chọn là của {holder}.",
    en: "The record does not name its {vaiTro}, so nobody is entitled to sign in this role; the chosen certificate belongs to {holder}.",
  },
  SIGN_AUTHORITY_NAME_MISMATCH: {
    vi: "Học bạ ghi {vaiTro} là {named}; chứng thư số đã chọn là của {holder}.",
    en: "The record names {named} as {vaiTro}; the chosen certificate belongs to {holder}.",
  },
  SIGN_AUTHORITY_NAME_MISMATCH_KT: {
    vi: "Học bạ ghi {vaiTro} là {named}, {kyThayChucVu} {kyThay} ký thay (KT.); chứng thư số đã chọn là của {holder}.",
    en: "The record names {named} as {vaiTro}, with {kyThayChucVu} {kyThay} signing on their behalf (KT.); the chosen certificate belongs to {holder}.",
  },
  SIGN_AUTHORITY_CCCD_MISMATCH: {
    vi: "Học bạ ghi {vaiTro} là {named} (CCCD {namedCccd}); chứng thư số đã chọn là của {holder} (CCCD {holderCccd}): không phải cùng một người.",
    en: "The record names {named} (CCCD {namedCccd}) as {vaiTro}; the chosen certificate belongs to {holder} (CCCD {holderCccd}): not the same person.",
  },
  SIGN_AUTHORITY_ORGANISATION_AS_PERSON: {
    vi: "Học bạ ghi {vaiTro} là {named}, người ký bằng chứng thư số cá nhân; chứng thư số đã chọn là chứng thư của tổ chức {holder}.",
    en: "The record names {named} as {vaiTro}, who signs with a personal certificate; the chosen certificate is the organisation certificate of {holder}.",
  },
  SIGN_AUTHORITY_PERSON_AS_SEAL: {
    vi: "Chữ ký đơn vị phải dùng chứng thư số của tổ chức {named}; chứng thư số đã chọn là chứng thư cá nhân của {holder}.",
    en: "The institution's signature needs the organisation certificate of {named}; the chosen certificate is the personal certificate of {holder}.",
  },
  SIGN_AUTHORITY_SEAL_WITHOUT_UNIT_CODE: {
    vi: "Chữ ký đơn vị phải dùng chứng thư số của tổ chức {named}, có mã số thuế hoặc mã đơn vị; chứng thư số đã chọn ({holder}) không ghi mã nào.",
    en: "The institution's signature needs the organisation certificate of {named}, with a tax or unit code; the chosen certificate ({holder}) carries none.",
  },
  AUTHORITY_NAME_SPELLING: {
    vi: "Tên trên chứng thư số ({holder}) viết khác tên học bạ ghi cho {vaiTro} ({named}); số CCCD trùng khớp nên vẫn đúng người.",
    en: "The name on the certificate ({holder}) is spelt differently from the record's {vaiTro} ({named}); the CCCD numbers match, so it is the same person.",
  },
  VERIFY_SIG_AUTHORITY_NOT_NAMED: {
    vi: "Chữ ký {role} không đúng thẩm quyền: học bạ chưa ghi họ tên {vaiTro}, người ký là {holder}.",
    en: "The {role} signature is not by an entitled signer: the record does not name its {vaiTro}; the signer is {holder}.",
  },
  VERIFY_SIG_AUTHORITY_NAME_MISMATCH: {
    vi: "Chữ ký {role} không đúng thẩm quyền: học bạ ghi {vaiTro} là {named}; người ký là {holder}.",
    en: "The {role} signature is not by an entitled signer: the record names {named} as {vaiTro}; the signer is {holder}.",
  },
  VERIFY_SIG_AUTHORITY_NAME_MISMATCH_KT: {
    vi: "Chữ ký {role} không đúng thẩm quyền: học bạ ghi {vaiTro} là {named}, {kyThayChucVu} {kyThay} ký thay (KT.); người ký là {holder}.",
    en: "The {role} signature is not by an entitled signer: the record names {named} as {vaiTro}, with {kyThayChucVu} {kyThay} signing on their behalf (KT.); the signer is {holder}.",
  },
  VERIFY_SIG_AUTHORITY_CCCD_MISMATCH: {
    vi: "Chữ ký {role} không đúng thẩm quyền: học bạ ghi {vaiTro} là {named} (CCCD {namedCccd}); người ký là {holder} (CCCD {holderCccd}).",
    en: "The {role} signature is not by an entitled signer: the record names {named} (CCCD {namedCccd}) as {vaiTro}; the signer is {holder} (CCCD {holderCccd}).",
  },
  VERIFY_SIG_AUTHORITY_ORGANISATION_AS_PERSON: {
    vi: "Chữ ký {role} không đúng thẩm quyền: học bạ ghi {vaiTro} là {named}; chữ ký dùng chứng thư số của tổ chức {holder}.",
    en: "The {role} signature is not by an entitled signer: the record names {named} as {vaiTro}; it was made with the organisation certificate of {holder}.",
  },
  VERIFY_SIG_AUTHORITY_PERSON_AS_SEAL: {
    vi: "Chữ ký {role} không đúng thẩm quyền: chữ ký đơn vị phải là của tổ chức {named}; chữ ký dùng chứng thư cá nhân của {holder}.",
    en: "The {role} signature is not by an entitled signer: the institution's signature must be by {named}; it was made with the personal certificate of {holder}.",
  },
  VERIFY_SIG_AUTHORITY_SEAL_WITHOUT_UNIT_CODE: {
    vi: "Chữ ký {role} không đúng thẩm quyền: chữ ký đơn vị phải là của tổ chức {named}; chứng thư số của {holder} không ghi mã số thuế hay mã đơn vị.",
    en: "The {role} signature is not by an entitled signer: the institution's signature must be by {named}; the certificate of {holder} carries no tax or unit code.",
  },
  VERIFY_SIG_AUTHORITY_UNREADABLE: {
    vi: "Chữ ký {role}: không đọc được người có thẩm quyền ký từ dữ liệu đã ký, nên không xác nhận được thẩm quyền.",
    en: "The {role} signature: the entitled signers could not be read from the signed data, so authority is not confirmed.",
  },
} as const satisfies Record<string, MessageTemplate>;

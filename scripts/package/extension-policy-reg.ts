/** Where each browser's store serves updates: the second half of an ExtensionInstallForcelist entry. */
export const STORE_UPDATE_URLS = {
  chrome: "https://clients2.google.com/service/update2/crx",
  edge: "https://edge.microsoft.com/extensionwebstorebase/v1/crx",
} as const;

/** The policy keys (under HKLM) that make Chrome and Edge install an extension on every profile. */
export const FORCELIST_KEYS = {
  chrome: "SOFTWARE\\Policies\\Google\\Chrome\\ExtensionInstallForcelist",
  edge: "SOFTWARE\\Policies\\Microsoft\\Edge\\ExtensionInstallForcelist",
} as const;

/**
 * chinh-sach-tien-ich.reg: a template of the Windows policy that installs the store build of the
 * extension on every PC of the centre (Chrome's and Edge's ExtensionInstallForcelist). IT replaces
 * the placeholders with the ids the stores gave. Cốc Cốc's policy keys are not documented: it is
 * left out, and Cốc Cốc users add the extension from the Chrome Web Store themselves.
 */
export function extensionPolicyReg(): string {
  return [
    "Windows Registry Editor Version 5.00",
    "",
    "; Mẫu chính sách: cài tiện ích Học bạ số lên mọi hồ sơ Chrome và Edge của máy (ExtensionInstallForcelist).",
    "; 1. Thay THAY_BANG_MA_TREN_CHROME_WEB_STORE và THAY_BANG_MA_TREN_EDGE_ADD_ONS bằng mã (ID) mà cửa hàng cấp",
    ";    cho tiện ích (32 chữ cái a-p, thấy trong địa chỉ trang của tiện ích trên cửa hàng).",
    ";    Bỏ khối của trình duyệt không dùng.",
    '; 2. "1" là số thứ tự trong danh sách: nếu máy đã có chính sách khác ở số 1, đổi sang số chưa dùng.',
    "; 3. Nhập vào registry bằng quyền quản trị (nháy đúp tệp này, hoặc: reg import chinh-sach-tien-ich.reg),",
    ";    hoặc đặt cùng giá trị bằng Group Policy. Mở lại trình duyệt; chrome://policy, edge://policy để kiểm tra.",
    "; 4. Cài trình ký với các mã đó: install.cmd --extension-id MÃ_CHROME --extension-id MÃ_EDGE",
    "; Cốc Cốc chưa công bố khóa chính sách: người dùng Cốc Cốc cài tiện ích từ Chrome Web Store.",
    "",
    `[HKEY_LOCAL_MACHINE\\${FORCELIST_KEYS.chrome}]`,
    `"1"="THAY_BANG_MA_TREN_CHROME_WEB_STORE;${STORE_UPDATE_URLS.chrome}"`,
    "",
    `[HKEY_LOCAL_MACHINE\\${FORCELIST_KEYS.edge}]`,
    `"1"="THAY_BANG_MA_TREN_EDGE_ADD_ONS;${STORE_UPDATE_URLS.edge}"`,
    "",
  ].join("\r\n");
}

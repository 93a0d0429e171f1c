import { EXTENSION_ID } from "../../shared/config/extension-identity.ts";
import type { PackageTarget } from "./targets.ts";

export interface GuideFacts {
  version: string;
  target: PackageTarget;
  nodeVersion: string;
}

/** HUONG-DAN-CAI-DAT.txt: what IT reads first, in Vietnamese, for the package's platform. */
export function installGuide({ version, target, nodeVersion }: GuideFacts): string {
  const win = target.os === "win32";
  const mac = target.os === "darwin";
  const folder = win ? "C:\\hocba-signer" : "~/hocba-signer";
  const install = win ? "install.cmd" : "sh install.sh";
  const uninstall = win ? "uninstall.cmd" : "sh uninstall.sh";
  const cli = win ? "hocba.cmd" : "./hocba";
  const dataDir = win
    ? "%APPDATA%\\hocba-signer"
    : mac
      ? "~/Library/Application Support/hocba-signer"
      : "~/.local/share/hocba-signer";
  const launcherDir = win
    ? "%LOCALAPPDATA%\\hocba-signer (với --system: C:\\Program Files\\hocba-signer)"
    : mac
      ? "~/Library/Application Support/hocba-signer/bin (với --system: /Library/Application Support/hocba-signer)"
      : "~/.local/share/hocba-signer/bin (với --system: /usr/local/lib/hocba-signer)";
  const sep = win ? "\\" : "/";
  const lines = [
    `HƯỚNG DẪN CÀI ĐẶT TRÌNH KÝ HỌC BẠ SỐ (hocba-signer ${version}, ${win ? "Windows 64-bit" : mac ? "macOS Apple silicon" : "Linux 64-bit"})`,
    "",
    "1. ĐÂY LÀ GÌ",
    "",
    "Trình ký trên máy của tiện ích «Học bạ số»: tiện ích trên trình duyệt đọc sổ điểm từ cổng quản lý",
    "điểm và gửi các học bạ sang trình ký này để ký bằng USB token (chứng thư số của giáo viên chủ nhiệm,",
    "Giám đốc / Hiệu trưởng, con dấu đơn vị). Trình ký cũng lưu mọi tệp đã ký vào kho lưu trên máy và",
    "kiểm tra chữ ký số.",
    "",
    `Gói này đã có sẵn mọi thứ cần thiết (kể cả Node.js ${nodeVersion}): không cần cài Node.js hay thư viện`,
    "nào khác trước, không cần công cụ lập trình, không cần mạng Internet khi cài. Chỉ cần driver USB token",
    "của nhà cung cấp chứng thư số (VNPT-CA, Viettel-CA, BkavCA, FPT-CA, ...) đã cài trên máy.",
    ...(win
      ? [
          `Máy cần Windows 10 hoặc Windows 11, bản 64-bit (Node.js ${nodeVersion.split(".")[0]} không chạy trên Windows 7, 8).`,
        ]
      : []),
    "",
    "2. CÀI ĐẶT",
    "",
    win
      ? `a) Giải nén TOÀN BỘ tệp zip (chuột phải → «Extract All» / «Giải nén tất cả») vào một thư mục cố định,`
      : `a) Giải nén toàn bộ tệp zip vào một thư mục cố định,`,
    `   ví dụ ${folder}. Giải nén ở đâu cũng được, nhưng hãy GIỮ NGUYÊN thư mục đó sau khi cài: trình duyệt`,
    "   chạy trình ký từ chính thư mục này. Đừng chạy tệp cài đặt từ bên trong tệp zip.",
    win
      ? "b) Nháy đúp vào install.cmd. Cửa sổ dòng lệnh liệt kê các tệp đã ghi và các khóa registry đã đăng ký"
      : "b) Mở cửa sổ dòng lệnh trong thư mục đó và chạy: sh install.sh",
    win
      ? "   (HKCU, cho người dùng đang đăng nhập) cho Chrome, Edge, Cốc Cốc và Firefox, rồi báo «Xong: ...»."
      : "   Lệnh liệt kê các tệp đã ghi cho Chrome, Chromium, Edge, Cốc Cốc và Firefox, rồi báo «Xong: ...».",
    win
      ? "   Để cài cho MỌI người dùng của máy: mở «Command Prompt» bằng «Run as administrator», chuyển vào"
      : "   Để cài cho MỌI người dùng của máy: sudo sh install.sh --system",
    ...(win
      ? [
          `   thư mục đã giải nén (cd /d ${folder}) và chạy: install.cmd --system   (ghi vào HKLM).`,
          "   Khi cài cho mọi người dùng, hãy giải nén vào thư mục mọi người dùng đọc được (như C:\\hocba-signer).",
        ]
      : []),
    "c) Đóng hẳn rồi mở lại trình duyệt.",
    "d) Cài tiện ích «Học bạ số» (từ cửa hàng tiện ích, hoặc do IT cài bằng chính sách: xem mục 4).",
    "",
    "3. KIỂM TRA",
    "",
    "Nhấn vào biểu tượng của tiện ích. Khi trình ký đã sẵn sàng, cửa sổ nhỏ (popup) có phần",
    `«Trình ký trên máy» ghi «Đã cài phiên bản ${version}» và dòng «USB token đang cắm (1): <tên token>»`,
    "(hoặc «Chưa thấy USB token nào» khi chưa cắm token). Nếu popup báo «Chưa cài trình ký Học bạ số trên",
    `máy này», hãy chạy lại ${install} rồi đóng hẳn và mở lại trình duyệt.`,
    "",
    `Xem token và chứng thư số mà trình ký thấy: ${cli} tokens   (chạy trong thư mục đã giải nén).`,
    `Nếu không thấy token: thêm đường dẫn thư viện PKCS#11 của driver vào tệp token-modules.json ở đây.`,
    "",
    "4. MÃ TIỆN ÍCH (EXTENSION ID)",
    "",
    `Trình ký chỉ nhận lệnh từ tiện ích Học bạ số có mã ${EXTENSION_ID} (bản tự phát hành) và`,
    "hocba-signer@hocba.vn (Firefox). Bản tiện ích cài từ Chrome Web Store hoặc Edge Add-ons có mã khác,",
    "do cửa hàng cấp. Khi đó popup báo trình ký được đăng ký cho một mã tiện ích khác: hãy chạy lại",
    `   ${install} --extension-id <MÃ_TIỆN_ÍCH>`,
    "(có thể lặp lại --extension-id cho nhiều mã, ví dụ mã trên Chrome Web Store và mã trên Edge Add-ons).",
    ...(win
      ? [
          "Để cài tiện ích lên mọi máy của trung tâm bằng chính sách Windows, sửa mã tiện ích trong",
          "chinh-sach-tien-ich.reg (thư mục này) rồi nhập vào registry của từng máy (cần quyền quản trị).",
          "Triển khai bằng kịch bản: đặt biến HOCBA_NO_PAUSE=1 để install.cmd không chờ bấm phím.",
        ]
      : []),
    "",
    "5. GỠ CÀI ĐẶT",
    "",
    win
      ? "Nháy đúp uninstall.cmd (hoặc uninstall.cmd --system từ cửa sổ quyền quản trị nếu đã cài với --system),"
      : `Chạy ${uninstall} (hoặc sudo sh uninstall.sh --system nếu đã cài với --system),`,
    "rồi xóa thư mục đã giải nén. Kho lưu học bạ đã ký và nhật ký KHÔNG bị xóa.",
    "",
    "6. DỮ LIỆU, NHẬT KÝ VÀ CẬP NHẬT",
    "",
    `- Kho lưu học bạ đã ký và nhật ký kiểm tra: ${dataDir}${sep}archive.sqlite`,
    `- Nhật ký của trình ký (không bao giờ chứa mã PIN): ${dataDir}${sep}logs${sep}host.log`,
    `- Tệp khởi chạy và tệp khai báo cho trình duyệt do ${install} tạo: ${launcherDir}`,
    `- Kiểm tra kho lưu không bị sửa hay xóa: ${cli} archive check`,
    `- Chép các tệp đã ký ra ngoài: ${cli} archive export <THƯ_MỤC>`,
    `- Kiểm tra chữ ký của một tệp: ${cli} verify <tệp.xml>`,
    `- Chứng thư gốc tin cậy (NEAC, VGCA): đặt vào thư mục trust-store${sep} ở đây (xem trust-store${sep}README.md).`,
    `- Cập nhật: giải nén bản mới vào thư mục mới, chạy ${install} trong thư mục đó, rồi xóa thư mục cũ.`,
    "",
  ];
  return lines.join(win ? "\r\n" : "\n");
}

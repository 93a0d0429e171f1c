import type { SignatureAuthority } from "./check-signature-authority.ts";
import type { SignatureReport, VerifyReport } from "./verify-hocba.ts";

const yesNo = (b: boolean, yes: string, no: string) => (b ? yes : no);

function signatureLines(s: SignatureReport, n: number): string[] {
  const out = [`  [${n}] ${s.roleLabel} (${s.role}): ${s.ok ? "HỢP LỆ" : "KHÔNG HỢP LỆ"}`];
  if (s.signer) {
    const ids = [
      s.signer.cccd && `CCCD ${s.signer.cccd}`,
      s.signer.cmnd && `CMND ${s.signer.cmnd}`,
      s.signer.mst && `MST ${s.signer.mst}`,
      s.signer.hoChieu && `hộ chiếu ${s.signer.hoChieu}`,
    ].filter(Boolean);
    out.push(`      Người ký: ${s.signer.name}${ids.length ? ` (${ids.join(", ")})` : ""}`);
    if (s.signer.organization && s.signer.organization !== s.signer.name) {
      out.push(`      Đơn vị: ${s.signer.organization}`);
    }
    out.push(`      Chứng thư số: số hiệu ${s.signer.certSerial}; cấp bởi ${s.signer.issuer}`);
  }
  if (s.signingTime) out.push(`      Thời điểm ký: ${s.signingTime}`);
  out.push(
    s.timestamp
      ? `      Mức chữ ký: ${s.level} (dấu thời gian của ${s.timestamp.tsa} lúc ${s.timestamp.time})`
      : `      Mức chữ ký: ${s.level} (không có dấu thời gian: thời điểm ký là do người ký tự ghi)`,
  );
  if (s.revocation) out.push(`      Dữ liệu thu hồi lưu trong chữ ký: ${revocationText(s.revocation)}`);
  out.push(
    `      Toàn vẹn: ${yesNo(s.integrity, "đúng", "SAI")}; chuỗi chứng thư: ${yesNo(s.chainTrusted, "tin cậy", "KHÔNG tin cậy")}; ` +
      `hiệu lực khi ký: ${yesNo(s.validAtSigningTime, "có", "KHÔNG")}; mục đích ký số: ${yesNo(s.keyUsageOk, "đúng", "SAI")}`,
  );
  if (s.authority) out.push(`      Thẩm quyền ký: ${authorityText(s.authority)}`);
  if (s.authority?.warning) out.push(`      ⚠ ${s.authority.warning.message}`);
  for (const i of s.issues) out.push(`      ✗ ${i.message}`);
  return out;
}

/** What the kept OCSP response or CRL shows at the timestamp time (B-LT), checked offline. */
function revocationText(r: NonNullable<SignatureReport["revocation"]>): string {
  const from = `${r.source} lúc ${r.issued}`;
  switch (r.status) {
    case "good":
      return `${from}: chưa bị thu hồi khi ký`;
    case "revoked-later":
      return `${from}: bị thu hồi từ ${r.revokedAt ?? "?"}, sau khi ký (chữ ký vẫn có giá trị)`;
    case "revoked":
      return `${from}: ĐÃ BỊ THU HỒI từ ${r.revokedAt ?? "?"}, trước khi ký`;
    case "stale":
      return `${from}: phát hành trước dấu thời gian, không chứng minh được tình trạng lúc ký (mức B-T)`;
  }
}

const SIGNED_AS: Readonly<Record<NonNullable<SignatureAuthority["signedAs"]>, string>> = {
  GVCN: "đúng GVCN học bạ ghi",
  ThuTruong: "đúng thủ trưởng học bạ ghi",
  KyThay: "đúng cấp phó học bạ ghi ký thay (KT.)",
  DonVi: "đúng đơn vị học bạ ghi",
};

/** "đúng GVCN học bạ ghi (Trần Thị Thu Hằng)"; a refusal's names are in its ✗ line. */
function authorityText(a: SignatureAuthority): string {
  if (!a.ok || !a.signedAs) return "KHÔNG đúng người học bạ ghi cho vai trò này";
  return `${SIGNED_AS[a.signedAs]} (${a.named})`;
}

/** The Vietnamese text report of `hocba verify` for one file. */
export function formatVerifyReport(r: VerifyReport): string {
  const cancel = r.signedData?.view?.ttChung.suKien === "CANCEL";
  const status = !r.ok
    ? "KHÔNG HỢP LỆ"
    : cancel
      ? r.complete
        ? `HỢP LỆ, văn bản hủy đã có chữ ký Thủ trưởng${r.roles.includes("DonVi") ? " và dấu Đơn vị" : ""}`
        : "HỢP LỆ, văn bản hủy chưa có chữ ký Thủ trưởng"
      : r.complete
        ? "HỢP LỆ, đủ 3 chữ ký (GVCN, Thủ trưởng, Đơn vị)"
        : `HỢP LỆ, đã có ${r.signatures.length}/3 chữ ký`;
  const out = [`Tệp ${r.file ?? "(không tên)"}: ${status}`];
  const v = r.signedData?.view;
  if (v) {
    out.push(
      `  Học viên: ${v.hocVien.hoTen} (mã ${v.hocVien.maHocVien}, số định danh ${v.hocVien.soDinhDanh}), ` +
        `lớp ${v.ttChung.lop}, năm học ${v.ttChung.namHoc}; ${v.ttChung.tenTruong}`,
    );
    out.push(
      `  Bản ghi: ${v.ttChung.suKien}, phiên bản ${v.ttChung.phienBanBanGhi}, lập lúc ${v.ttChung.thoiGianLap}`,
    );
  } else if (r.signatures.length > 0) {
    // Never silently without the learner line: say why nothing is shown.
    out.push(
      r.signedData
        ? "  Học viên: (không đọc được dữ liệu đã ký: xem lỗi bên dưới)"
        : "  Học viên: (không hiển thị: không có chữ ký nào xác nhận được dữ liệu của tệp)",
    );
  }
  for (const i of r.issues) out.push(`  ✗ ${i.message}`);
  r.signatures.forEach((s, k) => out.push(...signatureLines(s, k + 1)));
  return out.join("\n");
}

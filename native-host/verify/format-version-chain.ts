import type { SigningRole } from "../../shared/xml/hocbaso-v1/signature-profile.ts";
import type { VersionChainReport } from "./check-version-chain.ts";

const short = (t: string) => (t === "" ? "(trống)" : t.length > 60 ? `«${t.slice(0, 57)}…»` : `«${t}»`);

/** The lines `hocba verify` adds under a file's report: which version, what it replaces, the chain. */
export function formatVersionChain(
  chain: VersionChainReport | undefined,
  roles: readonly SigningRole[] = [],
): string[] {
  if (!chain) return [];
  const out: string[] = [];
  const t = chain.thayThe;
  if (t && chain.suKien === "CANCEL") {
    out.push(
      `  Phiên bản: ${chain.phienBan} (CANCEL): HỦY phiên bản ${t.phienBanTruoc} của bản ghi ${chain.idBanGhi} ` +
        `(SHA-256 bản chưa ký ${t.sha256BanTruoc}); lý do: ${short(t.lyDo)}`,
    );
    if (!roles.includes("ThuTruong")) {
      out.push("  ! Văn bản hủy chưa có chữ ký của thủ trưởng: chưa có hiệu lực.");
    }
  } else if (!t) {
    out.push(`  Phiên bản: ${chain.phienBan} (${chain.suKien}) của bản ghi ${chain.idBanGhi}`);
  } else {
    out.push(
      `  Phiên bản: ${chain.phienBan} (${chain.suKien}) của bản ghi ${chain.idBanGhi}, thay thế phiên bản ${t.phienBanTruoc} ` +
        `(SHA-256 bản chưa ký ${t.sha256BanTruoc}); lý do: ${short(t.lyDo)}; ${t.suaDoi.length} chỗ sửa`,
    );
    for (const c of t.suaDoi) out.push(`      ${c.truong}: ${short(c.cu)} → ${short(c.moi)}`);
  }
  if (chain.intact === true && chain.previous) {
    out.push(
      `  Chuỗi phiên bản: nguyên vẹn so với ${chain.previous.source} (cùng IdBanGhi, phiên bản ${chain.previous.phienBan ?? "?"} → ${chain.phienBan}, SHA-256 khớp, danh sách sửa đúng)`,
    );
  } else if (chain.intact === undefined && t) {
    out.push("  Chuỗi phiên bản: chưa kiểm tra (cho --previous TỆP_TRƯỚC, --archive KHO hoặc --chain)");
  }
  for (const i of chain.issues) out.push(`  ✗ ${i.message}`);
  return out;
}

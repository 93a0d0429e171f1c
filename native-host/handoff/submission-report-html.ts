import type { SubmissionPlan } from "./plan-submission.ts";

const ROLE_HEADERS = ["GVCN", "ThuTruong", "DonVi"] as const;
const THAY_DOI = { moi: "mới", "thay-doi": "thay đổi", huy: "hủy bản ghi đã nộp" } as const;

function esc(text: string | number): string {
  return String(text).replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );
}

/**
 * The verification report of a submission package: a printable Vietnamese HTML page (A4 landscape)
 * listing every record handed in with who signed each role and when, the SHA-256 of each file, and
 * the records left out with the reason. Self-contained: no script, no outside resource.
 */
export function submissionReportHtml(
  plan: SubmissionPlan,
  createdAt: string,
  files: Map<string, string>,
): string {
  const institutions = [...new Set(plan.included.map((r) => r.tenTruong))].join(", ");
  const rows = plan.included
    .map((r, i) => {
      const cells = ROLE_HEADERS.map((role) => {
        const s = r.signatures.find((x) => x.role === role);
        return `<td>${s ? `${esc(s.signer)}<br><small>${esc(s.signingTime)}</small>` : "—"}</td>`;
      }).join("");
      return (
        `<tr><td>${i + 1}</td><td>${esc(r.maHocVien)}</td><td>${esc(r.hoTen)}</td><td>${esc(r.lop)}</td>` +
        `<td>${r.phienBan}${plan.dot === 2 || r.thayDoi === "huy" ? ` (${THAY_DOI[r.thayDoi]})` : ""}</td>${cells}` +
        `<td><code>${esc(files.get(r.sha256) ?? "")}</code><br><code class="h">${esc(r.sha256)}</code></td>` +
        `<td class="ok">Hợp lệ</td></tr>`
      );
    })
    .join("\n");
  const left = plan.notIncluded
    .map(
      (n, i) =>
        `<tr><td>${i + 1}</td><td>${esc(n.maHocVien)}</td><td>${esc(n.hoTen)}</td><td>${esc(n.lop)}</td>` +
        `<td>${n.phienBan}</td><td>${esc(n.lyDo)}</td></tr>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<title>Báo cáo kiểm tra gói nộp học bạ số — năm học ${esc(plan.namHoc)}, đợt ${plan.dot}</title>
<style>
@page { size: A4 landscape; margin: 12mm; }
body { font-family: "Times New Roman", serif; font-size: 11pt; color: #000; }
h1 { font-size: 15pt; text-align: center; margin: 0 0 4pt; }
p.meta { text-align: center; margin: 0 0 10pt; }
table { border-collapse: collapse; width: 100%; margin-bottom: 12pt; }
th, td { border: 1px solid #444; padding: 2pt 4pt; vertical-align: top; }
th { background: #e8eef6; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
code { font-size: 8pt; word-break: break-all; }
code.h { color: #444; }
td.ok { color: #006100; font-weight: bold; }
@media print { th { background: #e8eef6 !important; -webkit-print-color-adjust: exact; print-color-adjust: exact; } }
</style>
</head>
<body>
<h1>BÁO CÁO KIỂM TRA GÓI NỘP HỌC BẠ SỐ</h1>
<p class="meta">Năm học ${esc(plan.namHoc)} — Đợt ${plan.dot}${plan.dot === 2 ? " (bổ sung: chỉ hồ sơ mới hoặc thay đổi sau đợt 1)" : ""}<br>
${esc(institutions)}<br>Lập lúc ${esc(createdAt)} — ${plan.included.length} hồ sơ trong gói, ${plan.notIncluded.length} hồ sơ không đưa vào</p>
<p>Mỗi hồ sơ dưới đây đã được kiểm tra lại khi lập gói: đủ ba chữ ký số (giáo viên chủ nhiệm, thủ trưởng, đơn vị),
mỗi chữ ký toàn vẹn, chứng thư tin cậy và đúng người được ghi trong hồ sơ; là phiên bản mới nhất của bản ghi.
Mã SHA-256 của từng tệp có trong SHA256SUMS (kiểm tra bằng «sha256sum -c SHA256SUMS»).</p>
<table>
<thead><tr><th>STT</th><th>Mã học viên</th><th>Họ và tên</th><th>Lớp</th><th>Phiên bản</th><th>GVCN ký</th><th>Thủ trưởng ký</th><th>Đơn vị (dấu)</th><th>Tệp / SHA-256</th><th>Kết quả</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<h2>Hồ sơ không đưa vào gói</h2>
${
  plan.notIncluded.length === 0
    ? "<p>Không có.</p>"
    : `<table>
<thead><tr><th>STT</th><th>Mã học viên</th><th>Họ và tên</th><th>Lớp</th><th>Phiên bản</th><th>Lý do</th></tr></thead>
<tbody>
${left}
</tbody>
</table>`
}
</body>
</html>
`;
}

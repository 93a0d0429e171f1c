import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { SubmissionMade } from "../../extension/models/wire.ts";
import { SubmissionResultView } from "../../extension/ui/progress/submission-result-view.tsx";

/** The progress page's answer to «Tạo gói nộp Sở/Bộ»: where the package is and what was left out, in Vietnamese. */

const made: SubmissionMade = {
  namHoc: "2025-2026",
  dot: 1,
  dir: "/home/vanthu/Documents/HocBa-NopSo/2025-2026-dot1-20260624-090000",
  files: ["manifest.json", "manifest.csv", "khong-dua-vao.csv", "bao-cao-kiem-tra.html", "SHA256SUMS"],
  included: 40,
  notIncludedCount: 2,
  notIncluded: [
    {
      maHocVien: "HV0007",
      hoTen: "Lê Thị Ánh",
      lop: "10A1",
      phienBan: 1,
      code: "SUBMISSION_MISSING_ROLES",
      lyDo: "Chưa ký đủ: thiếu đóng dấu (phiên bản 1).",
    },
    {
      maHocVien: "HV0009",
      hoTen: "Đỗ Văn Bình",
      lop: "10A1",
      phienBan: 2,
      code: "SUBMISSION_NEWER_UNSIGNED",
      lyDo: "Phiên bản 2 chưa ký đủ.",
    },
  ],
  report: "bao-cao-kiem-tra.html",
};

const render = (result: SubmissionMade) =>
  renderToStaticMarkup(<SubmissionResultView result={result} learner="học viên" />);

describe("the submission result on the progress page", () => {
  it("names the folder, the count, the report and each record left out with its reason", () => {
    const html = render(made);
    expect(html).toContain("Đã tạo gói nộp đợt 1 năm học 2025-2026: 40 học bạ, trong thư mục:");
    expect(html).toContain(`<pre data-testid="submission-dir">${made.dir}</pre>`);
    expect(html).toContain(
      "Trong thư mục: các tệp học bạ (XML), manifest.json, manifest.csv, khong-dua-vao.csv, SHA256SUMS. Báo cáo kiểm tra để in: bao-cao-kiem-tra.html.",
    );
    expect(html).toContain("2 học bạ không đưa vào gói, và lý do:");
    expect(html).toContain("<th>Mã học viên</th><th>Họ và tên</th><th>Lớp</th><th>Lý do</th>");
    expect(html).toContain(
      '<tr data-ma="HV0007" data-code="SUBMISSION_MISSING_ROLES"><td>HV0007</td><td>Lê Thị Ánh</td><td>10A1</td><td>Chưa ký đủ: thiếu đóng dấu (phiên bản 1).</td></tr>',
    );
    expect(html).toContain("Phiên bản 2 chưa ký đủ.");
    expect(html).not.toContain("học bạ khác");
  });

  it("says when the reply lists only the first records left out", () => {
    const html = render({ ...made, notIncludedCount: 75 });
    expect(html).toContain("75 học bạ không đưa vào gói");
    expect(html).toContain("… và 73 học bạ khác: xem khong-dua-vao.csv trong thư mục.");
  });

  it("no record qualifies: no folder, and why", () => {
    const html = render({ ...made, dot: 2, dir: undefined, files: [], included: 0 });
    expect(html).toContain(
      "Không có học bạ nào đủ điều kiện cho đợt 2 năm học 2025-2026: chưa tạo thư mục nào.",
    );
    expect(html).not.toContain("submission-dir");
    expect(html).toContain('data-code="SUBMISSION_NEWER_UNSIGNED"');
  });

  it("every record in: says so, no table", () => {
    const html = render({ ...made, notIncludedCount: 0, notIncluded: [] });
    expect(html).toContain("Mọi học bạ của năm học đều đã vào gói.");
    expect(html).not.toContain("submission-left-out");
  });
});

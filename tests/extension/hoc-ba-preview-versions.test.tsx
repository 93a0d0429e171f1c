import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { LearnerRow } from "../../extension/services/review-model.ts";
import { HocBaPreview } from "../../extension/ui/review/hoc-ba-preview.tsx";
import type { Gradebook, Learner } from "../../shared/model/gradebook.ts";
import { planRecordVersion } from "../../shared/versions/plan-record-version.ts";
import { createHocBaBuilder } from "../../shared/xml/hocbaso-v1/build-hoc-ba-xml.ts";
import { readHocBa } from "../../shared/xml/hocbaso-v1/read-hoc-ba.ts";
import { fixture } from "./support/portal.ts";

/** The paper preview of a later version (its corrections, old beside new) and of a learner who left or arrived. */

function rowOf(learner: Learner, built: { fileName: string; bytes: Uint8Array }): LearnerRow {
  return {
    id: "x",
    classKey: "k",
    lop: "10A1",
    namHoc: "2025-2026",
    stt: 1,
    maHocVien: learner.hocVien.maHocVien,
    hoTen: learner.hocVien.hoTen,
    ngaySinh: learner.hocVien.ngaySinh,
    errors: [],
    warnings: [],
    built: { fileName: built.fileName, xml: new TextDecoder().decode(built.bytes) },
  };
}

describe("the preview of versions and movements", () => {
  const gb: Gradebook = fixture("gradebook-gdtx-10.json");
  const build = createHocBaBuilder(gb, { thoiGianLap: "2026-05-25T08:00:00+07:00" });
  const learner = structuredClone(gb.learners[0] as Learner);

  it("version 2: what it replaces, the reason, and each correction with its old and new value", () => {
    const v1 = build(learner).bytes;
    const changed = structuredClone(learner);
    changed.nhanXetGVCN = "Nhận xét mới";
    const plan = planRecordVersion({
      build,
      learner: changed,
      previous: { unsigned: v1, sha256: "a".repeat(64), view: readHocBa(v1), roles: ["GVCN"] },
      lyDo: "Sửa nhận xét",
    });
    if (plan.kind !== "new-version") throw new Error(plan.kind);
    const html = renderToStaticMarkup(<HocBaPreview row={rowOf(changed, plan.built)} />);
    expect(html).toContain(
      "Phiên bản 2 (bản sửa) thay thế phiên bản 1. Lý do: Sửa nhận xét. Trong bảng này có sửa chữa ở 1 chỗ:",
    );
    expect(html).toContain(
      `<tr data-truong="NhanXetGVCN"><th>Nhận xét của giáo viên chủ nhiệm</th><td class="old">${learner.nhanXetGVCN}</td><td class="new">Nhận xét mới</td></tr>`,
    );
  });

  it("a transfer out after semester I, a transfer in with the learning history", () => {
    const out = structuredClone(learner);
    out.roiTruong = {
      trangThai: "ChuyenDi",
      ngay: "2026-01-19",
      hocKyHoanThanh: 1,
      truongChuyenDen: "TT GDTX Lâm Thao",
    };
    const left = renderToStaticMarkup(<HocBaPreview row={rowOf(out, build(out))} />);
    expect(left).toContain(
      "Chuyển đi ngày 19/01/2026 đến TT GDTX Lâm Thao; học bạ ghi 1 học kỳ đã hoàn thành",
    );
    const arrived = structuredClone(learner);
    arrived.chuyenDen = { ngay: "2025-10-15", truongCu: "Trường THPT Hùng Vương" };
    arrived.quaTrinhHocTap = [
      { namHoc: "2025-2026", lop: "10A1", truong: "TT GDNN-GDTX Việt Trì", ngay: "2025-10-15" },
    ];
    const html = renderToStaticMarkup(<HocBaPreview row={rowOf(arrived, build(arrived))} />);
    expect(html).toContain("Chuyển đến ngày 15/10/2025 từ Trường THPT Hùng Vương");
    expect(html).toContain("Quá trình học tập");
    expect(html).toContain("<td>TT GDNN-GDTX Việt Trì</td>");
  });
});

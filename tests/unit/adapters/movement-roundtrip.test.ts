import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Gradebook, Learner } from "../../../shared/model/gradebook.ts";
import { createGenericTableAdapter } from "../../../shared/portal-adapters/generic-table/generic-table-adapter.ts";
import { extractGradebook, readClassFromPortal } from "../../../shared/portal-adapters/extract-gradebook.ts";
import type { PortalAdapter } from "../../../shared/portal-adapters/portal-adapter.ts";
import { smasAdapter } from "../../../shared/portal-adapters/smas-style/smas-adapter.ts";
import { vneduAdapter } from "../../../shared/portal-adapters/vnedu-style/vnedu-adapter.ts";
import { vneduV5Adapter } from "../../../shared/portal-adapters/vnedu-v5/vnedu-v5-adapter.ts";
import { vtsmasAdapter } from "../../../shared/portal-adapters/vtsmas/vtsmas-adapter.ts";
import { startPortal, type RunningPortal } from "../../portal-sim/start-portal.ts";
import { classWorkbook, readWorkbook, workbookBytes } from "./class-workbook.ts";
import { vtsmasYearId } from "../../portal-sim/vtsmas.ts";
import {
  loadFixture,
  login,
  loginV5,
  openPage,
  openV5Class,
  parseHtml,
  sessionFetch,
} from "./portal-client.ts";

/**
 * Learners who leave or arrive, and the learning history (issue 10), through every layout of the
 * simulator: vnEdu-style JSON stores (old vnEdu and v5), SMAS-style tables (the hồ sơ page) and the
 * new SMAS gateway. Each gives back the source's roiTruong, chuyenDen and quaTrinhHocTap, and the
 * whole gradebook exactly.
 */

const source: Gradebook = loadFixture("gradebook-gdtx-10.json");
const moved = (i: number): Learner => source.learners[i] as Learner;
moved(0).roiTruong = {
  trangThai: "ChuyenDi",
  ngay: "2026-01-15",
  hocKyHoanThanh: 1,
  truongChuyenDen: "Trung tâm GDNN-GDTX quận Cầu Giấy, Hà Nội",
};
moved(1).roiTruong = { trangThai: "ThoiHoc", ngay: "2025-11-03", hocKyHoanThanh: 0 };
moved(2).chuyenDen = { ngay: "2025-10-06", truongCu: "Trường THPT Phan Đình Phùng, Hà Nội" };
moved(2).quaTrinhHocTap = [
  { namHoc: "2024-2025", lop: "9A3", truong: "Trường THCS Nguyễn Trãi, Hà Nội", ngay: "2024-09-05" },
  { namHoc: "2025-2026", lop: "10A1", truong: "Trung tâm GDNN-GDTX Ba Đình, Hà Nội", ngay: "2025-10-06" },
];

let portal: RunningPortal;
beforeAll(async () => {
  portal = await startPortal({ gradebooks: [source] });
});
afterAll(async () => {
  await portal.close();
});

async function readLayout(layout: "vnedu" | "smas" | "vnedu-v5" | "vtsmas"): Promise<{
  gradebook: Gradebook | null;
  problems: string[];
}> {
  const id = portal.classes[0]?.id ?? "1001";
  let adapter: PortalAdapter;
  let start;
  let fetchPage;
  if (layout === "vnedu" || layout === "smas") {
    fetchPage = sessionFetch(await login(portal.url, layout));
    const path = layout === "vnedu" ? `/vnedu/lop?lop_id=${id}` : `/smas/Lop/ChiTiet?lopId=${id}`;
    start = await openPage(fetchPage, portal.url + path);
    adapter = layout === "vnedu" ? vneduAdapter : smasAdapter;
  } else if (layout === "vnedu-v5") {
    const cookie = await loginV5(portal.url);
    start = await openV5Class(portal.url, cookie, { lopId: id, monIndex: 1, hocKy: 2 });
    fetchPage = sessionFetch(cookie);
    adapter = vneduV5Adapter;
  } else {
    const res = await fetch(portal.url + "/vtsmas/sso/connect/token", {
      method: "POST",
      body: new URLSearchParams({
        grant_type: "password",
        username: "gvcn",
        password: "123456",
        scope: "ScoreBookService",
      }),
    });
    const bearer = ((await res.json()) as { access_token: string }).access_token;
    const url = `${portal.url}/vtsmas/so-diem?classId=c${id}&schoolYearId=${vtsmasYearId(source)}`;
    start = { url, doc: parseHtml(await (await fetch(url)).text()) };
    fetchPage = sessionFetch("", bearer);
    adapter = vtsmasAdapter;
  }
  const result = await readClassFromPortal({
    adapter,
    start,
    fetchPage,
    parseHtml: (h) => parseHtml(h),
    concurrency: 4,
  });
  return { gradebook: result.gradebook, problems: result.problems.map((p) => p.message) };
}

describe("an Excel export (spreadsheet adapter)", () => {
  it("reads the same departures, arrival and history from the learner list's columns", async () => {
    const result = extractGradebook(
      createGenericTableAdapter(),
      await readWorkbook(await workbookBytes(classWorkbook(source))),
    );
    expect(result.problems.map((p) => p.message)).toEqual([]);
    const gb = result.gradebook as Gradebook;
    expect(gb.learners.slice(0, 3).map((l) => [l.roiTruong, l.chuyenDen, l.quaTrinhHocTap])).toEqual(
      [0, 1, 2].map((i) => [moved(i).roiTruong, moved(i).chuyenDen, moved(i).quaTrinhHocTap]),
    );
    expect(gb).toEqual(source);
  });

  it("a history line without its school is named with its place, not read", async () => {
    const wb = classWorkbook(source);
    const list = wb.getWorksheet("Danh sách học sinh");
    list?.eachRow((row) =>
      row.eachCell((cell) => {
        if (
          cell.value ===
          "2024-2025 | 9A3 | Trường THCS Nguyễn Trãi, Hà Nội | 05/09/2024; 2025-2026 | 10A1 | Trung tâm GDNN-GDTX Ba Đình, Hà Nội | 06/10/2025"
        ) {
          cell.value = "2024-2025 | 9A3 | 05/09/2024";
        }
      }),
    );
    const result = extractGradebook(createGenericTableAdapter(), await readWorkbook(await workbookBytes(wb)));
    const messages = result.problems.map((p) => p.message).join("\n");
    expect(messages).toContain("Quá trình học tập");
    expect(messages).toContain("năm học | lớp | trường | ngày");
  });
});

describe.each(["vnedu", "smas", "vnedu-v5", "vtsmas"] as const)("%s layout", (layout) => {
  it("reads a transfer out after HK I, a learner who stopped, a transfer in and the learning history", async () => {
    const { gradebook, problems } = await readLayout(layout);
    expect(problems).toEqual([]);
    const gb = gradebook as Gradebook;
    expect(gb.learners[0]?.roiTruong).toEqual(moved(0).roiTruong);
    expect(gb.learners[1]?.roiTruong).toEqual(moved(1).roiTruong);
    expect(gb.learners[2]?.chuyenDen).toEqual(moved(2).chuyenDen);
    expect(gb.learners[2]?.quaTrinhHocTap).toEqual(moved(2).quaTrinhHocTap);
    // Nobody else gained a departure or an arrival.
    expect(gb.learners.slice(3).filter((l) => l.roiTruong ?? l.chuyenDen ?? l.quaTrinhHocTap)).toEqual([]);
    expect(gb).toEqual(source);
  });
});

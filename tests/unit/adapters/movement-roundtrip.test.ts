import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Gradebook, Learner } from "../../../shared/model/gradebook.ts";
import { createGenericTableAdapter } from "../../../shared/portal-adapters/generic-table/generic-table-adapter.ts";
import { extractGradebook, readClassFromPortal } from "../../../shared/portal-adapters/extract-gradebook.ts";
import type { PortalAdapter } from "../../../shared/portal-adapters/portal-adapter.ts";
import { smasAdapter } from "../../../shared/portal-adapters/smas-style/smas-adapter.ts";
import { vneduAdapter } from "../../../shared/portal-adapters/vnedu-style/vnedu-adapter.ts";
import { vneduV5Adapter } from "../../../shared/portal-adapters/vnedu-v5/vnedu-v5-adapter.ts";
import { vtsmasAdapter } from "../../../shared/portal-adapters/vtsmas/vtsmas-adapter.ts";
import { withDemoMovement } from "../../portal-sim/demo-movement.ts";
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

// The demo's movers (tests/portal-sim/demo-movement.ts): the last three learners of the class.
const source: Gradebook = withDemoMovement(loadFixture("gradebook-gdtx-10.json"));
const N = source.learners.length;
const MOVED = [N - 3, N - 2, N - 1];
const moved = (i: number): Learner => source.learners[i] as Learner;

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
    expect(
      MOVED.map((i) => gb.learners[i]).map((l) => [l?.roiTruong, l?.chuyenDen, l?.quaTrinhHocTap]),
    ).toEqual(MOVED.map((i) => [moved(i).roiTruong, moved(i).chuyenDen, moved(i).quaTrinhHocTap]));
    expect(gb).toEqual(source);
  });

  it("a history line without its school is named with its place, not read", async () => {
    const wb = classWorkbook(source);
    const list = wb.getWorksheet("Danh sách học sinh");
    let changed = 0;
    list?.eachRow((row) =>
      row.eachCell((cell) => {
        if (typeof cell.value === "string" && cell.value.startsWith("2024-2025 | 9A | ")) {
          cell.value = "2024-2025 | 9A | 05/09/2024";
          changed++;
        }
      }),
    );
    const result = extractGradebook(createGenericTableAdapter(), await readWorkbook(await workbookBytes(wb)));
    expect(changed).toBe(1);
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
    const [out, stop, arrive] = MOVED;
    expect(gb.learners[out as number]?.roiTruong).toMatchObject({ trangThai: "ChuyenDi", hocKyHoanThanh: 1 });
    expect(gb.learners[out as number]?.roiTruong).toEqual(moved(out as number).roiTruong);
    expect(gb.learners[stop as number]?.roiTruong).toEqual(moved(stop as number).roiTruong);
    expect(gb.learners[arrive as number]?.chuyenDen).toEqual(moved(arrive as number).chuyenDen);
    expect(gb.learners[arrive as number]?.quaTrinhHocTap).toEqual(moved(arrive as number).quaTrinhHocTap);
    // The semesters after a departure come back empty; nobody else gained a departure or an arrival.
    expect(gb.learners[out as number]?.ketQua.every((k) => k.hk2.tbm === null && k.cn.tbm === null)).toBe(
      true,
    );
    expect(gb.learners.slice(0, N - 3).filter((l) => l.roiTruong ?? l.chuyenDen ?? l.quaTrinhHocTap)).toEqual(
      [],
    );
    expect(gb).toEqual(source);
  });
});

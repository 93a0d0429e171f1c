import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Gradebook } from "../../../shared/model/gradebook.ts";
import type { FetchedPage } from "../../../shared/portal-adapters/crawl-class.ts";
import type { PortalRequest } from "../../../shared/portal-adapters/common/portal-request.ts";
import { readClassFromPortal } from "../../../shared/portal-adapters/extract-gradebook.ts";
import { createAdapters, detectAdapter } from "../../../shared/portal-adapters/registry.ts";
import { vtsmasAdapter } from "../../../shared/portal-adapters/vtsmas/vtsmas-adapter.ts";
import { startPortal, type RunningPortal } from "../../portal-sim/start-portal.ts";
import { vtsmasYearId } from "../../portal-sim/vtsmas.ts";
import { loadFixture, parseHtml, sessionFetch } from "./portal-client.ts";

/**
 * The new SMAS: from the app's class address, every gateway request carries the page's bearer
 * token (the fetcher adds it; the adapter only marks the request); the score books are read
 * through their templates and the class comes back exactly.
 */

const gdtx = loadFixture("gradebook-gdtx-10.json");
const thpt = loadFixture("gradebook-thpt-11.json");
const errors = loadFixture("gradebook-errors.json");
let portal: RunningPortal;

beforeAll(async () => {
  portal = await startPortal({ gradebooks: [gdtx, thpt, errors] });
});
afterAll(async () => {
  await portal.close();
});

/** The SSO's password grant, as the app does at login (the extension never does this). */
async function token(): Promise<string> {
  const res = await fetch(portal.url + "/vtsmas/sso/connect/token", {
    method: "POST",
    body: new URLSearchParams({
      grant_type: "password",
      username: "gvcn",
      password: "123456",
      scope: "ScoreBookService",
    }),
  });
  return ((await res.json()) as { access_token: string }).access_token;
}

async function start(lopId: string) {
  const gb = portal.classes.find((c) => c.id === lopId)?.gradebook ?? gdtx;
  const url = `${portal.url}/vtsmas/so-diem?classId=c${lopId}&schoolYearId=${vtsmasYearId(gb)}`;
  return { url, doc: parseHtml(await (await fetch(url)).text()) };
}

async function read(lopId: string, change?: (request: PortalRequest, page: FetchedPage) => FetchedPage) {
  const bearer = await token();
  const base = sessionFetch("", bearer);
  const fetchPage = async (url: string, request: PortalRequest) => {
    const page = await base(url, request);
    return change ? change(request, page) : page;
  };
  return readClassFromPortal({
    adapter: vtsmasAdapter,
    start: await start(lopId),
    fetchPage,
    parseHtml: (h) => parseHtml(h),
  });
}

describe("new SMAS (vtsmas)", () => {
  it.each([
    ["GDTX 10A1", gdtx, "1001"],
    ["THPT 11A2", thpt, "1002"],
    ["10A9 with deliberate errors", errors, "1003"],
  ] as [string, Gradebook, string][])("reads class %s back exactly", async (_name, source, lopId) => {
    const page = await start(lopId);
    expect(detectAdapter(page, createAdapters())?.id).toBe("vtsmas");
    expect(vtsmasAdapter.pageKind(page)).toBe("lop");
    const result = await read(lopId);
    expect(result.problems.map((p) => p.message)).toEqual([]);
    const gb = result.gradebook as Gradebook;
    source.learners.forEach((learner, i) => {
      expect(gb.learners[i]?.ketQua, `kết quả ${learner.hocVien.hoTen}`).toEqual(learner.ketQua);
    });
    expect(gb).toEqual(source);
  });

  it("every gateway request asks for the page's bearer token; without it the gateway refuses", async () => {
    const page = await start("1001");
    const links = vtsmasAdapter.links(page).map((l) => (typeof l === "string" ? { url: l } : l));
    expect(links.length).toBeGreaterThan(4);
    expect(links.every((l) => l.auth === "page-bearer")).toBe(true);
    const result = await readClassFromPortal({
      adapter: vtsmasAdapter,
      start: page,
      fetchPage: sessionFetch(""),
      parseHtml: (h) => parseHtml(h),
    });
    expect(result.gradebook).toBeNull();
    const res = await fetch(links[0]?.url ?? "", { headers: { Authorization: "Bearer forged" } });
    expect(res.status).toBe(401);
  });

  it("a template whose average is renamed stops that score book, naming the page and the point", async () => {
    const result = await read("1001", (request, page) =>
      /mau-so-diem/.test(request.url)
        ? {
            ...page,
            json: JSON.parse(
              JSON.stringify(page.json).replaceAll("TBm học kỳ I", "Điểm tổng hợp I"),
            ) as unknown,
          }
        : page,
    );
    expect(result.gradebook).toBeNull();
    expect(result.problems[0]?.message).toBe(
      `Trang «Sổ điểm môn Ngữ văn, học kỳ I (${portal.url}/gateway/api/hoc-tap/so-diem/danh-sach)», bảng «Sổ điểm môn Ngữ văn, học kỳ I»: cột «Điểm tổng hợp I» (mã cột TBHK) không còn mang tiêu đề như trước; cổng đã đổi cách trình bày nên chưa đọc trang này, để không lấy nhầm điểm.`,
    );
  });

  it("a score that the template does not place is refused, not dropped", async () => {
    const result = await read("1001", (request, page) => {
      const body = request.json as { subjectCode?: string; semester?: number } | undefined;
      if (body?.subjectCode !== "TO" || body.semester !== 1) return page;
      const rows = page.json as {
        pointDetails: { pointGroupCode: string; pointCode: string; pointValue: string }[];
      }[];
      rows[0]?.pointDetails.push({ pointGroupCode: "G1", pointCode: "TX9", pointValue: "7" });
      return page;
    });
    expect(result.gradebook).toBeNull();
    expect(result.problems[0]?.code).toBe("EXTRACT_UNKNOWN_POINT");
    expect(result.problems[0]?.message).toContain(`(${gdtx.learners[0]?.hocVien.hoTen}): có điểm mã «TX9»`);
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../../native-host/cli/main.ts";
import { crawlClass } from "../../../shared/portal-adapters/crawl-class.ts";
import type { Gradebook } from "../../../shared/model/gradebook.ts";
import type { FetchedPage } from "../../../shared/portal-adapters/crawl-class.ts";
import { extractGradebook, readClassFromPortal } from "../../../shared/portal-adapters/extract-gradebook.ts";
import type { PortalRequest } from "../../../shared/portal-adapters/common/portal-request.ts";
import { createAdapters, detectAdapter } from "../../../shared/portal-adapters/registry.ts";
import { vneduV5Adapter } from "../../../shared/portal-adapters/vnedu-v5/vnedu-v5-adapter.ts";
import { markTypedValues } from "../../../shared/portal-adapters/common/input-values.ts";
import { startPortal, type RunningPortal } from "../../portal-sim/start-portal.ts";
import { v5SubjectId } from "../../portal-sim/vnedu-v5-pages.ts";
import { loadFixture, loginV5, openV5Class, parseHtml, sessionFetch } from "./portal-client.ts";

/**
 * vnEdu v5: from the desktop with one sổ điểm window open, the adapter asks (form POST with the
 * page's my_token) for the class, subjects, learners, tổng kết and every subject's sổ điểm of both
 * semesters, reads the grades from the fragments' inputs, and gives back the source gradebook.
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

describe("vnEdu v5", () => {
  it.each([
    ["GDTX 10A1", gdtx, "1001"],
    ["THPT 11A2", thpt, "1002"],
    ["10A9 with deliberate errors", errors, "1003"],
  ] as [string, Gradebook, string][])("reads class %s back exactly", async (_name, source, lopId) => {
    const cookie = await loginV5(portal.url);
    const start = await openV5Class(portal.url, cookie, { lopId, monIndex: 1, hocKy: 2 });
    expect(detectAdapter(start, createAdapters())?.id).toBe("vnedu-v5");
    expect(vneduV5Adapter.pageKind(start)).toBe("lop");
    const result = await readClassFromPortal({
      adapter: vneduV5Adapter,
      start,
      fetchPage: sessionFetch(cookie),
      parseHtml: (h) => parseHtml(h),
      concurrency: 4,
    });
    expect(result.problems.map((p) => p.message)).toEqual([]);
    const gb = result.gradebook as Gradebook;
    source.learners.forEach((learner, i) => {
      expect(gb.learners[i]?.ketQua, `kết quả ${learner.hocVien.hoTen}`).toEqual(learner.ketQua);
    });
    expect(gb).toEqual(source);
  });
});

/** Reads class 10A1 with the sổ điểm fragment of one subject and semester changed by `change`. */
async function readWithFragment(
  ma: string,
  hocKy: "1" | "2",
  change: (html: string) => string,
): Promise<{ messages: string[]; gradebook: Gradebook | null; page: string }> {
  const cookie = await loginV5(portal.url);
  const start = await openV5Class(portal.url, cookie, { lopId: "1001" });
  const base = sessionFetch(cookie);
  const subject = gdtx.subjects.find((s) => s.ma === ma);
  const monId = subject ? v5SubjectId({ id: "1001", gradebook: gdtx }, subject) : "";
  const fetchPage = async (url: string, request: PortalRequest): Promise<FetchedPage> => {
    const page = await base(url, request);
    const f = request.form ?? {};
    return f.iMonHocId === monId && f.iHocKyId === hocKy && page.html
      ? { ...page, html: change(page.html) }
      : page;
  };
  const result = await readClassFromPortal({
    adapter: vneduV5Adapter,
    start,
    fetchPage,
    parseHtml: (h) => parseHtml(h),
  });
  return {
    messages: result.problems.map((p) => p.message),
    gradebook: result.gradebook,
    page: `Sổ điểm môn ${subject?.ten ?? ""}, học kỳ ${hocKy === "1" ? "I" : "II"} (${portal.url}/v5/?load=edu.so_diem.nhap)`,
  };
}

/** Swaps the first two matches of a pattern (two header cells, or two cells of every row). */
function swap(html: string, a: RegExp, b: RegExp): string {
  return html.replace(
    new RegExp(`(${a.source})(.*?)(${b.source})`, "gs"),
    (_m, x: string, mid: string, y: string) => y + mid + x,
  );
}

describe("vnEdu v5 layout changes give an error naming the page and the column, never a wrong value", () => {
  it("a grade column moved with its header is still read right", async () => {
    const moved = (html: string) =>
      swap(
        swap(
          html,
          /<th rowspan="2" data-cot="gk">Giữa kỳ<\/th>/,
          /<th rowspan="2" data-cot="ck">Cuối kỳ<\/th>/,
        ),
        /<td data-cot="gk">.*?<\/td>/,
        /<td data-cot="ck">.*?<\/td>/,
      );
    const { messages, gradebook } = await readWithFragment("TO", "1", moved);
    expect(messages).toEqual([]);
    expect(gradebook).toEqual(gdtx);
  });

  it("a renamed header stops the page", async () => {
    const { messages, gradebook, page } = await readWithFragment("TO", "1", (html) =>
      html.replace(">Giữa kỳ</th>", ">Kiểm tra 15 phút</th>"),
    );
    expect(gradebook).toBeNull();
    expect(messages).toContain(
      `Trang «${page}», bảng «Sổ điểm môn Toán, học kỳ I»: cột «Kiểm tra 15 phút» (mã cột gk) không còn mang tiêu đề như trước; cổng đã đổi cách trình bày nên chưa đọc trang này, để không lấy nhầm điểm.`,
    );
  });

  it("a header moved without its cells (columns shifted) stops the page", async () => {
    const { messages, gradebook, page } = await readWithFragment("TO", "2", (html) =>
      swap(
        html,
        /<th rowspan="2" data-cot="gk">Giữa kỳ<\/th>/,
        /<th rowspan="2" data-cot="ck">Cuối kỳ<\/th>/,
      ),
    );
    expect(gradebook).toBeNull();
    expect(messages[0]).toBe(
      `Trang «${page}», bảng «Sổ điểm môn Toán, học kỳ II», dòng 1: ô mã cột gk nằm dưới tiêu đề «Cuối kỳ»; bảng bị lệch cột nên chưa đọc trang này, để không lấy nhầm điểm.`,
    );
  });

  it("a missing grade column is named", async () => {
    const { messages, page } = await readWithFragment("TO", "1", (html) =>
      html
        .replace(/<th rowspan="2" data-cot="ck">Cuối kỳ<\/th>/, "")
        .replace(/<td data-cot="ck">.*?<\/td>/g, ""),
    );
    expect(messages).toEqual([
      `Trang «${page}»: không thấy cột «CK (Học kỳ I)» trong bảng «Sổ điểm môn Toán, học kỳ I».`,
    ]);
  });

  it("a grade is the input's value, not other text in its cell", async () => {
    const { messages, gradebook } = await readWithFragment("TO", "1", (html) =>
      html.replace(/<td data-cot="gk">/g, '<td data-cot="gk"><span class="hint">đã khoá</span>'),
    );
    expect(messages).toEqual([]);
    expect(gradebook).toEqual(gdtx);
  });
});

describe("vnEdu v5 session and unsaved edits", () => {
  it("every request carries the page's my_token: a stale token is refused by the portal and named", async () => {
    const cookie = await loginV5(portal.url);
    const start = await openV5Class(portal.url, cookie, { lopId: "1001" });
    const stale = { ...start, doc: parseHtml(start.html.replace(start.token, "0".repeat(32))) };
    const result = await readClassFromPortal({
      adapter: vneduV5Adapter,
      start: stale,
      fetchPage: sessionFetch(cookie),
      parseHtml: (h) => parseHtml(h),
    });
    expect(result.gradebook).toBeNull();
    expect(result.problems[0]?.message).toBe(
      `Không tải được trang «${portal.url}/v5/?call=edu.lop_hoc.getThongTin»: HTTP 403`,
    );
  });

  it("a grade typed in the open window but not saved is reported, with both values", async () => {
    const cookie = await loginV5(portal.url);
    const start = await openV5Class(portal.url, cookie, { lopId: "1001", monIndex: 1, hocKy: 1 });
    const doc = start.doc as Document;
    const input = doc.querySelector('tr td[data-cot="gk"] input') as Element;
    // A live page: the input's value property is what the teacher typed, the attribute what was saved.
    Object.defineProperty(input, "value", { value: "9,5" });
    const saved = input.getAttribute("value") ?? "";
    const result = extractGradebook(vneduV5Adapter, [start]);
    expect(result.problems.map((p) => p.code)).toContain("EXTRACT_UNSAVED_VALUE");
    expect(result.problems[0]?.message).toBe(
      `Trang «${gdtx.school.tenTruong} - vnEdu (${portal.url}/v5/)», bảng «Sổ điểm đang mở», dòng 1 (${gdtx.learners[0]?.hocVien.hoTen}), cột «Giữa kỳ»: ô đang ghi «9,5» nhưng cổng đã lưu «${saved}». Hãy bấm Lưu trên cổng (hoặc tải lại trang) rồi đọc lại.`,
    );
    // The extension's snapshot of a live page carries the typed value in an attribute.
    const snapshot = parseHtml(
      start.html.replace(`value="${saved}" value0`, `value="${saved}" data-hocba-typed="9,5" value0`),
    );
    const again = extractGradebook(vneduV5Adapter, [{ url: start.url, doc: snapshot }]);
    expect(again.problems.map((p) => p.code)).toContain("EXTRACT_UNSAVED_VALUE");
  });
});

describe("vnEdu parents' lookup (solienlac.getSodiem)", () => {
  it("gives each learner's assessments, results and year summary as the portal holds them", async () => {
    for (const learner of gdtx.learners.slice(0, 12)) {
      const url = `${portal.url}/sllservices/index.php?call=solienlac.getSodiem&ma_hoc_sinh=${learner.hocVien.maHocVien}`;
      const json: unknown = await (await fetch(url)).json();
      expect(vneduV5Adapter.detect({ url: "file:///tmp/sodiem.json", json })).toBe(true);
      const { data, problems } = vneduV5Adapter.extract({ url, json });
      expect(problems.map((p) => p.message)).toEqual([]);
      for (const k of learner.ketQua) {
        const subject = gdtx.subjects.find((s) => s.ma === k.maMon);
        const table = data.soDiem.find((t) => t.subjectHints[0] === subject?.ten);
        const row = table?.rows[0];
        expect(row?.ref.maHocVien).toBe(learner.hocVien.maHocVien);
        const shown = (tx: readonly unknown[]) => tx.filter((v) => v !== null);
        expect(row?.ketQua.hk1).toEqual({ ...k.hk1, tx: shown(k.hk1.tx) });
        expect(row?.ketQua.hk2).toEqual({ ...k.hk2, tx: shown(k.hk2.tx) });
        expect(row?.ketQua.cn).toEqual(k.cn);
      }
      const tk = data.tongKet[0]?.rows[0]?.values;
      expect(tk?.hocTap).toEqual({ ...learner.hocTap, sauKiemTraLai: null });
      expect(tk?.renLuyen).toEqual({ ...learner.renLuyen, sauRenLuyenHe: null });
      expect(tk?.ketQuaXet).toBe(learner.ketQuaXet);
      expect(tk?.danhHieu).toBe(learner.danhHieu);
    }
  });

  it("is never taken for a whole class: what it lacks is named", async () => {
    const code = gdtx.learners[0]?.hocVien.maHocVien ?? "";
    const url = `${portal.url}/sllservices/index.php?call=solienlac.getSodiem&ma_hoc_sinh=${code}`;
    const json: unknown = await (await fetch(url)).json();
    const result = extractGradebook(vneduV5Adapter, [{ url, json }]);
    expect(result.gradebook).toBeNull();
    expect(result.problems.map((p) => p.message)).toContain(
      `Trang «Tra cứu sổ điểm (${url})» không có: Giáo viên bộ môn, Nhận xét của giáo viên bộ môn, Kết quả kiểm tra lại, rèn luyện hè, Số buổi nghỉ, Nhận xét của GVCN, Hồ sơ học sinh (số định danh, nơi sinh, cha mẹ). Trang này không đủ để lập học bạ; hãy đọc từ trang lớp của giáo viên (sổ điểm, tổng kết, hồ sơ).`,
    );
  });
});

describe("markTypedValues (the extension's snapshot of a live page)", () => {
  it("marks typed grades in table cells, never a password or a field outside the table", () => {
    const html = `<html><body><form><input type="password" name="p" value=""><input name="q" value=""></form>
<table><tr><td data-cot="gk"><input class="input_diem" value="7"></td><td><input type="password" value=""></td></tr></table></body></html>`;
    const live = parseHtml(html);
    const inputs = Array.from(live.querySelectorAll("input"));
    for (const [i, typed] of [
      [0, "bí-mật"],
      [1, "tìm"],
      [2, "9"],
      [3, "bí-mật-2"],
    ] as const) {
      Object.defineProperty(inputs[i], "value", { value: typed });
    }
    const copy = parseHtml(html);
    markTypedValues(live.documentElement, copy.documentElement);
    expect(copy.documentElement.outerHTML).not.toContain("bí-mật");
    expect(copy.documentElement.outerHTML).not.toContain("tìm");
    expect(copy.querySelector("td input.input_diem")?.getAttribute("data-hocba-typed")).toBe("9");
  });
});

describe("hocba extract on saved vnEdu v5 answers", () => {
  it("fragments saved as .html and JSON answers as .json give the class back, by their content", async () => {
    const dir = mkdtempSync(join(tmpdir(), "hocba-v5-"));
    try {
      const cookie = await loginV5(portal.url);
      const start = await openV5Class(portal.url, cookie, { lopId: "1002" });
      const base = sessionFetch(cookie);
      const files: string[] = [];
      const saving = async (url: string, request: PortalRequest): Promise<FetchedPage> => {
        const page = await base(url, request);
        const file = `trang-${files.length + 1}.${page.json !== undefined ? "json" : "html"}`;
        writeFileSync(
          join(dir, file),
          page.json !== undefined ? JSON.stringify(page.json) : (page.html ?? ""),
        );
        files.push(file);
        return page;
      };
      await crawlClass({ adapter: vneduV5Adapter, start, fetchPage: saving, parseHtml: (h) => parseHtml(h) });
      const out = new PassThrough();
      const err: string[] = [];
      const errStream = new PassThrough();
      errStream.on("data", (c) => err.push(String(c)));
      const code = await main(["extract", ...files, "--out", "11A2.json"], {
        stdout: out,
        stderr: errStream,
        stdin: new PassThrough(),
        env: {},
        cwd: dir,
      });
      expect(err.join("")).toBe("");
      expect(code).toBe(0);
      expect(JSON.parse(readFileSync(join(dir, "11A2.json"), "utf8"))).toEqual(thpt);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

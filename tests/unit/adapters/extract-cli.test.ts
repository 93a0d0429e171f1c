import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../../native-host/cli/main.ts";
import type { FetchedPage } from "../../../shared/portal-adapters/crawl-class.ts";
import { crawlClass } from "../../../shared/portal-adapters/crawl-class.ts";
import { smasAdapter } from "../../../shared/portal-adapters/smas-style/smas-adapter.ts";
import { vneduAdapter } from "../../../shared/portal-adapters/vnedu-style/vnedu-adapter.ts";
import type { PortalAdapter } from "../../../shared/portal-adapters/portal-adapter.ts";
import { startPortal } from "../../portal-sim/start-portal.ts";
import { OTHER_MAPPING_JSON, otherPortalPages, smallGradebook } from "./other-portal.ts";
import { loadFixture, login, openPage, parseHtml, sessionFetch } from "./portal-client.ts";

/** `hocba extract` on pages saved to disk (as a user would with "Save page as"), exit codes 0 / 1 / 2. */

const gdtx = loadFixture("gradebook-gdtx-10.json");
const thpt = loadFixture("gradebook-thpt-11.json");
let dir: string;
const smasFiles: string[] = [];
const vneduFiles: string[] = [];

async function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on("data", (c) => out.push(String(c)));
  stderr.on("data", (c) => err.push(String(c)));
  const code = await main(["extract", ...args], {
    stdout,
    stderr,
    stdin: new PassThrough(),
    env: {},
    cwd: dir,
  });
  return { code, stdout: out.join(""), stderr: err.join("") };
}

/** Crawls a class and saves every page: HTML with the browser's "saved from url" note, JSON as is. */
async function saveClass(
  adapter: PortalAdapter,
  base: string,
  layout: "vnedu" | "smas",
  path: string,
  prefix: string,
  into: string[],
) {
  const fetchPage = sessionFetch(await login(base, layout));
  let n = 0;
  const saving = async (url: string): Promise<FetchedPage> => {
    const page = await fetchPage(url);
    n++;
    if (page.json !== undefined) {
      const file = `${prefix}-${n}.json`;
      writeFileSync(join(dir, file), JSON.stringify(page.json));
      into.push(file);
    } else {
      const file = `${prefix}-${n}.html`;
      // Half the files carry the browser's note of their address; the others are told apart by content.
      const note =
        n % 2 === 0 ? `<!-- saved from url=(${String(url.length).padStart(4, "0")})${url} -->\n` : "";
      writeFileSync(join(dir, file), note + (page.html ?? ""));
      into.push(file);
    }
    return page;
  };
  const start = await openPage(saving, base + path);
  await crawlClass({ adapter, start, fetchPage: saving, parseHtml: (h) => parseHtml(h) });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "hocba-extract-"));
  const portal = await startPortal({ gradebooks: [gdtx, thpt] });
  try {
    await saveClass(smasAdapter, portal.url, "smas", "/smas/Lop/ChiTiet?lopId=1001", "smas", smasFiles);
    await saveClass(vneduAdapter, portal.url, "vnedu", "/vnedu/lop?lop_id=1002", "vnedu", vneduFiles);
  } finally {
    await portal.close();
  }
  for (const page of otherPortalPages(smallGradebook())) {
    writeFileSync(join(dir, `xyz-${page.name}`), page.html);
  }
  writeFileSync(join(dir, "xyz-mapping.json"), OTHER_MAPPING_JSON);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const readOut = (file: string): unknown => JSON.parse(readFileSync(join(dir, file), "utf8"));

describe("hocba extract", () => {
  it("reads saved SMAS pages (adapter detected) and writes the gradebook", async () => {
    const r = await run([...smasFiles, "--out", "gdtx.json"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      `Đã đọc ${smasFiles.length} trang (bộ đọc smas-style): lớp 10A1, năm học 2025-2026, 42 học viên, 10 môn → gdtx.json`,
    );
    expect(readOut("gdtx.json")).toEqual(gdtx);
  });

  it("reads saved vnEdu API responses (.json, no address) and the shell page", async () => {
    const r = await run([...vneduFiles, "--out", "thpt.json", "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      ok: true,
      adapter: "vnedu-style",
      out: "thpt.json",
      lop: "11A2",
      learners: 35,
      subjects: 12,
    });
    expect(readOut("thpt.json")).toEqual(thpt);
  });

  it("reads an unknown portal with --adapter generic-table and a --mapping file", async () => {
    const files = otherPortalPages(smallGradebook()).map((p) => `xyz-${p.name}`);
    const r = await run([
      ...files,
      "--adapter",
      "generic-table",
      "--mapping",
      "xyz-mapping.json",
      "--base-url",
      "https://xyz.example.edu.vn/",
      "--out",
      "xyz.json",
    ]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(readOut("xyz.json")).toEqual(smallGradebook());
  });

  it("exit 1 lists every problem and writes nothing (an existing file is kept)", async () => {
    const bad = smasFiles.map((f) => {
      const html = readFileSync(join(dir, f), "utf8");
      if (!html.includes("<caption>Sổ điểm môn Toán</caption>")) return f;
      const broken = html
        .replace(/<td class="tbm">[^<]*<\/td>/, '<td class="tbm">7,5,5</td>')
        .replaceAll('<th rowspan="2">ĐĐGck</th>', '<th rowspan="2">?</th>');
      writeFileSync(join(dir, "broken-toan.html"), broken);
      return "broken-toan.html";
    });
    writeFileSync(join(dir, "keep.json"), '{"old":true}');
    const r = await run([...bad, "--out", "keep.json"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("không thấy cột «CK (Học kỳ I)» trong bảng «Sổ điểm môn Toán».");
    expect(r.stderr).toMatch(/Lỗi: Không đọc được sổ điểm: \d+ lỗi\. Chưa ghi tệp nào\.\n$/);
    expect(readFileSync(join(dir, "keep.json"), "utf8")).toBe('{"old":true}');
  });

  it("exit 1 for an empty page, naming it", async () => {
    writeFileSync(join(dir, "empty.html"), "");
    const r = await run(["empty.html", ...smasFiles, "--out", "never.json"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Trang «${join(dir, "empty.html").replace(/^/, "file://")}» trống`);
    expect(existsSync(join(dir, "never.json"))).toBe(false);
  });

  it.each([
    [["--out", "x.json"], "Không có trang nào để đọc"],
    [["page.html"], "thiếu --out"],
    [["missing.html", "--out", "x.json"], "Không đọc được tệp missing.html: không có tệp này"],
    [["bad.json", "--out", "x.json"], "Tệp bad.json không phải JSON hợp lệ"],
    [
      ["xyz-lop.html", "--adapter", "misa", "--out", "x.json"],
      "Không có bộ đọc «misa». Các bộ đọc có sẵn: vnedu-v5, vtsmas, vnedu-style, smas-style, generic-table.",
    ],
    [
      ["xyz-lop.html", "--mapping", "bad-mapping.json", "--out", "x.json"],
      "Tệp ánh xạ cột bad-mapping.json không hợp lệ: version",
    ],
    [["plain.html", "--out", "x.json"], "Không bộ đọc nào nhận ra trang"],
    [["xyz-lop.html", "--base-url", "ftp://x", "--out", "x.json"], "--base-url phải là địa chỉ http(s)"],
  ])("exit 2 for unusable input %j", async (args, message) => {
    writeFileSync(join(dir, "bad.json"), "{ not json");
    writeFileSync(join(dir, "bad-mapping.json"), '{"version": 3}');
    writeFileSync(join(dir, "plain.html"), "<html><body><p>Xin chào</p></body></html>");
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
    expect(existsSync(join(dir, "x.json"))).toBe(false);
  });

  it("runs as the real `hocba` binary", () => {
    const bin = fileURLToPath(new URL("../../../bin/hocba.mjs", import.meta.url));
    const r = spawnSync(process.execPath, [bin, "extract", ...vneduFiles, "--out", "bin.json"], {
      cwd: dir,
      encoding: "utf8",
    });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(readOut("bin.json")).toEqual(thpt);
  });
});

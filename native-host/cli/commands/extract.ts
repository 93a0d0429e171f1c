import { readFile } from "node:fs/promises";
import { basename, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseHTML } from "linkedom";
import { HocBaError, isHocBaError } from "../../../shared/errors/hocba-error.ts";
import type { HeaderMapping } from "../../../shared/portal-adapters/common/header-mapping.ts";
import type { PortalPage } from "../../../shared/portal-adapters/common/page-data.ts";
import { extractGradebook } from "../../../shared/portal-adapters/extract-gradebook.ts";
import { parseHeaderMapping } from "../../../shared/portal-adapters/generic-table/generic-table-adapter.ts";
import type { PortalAdapter } from "../../../shared/portal-adapters/portal-adapter.ts";
import { ADAPTER_IDS, createAdapters, findAdapter } from "../../../shared/portal-adapters/registry.ts";
import { workbookPages } from "../../../shared/portal-adapters/spreadsheet/workbook-pages.ts";
import { writeFileAtomic } from "../../fs/write-file-atomic.ts";
import { writeLine, type CliCommand, type CliIo } from "../cli-io.ts";
import { parseInputJson, readInputText } from "../read-input-file.ts";
import { parseCliArgs } from "../parse-cli-args.ts";

const USAGE = `Cách dùng: hocba extract TRANG.html|TRANG.json|TỆP.xlsx ... --out SỔ_ĐIỂM.json [--adapter TÊN] [--mapping TỆP] [--base-url ĐỊA_CHỈ] [--json]

Đọc sổ điểm của một lớp từ các trang cổng quản lý điểm đã lưu (không cần mạng): trang lớp, sổ điểm
từng môn, tổng kết, hồ sơ và nhận xét của GVCN. Trang HTML lưu từ trình duyệt (.html), phản hồi
JSON của cổng (.json: vnEdu, SMAS mới), hoặc tệp Excel xuất từ cổng (.xlsx: sổ điểm từng môn, tổng
kết năm, danh sách học sinh có số định danh; mỗi trang tính là một trang, trang tính ẩn bị bỏ qua).
Nhiều tệp của cùng một lớp được ghép lại. Chỉ ghi SỔ_ĐIỂM.json khi đọc được trọn vẹn, không lỗi nào.

  --out TỆP          Tệp sổ điểm (hocba-gradebook/1) sẽ ghi; ghi trọn vẹn hoặc không ghi gì
  --adapter TÊN      Bộ đọc: ${ADAPTER_IDS.join(", ")} (mặc định: tự nhận ra)
  --mapping TỆP      Bảng ánh xạ tiêu đề cột (JSON) cho bộ đọc generic-table, thêm vào bảng mặc định
  --base-url ĐỊA_CHỈ Địa chỉ cổng nơi lưu các trang, khi trang lưu không ghi địa chỉ gốc
  --partial          Đọc phần có được (ví dụ chỉ tệp tổng kết năm và danh sách học sinh): ghi sổ điểm
                     khi đủ các trường bắt buộc, và liệt kê còn thiếu gì, lấy từ trang hay tệp nào
  --json             In kết quả dạng JSON (mã lỗi, thông báo) ra stdout

Mã thoát: 0 đã ghi sổ điểm; 1 các trang có lỗi (liệt kê từng lỗi, không ghi tệp); 2 tham số hoặc tệp không dùng được.`;

interface Options {
  files: string[];
  out: string;
  adapter: string | undefined;
  mapping: string | undefined;
  baseUrl: string | undefined;
  json: boolean;
  partial: boolean;
}

function parseOptions(args: string[]): Options {
  const { values, positionals } = parseCliArgs(args, {
    out: { type: "string" },
    adapter: { type: "string" },
    mapping: { type: "string" },
    "base-url": { type: "string" },
    partial: { type: "boolean" },
    json: { type: "boolean" },
  });
  if (positionals.length === 0) throw new HocBaError("EXTRACT_NO_INPUT");
  if (!values.out) throw new HocBaError("CLI_BAD_ARGS", { detail: "thiếu --out SỔ_ĐIỂM.json" });
  const baseUrl = values["base-url"];
  if (baseUrl !== undefined && !/^https?:\/\/[^/]/i.test(baseUrl)) {
    throw new HocBaError("CLI_BAD_ARGS", { detail: `--base-url phải là địa chỉ http(s), nhận «${baseUrl}»` });
  }
  return {
    files: positionals,
    out: values.out,
    adapter: values.adapter,
    mapping: values.mapping,
    baseUrl,
    json: values.json === true,
    partial: values.partial === true,
  };
}

/** Problems that a partial read turns into a list of what is still needed. */
const PARTIAL_HELPS: ReadonlySet<string> = new Set([
  "EXTRACT_SODIEM_MISSING",
  "EXTRACT_SUBJECTS_MISSING",
  "EXTRACT_INFO_MISSING",
  "EXTRACT_TABLE_MISSING",
  "EXTRACT_LEARNER_FIELD_MISSING",
]);

/** Browsers note where a page was saved from: `<!-- saved from url=(0042)http://... -->`. */
function savedFromUrl(html: string): string | undefined {
  const m = /<!--\s*saved from url=\(\d+\)(\S+?)\s*-->/i.exec(html.slice(0, 2000));
  return m?.[1] && /^https?:\/\//i.test(m[1]) ? m[1] : undefined;
}

/** The visible sheets of an Excel file, one page each (exceljs loaded only when a workbook is given). */
async function loadWorkbook(file: string, cwd: string): Promise<PortalPage[]> {
  const path = resolve(cwd, file);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    // The same reason, in Vietnamese, as for any unreadable input file.
    await readInputText(path, file);
    throw new HocBaError("CLI_FILE_UNREADABLE", { file, detail: "?" });
  }
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (err) {
    throw new HocBaError("EXTRACT_BAD_WORKBOOK", {
      file,
      detail: err instanceof Error ? err.message : String(err),
    });
  }
  return workbookPages(workbook.worksheets, pathToFileURL(path).href);
}

async function loadPage(file: string, opts: Options, cwd: string): Promise<PortalPage[]> {
  if (/\.xlsx$/i.test(file)) return loadWorkbook(file, cwd);
  return [await loadHtmlOrJson(file, opts, cwd)];
}

async function loadHtmlOrJson(file: string, opts: Options, cwd: string): Promise<PortalPage> {
  const text = await readInputText(resolve(cwd, file), file);
  const fallbackUrl = opts.baseUrl
    ? new URL(basename(file), opts.baseUrl).href
    : pathToFileURL(resolve(cwd, file)).href;
  const looksJson = /\.json$/i.test(file) || /^\s*[[{]/.test(text);
  if (looksJson) return { url: fallbackUrl, json: parseInputJson(text, file) };
  const url = savedFromUrl(text) ?? fallbackUrl;
  return { url, doc: parseHTML(text).document };
}

/** The adapter that recognises most pages; the specific ones win ties over the generic one. */
function chooseAdapter(pages: PortalPage[], adapters: PortalAdapter[]): PortalAdapter {
  let best: PortalAdapter | undefined;
  let bestCount = 0;
  for (const adapter of adapters) {
    const count = pages.filter((p) => adapter.detect(p)).length;
    if (count > bestCount) [best, bestCount] = [adapter, count];
  }
  if (!best) {
    const first = pages[0];
    throw new HocBaError("EXTRACT_NO_ADAPTER", { page: first?.url ?? "", adapters: ADAPTER_IDS.join(", ") });
  }
  return best;
}

export const command: CliCommand = {
  usage: USAGE,
  async run(args: string[], io: CliIo): Promise<number> {
    let opts: Options;
    let adapter: PortalAdapter;
    let pages: PortalPage[];
    try {
      opts = parseOptions(args);
      let mapping: HeaderMapping | undefined;
      if (opts.mapping !== undefined) {
        mapping = parseHeaderMapping(
          parseInputJson(await readInputText(resolve(io.cwd, opts.mapping), opts.mapping), opts.mapping),
          opts.mapping,
        );
      }
      pages = [];
      for (const file of opts.files) pages.push(...(await loadPage(file, opts, io.cwd)));
      adapter =
        opts.adapter !== undefined
          ? findAdapter(opts.adapter, { mapping })
          : chooseAdapter(pages, createAdapters({ mapping }));
    } catch (err) {
      if (!isHocBaError(err)) throw err;
      writeLine(io.stderr, `Lỗi: ${err.message}`);
      return 2;
    }

    const result = extractGradebook(adapter, pages, undefined, { partial: opts.partial });
    const stillNeeded = result.stillNeeded ?? [];
    if (!result.gradebook) {
      const problems = result.problems;
      if (opts.json) {
        writeLine(
          io.stdout,
          JSON.stringify(
            {
              ok: false,
              adapter: adapter.id,
              problems: problems.map((p) => p.toJSON()),
              ...(opts.partial ? { stillNeeded: stillNeeded.map((p) => p.toJSON()) } : {}),
            },
            null,
            2,
          ),
        );
      }
      for (const p of problems) writeLine(io.stderr, `  ✗ ${p.message}`);
      for (const p of stillNeeded) writeLine(io.stderr, `  • ${p.message}`);
      writeLine(
        io.stderr,
        `Lỗi: ${new HocBaError("EXTRACT_FAILED", { count: problems.length + stillNeeded.length }).message}`,
      );
      if (!opts.partial && problems.some((p) => PARTIAL_HELPS.has(p.code))) {
        writeLine(io.stderr, new HocBaError("EXTRACT_PARTIAL_HINT").message);
      }
      return 1;
    }
    const gb = result.gradebook;
    try {
      await writeFileAtomic(resolve(io.cwd, opts.out), JSON.stringify(gb, null, 2) + "\n");
    } catch (err) {
      if (!isHocBaError(err)) throw err;
      writeLine(io.stderr, `Lỗi: ${err.message}`);
      return 2;
    }
    if (opts.json) {
      writeLine(
        io.stdout,
        JSON.stringify(
          {
            ok: true,
            adapter: adapter.id,
            out: opts.out,
            lop: gb.lop,
            learners: gb.learners.length,
            subjects: gb.subjects.length,
            ...(opts.partial ? { stillNeeded: stillNeeded.map((p) => p.toJSON()) } : {}),
          },
          null,
          2,
        ),
      );
    } else {
      writeLine(
        io.stdout,
        `Đã đọc ${result.pageCount} trang (bộ đọc ${adapter.id}): lớp ${gb.lop}, năm học ${gb.namHoc}, ` +
          `${gb.learners.length} học viên, ${gb.subjects.length} môn → ${opts.out}`,
      );
      if (stillNeeded.length > 0) {
        writeLine(
          io.stdout,
          new HocBaError("EXTRACT_PARTIAL_WRITTEN", { count: stillNeeded.length }).message,
        );
        for (const p of stillNeeded) writeLine(io.stdout, `  • ${p.message}`);
      }
    }
    return 0;
  },
};

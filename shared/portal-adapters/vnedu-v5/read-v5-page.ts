import { z } from "zod";
import { HocBaError } from "../../errors/hocba-error.ts";
import { documentRoot, visibleText } from "../common/dom-text.ts";
import { cleanText } from "../common/normalize-text.ts";
import { emptyPageData, pageName, type PageData, type PageKind, type PageRef } from "../common/page-data.ts";
import { readTable, type TableToRead } from "../common/read-table.ts";
import { readClassInfoKeys } from "../vnedu-style/read-vnedu-json.ts";
import { jsonCellText, storeTable } from "../vnedu-style/store-table.ts";
import { readGetSodiem, isGetSodiem } from "./read-get-sodiem.ts";
import { readTablefix, tablefixTable } from "./read-tablefix.ts";

/**
 * What one vnEdu v5 page holds: the desktop shell (its globals and the window the teacher has
 * open), a sổ điểm or tổng kết fragment, or a JSON answer (class, subjects, learners), or the
 * parents' lookup (getSodiem).
 */

export type V5Page = "shell" | "soDiem" | "tongKet" | "classInfo" | "subjects" | "learners" | "sodiemLookup";

export const V5_PAGE_KINDS: Readonly<Record<V5Page, PageKind>> = {
  shell: "lop",
  soDiem: "soDiem",
  tongKet: "tongKet",
  classInfo: "lop",
  subjects: "lop",
  learners: "hoSo",
  sodiemLookup: "soDiem",
};

/** The JSON methods the crawl calls and what they answer. */
export const V5_CALLS = {
  "edu.lop_hoc.getThongTin": "classInfo",
  "edu.lop_hoc.getDSMonHoc": "subjects",
  "edu.hoc_sinh.getDSHocSinhLop": "learners",
} as const satisfies Record<string, V5Page>;
export const V5_LOADS = { "edu.so_diem.nhap": "soDiem", "edu.tong_ket.nhap": "tongKet" } as const;

export interface V5Globals {
  token: string;
  namHoc: string;
}

/** `my_token` and `phpviet_nam_hoc_v5` from the page's inline scripts. */
export function readV5Globals(doc: Document): Partial<V5Globals> {
  const root = documentRoot(doc);
  if (!root) return {};
  const scripts = Array.from(doc.querySelectorAll("script"), (s) => s.textContent ?? "").join("\n");
  const token = /\bmy_token\s*=\s*(["'])([^"'\\\s]{1,200})\1/.exec(scripts)?.[2];
  const namHoc = /\bphpviet_nam_hoc_v5\s*=\s*["']?(\d{4})\b/.exec(scripts)?.[1];
  return { ...(token ? { token } : {}), ...(namHoc ? { namHoc } : {}) };
}

/** A hidden field of a fragment (iLopId, iMonHocId, iHocKy...). */
export function hiddenField(scope: ParentNode, name: string): string | undefined {
  const el = scope.querySelector(`input[type="hidden"]#${name}, input[type="hidden"][name="${name}"]`);
  const value = el?.getAttribute("value");
  return value ? cleanText(value) : undefined;
}

/** The fragments in a document (a fetched fragment, or the ones open in the shell's windows). */
export function fragments(doc: Document): Element[] {
  const root = documentRoot(doc);
  if (!root) return [];
  return Array.from(root.querySelectorAll("table.tablefix"))
    .map((t) => t.closest(".so-diem-chi-tiet, .tong-ket") ?? t.parentElement)
    .filter((e): e is Element => e !== null);
}

/** Which page an HTML document is, from its content (saved files have no address to go by). */
export function v5HtmlPage(doc: Document): V5Page | undefined {
  if (readV5Globals(doc).token !== undefined) return "shell";
  const frag = fragments(doc)[0];
  if (!frag || !hiddenField(frag, "iLopId")) return undefined;
  return hiddenField(frag, "iMonHocId") ? "soDiem" : "tongKet";
}

const Envelope = z.looseObject({
  success: z.boolean().optional(),
  data: z.unknown().optional(),
  message: z.unknown().optional(),
});
const Rows = z.array(z.record(z.string(), z.unknown()));

/** Which JSON answer this is, from its shape. */
export function v5JsonPage(json: unknown): V5Page | undefined {
  if (isGetSodiem(json)) return "sodiemLookup";
  const env = Envelope.safeParse(json);
  if (!env.success || env.data.data === undefined) return undefined;
  const data = env.data.data;
  const rows = Rows.safeParse(data);
  if (rows.success) {
    const keys = new Set(rows.data.flatMap((r) => Object.keys(r)));
    if (keys.has("mon_hoc_id") && keys.has("loai_nhap_diem")) return "subjects";
    if (keys.has("hoc_sinh_id") && keys.has("ma_hoc_sinh")) return "learners";
    return undefined;
  }
  if (data && typeof data === "object" && "ten_lop" in data && !("mon_hoc" in data)) return "classInfo";
  return undefined;
}

const SEMESTERS = { "1": "hk1", "2": "hk2" } as const;
const SEMESTER_NAMES = { hk1: "học kỳ I", hk2: "học kỳ II" } as const;

function readSoDiemFragment(doc: Document, url: string): { data: PageData; problems: HocBaError[] } {
  const frag = fragments(doc)[0] as Element;
  const semester = SEMESTERS[(hiddenField(frag, "iHocKy") ?? "") as "1" | "2"];
  const monId = hiddenField(frag, "iMonHocId") ?? "";
  const ten = cleanText(frag.querySelector(".ten-mon")?.textContent ?? "");
  const title = `Sổ điểm môn ${ten || monId}${semester ? `, ${SEMESTER_NAMES[semester]}` : ""}`;
  const page: PageRef = { url, title };
  const data = emptyPageData(page, "soDiem");
  const problems: HocBaError[] = [];
  if (!semester) {
    problems.push(
      new HocBaError("EXTRACT_FIELD_MISSING", { page: pageName(page), field: "Học kỳ (iHocKy)" }),
    );
    return { data, problems };
  }
  const teacherEl = frag.querySelector("#gvbm");
  const teacher = teacherEl ? cleanText(visibleText(teacherEl).replace(/^[^:]*:/, "")) : undefined;
  if (teacher === undefined) {
    problems.push(
      new HocBaError("EXTRACT_FIELD_MISSING", { page: pageName(page), field: "Giáo viên bộ môn (#gvbm)" }),
    );
  }
  const read = readTablefix(frag.querySelector("table.tablefix") as Element, page, title, semester);
  problems.push(...read.problems);
  if (read.problems.length > 0) return { data, problems };
  problems.push(
    ...readTable(
      tablefixTable(read, "soDiem", page, title, {
        semester,
        portalSubjectId: monId,
        subjectHints: ten ? [ten] : [],
      }),
      data,
    ),
  );
  for (const table of data.soDiem) for (const row of table.rows) row.ketQua.giaoVien = teacher ?? "";
  return { data, problems };
}

function readTongKetFragment(doc: Document, url: string): { data: PageData; problems: HocBaError[] } {
  const frag = fragments(doc)[0] as Element;
  const title = "Tổng kết cả năm";
  const page: PageRef = { url, title };
  const data = emptyPageData(page, "tongKet");
  const read = readTablefix(frag.querySelector("table.tablefix") as Element, page, title);
  const problems = [...read.problems];
  if (problems.length > 0) return { data, problems };
  problems.push(...readTable(tablefixTable(read, "tongKet", page, title), data));
  problems.push(...readTable(tablefixTable(read, "nhanXet", page, "Nhận xét của GVCN"), data));
  return { data, problems };
}

/** Unsaved edits in the windows the teacher has open: the shell contributes nothing else. */
function readShell(doc: Document, page: PageRef): { data: PageData; problems: HocBaError[] } {
  const problems: HocBaError[] = [];
  for (const frag of fragments(doc)) {
    const semester = SEMESTERS[(hiddenField(frag, "iHocKy") ?? "") as "1" | "2"];
    const table = frag.querySelector("table.tablefix") as Element;
    const title = hiddenField(frag, "iMonHocId") ? "Sổ điểm đang mở" : "Tổng kết đang mở";
    problems.push(
      ...readTablefix(table, page, title, semester).problems.filter(
        (p) => p.code === "EXTRACT_UNSAVED_VALUE",
      ),
    );
  }
  return { data: emptyPageData(page, "lop"), problems };
}

const LOAI_NHAP_DIEM: Readonly<Record<string, string>> = { "1": "Điểm số", "2": "Nhận xét" };

function subjectsTable(page: PageRef, rows: Record<string, unknown>[]): TableToRead {
  const keys = [
    ["ma_mon", "maMon"],
    ["ten_mon", "tenMon"],
    ["loai_nhap_diem", "hinhThuc"],
    ["so_tiet", "soTietNam"],
  ] as const;
  return {
    page,
    title: "Danh sách môn học",
    kind: "monHoc",
    columns: keys.map(([label, field], index) => ({ index, label, field })),
    rows: rows.map((row, i) => ({
      rowNumber: i + 1,
      links: [],
      cells: keys.map(([key]) => {
        const text = jsonCellText(row[key]);
        return key === "loai_nhap_diem" ? (LOAI_NHAP_DIEM[text] ?? text) : text;
      }),
    })),
    columnName: (field) => keys.find(([, f]) => f === field)?.[0] ?? field,
  };
}

const TITLES: Readonly<Record<V5Page, string>> = {
  shell: "vnEdu",
  soDiem: "Sổ điểm",
  tongKet: "Tổng kết cả năm",
  classInfo: "Thông tin lớp",
  subjects: "Danh sách môn học",
  learners: "Danh sách học sinh",
  sodiemLookup: "Tra cứu sổ điểm",
};

/** Reads one v5 page of a known kind. Throws a HocBaError for a JSON answer that is not the portal's data. */
export function readV5Page(
  which: V5Page,
  input: { url: string; title: string; doc?: Document; json?: unknown },
): { data: PageData; problems: HocBaError[] } {
  const page: PageRef = { url: input.url, title: input.title || TITLES[which] };
  if (input.doc) {
    if (which === "soDiem") return readSoDiemFragment(input.doc, input.url);
    if (which === "tongKet") return readTongKetFragment(input.doc, input.url);
    return readShell(input.doc, page);
  }
  if (which === "sodiemLookup") return readGetSodiem(page, input.json);
  const env = Envelope.safeParse(input.json);
  if (!env.success || env.data.success === false || env.data.data === undefined) {
    const message = env.success ? env.data.message : undefined;
    throw new HocBaError("EXTRACT_BAD_JSON_PAGE", {
      page: pageName(page),
      detail: typeof message === "string" ? message : "không có trường data",
    });
  }
  const data = emptyPageData(page, V5_PAGE_KINDS[which]);
  const problems: HocBaError[] = [];
  const body = env.data.data;
  if (which === "classInfo") {
    readClassInfoKeys(page, body as Record<string, unknown>, data, problems);
    return { data, problems };
  }
  const rows = Rows.safeParse(body);
  if (!rows.success) {
    throw new HocBaError("EXTRACT_BAD_JSON_PAGE", {
      page: pageName(page),
      detail: "data không phải danh sách",
    });
  }
  if (which === "subjects") {
    problems.push(...readTable(subjectsTable(page, rows.data), data));
    data.portalSubjectIds = Object.fromEntries(
      rows.data
        .map((r) => [jsonCellText(r.mon_hoc_id), cleanText(jsonCellText(r.ma_mon))] as const)
        .filter(([id, ma]) => id !== "" && ma !== ""),
    );
    return { data, problems };
  }
  problems.push(
    ...readTable(storeTable({ page, title: TITLES.learners, kind: "hoSo", rows: rows.data }), data),
  );
  return { data, problems };
}

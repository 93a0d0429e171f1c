import { z } from "zod";
import { HocBaError } from "../../errors/hocba-error.ts";
import type { TableKind } from "../common/header-mapping.ts";
import { cleanText } from "../common/normalize-text.ts";
import { emptyPageData, pageName, type PageData, type PageKind, type PageRef } from "../common/page-data.ts";
import {
  CellValueError,
  parseCapHoc,
  parseDateTime,
  parseNamHoc,
  parseProfile,
} from "../common/parse-values.ts";
import { readTable } from "../common/read-table.ts";
import { jsonCellText, storeTable, type JsonStore } from "./store-table.ts";

/**
 * vnEdu-style JSON API responses (ExtJS stores) to PageData. Values arrive as the grid shows them
 * ("7,5", "Đ", "Lên lớp"), sometimes as numbers or null; each store becomes a table for the same
 * reader as HTML tables (store-table.ts, common/read-table.ts), so the same text gives the same
 * value whichever way it was read.
 */

const Value = z.union([z.string(), z.number(), z.null()]).optional();
const Row = z.record(z.string(), z.unknown());
const Store = z.looseObject({
  success: z.literal(true).optional(),
  rows: z.array(Row),
  metaData: z.looseObject({ columns: z.array(z.looseObject({ dataIndex: z.string() })) }).optional(),
});
const LopResponse = z.looseObject({
  data: z.looseObject({
    ten_lop: Value,
    mon_hoc: z.array(z.looseObject({ ma_mon: Value, ten_mon: Value, kieu_mon: Value, so_tiet: Value })),
  }),
});

export type VneduApi = "dslop" | "lop" | "hocba" | "sodiem" | "tongket" | "nhanxet";
export const API_KINDS: Readonly<Record<VneduApi, PageKind>> = {
  dslop: "danhSachLop",
  lop: "lop",
  hocba: "hoSo",
  sodiem: "soDiem",
  tongket: "tongKet",
  nhanxet: "nhanXet",
};
const API_TITLES: Readonly<Record<VneduApi, string>> = {
  dslop: "Danh sách lớp",
  lop: "Thông tin lớp",
  hocba: "Sổ học bạ",
  sodiem: "Sổ điểm",
  tongket: "Tổng kết",
  nhanxet: "Nhận xét của GVCN",
};

/** The table each store answers with. */
const STORE_KINDS: Readonly<Record<"sodiem" | "hocba" | "tongket" | "nhanxet", TableKind>> = {
  sodiem: "soDiem",
  hocba: "hoSo",
  tongket: "tongKet",
  nhanxet: "nhanXet",
};

/** Which API answered, from the shape of the body (a saved .json file has no address). */
export function apiFromShape(json: unknown): VneduApi | undefined {
  if (LopResponse.safeParse(json).success) return "lop";
  const store = Store.safeParse(json);
  if (!store.success) return undefined;
  if ((json as Record<string, unknown>).mon !== undefined) return "sodiem";
  const keys = new Set([
    ...(store.data.metaData?.columns.map((c) => c.dataIndex) ?? []),
    ...store.data.rows.flatMap((r) => Object.keys(r)),
  ]);
  if (keys.has("nhan_xet_gvcn")) return "nhanxet";
  if (keys.has("ht_cn") || keys.has("ket_qua")) return "tongket";
  if (keys.has("so_dinh_danh") || keys.has("gioi_tinh")) return "hocba";
  if (keys.has("si_so") || keys.has("ten_lop")) return "dslop";
  return undefined;
}

const INFO_KEYS: ReadonlyArray<readonly [string, keyof PageData["info"], (t: string) => string]> = [
  ["ma_so", "maSo", cleanText],
  ["ma_truong", "maTruong", cleanText],
  ["ten_truong", "tenTruong", cleanText],
  ["cap_hoc", "capHoc", parseCapHoc],
  ["dia_danh", "diaDanh", cleanText],
  ["nam_hoc", "namHoc", parseNamHoc],
  ["khoi", "khoi", cleanText],
  ["ten_lop", "lop", cleanText],
  ["gvcn", "gvcn", cleanText],
  ["thu_truong", "thuTruongHoTen", cleanText],
  ["chuc_vu_thu_truong", "thuTruongChucVu", cleanText],
  ["quy_che", "profile", parseProfile],
  ["thoi_gian_lap", "thoiGianLap", parseDateTime],
];

/** The class and school fields of a vnEdu class object (ten_lop, ma_truong, ...), the same in v5. */
export function readClassInfoKeys(
  page: PageRef,
  d: Record<string, unknown>,
  data: PageData,
  problems: HocBaError[],
): void {
  for (const [key, field, parse] of INFO_KEYS) {
    const value = d[key];
    if (value === undefined || value === null) continue;
    try {
      (data.info as Record<string, string>)[field] = parse(jsonCellText(value));
    } catch (err) {
      if (!(err instanceof CellValueError)) throw err;
      problems.push(
        new HocBaError("EXTRACT_BAD_INFO_VALUE", {
          page: pageName(page),
          field: key,
          value: jsonCellText(value),
          expected: err.expected || "?",
        }),
      );
    }
  }
}

function readLop(
  page: PageRef,
  json: z.infer<typeof LopResponse>,
  data: PageData,
  problems: HocBaError[],
): void {
  readClassInfoKeys(page, json.data, data, problems);
  problems.push(
    ...readTable(
      storeTable({ page, title: "Danh sách môn học", kind: "monHoc", rows: json.data.mon_hoc }),
      data,
    ),
  );
}

/** Reads one API response. `api` comes from the URL when known, else from the body's shape. */
export function readVneduJson(
  page: PageRef,
  json: unknown,
  api: VneduApi | undefined,
): { data: PageData; problems: HocBaError[] } {
  const which = api ?? apiFromShape(json);
  if (!which) {
    const message = (json as { message?: unknown } | null)?.message;
    throw new HocBaError("EXTRACT_BAD_JSON_PAGE", {
      page: pageName(page),
      detail:
        typeof message === "string" ? message : "không phải dữ liệu sổ điểm, hồ sơ, tổng kết hay nhận xét",
    });
  }
  const ref: PageRef = { url: page.url, title: page.title || API_TITLES[which] };
  const data = emptyPageData(ref, API_KINDS[which]);
  const problems: HocBaError[] = [];
  if (which === "dslop") return { data, problems };
  if (which === "lop") {
    const parsed = LopResponse.safeParse(json);
    if (!parsed.success) throw badShape(ref, parsed.error);
    readLop(ref, parsed.data, data, problems);
    return { data, problems };
  }
  const store = Store.safeParse(json);
  if (!store.success) throw badShape(ref, store.error);
  const table: JsonStore = {
    page: ref,
    title: API_TITLES[which],
    kind: STORE_KINDS[which],
    rows: store.data.rows,
    declaredKeys: store.data.metaData?.columns.map((c) => c.dataIndex) ?? [],
  };
  if (which === "sodiem") {
    const body = json as Record<string, unknown>;
    const mon = z.looseObject({ ma_mon: Value, ten_mon: Value }).safeParse(body.mon);
    const code = mon.success ? cleanText(jsonCellText(mon.data.ma_mon)) : "";
    const ten = mon.success ? cleanText(jsonCellText(mon.data.ten_mon)) : "";
    Object.assign(table, {
      title: `Sổ điểm môn ${ten || code}`,
      txColumns: body.so_cot_tx,
      subjectHints: [ten],
      subjectCode: code,
    });
  }
  problems.push(...readTable(storeTable(table), data));
  return { data, problems };
}

function badShape(page: PageRef, error: z.ZodError): HocBaError {
  const issue = error.issues[0];
  return new HocBaError("EXTRACT_BAD_JSON_PAGE", {
    page: pageName(page),
    detail: issue ? `${issue.path.join(".") || "(gốc)"}: ${issue.message}` : "?",
  });
}

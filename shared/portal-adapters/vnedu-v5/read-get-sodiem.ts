import { z } from "zod";
import { HocBaError } from "../../errors/hocba-error.ts";
import type { ColumnField, GroupName } from "../common/header-mapping.ts";
import { cleanText } from "../common/normalize-text.ts";
import { emptyPageData, pageName, type PageData, type PageRef } from "../common/page-data.ts";
import type { GridRow } from "../common/read-grid.ts";
import { readTable, type Column, type TableToRead } from "../common/read-table.ts";
import { jsonCellText } from "../vnedu-style/store-table.ts";

/**
 * The parents' lookup of one learner's results (hocbadientu.vnedu.vn/sllservices,
 * `call=solienlac.getSodiem`): `diem[]` per `hoc_ky` (1, 2, 0 = cả năm), each with `mon_hoc[]`
 * (`TX[]`, `GK[]`, `CK[]` lists of `{diem}`, `TK`, `loai_nhap_diem` 1 = score) and `tong_ket`
 * (`hoc_luc` / `hanh_kiem`, which under TT22 are the kết quả học tập / rèn luyện, `danh_hieu`,
 * `len_lop`). One learner, one sổ điểm row per subject and one tổng kết row. It does not carry
 * the subject teacher, the comments, the re-test, the absences or the learner's profile: the page
 * says so (PageData.absent), so that it completes a class read elsewhere and never stands for it.
 */

const Diem = z.looseObject({ diem: z.union([z.string(), z.number(), z.null()]).optional() });
const MonHoc = z.looseObject({
  ten_mon_hoc: z.string(),
  loai_nhap_diem: z.union([z.number(), z.string()]).optional(),
  TX: z.array(Diem).optional(),
  GK: z.array(Diem).optional(),
  CK: z.array(Diem).optional(),
  TK: z.union([z.string(), z.number(), z.null()]).optional(),
});
const HocKy = z.looseObject({
  hoc_ky: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal("0"), z.literal("1"), z.literal("2")]),
  mon_hoc: z.array(MonHoc),
  tong_ket: z
    .looseObject({
      hoc_luc: z.unknown(),
      hanh_kiem: z.unknown(),
      danh_hieu: z.unknown(),
      len_lop: z.unknown(),
    })
    .partial()
    .optional(),
});
const GetSodiem = z.looseObject({
  hoc_sinh: z.looseObject({ ma_hoc_sinh: z.unknown(), ho_ten: z.unknown() }).partial().optional(),
  diem: z.array(HocKy).min(1),
});

export function isGetSodiem(json: unknown): boolean {
  return GetSodiem.safeParse(json).success;
}

const GROUP_OF = { "1": "hk1", "2": "hk2", "0": "cn" } as const;

/** A one-row table built from JSON values: each column a field, each cell the value's text. */
function oneRowTable(
  page: PageRef,
  title: string,
  kind: "soDiem" | "tongKet",
  cells: { label: string; field: ColumnField; group?: GroupName; text: string }[],
  extra: Partial<TableToRead> = {},
): TableToRead {
  const columns: Column[] = cells.map((c, index) => ({
    index,
    label: c.label,
    field: c.field,
    ...(c.group ? { group: c.group } : {}),
  }));
  const row: GridRow = { rowNumber: 1, cells: cells.map((c) => c.text), links: [] };
  return {
    page,
    title,
    kind,
    columns,
    rows: [row],
    columnName: (field, group) => `${field}${group ? ` (${group})` : ""}`,
    ...extra,
  };
}

export function readGetSodiem(page: PageRef, json: unknown): { data: PageData; problems: HocBaError[] } {
  const parsed = GetSodiem.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HocBaError("EXTRACT_BAD_JSON_PAGE", {
      page: pageName(page),
      detail: issue ? `${issue.path.join(".") || "(gốc)"}: ${issue.message}` : "?",
    });
  }
  const body = parsed.data;
  let code = cleanText(jsonCellText(body.hoc_sinh?.ma_hoc_sinh));
  if (code === "") {
    try {
      code = new URL(page.url).searchParams.get("ma_hoc_sinh") ?? "";
    } catch {
      code = "";
    }
  }
  const name = cleanText(jsonCellText(body.hoc_sinh?.ho_ten));
  const identity = [
    { label: "hoc_sinh.ma_hoc_sinh", field: "maHocVien" as const, text: code },
    ...(name ? [{ label: "hoc_sinh.ho_ten", field: "hoTen" as const, text: name }] : []),
  ];
  const data = emptyPageData(page, "soDiem");
  const problems: HocBaError[] = [];

  // Subjects by name, in the order of the first semester that lists them.
  const subjects = new Map<string, { loai: string; parts: Map<string, z.infer<typeof MonHoc>> }>();
  for (const hk of body.diem) {
    const group = GROUP_OF[String(hk.hoc_ky) as "0" | "1" | "2"];
    for (const mon of hk.mon_hoc) {
      const key = cleanText(mon.ten_mon_hoc);
      const entry = subjects.get(key) ?? { loai: jsonCellText(mon.loai_nhap_diem), parts: new Map() };
      entry.parts.set(group, mon);
      subjects.set(key, entry);
    }
  }
  for (const [ten, { loai, parts }] of subjects) {
    const scored = loai === "1";
    const cells: { label: string; field: ColumnField; group?: GroupName; text: string }[] = [...identity];
    for (const group of ["hk1", "hk2"] as const) {
      const mon = parts.get(group);
      const at = `diem[hoc_ky=${group === "hk1" ? 1 : 2}].mon_hoc[${ten}]`;
      (mon?.TX ?? []).forEach((d, i) =>
        cells.push({ label: `${at}.TX[${i + 1}]`, field: "tx", group, text: jsonCellText(d.diem) }),
      );
      cells.push({ label: `${at}.GK`, field: "gk", group, text: jsonCellText(mon?.GK?.[0]?.diem) });
      cells.push({ label: `${at}.CK`, field: "ck", group, text: jsonCellText(mon?.CK?.[0]?.diem) });
      cells.push({
        label: `${at}.TK`,
        field: scored ? "tbm" : "mucDanhGia",
        group,
        text: jsonCellText(mon?.TK),
      });
    }
    cells.push({
      label: `diem[hoc_ky=0].mon_hoc[${ten}].TK`,
      field: scored ? "tbm" : "mucDanhGia",
      group: "cn",
      text: jsonCellText(parts.get("cn")?.TK),
    });
    problems.push(
      ...readTable(oneRowTable(page, `Sổ điểm môn ${ten}`, "soDiem", cells, { subjectHints: [ten] }), data),
    );
  }

  const tongKet: { label: string; field: ColumnField; group?: GroupName; text: string }[] = [...identity];
  for (const hk of body.diem) {
    const group = GROUP_OF[String(hk.hoc_ky) as "0" | "1" | "2"];
    const at = `diem[hoc_ky=${hk.hoc_ky}].tong_ket`;
    tongKet.push(
      { label: `${at}.hoc_luc`, field: "hocTap", group, text: jsonCellText(hk.tong_ket?.hoc_luc) },
      { label: `${at}.hanh_kiem`, field: "renLuyen", group, text: jsonCellText(hk.tong_ket?.hanh_kiem) },
    );
    if (group === "cn") {
      tongKet.push(
        { label: `${at}.len_lop`, field: "ketQuaXet", text: jsonCellText(hk.tong_ket?.len_lop) },
        { label: `${at}.danh_hieu`, field: "danhHieu", text: jsonCellText(hk.tong_ket?.danh_hieu) },
      );
    }
  }
  problems.push(...readTable(oneRowTable(page, "Tổng kết", "tongKet", tongKet), data));
  data.absent = [
    "Giáo viên bộ môn",
    "Nhận xét của giáo viên bộ môn",
    "Kết quả kiểm tra lại, rèn luyện hè",
    "Số buổi nghỉ",
    "Nhận xét của GVCN",
    "Hồ sơ học sinh (số định danh, nơi sinh, cha mẹ)",
  ];
  return { data, problems };
}

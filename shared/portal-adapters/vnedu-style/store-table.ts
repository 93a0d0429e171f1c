import type { ColumnField, GroupName, ResolvedField, TableKind } from "../common/header-mapping.ts";
import type { PageRef } from "../common/page-data.ts";
import type { GridRow } from "../common/read-grid.ts";
import type { Column, TableToRead } from "../common/read-table.ts";

/**
 * A vnEdu JSON store (ExtJS: `rows` of objects, `metaData.columns` naming their keys) as a table
 * for the one table reader (common/read-table.ts): each known key becomes a column named by the
 * key, each row its cells, so a JSON page and an HTML page are read by the same code.
 */

/** A cell as text; an unexpected object is kept visible (as JSON) so that its parser reports it. */
export const jsonCellText = (v: unknown): string =>
  v === null || v === undefined
    ? ""
    : typeof v === "string"
      ? v
      : typeof v === "number" || typeof v === "boolean"
        ? String(v)
        : JSON.stringify(v);

/** A key of a store and the field it holds. */
type KeyField = readonly [key: string, field: ColumnField, group?: GroupName];

const IDENTITY: readonly KeyField[] = [
  ["ma_hoc_sinh", "maHocVien"],
  ["ho_ten", "hoTen"],
  ["ngay_sinh", "ngaySinh"],
];

const result = (suffix: string, group: GroupName): KeyField[] => [
  [`tbm_${suffix}`, "tbm", group],
  [`xl_${suffix}`, "mucDanhGia", group],
];

/** Keys of each kind of store, in the order their problems are reported. TX keys are added per store. */
const KEYS: Readonly<Record<TableKind, readonly KeyField[]>> = {
  soDiem: [
    ...IDENTITY,
    ["gk_hk1", "gk", "hk1"],
    ["ck_hk1", "ck", "hk1"],
    ...result("hk1", "hk1"),
    ["gk_hk2", "gk", "hk2"],
    ["ck_hk2", "ck", "hk2"],
    ...result("hk2", "hk2"),
    ...result("cn", "cn"),
    ...result("ktl", "lai"),
    ["gv_bo_mon", "giaoVien"],
    ["nhan_xet", "nhanXet"],
  ],
  tongKet: [
    ...IDENTITY,
    ["ht_hk1", "hocTap", "hk1"],
    ["ht_hk2", "hocTap", "hk2"],
    ["ht_cn", "hocTap", "cn"],
    ["ht_ktl", "hocTap", "lai"],
    ["rl_hk1", "renLuyen", "hk1"],
    ["rl_hk2", "renLuyen", "hk2"],
    ["rl_cn", "renLuyen", "cn"],
    ["rl_rlh", "renLuyen", "lai"],
    ["so_buoi_nghi", "soBuoiNghi"],
    ["ket_qua", "ketQuaXet"],
    ["ket_qua_lai", "ketQuaXetLai"],
    ["danh_hieu", "danhHieu"],
  ],
  nhanXet: [...IDENTITY, ["nhan_xet_gvcn", "nhanXetGVCN"]],
  hoSo: [
    ...IDENTITY,
    ["so_dinh_danh", "soDinhDanh"],
    ["gioi_tinh", "gioiTinh"],
    ["dan_toc", "danToc"],
    ["quoc_tich", "quocTich"],
    ["noi_sinh", "noiSinh"],
    ["noi_o", "noiO"],
    ["ho_ten_cha", "hoTenCha"],
    ["ho_ten_me", "hoTenMe"],
    ["ho_ten_giam_ho", "hoTenNguoiGiamHo"],
    ["doi_tuong_cs", "doiTuongChinhSach"],
    ["id_ban_ghi", "idBanGhi"],
    ["su_kien", "suKien"],
    ["phien_ban", "phienBan"],
    // Our assumption, as the simulator sends it (docs/portals.md): departure, arrival, history.
    ["trang_thai", "trangThai"],
    ["ngay_chuyen_di", "ngayRoiTruong"],
    ["so_hoc_ky_hoan_thanh", "hocKyHoanThanh"],
    ["noi_chuyen_den", "truongChuyenDen"],
    ["ngay_chuyen_den", "ngayChuyenDen"],
    ["truong_cu", "truongCu"],
    ["qua_trinh_hoc_tap", "quaTrinhHocTap"],
  ],
  monHoc: [
    ["ma_mon", "maMon"],
    ["ten_mon", "tenMon"],
    ["kieu_mon", "hinhThuc"],
    ["so_tiet", "soTietNam"],
  ],
};

/** Columns vnEdu always sends besides the ones every table of the kind needs: without them the API has changed. */
const REQUIRED: Readonly<Record<TableKind, readonly ResolvedField[]>> = {
  soDiem: [{ field: "hoTen" }],
  tongKet: [{ field: "hoTen" }],
  nhanXet: [{ field: "hoTen" }],
  hoSo: [{ field: "maHocVien" }, { field: "hoTen" }, { field: "ngaySinh" }, { field: "gioiTinh" }],
  monHoc: [],
};

/** The store codes a subject's kind as 0/1 where the grid shows words; the words go to the parser. */
const DECODE: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  kieu_mon: { "0": "Điểm số", "1": "Nhận xét" },
};

/** How many TX columns a semester has: as the response declares (`so_cot_tx`), else the highest txN key. */
function txCount(group: "hk1" | "hk2", declared: unknown, keys: ReadonlySet<string>): number {
  const n = (declared as Record<string, unknown> | undefined)?.[group];
  if (typeof n === "number" && Number.isInteger(n) && n >= 0) return n;
  let max = 0;
  for (const key of keys) {
    const m = new RegExp(`^tx(\\d+)_${group}$`).exec(key);
    if (m) max = Math.max(max, Number(m[1]));
  }
  return max;
}

export interface JsonStore {
  page: PageRef;
  /** The table's name in messages ("Sổ điểm môn Toán"). */
  title: string;
  kind: TableKind;
  rows: readonly Record<string, unknown>[];
  /** `metaData.columns[].dataIndex`: keys the grid has even when no row carries them. */
  declaredKeys?: readonly string[];
  /** A sổ điểm's `so_cot_tx` ({ hk1: 3, hk2: 3 }). */
  txColumns?: unknown;
  subjectHints?: string[];
  subjectCode?: string;
}

export function storeTable(store: JsonStore): TableToRead {
  const keys = new Set([...(store.declaredKeys ?? []), ...store.rows.flatMap((r) => Object.keys(r))]);
  // An empty store comes without metaData: none of its columns can be missing.
  const present = (key: string) => store.rows.length === 0 || keys.has(key);
  const known: KeyField[] = KEYS[store.kind].filter(([key]) => present(key));
  if (store.kind === "soDiem") {
    // As many TX entries as the sổ điểm declares, present or not (an absent one is empty).
    for (const g of ["hk1", "hk2"] as const) {
      const at = known.findIndex(([, , group]) => group === g);
      const tx = Array.from({ length: txCount(g, store.txColumns, keys) }, (_, j): KeyField => [
        `tx${j + 1}_${g}`,
        "tx",
        g,
      ]);
      known.splice(at < 0 ? known.length : at, 0, ...tx);
    }
  }
  const columns: Column[] = known.map(([key, field, group], index) => ({
    index,
    label: key,
    field,
    ...(group ? { group } : {}),
  }));
  const rows: GridRow[] = store.rows.map((row, i) => ({
    rowNumber: i + 1,
    cells: known.map(([key]) => {
      const text = jsonCellText(row[key]);
      return DECODE[key]?.[text] ?? text;
    }),
    links: [],
  }));
  const nameOf = new Map(KEYS[store.kind].map(([key, field, group]) => [`${field}/${group ?? ""}`, key]));
  return {
    page: store.page,
    title: store.title,
    kind: store.kind,
    columns,
    rows,
    columnName: (field, group) => nameOf.get(`${field}/${group ?? ""}`) ?? field,
    required: REQUIRED[store.kind],
    ...(store.subjectHints ? { subjectHints: store.subjectHints } : {}),
    ...(store.subjectCode ? { subjectCode: store.subjectCode } : {}),
  };
}

import { z } from "zod";
import { foldKey } from "./normalize-text.ts";
import type { GridColumn } from "./read-grid.ts";

/**
 * Which column header (or "label: value" label) means which gradebook field. The mapping is data
 * (JSON) so that IT can teach the generic adapter a new portal's wording without a release; the
 * built-in Vietnamese synonyms are merged with it. Matching folds case, diacritics, spaces and
 * punctuation (see foldKey); "{n}" in a synonym stands for a number ("TX{n}" matches "TX3").
 */

/** Column groups: a semester, the year, or "after re-test / summer training". */
export const GROUPS = ["hk1", "hk2", "cn", "lai"] as const;
export type GroupName = (typeof GROUPS)[number];

export const IDENTITY_FIELDS = ["stt", "maHocVien", "hoTen", "hoDem", "ten", "ngaySinh"] as const;
export const PROFILE_FIELDS = [
  "soDinhDanh",
  "gioiTinh",
  "danToc",
  "quocTich",
  "noiSinh",
  "noiO",
  "hoTenCha",
  "hoTenMe",
  "hoTenNguoiGiamHo",
  "doiTuongChinhSach",
  "idBanGhi",
  "suKien",
  "phienBan",
  // Learners who leave or arrive, and the learning history (profile-values.ts, MOVEMENT_FIELDS).
  "trangThai",
  "ngayRoiTruong",
  "hocKyHoanThanh",
  "truongChuyenDen",
  "ngayChuyenDen",
  "truongCu",
  "quaTrinhHocTap",
] as const;
export const SODIEM_FIELDS = ["tx", "gk", "ck", "tbm", "mucDanhGia", "giaoVien", "nhanXet"] as const;
export const TONGKET_FIELDS = [
  "hocTap",
  "renLuyen",
  "soBuoiNghi",
  "ketQuaXet",
  "ketQuaXetLai",
  "danhHieu",
] as const;
export const NHANXET_FIELDS = ["nhanXetGVCN"] as const;
export const MONHOC_FIELDS = ["maMon", "tenMon", "hinhThuc", "soTietNam"] as const;
export const INFO_FIELDS = [
  "maSo",
  "maTruong",
  "tenTruong",
  "capHoc",
  "diaDanh",
  "namHoc",
  "khoi",
  "lop",
  "gvcn",
  "thuTruongHoTen",
  "thuTruongChucVu",
  "profile",
  "thoiGianLap",
  "monHoc",
] as const;

export type IdentityField = (typeof IDENTITY_FIELDS)[number];
export type ProfileField = (typeof PROFILE_FIELDS)[number];
export type SoDiemField = (typeof SODIEM_FIELDS)[number];
export type TongKetField = (typeof TONGKET_FIELDS)[number];
export type MonHocField = (typeof MONHOC_FIELDS)[number];
export type InfoField = (typeof INFO_FIELDS)[number];
export type ColumnField =
  | IdentityField
  | ProfileField
  | SoDiemField
  | TongKetField
  | (typeof NHANXET_FIELDS)[number]
  | MonHocField
  /** A lone group header in a sổ điểm ("Cả năm"): a score or Đ/CĐ, routed by its value. */
  | "ketQua";

/** Fields that only mean something under a group (TX of which semester?). */
export const GROUPED_FIELDS: ReadonlySet<ColumnField> = new Set([
  "tx",
  "gk",
  "ck",
  "tbm",
  "mucDanhGia",
  "hocTap",
  "renLuyen",
  "ketQua",
]);

export const TABLE_KINDS = ["soDiem", "tongKet", "nhanXet", "monHoc", "hoSo"] as const;
export type TableKind = (typeof TABLE_KINDS)[number];

/** The fields each kind of table may hold (a "Nhận xét" column is a subject comment in a sổ điểm, the GVCN's in the comment table). */
export const KIND_FIELDS: Readonly<Record<TableKind, readonly ColumnField[]>> = {
  soDiem: [...IDENTITY_FIELDS, ...SODIEM_FIELDS, "ketQua"],
  tongKet: [...IDENTITY_FIELDS, ...TONGKET_FIELDS],
  nhanXet: [...IDENTITY_FIELDS, ...NHANXET_FIELDS],
  monHoc: [...MONHOC_FIELDS],
  hoSo: [...IDENTITY_FIELDS, ...PROFILE_FIELDS],
};

const Synonyms = z.array(z.string().min(1).max(200)).max(200);
const partialRecord = <K extends string>(keys: readonly K[]) =>
  z.strictObject(
    Object.fromEntries(keys.map((k) => [k, Synonyms.optional()])) as Record<
      K,
      z.ZodOptional<typeof Synonyms>
    >,
  );

const ALL_COLUMN_FIELDS = [
  ...IDENTITY_FIELDS,
  ...PROFILE_FIELDS,
  ...SODIEM_FIELDS,
  ...TONGKET_FIELDS,
  ...NHANXET_FIELDS,
  ...MONHOC_FIELDS,
] as const;

export const HeaderMapping = z.strictObject({
  version: z.literal(1),
  /** Free text for IT: which portal, who edited it. */
  description: z.string().optional(),
  groups: partialRecord(GROUPS).optional(),
  columns: partialRecord(ALL_COLUMN_FIELDS).optional(),
  /** Labels of "label: value" class information (Năm học, Lớp, Trường...). */
  info: partialRecord(INFO_FIELDS).optional(),
  /** Table or page titles that announce a kind of table ("Sổ điểm", "Nhận xét của GVCN"). */
  titles: partialRecord(TABLE_KINDS).optional(),
  /** Link texts the crawler follows from a class page (generic adapter). */
  links: Synonyms.optional(),
});
export type HeaderMapping = z.infer<typeof HeaderMapping>;

/** Built-in mapping merged with a user mapping: user synonyms first, defaults kept. */
export function mergeMappings(base: HeaderMapping, extra: HeaderMapping | undefined): HeaderMapping {
  if (!extra) return base;
  const mergeSection = <K extends string>(
    a: Partial<Record<K, string[]>> | undefined,
    b: Partial<Record<K, string[]>> | undefined,
  ): Partial<Record<K, string[]>> => {
    const out: Partial<Record<K, string[]>> = { ...a };
    for (const [k, list] of Object.entries(b ?? {}) as [K, string[] | undefined][]) {
      if (list) out[k] = [...new Set([...list, ...(out[k] ?? [])])];
    }
    return out;
  };
  return {
    version: 1,
    description: extra.description ?? base.description,
    groups: mergeSection(base.groups, extra.groups),
    columns: mergeSection(base.columns, extra.columns),
    info: mergeSection(base.info, extra.info),
    titles: mergeSection(base.titles, extra.titles),
    links: [...new Set([...(extra.links ?? []), ...(base.links ?? [])])],
  };
}

/** Two keys per text: with diacritics (tier 0) and folded (tier 1). An exact match always wins. */
type Tier = 0 | 1;
const TIERS: readonly Tier[] = [0, 1];

/** NFC, lower case, letters and digits only: "Mã số:" → "mãsố" (unlike foldKey, "Mã Sở" stays different). */
export function exactKey(text: string): string {
  return text
    .normalize("NFC")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "");
}

const keyOf = (text: string, tier: Tier) => (tier === 0 ? exactKey(text) : foldKey(text));

type Patterns = [RegExp[], RegExp[]];

function compileAll(synonyms: readonly string[]): Patterns {
  const build = (key: (t: string) => string) =>
    synonyms.map((synonym) => {
      const parts = synonym.split("{n}").map((p) => key(p).replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
      return new RegExp(`^${parts.join("\\d*")}$`, "u");
    });
  return [build(exactKey), build(foldKey)];
}

const test = (patterns: Patterns, key: string, tier: Tier) =>
  key !== "" && patterns[tier].some((re) => re.test(key));

/** A compiled mapping: lookups from header or label text to field, group, info field or kind. */
export class MappingMatcher {
  private readonly fields: [ColumnField, Patterns][];
  private readonly groups: [GroupName, Patterns][];
  private readonly infos: [InfoField, Patterns][];
  private readonly titles: [TableKind, string[]][];
  readonly linkKeys: string[];
  private readonly cache = new Map<string, ResolvedField | null>();

  constructor(readonly mapping: HeaderMapping) {
    const section = <K extends string>(s: Partial<Record<K, string[]>> | undefined): [K, Patterns][] =>
      (Object.entries(s ?? {}) as [K, string[] | undefined][]).map(([k, list]) => [
        k,
        compileAll(list ?? []),
      ]);
    this.fields = section(mapping.columns);
    this.groups = section(mapping.groups);
    this.infos = section(mapping.info);
    this.titles = (Object.entries(mapping.titles ?? {}) as [TableKind, string[] | undefined][]).map(
      ([k, list]) => [k, (list ?? []).map(foldKey)],
    );
    this.linkKeys = (mapping.links ?? []).map(foldKey);
  }

  private fieldAt(key: string, tier: Tier, allowed: readonly ColumnField[]): ColumnField | undefined {
    for (const [field, patterns] of this.fields) {
      if (allowed.includes(field) && test(patterns, key, tier)) return field;
    }
    return undefined;
  }

  private groupAt(key: string, tier: Tier): GroupName | undefined {
    for (const [group, patterns] of this.groups) if (test(patterns, key, tier)) return group;
    return undefined;
  }

  /** The field a header names (exact spelling first, then ignoring diacritics). */
  field(text: string, allowed: readonly ColumnField[]): ColumnField | undefined {
    for (const tier of TIERS) {
      const f = this.fieldAt(keyOf(text, tier), tier, allowed);
      if (f) return f;
    }
    return undefined;
  }

  group(text: string): GroupName | undefined {
    for (const tier of TIERS) {
      const g = this.groupAt(keyOf(text, tier), tier);
      if (g) return g;
    }
    return undefined;
  }

  /** What a "label: value" label names: class information or a learner's profile field. */
  label(text: string): { info: InfoField } | { profile: IdentityField | ProfileField } | undefined {
    for (const tier of TIERS) {
      const key = keyOf(text, tier);
      for (const [field, patterns] of this.infos) if (test(patterns, key, tier)) return { info: field };
      const f = this.fieldAt(key, tier, KIND_FIELDS.hoSo);
      if (f) return { profile: f as IdentityField | ProfileField };
    }
    return undefined;
  }

  /** Kinds whose title synonyms occur in the given title. */
  kindsByTitle(title: string): TableKind[] {
    const key = foldKey(title);
    return this.titles
      .filter(([, keys]) => keys.some((k) => k !== "" && key.includes(k)))
      .map(([kind]) => kind);
  }

  /** Resolves one header path for a kind of table: the leaf-most field and the leaf-most group. */
  resolve(column: GridColumn, kind: TableKind): ResolvedField | undefined {
    // Every page of a portal repeats the same headers: resolve each one once.
    const cacheKey = `${kind}\u0000${column.path.join("\u0001")}`;
    const cached = this.cache.get(cacheKey);
    if (cached !== undefined) return cached ?? undefined;
    let resolved: ResolvedField | undefined;
    for (const tier of TIERS) {
      resolved = this.resolveAt(column, kind, tier);
      if (resolved) break;
    }
    if (this.cache.size > 5000) this.cache.clear();
    this.cache.set(cacheKey, resolved ?? null);
    return resolved;
  }

  private resolveAt(column: GridColumn, kind: TableKind, tier: Tier): ResolvedField | undefined {
    const allowed = KIND_FIELDS[kind];
    let field: ColumnField | undefined;
    let group: GroupName | undefined;
    for (let i = column.path.length - 1; i >= 0; i--) {
      const key = keyOf(column.path[i] ?? "", tier);
      if (field === undefined) {
        field = this.fieldAt(key, tier, allowed);
        if (field !== undefined) {
          if (group === undefined && GROUPED_FIELDS.has(field)) group = this.groupAt(key, tier);
          continue;
        }
        // "TB HK1", "Học lực CN": a field and a group in one header.
        const split = this.splitFieldGroup(key, tier, allowed);
        if (split) {
          field = split.field;
          group ??= split.group;
          continue;
        }
      }
      group ??= this.groupAt(key, tier);
    }
    if (field === undefined && group !== undefined && column.path.length === 1 && kind === "soDiem") {
      field = "ketQua";
    }
    if (field === undefined) return undefined;
    // "Kết quả" under "Sau kiểm tra lại" is the re-decision, not the first decision.
    if (field === "ketQuaXet" && group === "lai" && allowed.includes("ketQuaXetLai")) {
      return { field: "ketQuaXetLai" };
    }
    if (GROUPED_FIELDS.has(field)) return group === undefined ? undefined : { field, group };
    return { field };
  }

  private splitFieldGroup(
    key: string,
    tier: Tier,
    allowed: readonly ColumnField[],
  ): { field: ColumnField; group: GroupName } | undefined {
    for (const [group, patterns] of this.groups) {
      for (let cut = 1; cut < key.length; cut++) {
        const [head, tail] = [key.slice(0, cut), key.slice(cut)];
        if (test(patterns, tail, tier)) {
          const f = this.fieldAt(head, tier, allowed);
          if (f && GROUPED_FIELDS.has(f)) return { field: f, group };
        }
        if (test(patterns, head, tier)) {
          const f = this.fieldAt(tail, tier, allowed);
          if (f && GROUPED_FIELDS.has(f)) return { field: f, group };
        }
      }
    }
    return undefined;
  }

  /** The name of a field in messages ("CK (Học kỳ I)"). */
  displayName(field: ColumnField, group?: GroupName): string {
    const name =
      FIELD_DISPLAY[field] ??
      this.mapping.columns?.[field as keyof NonNullable<HeaderMapping["columns"]>]?.[0] ??
      field;
    return group ? `${name} (${GROUP_DISPLAY[group]})` : name;
  }
}

export interface ResolvedField {
  field: ColumnField;
  group?: GroupName;
}

export const GROUP_DISPLAY: Readonly<Record<GroupName, string>> = {
  hk1: "Học kỳ I",
  hk2: "Học kỳ II",
  cn: "Cả năm",
  lai: "Sau kiểm tra lại / rèn luyện hè",
};

const FIELD_DISPLAY: Partial<Record<ColumnField, string>> = {
  stt: "STT",
  maHocVien: "Mã học viên",
  hoTen: "Họ và tên",
  ngaySinh: "Ngày sinh",
  tx: "TX",
  gk: "GK",
  ck: "CK",
  tbm: "TBm",
  mucDanhGia: "Mức đánh giá",
  ketQua: "Kết quả",
  hocTap: "Học tập",
  renLuyen: "Rèn luyện",
  soBuoiNghi: "Số buổi nghỉ",
  ketQuaXet: "Kết quả xét",
  nhanXetGVCN: "Nhận xét của GVCN",
  tenMon: "Tên môn",
};

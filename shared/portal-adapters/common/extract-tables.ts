import { HocBaError } from "../../errors/hocba-error.ts";
import { CellReader } from "./cell-reader.ts";
import { documentTitle } from "./dom-text.ts";
import { TABLE_KINDS, type ColumnField, type MappingMatcher, type TableKind } from "./header-mapping.ts";
import { cleanText } from "./normalize-text.ts";
import {
  emptyPageData,
  pageName,
  type ClassInfo,
  type LearnerRef,
  type PageData,
  type PageKind,
  type PageRef,
} from "./page-data.ts";
import { CellValueError, parseCapHoc, parseDateTime, parseNamHoc, parseProfile } from "./parse-values.ts";
import { PROFILE_PARSERS, setProfileValue, type ProfileValues } from "./profile-values.ts";
import { readGrids, type Grid } from "./read-grid.ts";
import { readKeyValues } from "./read-key-values.ts";
import { readTable, type Column } from "./read-table.ts";

/**
 * Reads an HTML page through a header mapping: classifies each data table (sổ điểm, tổng kết,
 * nhận xét, môn học, hồ sơ) and hands it to the one table reader (read-table.ts), and collects the
 * page's "label: value" class information and learner profile. Shared by the SMAS-style and the
 * generic adapters; vnEdu-style JSON stores go through the same table reader.
 */

interface ClassifiedGrid {
  grid: Grid;
  kind: TableKind;
  columns: Column[];
}

const SIGNATURES: Readonly<Record<TableKind, (has: (f: ColumnField) => boolean) => boolean>> = {
  soDiem: (has) => (has("hoTen") || has("maHocVien")) && (has("tx") || has("gk") || has("ck")),
  tongKet: (has) =>
    (has("hoTen") || has("maHocVien")) && (has("hocTap") || has("renLuyen") || has("ketQuaXet")),
  nhanXet: (has) => (has("hoTen") || has("maHocVien")) && has("nhanXetGVCN"),
  monHoc: (has) => has("tenMon") && (has("maMon") || has("hinhThuc") || has("soTietNam")),
  hoSo: (has) => has("hoTen") || (has("hoDem") && has("ten")),
};

export function classifyGrid(grid: Grid, matcher: MappingMatcher, pageTitle: string): ClassifiedGrid | null {
  const byTitle = [...matcher.kindsByTitle(grid.title), ...matcher.kindsByTitle(pageTitle)];
  const order = [...new Set([...byTitle, ...TABLE_KINDS])];
  for (const kind of order) {
    const columns: Column[] = [];
    grid.columns.forEach((col, index) => {
      const resolved = matcher.resolve(col, kind);
      if (resolved) columns.push({ index, label: col.label, ...resolved });
    });
    if (SIGNATURES[kind]((f) => columns.some((c) => c.field === f))) return { grid, kind, columns };
  }
  return null;
}

const INFO_PARSERS: Partial<Record<keyof ClassInfo, (text: string) => string>> = {
  capHoc: parseCapHoc,
  namHoc: parseNamHoc,
  profile: parseProfile,
  thoiGianLap: parseDateTime,
};

/** Class information, the subject named on the page, and (on a profile page) one learner. */
function readPageKeyValues(
  doc: Document,
  page: PageRef,
  matcher: MappingMatcher,
  data: PageData,
  problems: HocBaError[],
  subjectHints: string[],
): void {
  const values: ProfileValues = { hocVien: {}, banGhi: {} };
  const seen = new Set<string>();
  const reader = new CellReader(page, "thông tin");
  for (const { label, value } of readKeyValues(doc)) {
    const named = matcher.label(label);
    if (!named) continue;
    if ("info" in named) {
      const info = named.info;
      if (info === "monHoc") {
        subjectHints.push(cleanText(value));
        continue;
      }
      if (Object.hasOwn(data.info, info)) continue;
      const parse = INFO_PARSERS[info] ?? cleanText;
      try {
        data.info[info] = parse(value) as never;
      } catch (err) {
        if (!(err instanceof CellValueError)) throw err;
        problems.push(
          new HocBaError("EXTRACT_BAD_INFO_VALUE", {
            page: pageName(page),
            field: label,
            value,
            expected: err.expected || "?",
          }),
        );
      }
      continue;
    }
    const field = named.profile;
    if (seen.has(field)) continue;
    seen.add(field);
    const parse = PROFILE_PARSERS[field] ?? cleanText;
    const parsed = reader.read<unknown>(value, parse, { row: 1, learner: "", column: label }, undefined);
    if (parsed !== undefined) setProfileValue(values, field, parsed);
  }
  problems.push(...reader.problems);
  const hv = values.hocVien;
  if (hv.hoTen && (hv.ngaySinh !== undefined || hv.maHocVien || hv.soDinhDanh !== undefined)) {
    const ref: LearnerRef = { row: 1, hoTen: hv.hoTen };
    if (hv.maHocVien) ref.maHocVien = hv.maHocVien;
    if (hv.ngaySinh) ref.ngaySinh = hv.ngaySinh;
    data.profiles.push({ ref, hocVien: hv, banGhi: values.banGhi, fromList: false, page });
  }
}

export interface TablePageResult {
  data: PageData;
  problems: HocBaError[];
}

/** Reads every table and label of an HTML page. Structural problems (a missing column) are collected too. */
export function extractTablesPage(
  doc: Document,
  url: string,
  matcher: MappingMatcher,
  kindHint?: PageKind,
): TablePageResult {
  const page: PageRef = { url, title: documentTitle(doc) };
  const data = emptyPageData(page, kindHint ?? "khac");
  const problems: HocBaError[] = [];
  const subjectHints: string[] = [];
  readPageKeyValues(doc, page, matcher, data, problems, subjectHints);
  const kinds = new Set<TableKind>();
  for (const grid of readGrids(doc)) {
    const classified = classifyGrid(grid, matcher, page.title);
    if (!classified) continue;
    kinds.add(classified.kind);
    problems.push(
      ...readTable(
        {
          page,
          title: grid.title,
          kind: classified.kind,
          columns: classified.columns,
          rows: grid.rows,
          columnName: (field, group) => matcher.displayName(field, group),
          subjectHints: [...subjectHints, grid.title, page.title].filter(Boolean),
        },
        data,
      ),
    );
  }
  if (!kindHint) {
    data.kind = kinds.has("soDiem")
      ? "soDiem"
      : kinds.has("tongKet")
        ? "tongKet"
        : kinds.has("nhanXet")
          ? "nhanXet"
          : kinds.has("monHoc")
            ? "lop"
            : data.profiles.length > 0
              ? data.profiles.some((p) => p.fromList)
                ? "lop"
                : "hoSo"
              : "khac";
  }
  return { data, problems };
}

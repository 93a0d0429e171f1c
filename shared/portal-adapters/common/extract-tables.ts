import { HocBaError } from "../../errors/hocba-error.ts";
import { CellReader } from "./cell-reader.ts";
import { documentTitle, headerLines } from "./dom-text.ts";
import { infoFromLines } from "./info-from-lines.ts";
import {
  GROUP_DISPLAY,
  KIND_FIELDS,
  TABLE_KINDS,
  type ColumnField,
  type MappingMatcher,
  type TableKind,
} from "./header-mapping.ts";
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
import { readKeyValues, type KeyValue } from "./read-key-values.ts";
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

/**
 * The kind of a data table and its columns. `semester`: the page is one semester's (its title says
 * "Học kỳ I"), so a column without a group of its own ("TX1", "CK") belongs to that semester.
 */
export function classifyGrid(
  grid: Grid,
  matcher: MappingMatcher,
  pageTitle: string,
  semester?: "hk1" | "hk2",
): ClassifiedGrid | null {
  const byTitle = [...matcher.kindsByTitle(grid.title), ...matcher.kindsByTitle(pageTitle)];
  const order = [...new Set([...byTitle, ...TABLE_KINDS])];
  const semesterLabel = semester ? GROUP_DISPLAY[semester] : undefined;
  for (const kind of order) {
    const columns: Column[] = [];
    grid.columns.forEach((col, index) => {
      const resolved =
        matcher.resolve(col, kind) ??
        (semesterLabel
          ? matcher.resolve({ path: [semesterLabel, ...col.path], label: col.label }, kind)
          : undefined);
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
  keyValues: readonly KeyValue[],
  page: PageRef,
  matcher: MappingMatcher,
  data: PageData,
  problems: HocBaError[],
  subjectHints: string[],
): void {
  const values: ProfileValues = { hocVien: {}, banGhi: {} };
  const seen = new Set<string>();
  const reader = new CellReader(page, "thông tin");
  for (const { label, value } of keyValues) {
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
    data.profiles.push({
      ref,
      hocVien: hv,
      banGhi: values.banGhi,
      ...(values.movement ? { movement: values.movement } : {}),
      fromList: false,
      page,
    });
  }
}

export interface TablePageResult {
  data: PageData;
  problems: HocBaError[];
}

const IDENTITY: ReadonlySet<ColumnField> = new Set(["stt", "maHocVien", "hoTen", "hoDem", "ten", "ngaySinh"]);

/**
 * A year summary's per-subject result columns: a subject's name over "HK I", "HK II", "CN" (or
 * "TB HK1"...). The subject is the nearest header above the result that names no field and no
 * group ("Toán" under a "Điểm trung bình các môn" band). Each becomes a "ketQua" column of its
 * group, routed by its value (a score is the TBm, Đ / CĐ the mức đánh giá).
 */
function subjectResultColumns(grid: Grid, known: Column[], matcher: MappingMatcher): Map<string, Column[]> {
  const taken = new Set(known.map((c) => c.index));
  const bySubject = new Map<string, Column[]>();
  grid.columns.forEach((col, index) => {
    if (taken.has(index) || col.path.length < 2) return;
    const leaf = col.path[col.path.length - 1] ?? "";
    const resolved = matcher.resolve({ path: [leaf], label: leaf }, "soDiem");
    const group = resolved?.group ?? matcher.group(leaf);
    if (
      !group ||
      (resolved && resolved.field !== "tbm" && resolved.field !== "mucDanhGia" && resolved.field !== "ketQua")
    ) {
      return;
    }
    const above = col.path.slice(0, -1).reverse();
    const subject = above.find(
      (text) => matcher.group(text) === undefined && matcher.field(text, ALL_FIELDS) === undefined,
    );
    if (!subject) return;
    const field = resolved?.field === "tbm" || resolved?.field === "mucDanhGia" ? resolved.field : "ketQua";
    const list = bySubject.get(subject) ?? [];
    list.push({ index, label: col.label, field, group });
    bySubject.set(subject, list);
  });
  return bySubject;
}

const ALL_FIELDS: readonly ColumnField[] = [...new Set(Object.values(KIND_FIELDS).flat())];

/** The columns of a grid read as one given kind, when it has that kind's signature. */
function classifyGridAs(grid: Grid, matcher: MappingMatcher, kind: TableKind): Column[] | undefined {
  const columns: Column[] = [];
  grid.columns.forEach((col, index) => {
    const resolved = matcher.resolve(col, kind);
    if (resolved) columns.push({ index, label: col.label, ...resolved });
  });
  return SIGNATURES[kind]((f) => columns.some((c) => c.field === f)) ? columns : undefined;
}

/** "Học kỳ I" / "HK2" / "Học kì 1" in a title or a header line: the page is that semester's. */
export function semesterOfTexts(texts: readonly string[]): "hk1" | "hk2" | undefined {
  for (const text of texts) {
    const m = /\b(?:h[oọ]c\s*k[yỳìi]|hk)\s*:?\s*(ii|2|i|1)(?![\p{L}\d])/iu.exec(text.normalize("NFC"));
    if (m?.[1]) return /^(ii|2)$/i.test(m[1]) ? "hk2" : "hk1";
  }
  return undefined;
}

/** A sổ điểm whose assessments are all of one semester is that semester's (joined when assembling). */
function semesterOfColumns(columns: Column[]): "hk1" | "hk2" | undefined {
  const groups = new Set(
    columns.filter((c) => c.field === "tx" || c.field === "gk" || c.field === "ck").map((c) => c.group),
  );
  if (groups.size !== 1) return undefined;
  const [only] = [...groups];
  return only === "hk1" || only === "hk2" ? only : undefined;
}

/** What a page shows, however it was read: its name, its data tables, its "label: value" pairs, its header lines. */
export interface PageContent {
  page: PageRef;
  grids: readonly Grid[];
  keyValues: readonly KeyValue[];
  /** Title, breadcrumbs and header lines (class information when there is no info table). */
  lines: readonly string[];
}

/** Reads every table and label of a page's content. Structural problems (a missing column) are collected too. */
export function extractFromContent(
  content: PageContent,
  matcher: MappingMatcher,
  kindHint?: PageKind,
): TablePageResult {
  const { page } = content;
  const data = emptyPageData(page, kindHint ?? "khac");
  const problems: HocBaError[] = [];
  const subjectHints: string[] = [];
  readPageKeyValues(content.keyValues, page, matcher, data, problems, subjectHints);
  const hints = infoFromLines([page.title, ...content.lines]);
  if (Object.keys(hints).length > 0) data.infoHints = hints;
  const semester = semesterOfTexts([page.title, ...content.lines]);
  const kinds = new Set<TableKind>();
  for (const grid of content.grids) {
    const classified = classifyGrid(grid, matcher, page.title, semester);
    if (!classified) continue;
    kinds.add(classified.kind);
    const tableSemester = classified.kind === "soDiem" ? semesterOfColumns(classified.columns) : undefined;
    // A year summary with each subject's results (a band per subject over HK I / HK II / CN).
    if (classified.kind === "tongKet") {
      const identity = classified.columns.filter((c) => IDENTITY.has(c.field));
      for (const [subject, columns] of subjectResultColumns(grid, classified.columns, matcher)) {
        problems.push(
          ...readTable(
            {
              page,
              title: `${grid.title || page.title} › ${subject}`,
              kind: "soDiem",
              columns: [...identity, ...columns],
              rows: grid.rows,
              columnName: (field, group) => matcher.displayName(field, group),
              subjectHints: [subject],
              summary: true,
            },
            data,
          ),
        );
      }
    }
    // A year summary with the GVCN's comment in a column of its own: the comments are read too.
    if (classified.kind === "tongKet") {
      const comments = classifyGridAs(grid, matcher, "nhanXet");
      if (comments) {
        problems.push(
          ...readTable(
            {
              page,
              title: grid.title,
              kind: "nhanXet",
              columns: comments,
              rows: grid.rows,
              columnName: (field, group) => matcher.displayName(field, group),
            },
            data,
          ),
        );
      }
    }
    problems.push(
      ...readTable(
        {
          page,
          title: grid.title,
          kind: classified.kind,
          columns: classified.columns,
          rows: grid.rows,
          columnName: (field, group) => matcher.displayName(field, group),
          subjectHints: [...subjectHints, grid.title, page.title, ...content.lines].filter(Boolean),
          ...(tableSemester ? { semester: tableSemester } : {}),
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

/** Reads every table and label of an HTML page. Structural problems (a missing column) are collected too. */
export function extractTablesPage(
  doc: Document,
  url: string,
  matcher: MappingMatcher,
  kindHint?: PageKind,
): TablePageResult {
  const page: PageRef = { url, title: documentTitle(doc) };
  return extractFromContent(
    { page, grids: readGrids(doc), keyValues: readKeyValues(doc), lines: headerLines(doc) },
    matcher,
    kindHint,
  );
}

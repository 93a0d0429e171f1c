import type { z } from "zod";
import { HocBaError, isHocBaError } from "../../errors/hocba-error.ts";
import { DEFAULT_MAPPING } from "../common/default-mapping.ts";
import {
  MappingMatcher,
  type ColumnField,
  type GroupName,
  type TableKind,
} from "../common/header-mapping.ts";
import { cleanText } from "../common/normalize-text.ts";
import { emptyPageData, pageName, type ClassInfo, type PageData, type PageRef } from "../common/page-data.ts";
import { CellValueError, parseCapHoc, parseDateTime, parseNamHoc } from "../common/parse-values.ts";
import type { GridRow } from "../common/read-grid.ts";
import { readTable, type Column, type TableToRead } from "../common/read-table.ts";
import { jsonCellText } from "../vnedu-style/store-table.ts";
import {
  GATEWAY_TITLES,
  parseGateway,
  type ClassSubjects,
  type GatewayPage,
  type GatewayRaw,
  type Point,
  type Templates,
} from "./vtsmas-pages.ts";

/**
 * Puts the new SMAS gateway's answers together into the pages the common assembler reads: class
 * and school information, the subjects, the learners (matched by the portal's studentId), each
 * subject's score book per semester read through its template, and the year summary. A score
 * book's columns come from the template that applies to its grade, subject and semester (the one
 * applied last); a point the reader cannot place (an unknown type or batch, a renamed average)
 * stops that score book with an error naming the page and the point.
 */

const matcher = new MappingMatcher(DEFAULT_MAPPING);

function table(
  page: PageRef,
  title: string,
  kind: TableKind,
  labels: { label: string; field: ColumnField; group?: GroupName }[],
  rows: string[][],
  extra: Partial<TableToRead> = {},
): TableToRead {
  const columns: Column[] = labels.map((c, index) => ({
    index,
    label: c.label,
    field: c.field,
    ...(c.group ? { group: c.group } : {}),
  }));
  return {
    page,
    title,
    kind,
    columns,
    rows: rows.map((cells, i): GridRow => ({ rowNumber: i + 1, cells, links: [] })),
    columnName: (field, group) =>
      labels.find((c) => c.field === field && (group === undefined || c.group === group))?.label ??
      matcher.displayName(field, group),
    ...extra,
  };
}

const text = (v: unknown) => cleanText(jsonCellText(v));
/** "2010-11-24T00:00:00" → "2010-11-24" (the date the API sends with a midnight time). */
const dateOnly = (v: unknown) => text(v).replace(/^(\d{4}-\d{2}-\d{2})T00:00:00(?:\.0+)?Z?$/, "$1");

function info(raws: GatewayRaw[], classId: string, problems: HocBaError[]): PageData[] {
  const out: PageData[] = [];
  const put = (raw: GatewayRaw, values: [keyof ClassInfo, string, unknown, ((t: string) => string)?][]) => {
    const data = emptyPageData(raw.page, "lop");
    for (const [field, key, value, parse] of values) {
      const t = text(value);
      if (t === "") continue;
      try {
        (data.info as Record<string, string>)[field] = parse ? parse(t) : t;
      } catch (err) {
        if (!(err instanceof CellValueError)) throw err;
        problems.push(
          new HocBaError("EXTRACT_BAD_INFO_VALUE", {
            page: pageName(raw.page),
            field: key,
            value: t,
            expected: err.expected || "?",
          }),
        );
      }
    }
    out.push(data);
  };
  const classesRaw = raws.find((r) => r.vtsmas === "classes");
  const cls = classesRaw
    ? parseGateway({ ...classesRaw, vtsmas: "classes" }).items.find((c) => c.id === classId)
    : undefined;
  if (classesRaw && !cls) {
    problems.push(
      new HocBaError("EXTRACT_TABLE_MISSING", { page: pageName(classesRaw.page), table: `lớp ${classId}` }),
    );
  }
  if (classesRaw && cls) {
    put(classesRaw, [
      ["lop", "className", cls.className],
      ["khoi", "gradeLevelCode", cls.gradeLevelCode],
      ["gvcn", "homeroomTeacherName", cls.homeroomTeacherName],
      ["capHoc", "schoolLevel", cls.schoolLevel, parseCapHoc],
    ]);
  }
  const yearsRaw = raws.find((r) => r.vtsmas === "schoolYears");
  const yearId = cls?.schoolYearId;
  const year = yearsRaw
    ? parseGateway({ ...yearsRaw, vtsmas: "schoolYears" }).find((y) => y.schoolYearId === yearId)
    : undefined;
  if (yearsRaw && year) {
    put(yearsRaw, [
      ["namHoc", "code", year.code, parseNamHoc],
      ["thuTruongHoTen", "principalName", year.principalName],
    ]);
  }
  const schoolRaw = raws.find((r) => r.vtsmas === "school");
  if (schoolRaw) {
    const school = parseGateway({ ...schoolRaw, vtsmas: "school" });
    put(schoolRaw, [
      ["maSo", "departmentCode", school.departmentCode],
      ["maTruong", "schoolCode", school.schoolCode],
      ["tenTruong", "schoolName", school.schoolName],
      ["diaDanh", "placeName", school.placeName],
      ["thuTruongChucVu", "principalTitle", school.principalTitle],
      ["thoiGianLap", "studyRecordDate", school.studyRecordDate, parseDateTime],
    ]);
  }
  return out;
}

const STUDENT_FIELDS: readonly [string, ColumnField][] = [
  ["studentCode", "maHocVien"],
  ["fullName", "hoTen"],
  ["dateOfBirth", "ngaySinh"],
  ["genderName", "gioiTinh"],
  ["identifyNumber", "soDinhDanh"],
  ["ethnicName", "danToc"],
  ["nationalityName", "quocTich"],
  ["birthPlace", "noiSinh"],
  ["address", "noiO"],
  ["fatherName", "hoTenCha"],
  ["motherName", "hoTenMe"],
  ["guardianName", "hoTenNguoiGiamHo"],
  ["policyTargetName", "doiTuongChinhSach"],
  ["syncRecordId", "idBanGhi"],
  ["syncEvent", "suKien"],
  ["syncVersion", "phienBan"],
  // The public examples show `statusCode` only (docs/portals.md): its text `status` and these keys
  // are the simulator's own.
  ["status", "trangThai"],
  ["leavingDate", "ngayRoiTruong"],
  ["completedSemesters", "hocKyHoanThanh"],
  ["transferToSchool", "truongChuyenDen"],
  ["transferFromSchool", "truongCu"],
  ["arrivalDate", "ngayChuyenDen"],
  ["learningHistory", "quaTrinhHocTap"],
];

function students(raw: GatewayRaw): { data: PageData; names: Map<string, string>; problems: HocBaError[] } {
  const list = parseGateway({ ...raw, vtsmas: "students" });
  const data = emptyPageData(raw.page, "lop");
  const rows = list.map((s) =>
    STUDENT_FIELDS.map(([key]) =>
      key === "dateOfBirth" || key === "leavingDate" || key === "arrivalDate"
        ? dateOnly(s[key])
        : jsonCellText(s[key]),
    ),
  );
  const problems = readTable(
    table(
      raw.page,
      GATEWAY_TITLES.students,
      "hoSo",
      STUDENT_FIELDS.map(([label, field]) => ({ label, field })),
      rows,
    ),
    data,
  );
  data.profiles.forEach((p, i) => (p.ref.portalId = list[i]?.id));
  return { data, names: new Map(list.map((s) => [s.id, text(s.fullName)])), problems };
}

function subjects(raw: GatewayRaw): { data: PageData; problems: HocBaError[] } {
  const list = parseGateway({ ...raw, vtsmas: "classSubjects" });
  const data = emptyPageData(raw.page, "lop");
  const HINH_THUC: Record<string, string> = { "0": "Điểm số", "1": "Nhận xét" };
  const rows = list.map((s) => {
    const type = text(s.subjectType);
    const periods =
      s.numberLessionSemester1 === undefined && s.numberLessionSemester2 === undefined
        ? ""
        : String((s.numberLessionSemester1 ?? 0) + (s.numberLessionSemester2 ?? 0));
    return [s.subjectCode, text(s.subjectName), HINH_THUC[type] ?? type, periods];
  });
  const labels = [
    { label: "subjectCode", field: "maMon" as const },
    { label: "subjectName", field: "tenMon" as const },
    { label: "subjectType", field: "hinhThuc" as const },
    { label: "numberLessionSemester1 + numberLessionSemester2", field: "soTietNam" as const },
  ];
  return {
    data,
    problems: readTable(table(raw.page, GATEWAY_TITLES.classSubjects, "monHoc", labels, rows), data),
  };
}

type Template = z.infer<typeof Templates>[number];

/** The template of a grade, subject and semester: the one applied last. */
function templateFor(
  templates: Template[],
  grade: string,
  subject: string,
  semester: number,
): Template | undefined {
  return templates
    .filter(
      (t) =>
        t.gradeCodes.includes(grade) &&
        t.subjectCodes.includes(subject) &&
        t.semester === semester &&
        t.scoreBookType === 1,
    )
    .sort((a, b) => b.appliedDate.localeCompare(a.appliedDate))[0];
}

const BATCH_FIELDS: Readonly<Record<string, ColumnField>> = { TX: "tx", GHK: "gk", CHK: "ck" };

/** Where a template point goes; undefined when the reader cannot tell (an error then). */
function placePoint(
  point: z.infer<typeof Point>,
  semester: "hk1" | "hk2",
): { field: ColumnField; group?: GroupName } | undefined {
  if (point.pointType === 1) {
    const field = BATCH_FIELDS[point.batchNumberCode ?? ""];
    if (!field || matcher.field(point.pointName, [field]) !== field) return undefined;
    return { field, group: semester };
  }
  if (point.pointType === 2) {
    const resolved = matcher.resolve({ path: [point.pointName], label: point.pointName }, "soDiem");
    if (!resolved || (resolved.field !== "tbm" && resolved.field !== "mucDanhGia")) return undefined;
    const group =
      resolved.group === "hk1" || resolved.group === "hk2" ? resolved.group : (resolved.group ?? semester);
    if ((group === "hk1" || group === "hk2") && group !== semester) return undefined;
    return { field: resolved.field, group };
  }
  if (point.pointType === 4) return { field: "nhanXet" };
  return undefined;
}

function scoreBook(
  raw: GatewayRaw,
  templates: Template[],
  subjectsList: z.infer<typeof ClassSubjects>,
  names: Map<string, string>,
): { data: PageData; problems: HocBaError[] } {
  const rows = parseGateway({ ...raw, vtsmas: "scoreBook" });
  const req = (raw.request ?? {}) as { subjectCode?: string; gradeLevelCode?: string; semester?: number };
  const subject = subjectsList.find((s) => s.subjectCode === req.subjectCode);
  const semester = req.semester === 1 ? "hk1" : req.semester === 2 ? "hk2" : undefined;
  const title = `Sổ điểm môn ${text(subject?.subjectName) || req.subjectCode || "?"}, học kỳ ${req.semester === 1 ? "I" : "II"}`;
  const page: PageRef = { url: raw.page.url, title };
  const data = emptyPageData(page, "soDiem");
  const where = { page: pageName(page), table: title };
  const template = semester
    ? templateFor(templates, req.gradeLevelCode ?? "", req.subjectCode ?? "", req.semester ?? 0)
    : undefined;
  if (!semester || !template) {
    return {
      data,
      problems: [new HocBaError("EXTRACT_TABLE_MISSING", { page: pageName(page), table: "Mẫu sổ điểm" })],
    };
  }
  const problems: HocBaError[] = [];
  const points = [...template.pointGroupSortOrders]
    .sort((a, b) => (a.sortOrder ?? 0) - (b.sortOrder ?? 0))
    .flatMap((g) =>
      [...g.pointGroup.points]
        .sort((a, b) => (a.sortOrder ?? 0) - (b.sortOrder ?? 0))
        .map((p) => ({ group: g.pointGroup.pointGroupCode, point: p })),
    );
  const labels: { label: string; field: ColumnField; group?: GroupName }[] = [
    { label: "studentId", field: "maHocVien" },
    { label: "Họ và tên", field: "hoTen" },
  ];
  const keys: string[] = [];
  for (const { group, point } of points) {
    const place = placePoint(point, semester);
    if (!place) {
      problems.push(
        new HocBaError("EXTRACT_COLUMN_RENAMED", { ...where, column: point.pointName, cot: point.pointCode }),
      );
      continue;
    }
    labels.push({ label: point.pointName, ...place });
    keys.push(`${group}\u0000${point.pointCode}`);
  }
  const known = new Set(keys);
  const cells: string[][] = [];
  for (const [i, row] of rows.entries()) {
    const values = new Map(
      row.pointDetails.map((d) => [
        `${text(d.pointGroupCode)}\u0000${d.pointCode}`,
        jsonCellText(d.pointValue),
      ]),
    );
    for (const [key] of values) {
      if (!known.has(key)) {
        problems.push(
          new HocBaError("EXTRACT_UNKNOWN_POINT", {
            ...where,
            row: i + 1,
            learner: names.get(row.studentId) ?? row.studentId,
            point: key.split("\u0000")[1] ?? key,
          }),
        );
      }
    }
    cells.push([row.studentId, names.get(row.studentId) ?? "", ...keys.map((k) => values.get(k) ?? "")]);
  }
  if (problems.length > 0) return { data, problems };
  problems.push(
    ...readTable(
      table(page, title, "soDiem", labels, cells, { semester, subjectCode: req.subjectCode ?? "" }),
      data,
    ),
  );
  for (const t of data.soDiem) {
    for (const r of t.rows) {
      r.ref = {
        row: r.ref.row,
        portalId: r.ref.maHocVien ?? "",
        ...(r.ref.hoTen ? { hoTen: r.ref.hoTen } : {}),
      };
      r.ketQua.giaoVien = text(subject?.teacherName);
    }
  }
  return { data, problems };
}

const SUMMARY: readonly [string, ColumnField, GroupName?][] = [
  ["studyResultSemester1", "hocTap", "hk1"],
  ["trainingResultSemester1", "renLuyen", "hk1"],
  ["studyResultSemester2", "hocTap", "hk2"],
  ["trainingResultSemester2", "renLuyen", "hk2"],
  ["studyResultYear", "hocTap", "cn"],
  ["trainingResultYear", "renLuyen", "cn"],
  ["studyResultRetest", "hocTap", "lai"],
  ["trainingResultSummer", "renLuyen", "lai"],
  ["absentCount", "soBuoiNghi"],
  ["yearEndDecision", "ketQuaXet"],
  ["retestDecision", "ketQuaXetLai"],
  ["titleName", "danhHieu"],
  ["homeroomComment", "nhanXetGVCN"],
];

function yearSummary(
  raw: GatewayRaw,
  names: Map<string, string>,
): { data: PageData; problems: HocBaError[] } {
  const list = parseGateway({ ...raw, vtsmas: "yearSummary" });
  const data = emptyPageData(raw.page, "tongKet");
  const labels = [
    { label: "studentId", field: "maHocVien" as ColumnField },
    { label: "Họ và tên", field: "hoTen" as ColumnField },
    ...SUMMARY.map(([label, field, group]) => ({ label, field, ...(group ? { group } : {}) })),
  ];
  const rows = list.map((r) => [
    r.studentId,
    names.get(r.studentId) ?? "",
    ...SUMMARY.map(([key]) => jsonCellText((r as Record<string, unknown>)[key])),
  ]);
  const problems = [
    ...readTable(table(raw.page, GATEWAY_TITLES.yearSummary, "tongKet", labels, rows), data),
    ...readTable(table(raw.page, "Nhận xét của GVCN", "nhanXet", labels, rows), data),
  ];
  for (const t of [...data.tongKet, ...data.nhanXet]) {
    for (const r of t.rows) {
      r.ref = {
        row: r.ref.row,
        portalId: r.ref.maHocVien ?? "",
        ...(r.ref.hoTen ? { hoTen: r.ref.hoTen } : {}),
      };
    }
  }
  return { data, problems };
}

/** The class the answers are about: from the learners' address, else the only class listed. */
export function classIdOf(raws: GatewayRaw[]): string {
  for (const r of raws) {
    const m = /\/lay-hoc-sinh-theo-lop\/([^/]+)\//.exec(r.path);
    if (m?.[1]) return decodeURIComponent(m[1]);
  }
  const classes = raws.find((r) => r.vtsmas === "classes");
  const items = classes ? parseGateway({ ...classes, vtsmas: "classes" }).items : [];
  return items.length === 1 ? (items[0]?.id ?? "") : "";
}

/** The gateway answers of one class as pages for the common assembler. */
export function vtsmasClassPages(
  raws: GatewayRaw[],
  classId: string,
): { pages: PageData[]; problems: HocBaError[] } {
  const problems: HocBaError[] = [];
  const pages: PageData[] = [];
  const need = (kind: GatewayPage) => {
    const found = raws.filter((r) => r.vtsmas === kind);
    if (found.length === 0) {
      problems.push(
        new HocBaError("EXTRACT_TABLE_MISSING", { page: "(các trang đã đọc)", table: GATEWAY_TITLES[kind] }),
      );
    }
    return found;
  };
  try {
    for (const kind of [
      "schoolYears",
      "school",
      "classes",
      "students",
      "classSubjects",
      "yearSummary",
    ] as const) {
      need(kind);
    }
    pages.push(...info(raws, classId, problems));
    let names = new Map<string, string>();
    for (const raw of raws.filter((r) => r.vtsmas === "students")) {
      const s = students(raw);
      names = s.names;
      pages.push(s.data);
      problems.push(...s.problems);
    }
    const subjectsRaw = raws.find((r) => r.vtsmas === "classSubjects");
    const subjectsList = subjectsRaw ? parseGateway({ ...subjectsRaw, vtsmas: "classSubjects" }) : [];
    if (subjectsRaw) {
      const s = subjects(subjectsRaw);
      pages.push(s.data);
      problems.push(...s.problems);
    }
    const templates = raws
      .filter((r) => r.vtsmas === "templates")
      .flatMap((r) => parseGateway({ ...r, vtsmas: "templates" }));
    for (const raw of raws.filter((r) => r.vtsmas === "scoreBook")) {
      const s = scoreBook(raw, templates, subjectsList, names);
      pages.push(s.data);
      problems.push(...s.problems);
    }
    for (const raw of raws.filter((r) => r.vtsmas === "yearSummary")) {
      const s = yearSummary(raw, names);
      pages.push(s.data);
      problems.push(...s.problems);
    }
  } catch (err) {
    if (!isHocBaError(err)) throw err;
    problems.push(err);
  }
  return { pages, problems };
}

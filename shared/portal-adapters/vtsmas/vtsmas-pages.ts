import { z } from "zod";
import { HocBaError } from "../../errors/hocba-error.ts";
import { pageName, type PageRef } from "../common/page-data.ts";

/**
 * The new SMAS gateway's answers (gateway.vtsmas.vn/api/...), each checked against the shape the
 * reader relies on; a changed answer is an error naming the page and the field, never a guess.
 */

const Text = z.union([z.string(), z.number(), z.null()]).optional();

export const SchoolYears = z.array(
  z.looseObject({ schoolYearId: z.string(), code: z.string(), principalName: Text }),
);
export const School = z.looseObject({
  departmentCode: Text,
  schoolCode: Text,
  schoolName: Text,
  schoolLevelName: Text,
  placeName: Text,
  principalTitle: Text,
  studyRecordDate: Text,
});
export const Classes = z.looseObject({
  items: z.array(
    z.looseObject({
      id: z.string(),
      className: Text,
      gradeLevelCode: Text,
      schoolLevel: Text,
      schoolLevelCode: Text,
      schoolYearId: z.string(),
      homeroomTeacherName: Text,
    }),
  ),
});
export const Students = z.array(
  z.looseObject({ id: z.string(), studentCode: Text, fullName: Text, dateOfBirth: Text }),
);
export const ClassSubjects = z.array(
  z.looseObject({
    classId: z.string(),
    gradeLevelCode: z.string(),
    subjectCode: z.string(),
    subjectName: Text,
    subjectType: Text,
    numberLessionSemester1: z.number().optional(),
    numberLessionSemester2: z.number().optional(),
    schoolLevelCode: z.string(),
    schoolYearId: z.string(),
    schoolYearCode: Text,
    teacherName: Text,
  }),
);
export const Point = z.looseObject({
  pointCode: z.string(),
  pointName: z.string(),
  pointType: z.number(),
  batchNumberCode: z.string().nullable().optional(),
  sortOrder: z.number().optional(),
});
export const Templates = z.array(
  z.looseObject({
    gradeCodes: z.array(z.string()),
    subjectCodes: z.array(z.string()),
    semester: z.number(),
    scoreBookType: z.number(),
    appliedDate: z.string(),
    pointGroupSortOrders: z.array(
      z.looseObject({
        sortOrder: z.number().optional(),
        pointGroup: z.looseObject({ pointGroupCode: z.string(), points: z.array(Point) }),
      }),
    ),
  }),
);
export const ScoreBook = z.array(
  z.looseObject({
    studentId: z.string(),
    pointDetails: z.array(z.looseObject({ pointGroupCode: Text, pointCode: z.string(), pointValue: Text })),
  }),
);
export const YearSummary = z.array(z.looseObject({ studentId: z.string(), studyResultYear: Text }));

export const SHAPES = {
  schoolYears: SchoolYears,
  school: School,
  classes: Classes,
  students: Students,
  classSubjects: ClassSubjects,
  templates: Templates,
  scoreBook: ScoreBook,
  yearSummary: YearSummary,
} as const;
export type GatewayPage = keyof typeof SHAPES;

/** Gateway addresses (after the gateway's base) and the answer each gives. */
export const GATEWAY_PATHS: ReadonlyArray<readonly [RegExp, GatewayPage]> = [
  [/\/api\/danh-muc-truong\/nam-hoc-nha-truong\/tat-ca$/, "schoolYears"],
  [/\/api\/danh-muc-truong\/thong-tin-truong\/[^/]+$/, "school"],
  [/\/api\/hoc-sinh\/lop-hoc\/phan-trang$/, "classes"],
  [/\/api\/hoc-sinh\/lay-hoc-sinh-theo-lop\/[^/]+\/[^/]+$/, "students"],
  [/\/api\/hoc-tap\/lop-mon-hoc\/so-danh-gia\/[^/]+\/[^/]+$/, "classSubjects"],
  [/\/api\/hoc-tap\/so-diem\/mau-so-diem\/[^/]+\/[^/]+$/, "templates"],
  [/\/api\/hoc-tap\/so-diem\/danh-sach$/, "scoreBook"],
  [/\/api\/hoc-tap\/tong-ket\/lop\/[^/]+\/[^/]+$/, "yearSummary"],
];

export const GATEWAY_TITLES: Readonly<Record<GatewayPage, string>> = {
  schoolYears: "Năm học của trường",
  school: "Thông tin trường",
  classes: "Danh sách lớp",
  students: "Danh sách học sinh của lớp",
  classSubjects: "Môn học của lớp",
  templates: "Mẫu sổ điểm",
  scoreBook: "Sổ điểm",
  yearSummary: "Tổng kết năm học",
};

/** A saved answer without its address: which one, by shape (the most specific first). */
export function gatewayPageFromShape(json: unknown): GatewayPage | undefined {
  const order: GatewayPage[] = [
    "templates",
    "scoreBook",
    "classSubjects",
    "yearSummary",
    "classes",
    "schoolYears",
    "students",
    "school",
  ];
  for (const kind of order) {
    if (!SHAPES[kind].safeParse(json).success) continue;
    if (Array.isArray(json) && json.length === 0) return undefined;
    if (kind === "school" && (json as Record<string, unknown>).schoolCode === undefined) continue;
    return kind;
  }
  return undefined;
}

/** One gateway answer as it came, with the page and the request body it answered. */
export interface GatewayRaw {
  vtsmas: GatewayPage;
  page: PageRef;
  body: unknown;
  /** The request's JSON body (the score book's subject, grade, semester). */
  request?: unknown;
  /** The address's path parts after the API prefix (class id, school year id). */
  path: string;
}

export function parseGateway<K extends GatewayPage>(
  raw: GatewayRaw & { vtsmas: K },
): z.infer<(typeof SHAPES)[K]> {
  const parsed = SHAPES[raw.vtsmas].safeParse(raw.body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HocBaError("EXTRACT_BAD_JSON_PAGE", {
      page: pageName(raw.page),
      detail: issue ? `${issue.path.join(".") || "(gốc)"}: ${issue.message}` : "?",
    });
  }
  return parsed.data as z.infer<(typeof SHAPES)[K]>;
}

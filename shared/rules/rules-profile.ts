import { z } from "zod";
import { CapHoc, MucXepLoai } from "../model/gradebook.ts";

/**
 * A rules profile (bộ quy tắc): every threshold the engine uses, as data, so a centre can correct
 * a value that turns out to be wrong without a new release (`hocba check --profile-file FILE`).
 * Each rule carries where it comes from and whether it was confirmed from the source text
 * (docs/domain.md marks what is not confirmed [unconfirmed]; older sources say [I], inferred).
 */
export function rule<T extends z.ZodType>(value: T) {
  return z.object({
    value,
    source: z.string().min(1).describe("Văn bản / nguồn của giá trị này"),
    confirmed: z.boolean().describe("false = suy luận, cần xác nhận lại với văn bản gốc"),
  });
}

const Score = z.number().min(0).max(100);
const Count = z.number().int().min(0);

/** One rung of the học tập ladder (TT22 Điều 9): all scored ≥ minAll, at least `atLeastCount` scored ≥ `atLeastScore`, at most `maxCommentChuaDat` comment subjects CĐ. */
export const HocTapLevelRule = z.object({
  level: z.enum(["T", "K", "Đ"]),
  minAll: Score.describe("Mọi môn đánh giá bằng điểm số phải từ mức này trở lên"),
  atLeastCount: Count.describe("Số môn tối thiểu đạt atLeastScore"),
  atLeastScore: Score,
  maxCommentChuaDat: Count.describe("Số môn đánh giá bằng nhận xét được phép Chưa đạt"),
});

/** A clause of the rèn luyện year table: result when HK II ∈ hk2 and HK I ∈ hk1. */
export const RenLuyenClause = z.object({
  result: MucXepLoai,
  hk2: z.array(MucXepLoai).min(1),
  hk1: z.array(MucXepLoai).min(1),
});

export const CatalogueSubject = z.object({
  ma: z.string().min(1),
  ten: z.string().min(1),
  hinhThuc: z.enum(["DiemSo", "NhanXet"]),
  soTietNam: z.number().int().positive(),
  nhom: z.enum(["BatBuoc", "LuaChon", "TuChon"]),
});
export type CatalogueSubject = z.infer<typeof CatalogueSubject>;

export const RulesProfile = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  name: z.string().min(1),
  circular: z.string().min(1).describe("Thông tư áp dụng"),
  capHoc: CapHoc,
  labels: rule(
    z.object({
      learner: z.string().min(1).describe("học viên / học sinh"),
      head: z.string().min(1).describe("Giám đốc / Hiệu trưởng"),
      headAlternatives: z.array(z.string()).describe("Các chức vụ khác được ký thay (Phó ...)"),
    }),
  ),
  scores: rule(
    z.object({
      min: Score,
      max: Score,
      maxDecimals: Count.describe("Số chữ số thập phân tối đa của một điểm đánh giá"),
    }),
  ),
  rounding: rule(z.object({ decimals: Count.max(6) })),
  yearAverageFromRoundedSemesters: rule(
    z.boolean().describe("true: ĐTBmcn tính từ ĐTBmhk đã làm tròn (như cổng hiển thị)"),
  ),
  weights: rule(
    z.object({
      tx: z.number().int().positive(),
      gk: z.number().int().positive(),
      ck: z.number().int().positive(),
      hk1: z.number().int().positive(),
      hk2: z.number().int().positive(),
    }),
  ),
  txCount: rule(
    z
      .array(z.object({ maxPeriods: z.number().int().positive().nullable(), count: Count }))
      .min(1)
      .describe("Số ĐĐGtx mỗi học kỳ theo số tiết/năm; maxPeriods null = còn lại"),
  ),
  hocTapLevels: rule(z.array(HocTapLevelRule).min(1).describe("Thứ tự Tốt, Khá, Đạt; còn lại Chưa đạt")),
  renLuyenYear: z.array(rule(RenLuyenClause)).min(1).describe("Các điều khoản theo thứ tự; còn lại Chưa đạt"),
  promotion: z.object({
    maxAbsences: rule(Count.describe("Số buổi nghỉ tối đa để được lên lớp (có phép và không phép)")),
    retestBelow: rule(Score.describe("Môn điểm số có ĐTBmcn dưới mức này phải kiểm tra lại")),
    finalGrade: rule(
      z.object({ khoi: z.string().min(1), decision: z.enum(["LenLop", "HoanThanhChuongTrinh"]) }),
    ),
    bothChuaDat: rule(
      z
        .enum(["RenLuyenHe", "OLai"])
        .describe("Quyết định khi cả rèn luyện và học tập cả năm đều Chưa đạt (chưa xác nhận)"),
    ),
  }),
  awards: z.object({
    xuatSac: rule(
      z.object({
        hocTap: MucXepLoai,
        renLuyen: MucXepLoai,
        minSubjects: Count,
        minScore: Score,
      }),
    ),
    gioi: rule(z.object({ hocTap: MucXepLoai, renLuyen: MucXepLoai })),
  }),
  age: rule(
    z.object({
      entryAgeOffset: z.number().int().describe("Tuổi đúng = khối + giá trị này (khối 10 → 15)"),
      youngerBy: Count.describe("Cảnh báo khi nhỏ hơn tuổi đúng quá số năm này"),
      olderBy: Count.describe("Cảnh báo khi lớn hơn tuổi đúng quá số năm này"),
    }),
  ),
  subjects: rule(z.array(CatalogueSubject).min(1).describe("Danh mục môn của chương trình")),
});
export type RulesProfile = z.infer<typeof RulesProfile>;

import { HocBaError } from "../../errors/hocba-error.ts";
import {
  GRADEBOOK_FORMAT,
  Gradebook,
  type BanGhi,
  type HocVien,
  type KetQuaMon,
  type Learner,
  type Subject,
} from "../../model/gradebook.ts";
import { cleanText, foldKey } from "./normalize-text.ts";
import type { MovementValues } from "./profile-values.ts";
import {
  pageName,
  type ClassInfo,
  type LearnerRef,
  type NhanXetTable,
  type KetQuaMonRow,
  type PageData,
  type PageRef,
  type SoDiemTable,
} from "./page-data.ts";

/**
 * Puts the pieces read from a class's pages together into one Gradebook: class information, the
 * subject list, the learners in class order, each learner's sổ điểm rows (subjects in list order;
 * a learner missing from a subject's table does not take it), tổng kết and GVCN comment. Rows are
 * matched to learners by learner code, else name and birth date, else a unique name. Every
 * inconsistency is reported; nothing is guessed.
 */

const INFO_LABELS: Readonly<Record<keyof ClassInfo, string>> = {
  maSo: "Mã Sở GD&ĐT",
  maTruong: "Mã trường",
  tenTruong: "Tên trường",
  capHoc: "Cấp học",
  diaDanh: "Địa danh",
  namHoc: "Năm học",
  khoi: "Khối",
  lop: "Lớp",
  gvcn: "Giáo viên chủ nhiệm",
  thuTruongHoTen: "Thủ trưởng",
  thuTruongChucVu: "Chức vụ thủ trưởng",
  profile: "Quy chế đánh giá",
  thoiGianLap: "Thời gian lập",
};

const REQUIRED_INFO = ["maSo", "maTruong", "tenTruong", "capHoc", "namHoc", "khoi", "lop", "gvcn"] as const;
const PROFILE_BY_CAP_HOC: Readonly<Record<ClassInfo["capHoc"], string>> = {
  "05": "gdtx-tt43",
  "04": "thpt-tt22",
};

export interface AssembleResult {
  gradebook: Gradebook | null;
  problems: HocBaError[];
  /**
   * In a partial read: what a complete record still needs and which page or file gives it
   * (EXTRACT_STILL_NEEDED). The gradebook, when there is one, lacks exactly these.
   */
  stillNeeded?: HocBaError[];
}

export interface AssembleOptions {
  /**
   * Build what the pages allow and name what is missing, instead of refusing: a class read from a
   * year summary alone (results without the individual assessments) plus a learner list. A
   * gradebook still comes only when every field the format requires is known.
   */
  partial?: boolean;
}

const need = (what: string, source: string) => new HocBaError("EXTRACT_STILL_NEEDED", { what, source });
const SOURCES = {
  info: "trang Thông tin lớp (hoặc tiêu đề trang, tệp ghi «Năm học …», «Lớp …», «Trường …»)",
  subjects:
    "trang Thông tin lớp / Danh sách môn học (bảng Mã môn, Tên môn học, Hình thức đánh giá, Số tiết/năm)",
  learners:
    "danh sách học sinh của lớp có số định danh (trang hồ sơ học sinh hoặc tệp xuất danh sách học sinh)",
  tongKet: "trang Tổng kết cả năm (hoặc tệp tổng hợp kết quả cuối năm)",
  nhanXet: "trang Nhận xét của GVCN (hoặc cột Nhận xét của GVCN trong tệp tổng kết)",
} as const;

function mergeInfo(pages: PageData[], problems: HocBaError[]): Partial<ClassInfo> {
  const info: Partial<ClassInfo> = {};
  const from: Partial<Record<keyof ClassInfo, PageRef>> = {};
  for (const data of pages) {
    for (const [key, value] of Object.entries(data.info) as [keyof ClassInfo, string][]) {
      const first = info[key];
      if (first === undefined) {
        (info as Record<string, string>)[key] = value;
        from[key] = data.page;
      } else if (first !== value) {
        problems.push(
          new HocBaError("EXTRACT_INFO_CONFLICT", {
            field: INFO_LABELS[key],
            first,
            firstPage: pageName(from[key] ?? data.page),
            second: value,
            page: pageName(data.page),
          }),
        );
      }
    }
  }
  // Header lines fill only what no information table gives; two pages whose lines disagree are reported.
  const hintFrom: Partial<Record<keyof ClassInfo, PageRef>> = {};
  for (const data of pages) {
    for (const [key, value] of Object.entries(data.infoHints ?? {}) as [keyof ClassInfo, string][]) {
      if (from[key] !== undefined) continue;
      const first = info[key];
      if (first === undefined) {
        (info as Record<string, string>)[key] = value;
        hintFrom[key] = data.page;
      } else if (foldKey(first) !== foldKey(value)) {
        problems.push(
          new HocBaError("EXTRACT_INFO_CONFLICT", {
            field: INFO_LABELS[key],
            first,
            firstPage: pageName(hintFrom[key] ?? data.page),
            second: value,
            page: pageName(data.page),
          }),
        );
      }
    }
  }
  return info;
}

interface LearnerEntry {
  ref: LearnerRef;
  page: PageRef;
  hocVien: Partial<HocVien>;
  banGhi: Partial<BanGhi>;
  /** Departure, arrival, learning history (profile-values.ts). */
  movement: MovementValues;
  /** Which page each field came from, to name both pages of a conflict. */
  source: Record<string, PageRef>;
}

const nameKey = (name: string) => cleanText(name).toLowerCase();
const learnerLabel = (ref: LearnerRef) => ref.hoTen ?? ref.maHocVien ?? ref.portalId ?? `#${ref.row}`;

/**
 * Finds a row's learner in the class list. `used` holds the learners already matched in the same
 * table: a learner listed twice under one code (a portal duplicate, which `check` reports) gets the
 * table's rows in order, and a third row for them is a duplicate row.
 */
class LearnerIndex {
  constructor(readonly entries: LearnerEntry[]) {}

  find(ref: LearnerRef, page: PageRef, used: Set<number> = new Set()): number | HocBaError {
    const params = { page: pageName(page), row: ref.row, learner: learnerLabel(ref) };
    const pick = (list: number[], sameRecord: boolean): number | HocBaError => {
      const free = list.filter((i) => !used.has(i));
      const chosen = free.length === 1 || (sameRecord && free.length > 1) ? free[0] : undefined;
      if (chosen !== undefined) {
        used.add(chosen);
        return chosen;
      }
      if (list.length === 0) return new HocBaError("EXTRACT_LEARNER_UNKNOWN", params);
      return new HocBaError(
        free.length === 0 ? "EXTRACT_LEARNER_DUPLICATE" : "EXTRACT_LEARNER_AMBIGUOUS",
        params,
      );
    };
    let candidates = this.entries.map((_, i) => i);
    if (ref.portalId && this.entries.some((e) => e.ref.portalId)) {
      return pick(
        candidates.filter((i) => this.entries[i]?.ref.portalId === ref.portalId),
        true,
      );
    }
    if (ref.maHocVien && this.entries.some((e) => e.hocVien.maHocVien)) {
      return pick(
        candidates.filter((i) => this.entries[i]?.hocVien.maHocVien === ref.maHocVien),
        true,
      );
    }
    if (ref.hoTen) {
      const key = nameKey(ref.hoTen);
      candidates = candidates.filter((i) => nameKey(this.entries[i]?.hocVien.hoTen ?? "") === key);
    }
    if (ref.ngaySinh && candidates.length > 1) {
      candidates = candidates.filter((i) => this.entries[i]?.hocVien.ngaySinh === ref.ngaySinh);
    }
    return pick(candidates, false);
  }
}

const PROFILE_FIELD_LABELS: Readonly<Record<string, string>> = {
  maHocVien: "Mã học viên",
  soDinhDanh: "Số định danh cá nhân",
  hoTen: "Họ và tên",
  ngaySinh: "Ngày sinh",
  gioiTinh: "Giới tính",
  danToc: "Dân tộc",
  quocTich: "Quốc tịch",
  noiSinh: "Nơi sinh",
  noiO: "Nơi ở",
  hoTenCha: "Họ tên cha",
  hoTenMe: "Họ tên mẹ",
  hoTenNguoiGiamHo: "Họ tên người giám hộ",
  doiTuongChinhSach: "Đối tượng chính sách",
  idBanGhi: "ID bản ghi",
  suKien: "Sự kiện",
  phienBan: "Phiên bản",
  trangThai: "Trạng thái",
  ngayRoiTruong: "Ngày chuyển đi / thôi học",
  hocKyHoanThanh: "Số học kỳ hoàn thành",
  truongChuyenDen: "Nơi chuyển đến",
  ngayChuyenDen: "Ngày chuyển đến",
  truongCu: "Chuyển từ trường",
  quaTrinhHocTap: "Quá trình học tập",
};

function mergeProfile(
  entry: LearnerEntry,
  part: { hocVien: Partial<HocVien>; banGhi: Partial<BanGhi>; movement?: MovementValues; page: PageRef },
  problems: HocBaError[],
): void {
  const mergeInto = (
    target: Record<string, string | number>,
    source: Record<string, string | number | undefined>,
  ) => {
    for (const [field, value] of Object.entries(source)) {
      if (value === undefined) continue;
      const first = target[field];
      if (first === undefined) {
        target[field] = value;
        entry.source[field] = part.page;
      } else if (first !== value) {
        problems.push(
          new HocBaError("EXTRACT_PROFILE_CONFLICT", {
            learner: entry.hocVien.hoTen ?? learnerLabel(entry.ref),
            field: PROFILE_FIELD_LABELS[field] ?? field,
            first: String(first),
            firstPage: pageName(entry.source[field] ?? entry.page),
            second: String(value),
            page: pageName(part.page),
          }),
        );
      }
    }
  };
  mergeInto(entry.hocVien, part.hocVien);
  mergeInto(entry.banGhi, part.banGhi);
  if (part.movement) mergeInto(entry.movement as Record<string, string | number>, { ...part.movement });
}

function buildLearnerList(
  pages: PageData[],
  problems: HocBaError[],
  partial: boolean,
): LearnerEntry[] | null {
  let records = pages.flatMap((p) => p.profiles);
  if (records.length === 0 && partial) {
    // No learner list: the year summary's rows name the learners (name, birth date, code if shown).
    const table = pages.flatMap((p) => p.tongKet)[0];
    records = (table?.rows ?? []).map((r) => ({
      ref: r.ref,
      hocVien: {
        ...(r.ref.hoTen ? { hoTen: r.ref.hoTen } : {}),
        ...(r.ref.ngaySinh ? { ngaySinh: r.ref.ngaySinh } : {}),
        ...(r.ref.maHocVien ? { maHocVien: r.ref.maHocVien } : {}),
      },
      banGhi: {},
      fromList: true,
      page: table?.page ?? { url: "", title: "" },
    }));
  }
  const lists = records.filter((r) => r.fromList);
  // The first class list fixes the order; single-learner pages then fill in the details.
  const firstListPage = lists[0]?.page.url;
  const base =
    firstListPage !== undefined
      ? lists.filter((r) => r.page.url === firstListPage)
      : records.filter((r) => !r.fromList);
  if (base.length === 0) {
    problems.push(new HocBaError("EXTRACT_LEARNERS_MISSING"));
    return null;
  }
  const entries: LearnerEntry[] = [];
  const index = new LearnerIndex(entries);
  // Kept as listed, duplicates too: a learner listed twice is the portal's data, for `check` to report.
  for (const r of base) {
    const source: Record<string, PageRef> = {};
    const movement = { ...r.movement };
    for (const field of [...Object.keys(r.hocVien), ...Object.keys(r.banGhi), ...Object.keys(movement)]) {
      source[field] = r.page;
    }
    entries.push({
      ref: r.ref,
      page: r.page,
      hocVien: { ...r.hocVien },
      banGhi: { ...r.banGhi },
      movement,
      source,
    });
  }
  const usedBy = new Map<string, Set<number>>();
  for (const r of records) {
    if (base.includes(r)) continue;
    // Rows of one list are matched together; single-learner pages all together.
    const scope = r.fromList ? r.page.url : "";
    const used = usedBy.get(scope) ?? new Set<number>();
    usedBy.set(scope, used);
    const i = index.find(r.ref, r.page, used);
    if (typeof i !== "number") {
      problems.push(i);
      continue;
    }
    mergeProfile(entries[i] as LearnerEntry, r, problems);
  }
  return entries;
}

function resolveSubject(
  table: SoDiemTable,
  subjects: Subject[],
  portalIds: Readonly<Record<string, string>>,
): Subject | undefined {
  if (table.subjectCode !== undefined) return subjects.find((s) => s.ma === table.subjectCode);
  if (table.portalSubjectId !== undefined) {
    const ma = portalIds[table.portalSubjectId];
    if (ma !== undefined) return subjects.find((s) => s.ma === ma);
  }
  const words = (s: string) =>
    ` ${s
      .normalize("NFD")
      .replace(/\p{M}+/gu, "")
      .replace(/[đĐ]/g, "d")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, " ")
      .trim()} `;
  for (const hint of table.subjectHints) {
    const exact = subjects.find((s) => foldKey(s.ten) === foldKey(hint) || foldKey(s.ma) === foldKey(hint));
    if (exact) return exact;
    const text = words(hint);
    const inside = subjects
      .filter((s) => text.includes(words(s.ten)))
      .sort((a, b) => b.ten.length - a.ten.length);
    if (inside[0]) return inside[0];
  }
  return undefined;
}

/** Assembles the gradebook; returns it only when there was no problem at all. */
export function assembleGradebook(pages: PageData[], options: AssembleOptions = {}): AssembleResult {
  const partial = options.partial === true;
  const problems: HocBaError[] = [];
  const stillNeeded: HocBaError[] = [];
  /** Set when a field the format requires is missing: no gradebook, only the list of what is needed. */
  let incomplete = false;
  const info = mergeInfo(pages, problems);
  const missingInfo = REQUIRED_INFO.filter((key) => !info[key]);
  if (partial && missingInfo.length > 0) {
    stillNeeded.push(need(missingInfo.map((k) => `«${INFO_LABELS[k]}»`).join(", "), SOURCES.info));
    incomplete = true;
  } else {
    for (const key of missingInfo) {
      problems.push(new HocBaError("EXTRACT_INFO_MISSING", { field: INFO_LABELS[key] }));
    }
  }

  for (const data of pages) {
    if (data.absent && data.absent.length > 0) {
      problems.push(
        new HocBaError("EXTRACT_PAGE_INCOMPLETE", {
          page: pageName(data.page),
          fields: data.absent.join(", "),
        }),
      );
    }
  }

  const subjects: Subject[] = [];
  for (const s of pages.flatMap((p) => p.subjects)) {
    if (!subjects.some((x) => x.ma === s.ma)) subjects.push(s);
  }
  if (subjects.length === 0) {
    if (partial) {
      stillNeeded.push(need("danh sách môn học của lớp", SOURCES.subjects));
      incomplete = true;
    } else problems.push(new HocBaError("EXTRACT_SUBJECTS_MISSING"));
  }

  const entries = buildLearnerList(pages, problems, partial);
  if (!entries) return { gradebook: null, problems, stillNeeded };
  const index = new LearnerIndex(entries);

  // Sổ điểm: one table per subject, or one per semester.
  const portalIds: Record<string, string> = {};
  for (const p of pages) Object.assign(portalIds, p.portalSubjectIds);
  const bySubject = new Map<string, SoDiemTable[]>();
  const summaries = new Map<string, SoDiemTable>();
  for (const table of pages.flatMap((p) => p.soDiem)) {
    const subject = resolveSubject(table, subjects, portalIds);
    if (table.summary) {
      if (subject && !summaries.has(subject.ma)) summaries.set(subject.ma, table);
      continue;
    }
    if (!subject) {
      if (subjects.length > 0) {
        problems.push(
          new HocBaError("EXTRACT_UNKNOWN_SUBJECT", {
            page: pageName(table.page),
            subject: table.subjectCode ?? table.subjectHints[0] ?? table.portalSubjectId ?? "",
          }),
        );
      }
      continue;
    }
    const tables = bySubject.get(subject.ma) ?? [];
    // Two whole tables, or two of the same semester, or a whole one and a semester's: which is right?
    const clash = tables.find((t) => !t.semester || !table.semester || t.semester === table.semester);
    if (clash) {
      problems.push(
        new HocBaError("EXTRACT_SODIEM_DUPLICATE", {
          subject: subject.ten,
          firstPage: pageName(clash.page),
          page: pageName(table.page),
        }),
      );
      continue;
    }
    bySubject.set(subject.ma, [...tables, table]);
  }
  const ketQua: Map<string, KetQuaMon>[] = entries.map(() => new Map<string, KetQuaMon>());
  for (const subject of subjects) {
    let tables = bySubject.get(subject.ma) ?? [];
    const summary = summaries.get(subject.ma);
    if (tables.length === 0 && partial) {
      stillNeeded.push(
        need(
          summary
            ? `ĐĐGtx, ĐĐGgk, ĐĐGck, giáo viên và nhận xét môn ${subject.ten} (đã có kết quả học kỳ, cả năm từ «${summary.page.title || summary.page.url}»)`
            : `sổ điểm môn ${subject.ten}`,
          `sổ điểm môn ${subject.ten} (trang sổ điểm của môn hoặc tệp xuất sổ điểm môn)`,
        ),
      );
      if (!summary) continue;
      tables = [summary];
    }
    if (tables.length === 0) {
      problems.push(new HocBaError("EXTRACT_SODIEM_MISSING", { subject: subject.ten }));
      continue;
    }
    const rows = tables[0]?.semester
      ? joinSemesters(subject, tables, index, entries, problems)
      : collectRows(tables, index, problems, (row) => row.ketQua).rows;
    for (const [i, row] of rows) {
      (ketQua[i] as Map<string, KetQuaMon>).set(subject.ma, {
        maMon: subject.ma,
        ...row,
        hk1: { ...row.hk1, tx: trimTrailingEmpty(row.hk1.tx) },
        hk2: { ...row.hk2, tx: trimTrailingEmpty(row.hk2.tx) },
      });
    }
  }

  const tongKet = collectRows(
    pages.flatMap((p) => p.tongKet),
    index,
    problems,
    (r) => r.values,
  );
  const nhanXet = collectRows(
    pages.flatMap((p) => p.nhanXet),
    index,
    problems,
    (r: NhanXetTable["rows"][number]) => r.text,
  );
  if (!tongKet.seen) {
    if (partial) {
      stillNeeded.push(
        need("kết quả học tập, rèn luyện, số buổi nghỉ, quyết định cuối năm", SOURCES.tongKet),
      );
    } else {
      problems.push(
        new HocBaError("EXTRACT_TABLE_MISSING", { page: "(các trang đã đọc)", table: "Tổng kết" }),
      );
    }
  }
  if (!nhanXet.seen) {
    if (partial) stillNeeded.push(need("nhận xét của giáo viên chủ nhiệm", SOURCES.nhanXet));
    else {
      problems.push(
        new HocBaError("EXTRACT_TABLE_MISSING", { page: "(các trang đã đọc)", table: "Nhận xét của GVCN" }),
      );
    }
  }
  // In a partial read: the learners' fields no page gave, counted per field.
  const lacking = new Map<string, number>();

  const learners: Learner[] = [];
  entries.forEach((entry, i) => {
    const label = entry.hocVien.hoTen ?? learnerLabel(entry.ref);
    // Never shown anywhere (an empty birth date shown by the portal is kept, for check to report).
    for (const field of ["maHocVien", "hoTen", "ngaySinh", "gioiTinh"] as const) {
      if (entry.hocVien[field] === undefined || (field === "maHocVien" && entry.hocVien[field] === "")) {
        if (partial) {
          lacking.set(field, (lacking.get(field) ?? 0) + 1);
          incomplete = true;
          continue;
        }
        problems.push(
          new HocBaError("EXTRACT_LEARNER_FIELD_MISSING", {
            learner: label,
            field: PROFILE_FIELD_LABELS[field] ?? field,
          }),
        );
      }
    }
    if (partial) {
      for (const field of OPTIONAL_LEARNER_FIELDS) {
        if (entry.hocVien[field] === undefined) lacking.set(field, (lacking.get(field) ?? 0) + 1);
      }
    }
    const tk = tongKet.rows.get(i);
    if (tongKet.seen && !tk) {
      problems.push(new HocBaError("EXTRACT_LEARNER_NO_ROW", { learner: label, what: "bảng tổng kết" }));
    }
    const nx = nhanXet.rows.get(i);
    if (nhanXet.seen && nx === undefined) {
      problems.push(
        new HocBaError("EXTRACT_LEARNER_NO_ROW", { learner: label, what: "bảng nhận xét của GVCN" }),
      );
    }
    const hv = entry.hocVien;
    const hocVien: HocVien = {
      maHocVien: hv.maHocVien ?? "",
      soDinhDanh: hv.soDinhDanh ?? "",
      hoTen: hv.hoTen ?? "",
      ngaySinh: hv.ngaySinh ?? "",
      gioiTinh: hv.gioiTinh ?? "Nam",
      danToc: hv.danToc ?? "",
      quocTich: hv.quocTich ?? "",
      noiSinh: hv.noiSinh ?? "",
      noiO: hv.noiO ?? "",
      hoTenCha: hv.hoTenCha ?? "",
      hoTenMe: hv.hoTenMe ?? "",
      hoTenNguoiGiamHo: hv.hoTenNguoiGiamHo ?? "",
      doiTuongChinhSach: hv.doiTuongChinhSach ?? "",
    };
    const learner: Learner = {
      hocVien,
      ketQua: subjects.map((s) => ketQua[i]?.get(s.ma)).filter((k): k is KetQuaMon => k !== undefined),
      hocTap: tk?.hocTap ?? { hk1: null, hk2: null, cn: null, sauKiemTraLai: null },
      renLuyen: tk?.renLuyen ?? { hk1: null, hk2: null, cn: null, sauRenLuyenHe: null },
      soBuoiNghi: tk?.soBuoiNghi ?? null,
      ketQuaXet: tk?.ketQuaXet ?? null,
      ketQuaXetLai: tk?.ketQuaXetLai ?? null,
      danhHieu: tk?.danhHieu ?? null,
      nhanXetGVCN: nx ?? "",
    };
    const bg = entry.banGhi;
    if (bg.idBanGhi !== undefined || bg.suKien !== undefined || bg.phienBan !== undefined) {
      learner.banGhi = bg as BanGhi;
    }
    Object.assign(learner, movementOf(entry.movement, label, problems));
    learners.push(learner);
  });

  // A re-test or summer training decided, and no page gave what came after it.
  const retest = learners.filter(
    (l) => (l.ketQuaXet === "KiemTraLai" || l.ketQuaXet === "RenLuyenHe") && l.ketQuaXetLai === null,
  ).length;
  if (partial && retest > 0) {
    stillNeeded.push(
      need(
        `kết quả sau kiểm tra lại, rèn luyện hè (${retest} học viên)`,
        `${SOURCES.tongKet}, cột Sau kiểm tra lại / rèn luyện hè`,
      ),
    );
  }
  if (lacking.size > 0) {
    const fields = [...lacking].map(([f, n]) => `«${PROFILE_FIELD_LABELS[f] ?? f}» (${n} học viên)`);
    stillNeeded.push(need(fields.join(", "), SOURCES.learners));
  }
  if (problems.length > 0 || incomplete) return { gradebook: null, problems, stillNeeded };

  const candidate: Gradebook = {
    format: GRADEBOOK_FORMAT,
    school: {
      maSo: info.maSo ?? "",
      maTruong: info.maTruong ?? "",
      tenTruong: info.tenTruong ?? "",
      capHoc: info.capHoc ?? "05",
      diaDanh: info.diaDanh ?? "",
    },
    namHoc: info.namHoc ?? "",
    khoi: info.khoi ?? "",
    lop: info.lop ?? "",
    gvcn: info.gvcn ?? "",
    thuTruong: { hoTen: info.thuTruongHoTen ?? "", chucVu: info.thuTruongChucVu ?? "" },
    profile: info.profile ?? PROFILE_BY_CAP_HOC[info.capHoc ?? "05"],
    ...(info.thoiGianLap !== undefined ? { thoiGianLap: info.thoiGianLap } : {}),
    subjects,
    learners,
  };
  const parsed = Gradebook.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues.slice(0, 20)) {
      problems.push(
        new HocBaError("EXTRACT_INVALID_GRADEBOOK", {
          path: issue.path.join(".") || "(gốc)",
          detail: issue.message,
        }),
      );
    }
    return { gradebook: null, problems, stillNeeded };
  }
  return { gradebook: parsed.data, problems, stillNeeded };
}

/** Fields a record may show empty, that a partial read names when no page gave them. */
const OPTIONAL_LEARNER_FIELDS = [
  "soDinhDanh",
  "danToc",
  "quocTich",
  "noiSinh",
  "noiO",
  "hoTenCha",
  "hoTenMe",
] as const;

function collectRows<R extends { ref: LearnerRef }, V>(
  tables: { page: PageRef; rows: R[] }[],
  index: LearnerIndex,
  problems: HocBaError[],
  value: (r: R) => V,
): { seen: boolean; rows: Map<number, V> } {
  const rows = new Map<number, V>();
  for (const table of tables) {
    const used = new Set<number>();
    for (const row of table.rows) {
      const i = index.find(row.ref, table.page, used);
      if (typeof i !== "number") {
        problems.push(i);
        continue;
      }
      if (rows.has(i)) {
        problems.push(
          new HocBaError("EXTRACT_LEARNER_DUPLICATE", {
            page: pageName(table.page),
            learner: learnerLabel(row.ref),
            row: row.ref.row,
          }),
        );
        continue;
      }
      rows.set(i, value(row));
    }
  }
  return { seen: tables.length > 0, rows };
}

const SEMESTER_NAMES = { hk1: "học kỳ I", hk2: "học kỳ II" } as const;

/**
 * A subject read one semester at a time: the first semester's table gives the first semester, the
 * second's everything else (second semester, year, re-test, comment). The teacher is the same on
 * both, or it is reported. A learner in one table only takes the subject with the other semester
 * empty, as the portal shows it.
 */
function joinSemesters(
  subject: Subject,
  tables: SoDiemTable[],
  index: LearnerIndex,
  entries: LearnerEntry[],
  problems: HocBaError[],
): Map<number, KetQuaMonRow> {
  const joined = new Map<number, KetQuaMonRow>();
  const hk1 = tables.find((t) => t.semester === "hk1");
  const hk2 = tables.find((t) => t.semester === "hk2");
  for (const [semester, table] of [
    ["hk1", hk1],
    ["hk2", hk2],
  ] as const) {
    if (!table) {
      problems.push(
        new HocBaError("EXTRACT_SODIEM_SEMESTER_MISSING", {
          subject: subject.ten,
          semester: SEMESTER_NAMES[semester],
        }),
      );
    }
  }
  if (!hk1 || !hk2) return joined;
  const first = collectRows([hk1], index, problems, (row) => row.ketQua).rows;
  const second = collectRows([hk2], index, problems, (row) => row.ketQua).rows;
  for (let i = 0; i < entries.length; i++) {
    const a = first.get(i);
    const b = second.get(i);
    if (!a && !b) continue;
    const teacherA = a?.giaoVien ?? "";
    const teacherB = b?.giaoVien ?? "";
    if (teacherA !== "" && teacherB !== "" && teacherA !== teacherB) {
      const entry = entries[i] as LearnerEntry;
      problems.push(
        new HocBaError("EXTRACT_PROFILE_CONFLICT", {
          learner: entry.hocVien.hoTen ?? learnerLabel(entry.ref),
          field: `Giáo viên môn ${subject.ten}`,
          first: teacherA,
          firstPage: pageName(hk1.page),
          second: teacherB,
          page: pageName(hk2.page),
        }),
      );
    }
    joined.set(i, {
      hk1: a?.hk1 ?? { tx: [], gk: null, ck: null, tbm: null, mucDanhGia: null },
      hk2: b?.hk2 ?? { tx: [], gk: null, ck: null, tbm: null, mucDanhGia: null },
      cn: b?.cn ?? { tbm: null, mucDanhGia: null },
      ktLai: b?.ktLai ?? null,
      giaoVien: teacherB || teacherA,
      nhanXet: b?.nhanXet || a?.nhanXet || "",
    });
  }
  return joined;
}

/**
 * A sổ điểm shows as many ĐĐGtx columns as the learner with the most; the empty cells after a
 * learner's last score are columns, not missing scores (an empty cell before a score stays null).
 */
function trimTrailingEmpty<T>(tx: readonly (T | null)[]): (T | null)[] {
  let end = tx.length;
  while (end > 0 && tx[end - 1] === null) end--;
  return tx.slice(0, end);
}

/**
 * The learner's departure (roiTruong), arrival (chuyenDen) and learning history (quaTrinhHocTap)
 * from what the pages gave. A departure without its date is a problem; the semesters completed
 * default to those before the date (1 when it falls in semester II, that is from January, else 0)
 * only when the page does not say. The history is "năm học | lớp | trường | ngày" per line.
 */
function movementOf(
  m: MovementValues,
  learner: string,
  problems: HocBaError[],
): Pick<Learner, "roiTruong" | "chuyenDen" | "quaTrinhHocTap"> {
  const out: Pick<Learner, "roiTruong" | "chuyenDen" | "quaTrinhHocTap"> = {};
  if (m.trangThai === "ChuyenDi" || m.trangThai === "ThoiHoc") {
    if (!m.ngayRoiTruong) {
      problems.push(
        new HocBaError("EXTRACT_LEARNER_FIELD_MISSING", {
          learner,
          field: PROFILE_FIELD_LABELS.ngayRoiTruong ?? "",
        }),
      );
    } else {
      const month = Number(m.ngayRoiTruong.slice(5, 7));
      out.roiTruong = {
        trangThai: m.trangThai,
        ngay: m.ngayRoiTruong,
        hocKyHoanThanh: m.hocKyHoanThanh ?? (month >= 1 && month <= 7 ? 1 : 0),
        ...(m.truongChuyenDen ? { truongChuyenDen: m.truongChuyenDen } : {}),
      };
    }
  }
  if (m.ngayChuyenDen || m.truongCu) {
    out.chuyenDen = { ngay: m.ngayChuyenDen ?? "", truongCu: m.truongCu ?? "" };
  }
  if (m.quaTrinhHocTap) {
    // Checked and written "năm học|lớp|trường|YYYY-MM-DD" per line by its cell parser.
    const history = m.quaTrinhHocTap.split("\n").map((line) => {
      const [namHoc = "", lop = "", truong = "", ngay = ""] = line.split("|");
      return { namHoc, lop, truong, ngay };
    });
    if (history.length > 0) out.quaTrinhHocTap = history;
  }
  return out;
}

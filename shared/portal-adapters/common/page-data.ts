import type { BanGhi, CapHoc, HocVien, KetQuaMon, Learner, Subject } from "../../model/gradebook.ts";
import type { PageContent } from "./extract-tables.ts";
import type { PortalRequest } from "./portal-request.ts";
import type { MovementValues } from "./profile-values.ts";

/**
 * What adapters exchange. A PortalPage is one fetched page (HTML parsed to a Document by the
 * caller, or a JSON API response); a PageData is what one page contributed, already typed and
 * located, so that assembling the gradebook never has to look at markup again.
 */
export interface PortalPage {
  /** Absolute URL when known (crawl, --base-url); otherwise the file name. */
  url: string;
  /** The parsed HTML page, if the page is HTML. */
  doc?: Document;
  /** The parsed JSON body, if the page is a JSON API response. */
  json?: unknown;
  /** How the page was asked for, when it was not a plain GET of `url` (a form POST, an API call). */
  request?: PortalRequest;
  /** A spreadsheet's sheet (an Excel export), already read into lines and tables. */
  sheet?: PageContent;
}

export type PageKind =
  "dangNhap" | "danhSachLop" | "lop" | "soDiem" | "tongKet" | "hoSo" | "nhanXet" | "khac";

/** How a page is named in messages: its title when it has one, else its address. */
export interface PageRef {
  url: string;
  title: string;
}

export function pageName(page: PageRef): string {
  return page.title ? `${page.title} (${page.url})` : page.url;
}

/** How a row names its learner; matched against the class list when assembling. */
export interface LearnerRef {
  /** The portal's own id of the learner (the new SMAS's studentId), matched against the class list's. */
  portalId?: string;
  maHocVien?: string;
  hoTen?: string;
  ngaySinh?: string;
  /** 1-based row number in its table. */
  row: number;
}

export interface ClassInfo {
  maSo: string;
  maTruong: string;
  tenTruong: string;
  capHoc: CapHoc;
  diaDanh: string;
  namHoc: string;
  khoi: string;
  lop: string;
  gvcn: string;
  thuTruongHoTen: string;
  thuTruongChucVu: string;
  profile: string;
  thoiGianLap: string;
}

export interface ProfileRecord {
  ref: LearnerRef;
  hocVien: Partial<HocVien>;
  banGhi: Partial<BanGhi>;
  /** Departure, arrival and learning history, when the page gives them (profile-values.ts). */
  movement?: MovementValues;
  /** True for a class list (its order is the class order); false for a single learner's page. */
  fromList: boolean;
  page: PageRef;
}

export type KetQuaMonRow = Omit<KetQuaMon, "maMon">;

export interface SoDiemTable {
  page: PageRef;
  table: string;
  /** Texts that may name the subject, best first (a "Môn học:" label, the table title, the page title), or its code. */
  subjectHints: string[];
  subjectCode?: string;
  /** The portal's own id of the subject (vnEdu v5 iMonHocId), resolved through PageData.portalSubjectIds. */
  portalSubjectId?: string;
  /**
   * A sổ điểm of one semester only (vnEdu v5, the new SMAS, an Excel sheet per semester): "hk1"
   * holds the first semester's assessments; "hk2" the second's and, when it shows them, the year,
   * the re-test and the subject comment. The two are joined per learner when assembling.
   */
  semester?: "hk1" | "hk2";
  /**
   * Results only, from a year summary (HK I / HK II / CN per subject): the individual assessments,
   * the teacher and the comment are not on that page. Used for a subject without its sổ điểm only
   * when a partial read is asked for, and then named as still needed.
   */
  summary?: boolean;
  rows: { ref: LearnerRef; ketQua: KetQuaMonRow }[];
}

export type TongKetValues = Pick<
  Learner,
  "hocTap" | "renLuyen" | "soBuoiNghi" | "ketQuaXet" | "ketQuaXetLai" | "danhHieu"
>;

export interface TongKetTable {
  page: PageRef;
  table: string;
  rows: { ref: LearnerRef; values: TongKetValues }[];
}

export interface NhanXetTable {
  page: PageRef;
  table: string;
  rows: { ref: LearnerRef; text: string }[];
}

export interface PageData {
  page: PageRef;
  kind: PageKind;
  info: Partial<ClassInfo>;
  /** Class information read from the title and header lines: used only where no page has it in a table. */
  infoHints?: Partial<ClassInfo>;
  subjects: Subject[];
  profiles: ProfileRecord[];
  soDiem: SoDiemTable[];
  tongKet: TongKetTable[];
  nhanXet: NhanXetTable[];
  /** The portal's own subject ids and the subject codes they stand for (vnEdu v5 mon_hoc_id → ma_mon). */
  portalSubjectIds?: Record<string, string>;
  /**
   * What a record needs that this page's tables stand for but do not show (the parents' lookup has
   * no teacher, no comments): named so that the gradebook is never built as if they were empty.
   */
  absent?: string[];
  /**
   * What an adapter's assemble interprets together with other pages (the new SMAS's score book
   * needs its template): kept as the page answered, with the page it came from.
   */
  raw?: unknown;
}

export function emptyPageData(page: PageRef, kind: PageKind): PageData {
  return { page, kind, info: {}, subjects: [], profiles: [], soDiem: [], tongKet: [], nhanXet: [] };
}

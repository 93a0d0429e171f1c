import { cleanText } from "./normalize-text.ts";
import type { ClassInfo } from "./page-data.ts";

/**
 * Class information written in a page's title, breadcrumbs and header lines, for pages (and Excel
 * sheets) without an information table: "SỔ ĐIỂM MÔN TOÁN – LỚP 10A1 – NĂM HỌC 2025-2026",
 * "Trang chủ › Trường THPT Phan Đình Phùng › Lớp 11A2", "GVCN: Nguyễn Thị Minh Nguyệt". Only what
 * is written: the school's name, the year, the class (and its grade, the class name's leading
 * number), the homeroom teacher. These are hints: a page's information table wins over them.
 */

const SEPARATORS = /\s*(?:›|»|>|\||\s[-–—]\s|\/\s)\s*/u;

export function infoFromLines(lines: readonly string[]): Partial<ClassInfo> {
  const info: Partial<ClassInfo> = {};
  for (const raw of lines) {
    const line = cleanText(raw);
    const year = /năm\s*học\s*:?\s*(\d{4})\s*[-–/]\s*(\d{4})/iu.exec(line);
    if (year && !info.namHoc && Number(year[2]) === Number(year[1]) + 1) {
      info.namHoc = `${year[1]}-${year[2]}`;
    }
    const lop = /(?:^|[\s(])lớp\s*:?\s*(\d{1,2}[\p{L}\d]*(?:[._-][\p{L}\d]+)*)/iu.exec(line);
    if (lop?.[1] && !info.lop) {
      info.lop = lop[1].toUpperCase();
      const khoi = /^(\d{1,2})/.exec(lop[1])?.[1];
      if (khoi && Number(khoi) >= 1 && Number(khoi) <= 12) info.khoi = khoi;
    }
    // A name is capitalised words ("GVCN: Nguyễn Thị Minh Nguyệt"), whatever the label's case.
    const gvcn =
      /(?:GVCN|[Gg]iáo\s*viên\s*chủ\s*nhiệm|GIÁO\s*VIÊN\s*CHỦ\s*NHIỆM)\s*:\s*(\p{Lu}\p{Ll}*(?:\s+\p{Lu}\p{Ll}*)+)/u.exec(
        line,
      );
    if (gvcn?.[1] && !info.gvcn) info.gvcn = gvcn[1];
    for (const part of line.split(SEPARATORS)) {
      const school = /^(?:trường|trung\s*tâm)\s+\S.*$/iu.exec(part.trim());
      if (school && !info.tenTruong && !/:/.test(part)) info.tenTruong = school[0];
    }
  }
  return info;
}

import { PATTERNS } from "./format.ts";

/**
 * `<MaHocVien>_<NamHoc>.xml`, or null when the code could not be a file name everywhere: only
 * unaccented Latin letters, digits, "_" and "-" (no dot, so no Windows device name such as
 * "CON.x", no "..", no separators), starting with a letter or digit, at most 64 characters.
 */
export function safeHocBaFileName(maHocVien: string, namHoc: string): string | null {
  if (!PATTERNS.maHocVien.test(maHocVien) || !PATTERNS.namHoc.test(namHoc)) return null;
  return `${maHocVien}_${namHoc}.xml`;
}

/** As safeHocBaFileName; the builder checks the code first and reports the learner by name. */
export function hocBaFileName(maHocVien: string, namHoc: string): string {
  const name = safeHocBaFileName(maHocVien, namHoc);
  if (name === null) throw new TypeError(`unsafe file name for ${JSON.stringify(maHocVien)}`);
  return name;
}

import { PATTERNS } from "./format.ts";

/**
 * `<MaHocVien>_<NamHoc>.xml` (`<MaHocVien>_<NamHoc>_v<N>.xml` for a version N other than 1), or
 * null when the code could not be a file name everywhere: only unaccented Latin letters, digits,
 * "_" and "-" (no dot, so no Windows device name such as "CON.x", no "..", no separators),
 * starting with a letter or digit, at most 64 characters.
 */
export function safeHocBaFileName(maHocVien: string, namHoc: string, phienBan = 1): string | null {
  if (!PATTERNS.maHocVien.test(maHocVien) || !PATTERNS.namHoc.test(namHoc)) return null;
  if (!Number.isSafeInteger(phienBan) || phienBan < 1) return null;
  return phienBan === 1 ? `${maHocVien}_${namHoc}.xml` : `${maHocVien}_${namHoc}_v${phienBan}.xml`;
}

/** As safeHocBaFileName; the builder checks the code first and reports the learner by name. */
export function hocBaFileName(maHocVien: string, namHoc: string, phienBan = 1): string {
  const name = safeHocBaFileName(maHocVien, namHoc, phienBan);
  if (name === null) throw new TypeError(`unsafe file name for ${JSON.stringify(maHocVien)}`);
  return name;
}

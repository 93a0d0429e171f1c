/** Folder name for a class: "12A1_2025-2026", without characters file systems refuse. */
export function classFolderName(lop: string, namHoc: string): string {
  // eslint-disable-next-line no-control-regex
  return `${lop}_${namHoc}`.normalize("NFC").replace(/[\\/:*?"<>|\u0000-\u001f]/g, "-");
}

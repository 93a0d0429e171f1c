/**
 * Why a file could not be read or written, in Vietnamese, for the user who named it: the errno
 * code alone («EEXIST», «ENOTDIR») tells an IT person at a school nothing.
 */
export function fsErrorDetail(err: unknown): string {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case "ENOENT":
      return "không có tệp hay thư mục này";
    case "EISDIR":
      return "đây là thư mục, không phải tệp";
    case "EEXIST":
    case "ENOTDIR":
      return "trên đường dẫn có một tệp chỗ cần một thư mục";
    case "EACCES":
    case "EPERM":
      return "không có quyền truy cập";
    case "ENOSPC":
      return "ổ đĩa đã đầy";
    case "EROFS":
      return "ổ đĩa chỉ cho đọc";
    case "ENAMETOOLONG":
      return "tên tệp quá dài";
    case "EBUSY":
      return "tệp đang được chương trình khác dùng";
    case "EMFILE":
    case "ENFILE":
      return "mở quá nhiều tệp cùng lúc";
    default:
      return err instanceof Error ? code || err.message : String(err);
  }
}

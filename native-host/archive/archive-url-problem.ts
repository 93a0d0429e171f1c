import { HocBaError } from "../../shared/errors/hocba-error.ts";
import { isArchiveUrl, redactArchiveUrl } from "./pg/archive-url.ts";

/**
 * What is wrong with a shared archive's address before any connection is tried, in Vietnamese, or
 * undefined. An address the URL parser refuses (a port above 65535, a stray space) made the
 * connection's worker thread throw and the command print a stack trace; one without a server
 * («postgres://») was saved by «hocba install» and then tried on localhost.
 */
export function archiveUrlProblem(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return "địa chỉ không đúng dạng postgres://người_dùng:mật_khẩu@máy_chủ:5432/cơ_sở_dữ_liệu (cổng từ 1 đến 65535)";
  }
  if (!u.hostname) return "thiếu tên máy chủ (postgres://người_dùng:mật_khẩu@máy_chủ:5432/cơ_sở_dữ_liệu)";
  if (!u.username && !u.pathname.replace(/^\//, "")) return "thiếu người dùng và cơ sở dữ liệu";
  return undefined;
}

/** Throws ARCHIVE_OPEN_FAILED (the address shown without its password) when `location` is a bad URL. */
export function refuseBadArchiveUrl(location: string): void {
  if (!isArchiveUrl(location)) return;
  const problem = archiveUrlProblem(location);
  if (problem) {
    throw new HocBaError("ARCHIVE_OPEN_FAILED", { file: redactArchiveUrl(location), detail: problem });
  }
}

/**
 * The shared archive's address: a PostgreSQL URL (postgres://user:password@host:port/db?sslmode=…).
 * Everything shown or logged goes through `redactArchiveUrl` or `describeArchiveUrl`: the password
 * never leaves this process except to the server.
 */

/** True for postgres:// and postgresql:// addresses (anything else is an SQLite file). */
export function isArchiveUrl(location: string): boolean {
  return /^postgres(ql)?:\/\//i.test(location.trim());
}

/** The URL with its password (and any password= parameter) replaced by ***. */
export function redactArchiveUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    for (const key of [...u.searchParams.keys()]) {
      if (/^(password|sslpassword)$/i.test(key)) u.searchParams.set(key, "***");
    }
    return u.toString();
  } catch {
    // Unparsable: keep only the scheme, never the rest (it may hold the password).
    return `${/^[a-z]+:/i.exec(url)?.[0] ?? ""}//***`;
  }
}

/** The URL without its password (and without password= parameters). */
export function withoutPassword(url: string): string {
  try {
    const u = new URL(url);
    u.password = "";
    for (const key of [...u.searchParams.keys()]) {
      if (/^(password|sslpassword)$/i.test(key)) u.searchParams.delete(key);
    }
    return u.toString();
  } catch {
    return url;
  }
}

/**
 * Full URLs of this process's shared archives, by their password-less form: the location handed
 * around (printed by commands, written into reports and replies) carries no password, and only the
 * archive's connection asks for it back (archiveUrlWithPassword).
 */
const fullUrls = new Map<string, string>();

/** The password-less form of `url`, remembering the full one for the connection. */
export function keepArchivePassword(url: string): string {
  const bare = withoutPassword(url);
  if (bare !== url) fullUrls.set(bare, url);
  return bare;
}

/** The full URL of a location from keepArchivePassword (the URL itself otherwise). */
export function archiveUrlWithPassword(url: string): string {
  return fullUrls.get(url) ?? url;
}

export interface ArchiveServer {
  host: string;
  port: number;
  database: string;
  user: string;
  sslmode: string;
}

/** Host, port, database, user and sslmode of a PostgreSQL URL (no password). */
export function archiveServerOf(url: string): ArchiveServer {
  const u = new URL(url);
  return {
    host: u.hostname || "localhost",
    port: u.port ? Number(u.port) : 5432,
    database: decodeURIComponent(u.pathname.replace(/^\//, "")) || decodeURIComponent(u.username),
    user: decodeURIComponent(u.username),
    sslmode: u.searchParams.get("sslmode") ?? "prefer",
  };
}

/** "máy chủ host:port, cơ sở dữ liệu db, người dùng user": what the popup and `hocba archive` show. */
export function describeArchiveServer(url: string): string {
  try {
    const s = archiveServerOf(url);
    return `máy chủ ${s.host}:${s.port}, cơ sở dữ liệu ${s.database}, người dùng ${s.user}`;
  } catch {
    return "máy chủ ? (địa chỉ không đọc được)";
  }
}

/** "host:port/database (user)": the server in messages and the helper status, in any locale. */
export function archiveServerLabel(url: string): string {
  try {
    const s = archiveServerOf(url);
    return `${s.host}:${s.port}/${s.database} (${s.user})`;
  } catch {
    return "?";
  }
}

/** What `hocba archive` prints first: "PostgreSQL (máy chủ …)" or "SQLite (tệp …)". */
export function describeArchiveLocation(location: string): string {
  return isArchiveUrl(location)
    ? `PostgreSQL (${describeArchiveServer(location)})`
    : `SQLite (tệp ${location})`;
}

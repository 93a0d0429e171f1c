/**
 * The OAuth bearer token the portal page itself holds (the new SMAS keeps it in the browser's
 * storage, as OIDC clients do: a JSON entry with `access_token`, or a plain entry named like a
 * token). The content script shares the page's storage; the token is added to the page's own API
 * requests and goes nowhere else (not to the background, not to the helper). The password is never
 * asked for.
 */

export interface StorageLike {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
}

const TOKEN_KEY = /(^|[._:-])(access[_-]?token|id[_-]?token|token)$/i;
const TOKEN_TEXT = /^[A-Za-z0-9\-_.~+/]{16,4096}=*$/;

function fromJson(text: string, now: number): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!value || typeof value !== "object") return undefined;
  const v = value as { access_token?: unknown; accessToken?: unknown; expires_at?: unknown };
  const token = typeof v.access_token === "string" ? v.access_token : v.accessToken;
  if (typeof token !== "string" || !TOKEN_TEXT.test(token)) return undefined;
  // An expired session's token would only be refused: say so instead (the portal asks to log in again).
  if (typeof v.expires_at === "number" && v.expires_at * 1000 < now) return undefined;
  return token;
}

/** The first usable bearer token in the given storages (localStorage first, then sessionStorage). */
export function findPageBearer(storages: readonly StorageLike[], now = Date.now()): string | undefined {
  for (const storage of storages) {
    for (let i = 0; i < storage.length; i++) {
      const key = storage.key(i);
      const text = key === null ? null : storage.getItem(key);
      if (!key || !text) continue;
      const inJson = fromJson(text, now);
      if (inJson) return inJson;
      const plain = text.replace(/^Bearer\s+/i, "");
      if (TOKEN_KEY.test(key) && TOKEN_TEXT.test(plain)) return plain;
    }
  }
  return undefined;
}

import {
  formatMessage,
  type Locale,
  type MessageCode,
  type MessageParams,
} from "../../shared/errors/message-table.ts";

export type { Locale };

/** A message of the one table in the UI's language. */
export function t(code: MessageCode, params: MessageParams = {}, locale: Locale = "vi"): string {
  return formatMessage(code, params, locale);
}

/** A score or average: one decimal, with a comma in Vietnamese (7,5) and a point in English (7.5). */
export function formatScore(value: number | null | undefined, locale: Locale = "vi"): string {
  if (value === null || value === undefined || Number.isNaN(value)) return "";
  const text = (Math.round(value * 10) / 10).toFixed(1);
  return locale === "vi" ? text.replace(".", ",") : text;
}

/** A number as typed on the portal: integers stay integers, decimals get the locale's separator. */
export function formatNumber(value: number, locale: Locale = "vi"): string {
  const text = String(value);
  return locale === "vi" ? text.replace(".", ",") : text;
}

/** dd/mm/yyyy for an ISO date (YYYY-MM-DD) or timestamp; the input unchanged when unreadable. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (m) return `${m[3]}/${m[2]}/${m[1]}`;
  return iso;
}

/** dd/mm/yyyy hh:mm in the timestamp's own offset (the signing time as the signer's clock said). */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]} ${m[4]}:${m[5]}` : iso;
}

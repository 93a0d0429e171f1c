/**
 * The one message table: every user-facing message, keyed by a stable code, in Vietnamese (first)
 * and English. Templates use {name} placeholders. Areas keep their entries in their own file so
 * that codes stay grouped; this file merges them and is the only place that formats them.
 */
import { cliMessages } from "./messages/cli.ts";
import { checkMessages } from "./messages/check.ts";
import { xmlMessages } from "./messages/xml.ts";
import { tokenMessages } from "./messages/token.ts";
import { signMessages } from "./messages/sign.ts";
import { verifyMessages } from "./messages/verify.ts";
import { hostMessages } from "./messages/host.ts";
import { archiveMessages } from "./messages/archive.ts";
import { extractMessages } from "./messages/extract.ts";
import { extensionMessages } from "./messages/extension.ts";
import { extensionYearMessages } from "./messages/extension-year.ts";
import { authorityMessages } from "./messages/authority.ts";
import { versionMessages } from "./messages/version.ts";
import { timestampMessages } from "./messages/timestamp.ts";
import { handoffMessages } from "./messages/handoff.ts";

export type Locale = "vi" | "en";
export interface MessageTemplate {
  vi: string;
  en: string;
}

export const MESSAGES = {
  ...cliMessages,
  ...checkMessages,
  ...xmlMessages,
  ...tokenMessages,
  ...signMessages,
  ...verifyMessages,
  ...hostMessages,
  ...archiveMessages,
  ...extractMessages,
  ...extensionMessages,
  ...extensionYearMessages,
  ...authorityMessages,
  ...versionMessages,
  ...timestampMessages,
  ...handoffMessages,
} as const satisfies Record<string, MessageTemplate>;

export type MessageCode = keyof typeof MESSAGES;
export type MessageParams = Readonly<Record<string, string | number>>;

/** Formats a message; unknown placeholders are left visible rather than silently dropped. */
export function formatMessage(code: MessageCode, params: MessageParams = {}, locale: Locale = "vi"): string {
  const template = MESSAGES[code][locale];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]).normalize("NFC") : whole,
  );
}

export function isMessageCode(code: string): code is MessageCode {
  return Object.hasOwn(MESSAGES, code);
}

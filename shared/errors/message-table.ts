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
import { fillTemplate } from "./fill-template.ts";

export type Locale = "vi" | "en";
export interface MessageTemplate {
  vi: string;
  en: string;
}

// Marked pure (spreads could run getters, so a bundler would keep them): a bundle that reaches this
// module only through imports it does not use, like the content script, leaves the table out.
export const MESSAGES = /* @__PURE__ */ (() =>
  ({
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
  }) as const satisfies Record<string, MessageTemplate>)();

export type MessageCode = keyof typeof MESSAGES;
export type MessageParams = Readonly<Record<string, string | number>>;

/**
 * Templates of a locale added at run time. The extension's pages are built with Vietnamese only in
 * MESSAGES (see scripts/build/message-locales-plugin.ts) and add English when the user picks it.
 */
const addedTemplates: Partial<Record<Locale, Readonly<Record<string, string>>>> = {};

export function addLocaleTemplates(locale: Locale, templates: Readonly<Record<string, string>>): void {
  addedTemplates[locale] = templates;
}

/** Whether every message can be shown in this locale (always, outside the extension's pages). */
export function hasLocaleTemplates(locale: Locale): boolean {
  const first = Object.values(MESSAGES)[0] as Partial<MessageTemplate> | undefined;
  return first?.[locale] !== undefined || addedTemplates[locale] !== undefined;
}

/** Formats a message; unknown placeholders are left visible rather than silently dropped. */
export function formatMessage(code: MessageCode, params: MessageParams = {}, locale: Locale = "vi"): string {
  const entry: Partial<MessageTemplate> = MESSAGES[code];
  // Vietnamese until a locale missing from this build is loaded.
  const template = entry[locale] ?? addedTemplates[locale]?.[code] ?? MESSAGES[code].vi;
  return fillTemplate(template, params);
}

export function isMessageCode(code: string): code is MessageCode {
  return Object.hasOwn(MESSAGES, code);
}

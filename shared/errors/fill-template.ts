import type { MessageParams } from "./message-table.ts";

/**
 * A message template with its {name} placeholders filled; unknown placeholders are left visible
 * rather than silently dropped. Its own module so that the content script, which gets templates
 * from the background, can fill them without bundling the message table.
 */
export function fillTemplate(template: string, params: MessageParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]).normalize("NFC") : whole,
  );
}

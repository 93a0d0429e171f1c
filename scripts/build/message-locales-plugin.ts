import path from "node:path";
import { pathToFileURL } from "node:url";
import { tsImport } from "tsx/esm/api";
import type { Plugin } from "vite";

/**
 * The extension's pages ship the one message table in Vietnamese only and load English when the
 * user picks it (issue #14: each page ≤ 400 KB of JS). The table's source stays one entry per code
 * with `vi` and `en` side by side (shared/errors/messages/*.ts); this plugin splits it at build time:
 *   - in the pages' build, each area file becomes the same exports with `vi` alone;
 *   - `virtual:hocba-messages-en` is the English of every code, `{CODE: "text"}`, which
 *     extension/services/load-locale.ts imports dynamically (its own chunk, not in any page's list).
 * The background keeps the whole table (it formats texts for the content script in either language).
 */
export const ENGLISH_MESSAGES_ID = "virtual:hocba-messages-en";
const RESOLVED_ENGLISH_ID = `\0${ENGLISH_MESSAGES_ID}`;
const MESSAGES_DIR = path.resolve(import.meta.dirname, "../../shared/errors/messages");
const TABLE_FILE = path.resolve(import.meta.dirname, "../../shared/errors/message-table.ts");

type Table = Record<string, { vi: string; en: string }>;

async function importTs(file: string): Promise<Record<string, unknown>> {
  // A query per build, so that a watch rebuild reads the file as it is now.
  const url = `${pathToFileURL(file).href}?build=${Date.now()}`;
  return (await tsImport(url, import.meta.url)) as Record<string, unknown>;
}

function isAreaFile(id: string): boolean {
  const file = id.split("?")[0] ?? "";
  return path.dirname(file) === MESSAGES_DIR && file.endsWith(".ts");
}

export function messageLocales(): Plugin {
  // Only the pages' build (its inputs are HTML files) is split: the background and the tests keep both.
  let split = false;
  return {
    name: "hocba-message-locales",
    options(options) {
      const input = options.input;
      const inputs =
        typeof input === "string" ? [input] : Array.isArray(input) ? input : Object.values(input ?? {});
      split = inputs.some((file) => file.endsWith(".html"));
      return null;
    },
    resolveId(id) {
      return id === ENGLISH_MESSAGES_ID ? RESOLVED_ENGLISH_ID : null;
    },
    load: {
      // Only these modules reach the hook (the build calls it for every module otherwise).
      filter: {
        id: [/[\\/]shared[\\/]errors[\\/]messages[\\/][^\\/]+\.ts/, /^\0virtual:hocba-messages-en$/],
      },
      handler: load,
    },
  };

  async function load(id: string) {
    if (id === RESOLVED_ENGLISH_ID) {
      const { MESSAGES } = (await importTs(TABLE_FILE)) as { MESSAGES: Table };
      const english = Object.fromEntries(Object.entries(MESSAGES).map(([code, t]) => [code, t.en]));
      return `export default ${JSON.stringify(english)};`;
    }
    if (!split || !isAreaFile(id)) return null;
    const area = await importTs(id.split("?")[0] ?? id);
    return Object.entries(area)
      .map(([name, table]) => {
        const vietnamese = Object.fromEntries(
          Object.entries(table as Table).map(([code, t]) => [code, { vi: t.vi }]),
        );
        return `export const ${name} = ${JSON.stringify(vietnamese)};`;
      })
      .join("\n");
  }
}

import { afterEach, describe, expect, it } from "vitest";
import { fillTemplate } from "../../shared/errors/fill-template.ts";
import { addLocaleTemplates, formatMessage, MESSAGES } from "../../shared/errors/message-table.ts";
import { messageLocales } from "../../scripts/build/message-locales-plugin.ts";

/**
 * Issue #14: the pages are built with the message table in Vietnamese only and load English when the
 * user picks it (scripts/build/message-locales-plugin.ts, extension/services/load-locale.ts).
 */
type Hook = (this: unknown, ...args: unknown[]) => unknown;
function hooks() {
  const plugin = messageLocales();
  const call = (name: "options" | "resolveId" | "load", ...args: unknown[]) => {
    const hook = plugin[name] as Hook | { handler: Hook };
    return (typeof hook === "function" ? hook : hook.handler).call({}, ...args);
  };
  return { call };
}
const AREA = new URL("../../shared/errors/messages/cli.ts", import.meta.url).pathname;

describe("the build's split of the message table", () => {
  it("the pages' build gets each area's codes in Vietnamese alone", async () => {
    const { call } = hooks();
    call("options", { input: { popup: "/x/popup.html", review: "/x/review.html" } });
    const code = (await call("load", AREA)) as string;
    expect(code).toMatch(/^export const cliMessages = \{/);
    expect(code).toContain(JSON.stringify(MESSAGES.CLI_BAD_ARGS.vi));
    expect(code).not.toContain(JSON.stringify(MESSAGES.CLI_BAD_ARGS.en));
  });

  it("other builds (background, content script) keep the file as it is", async () => {
    const { call } = hooks();
    call("options", { input: { background: "/x/background.ts" } });
    expect(await call("load", AREA)).toBeNull();
  });

  it("the English chunk has every code of the one table", async () => {
    const { call } = hooks();
    const id = call("resolveId", "virtual:hocba-messages-en") as string;
    const code = (await call("load", id)) as string;
    const english = JSON.parse(code.replace(/^export default /, "").replace(/;$/, "")) as Record<
      string,
      string
    >;
    expect(Object.keys(english).sort()).toEqual(Object.keys(MESSAGES).sort());
    for (const [key, template] of Object.entries(MESSAGES)) expect(english[key]).toBe(template.en);
  });
});

describe("formatting with a locale loaded later", () => {
  afterEach(() => addLocaleTemplates("en", {}));

  it("fills placeholders and leaves unknown ones visible", () => {
    expect(fillTemplate("lớp {lop} ({x})", { lop: "12A1" })).toBe("lớp 12A1 ({x})");
  });

  it("a code missing from the build's table is taken from the added templates", () => {
    // In the tests the table has both; what the pages' build lacks is the `en` of each entry.
    const entry = MESSAGES.CLI_BAD_ARGS as { vi: string; en?: string };
    const en = entry.en;
    delete entry.en;
    try {
      expect(formatMessage("CLI_BAD_ARGS", { detail: "x" }, "en")).toBe(
        formatMessage("CLI_BAD_ARGS", { detail: "x" }, "vi"),
      );
      addLocaleTemplates("en", { CLI_BAD_ARGS: "Bad: {detail}" });
      expect(formatMessage("CLI_BAD_ARGS", { detail: "x" }, "en")).toBe("Bad: x");
    } finally {
      entry.en = en;
    }
  });
});

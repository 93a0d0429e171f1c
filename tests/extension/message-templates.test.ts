import { beforeEach, describe, expect, it } from "vitest";
import { fakeBrowser } from "wxt/testing/fake-browser";
import { dispatchAction } from "../../extension/background/dispatch-action.ts";
import type { ActionResult, MessageTemplates } from "../../extension/models/wire.ts";
import { fillTemplate } from "../../shared/errors/fill-template.ts";
import { formatMessage, MESSAGES } from "../../shared/errors/message-table.ts";
import { fakeHelper } from "./support/fake-native.ts";
import { PAGE_SENDER, PORTAL_SENDER, testDeps } from "./support/background-deps.ts";

/**
 * Issue #14: the content script carries no message table (it must stay ≤ 150 KB); it asks the
 * background for the templates of its texts in the user's language and fills them itself.
 */
function value<T>(result: ActionResult): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

describe("the content script's texts from the background", () => {
  beforeEach(() => fakeBrowser.reset());

  it.each(["vi", "en"] as const)(
    "templates in the user's language (%s), placeholders unfilled",
    async (language) => {
      const deps = testDeps(fakeHelper(), { language });
      const reply = value<MessageTemplates>(
        await dispatchAction(
          { action: "message-templates", codes: ["EXT_UI_PANEL_READING", "NOT_A_CODE"] },
          PORTAL_SENDER,
          deps,
        ),
      );
      expect(reply.templates).toEqual({ EXT_UI_PANEL_READING: MESSAGES.EXT_UI_PANEL_READING[language] });
      expect(fillTemplate(reply.templates.EXT_UI_PANEL_READING ?? "", { done: 2, total: 5 })).toBe(
        formatMessage("EXT_UI_PANEL_READING", { done: 2, total: 5 }, language),
      );
    },
  );

  it("extension pages may ask too", async () => {
    const deps = testDeps(fakeHelper());
    const reply = value<MessageTemplates>(
      await dispatchAction({ action: "message-templates", codes: ["EXT_UI_PANEL_TITLE"] }, PAGE_SENDER, deps),
    );
    expect(reply.templates.EXT_UI_PANEL_TITLE).toBe(MESSAGES.EXT_UI_PANEL_TITLE.vi);
  });
});

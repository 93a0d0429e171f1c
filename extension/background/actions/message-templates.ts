import { formatMessage, isMessageCode } from "../../../shared/errors/message-table.ts";
import type { ActionRequest, MessageTemplates } from "../../models/wire.ts";
import type { BackgroundDeps } from "../deps.ts";

/**
 * The templates of some message codes in the user's language, for the content script: it does not
 * bundle the message table (it must stay small), so its panel texts and the errors it shows are
 * worded here and filled there. Unknown codes are left out (the caller shows the error's own text).
 */
export async function messageTemplates(
  deps: Pick<BackgroundDeps, "settings">,
  request: ActionRequest<"message-templates">,
): Promise<MessageTemplates> {
  const { language } = await deps.settings();
  const templates: Record<string, string> = {};
  for (const code of request.codes.slice(0, 50)) {
    // Formatting with no parameters leaves every {placeholder} in place: the template itself.
    if (typeof code === "string" && isMessageCode(code)) templates[code] = formatMessage(code, {}, language);
  }
  return { templates };
}

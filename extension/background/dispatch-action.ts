import { HocBaError } from "../../shared/errors/hocba-error.ts";
import type { ActionName, ActionRequest, ActionResult } from "../models/wire.ts";
import { toWireError } from "../models/wire-error.ts";
import { getHelperStatus } from "./actions/get-helper-status.ts";
import { importGradebook } from "./actions/import-gradebook.ts";
import { listTokens } from "./actions/list-tokens.ts";
import { openReview } from "./actions/open-review.ts";
import { inspectPage } from "./actions/inspect-page.ts";
import { readClassAction } from "./actions/read-class.ts";
import { syncPortals } from "./actions/sync-portals.ts";
import { validateMappingAction } from "./actions/validate-mapping.ts";
import { importPackage } from "./actions/import-package.ts";
import { listQueues } from "./actions/list-queues.ts";
import { archivedDocuments } from "./actions/archived-documents.ts";
import { getProgress } from "./actions/get-progress.ts";
import { recordCheckConfirmation } from "./actions/record-check-confirmation.ts";
import { listCheckConfirmations } from "./actions/list-check-confirmations.ts";
import { recordVersionsAction } from "./actions/record-versions.ts";
import { makeSubmission } from "./actions/make-submission.ts";
import { recordCheckSummary } from "./actions/record-check-summary.ts";
import { messageTemplates } from "./actions/message-templates.ts";
import type { BackgroundDeps } from "./deps.ts";
import { classifySender, senderOrigin, type SenderInfo, type SenderKind } from "./sender.ts";

/** Which senders may ask for what: content scripts only ask to read their own page's class and open the review. */
const ALLOWED: Readonly<Record<ActionName, readonly SenderKind[]>> = Object.freeze({
  "get-helper-status": ["extension-page"],
  "list-tokens": ["extension-page"],
  "inspect-page": ["portal-content-script"],
  "read-class": ["portal-content-script"],
  "open-review": ["extension-page", "portal-content-script"],
  "import-gradebook": ["extension-page"],
  "sync-portals": ["extension-page"],
  "validate-mapping": ["extension-page"],
  "import-package": ["extension-page"],
  queues: ["extension-page"],
  "archived-documents": ["extension-page"],
  progress: ["extension-page"],
  "record-check-confirmation": ["extension-page"],
  "check-confirmations": ["extension-page"],
  "record-versions": ["extension-page"],
  "make-submission": ["extension-page"],
  "record-check-summary": ["extension-page"],
  "message-templates": ["extension-page", "portal-content-script"],
});

function isActionName(value: unknown): value is ActionName {
  return typeof value === "string" && Object.hasOwn(ALLOWED, value);
}

/**
 * The background's only entry for one-shot messages: checks the sender, then a switch over actions
 * (one file each). Never throws: a failure comes back as `{ok: false, error}`.
 */
export async function dispatchAction(
  message: unknown,
  sender: SenderInfo,
  deps: BackgroundDeps,
): Promise<ActionResult> {
  try {
    const action = (message as { action?: unknown } | null)?.action;
    if (!isActionName(action)) throw new HocBaError("EXT_UNKNOWN_ACTION", { action: String(action) });
    const settings = await deps.settings();
    const kind = classifySender(sender, {
      extensionId: deps.extensionId,
      extensionOrigin: deps.extensionOrigin,
      portalOrigins: settings.portals.map((p) => p.origin),
    });
    if (!ALLOWED[action].includes(kind)) {
      throw new HocBaError("EXT_SENDER_REJECTED", { action, origin: senderOrigin(sender) });
    }
    const request = message as ActionRequest;
    switch (action) {
      case "get-helper-status":
        return { ok: true, value: await getHelperStatus(deps) };
      case "list-tokens":
        return { ok: true, value: await listTokens(deps) };
      case "inspect-page":
        return {
          ok: true,
          value: await inspectPage(deps, request as ActionRequest<"inspect-page">, sender.url),
        };
      case "read-class":
        return {
          ok: true,
          value: await readClassAction(deps, request as ActionRequest<"read-class">, sender),
        };
      case "open-review": {
        const { classKeys, role, archived } = request as ActionRequest<"open-review">;
        return { ok: true, value: await openReview(deps, classKeys, role, archived) };
      }
      case "import-gradebook":
        return {
          ok: true,
          value: await importGradebook(deps, (request as ActionRequest<"import-gradebook">).gradebook),
        };
      case "sync-portals":
        return { ok: true, value: await syncPortals(deps) };
      case "validate-mapping":
        return {
          ok: true,
          value: validateMappingAction((request as ActionRequest<"validate-mapping">).text),
        };
      case "import-package": {
        const { fileName, zipBase64 } = request as ActionRequest<"import-package">;
        return { ok: true, value: await importPackage(deps, fileName, zipBase64) };
      }
      case "queues":
        return { ok: true, value: await listQueues(deps, (request as ActionRequest<"queues">).namHoc) };
      case "archived-documents":
        return {
          ok: true,
          value: await archivedDocuments(deps, request as ActionRequest<"archived-documents">),
        };
      case "progress":
        return { ok: true, value: await getProgress(deps, request as ActionRequest<"progress">) };
      case "record-check-confirmation":
        return {
          ok: true,
          value: await recordCheckConfirmation(deps, request as ActionRequest<"record-check-confirmation">),
        };
      case "check-confirmations":
        return {
          ok: true,
          value: await listCheckConfirmations(deps, request as ActionRequest<"check-confirmations">),
        };
      case "record-versions":
        return {
          ok: true,
          value: await recordVersionsAction(deps, request as ActionRequest<"record-versions">),
        };
      case "make-submission":
        return {
          ok: true,
          value: await makeSubmission(deps, request as ActionRequest<"make-submission">),
        };
      case "record-check-summary":
        return { ok: true, value: await recordCheckSummary(deps, request as Record<string, unknown>) };
      case "message-templates":
        return {
          ok: true,
          value: await messageTemplates(deps, request as ActionRequest<"message-templates">),
        };
    }
  } catch (err) {
    return { ok: false, error: toWireError(err) };
  }
}

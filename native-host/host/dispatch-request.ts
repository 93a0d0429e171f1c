import type { HostRequest } from "../../shared/protocol/requests.ts";
import { archiveList } from "./actions/archive-list.ts";
import { archivedDocuments } from "./actions/archived-documents.ts";
import { checkConfirmations, recordCheckConfirmationAction } from "./actions/check-confirmation.ts";
import { recordCheckSummaryAction } from "./actions/check-summary.ts";
import { importPackage } from "./actions/import-package.ts";
import { makeSubmission } from "./actions/make-submission.ts";
import { progressReport } from "./actions/progress-report.ts";
import { queues } from "./actions/queues.ts";
import { cancel } from "./actions/cancel.ts";
import { hello } from "./actions/hello.ts";
import { listTokens } from "./actions/list-tokens.ts";
import { recordVersions } from "./actions/record-versions.ts";
import { signBatch } from "./actions/sign-batch.ts";
import { status } from "./actions/status.ts";
import { verify } from "./actions/verify.ts";
import type { HostContext } from "./host-context.ts";

/** Routes a validated request to its action. Actions send their own replies and throw on failure. */
export async function dispatchRequest(ctx: HostContext, request: HostRequest): Promise<void> {
  switch (request.type) {
    case "hello":
      await hello(ctx, request);
      return;
    case "status":
      return status(ctx, request);
    case "list-tokens":
      return listTokens(ctx, request);
    case "sign-batch":
      return signBatch(ctx, request);
    case "verify":
      return verify(ctx, request);
    case "cancel":
      return cancel(ctx, request);
    case "archive-list":
      return archiveList(ctx, request);
    case "import-package":
      return importPackage(ctx, request);
    case "queues":
      return queues(ctx, request);
    case "archived-documents":
      return archivedDocuments(ctx, request);
    case "progress":
      return progressReport(ctx, request);
    case "record-check-confirmation":
      return recordCheckConfirmationAction(ctx, request);
    case "check-confirmations":
      return checkConfirmations(ctx, request);
    case "record-versions":
      return recordVersions(ctx, request);
    case "make-submission":
      return makeSubmission(ctx, request);
    case "record-check-summary":
      return recordCheckSummaryAction(ctx, request);
  }
}

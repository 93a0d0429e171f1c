import { HocBaError } from "../../../shared/errors/hocba-error.ts";
import type { SignBatchRequest } from "../../../shared/protocol/requests.ts";
import { isSignerRole, type SignPortEvent, type SignPortRequest } from "../../models/wire.ts";
import { toWireError } from "../../models/wire-error.ts";
import { documentIdOf } from "../../services/hocba-db.ts";
import { documentVersionOf } from "../../services/document-version.ts";
import { signedRolesOf } from "../../services/signed-roles.ts";
import type { BackgroundDeps } from "../deps.ts";
import { hostError, newRequestId, type HelperClient } from "../services/helper-client.ts";
import type { PortEvent } from "../services/native-port.ts";

/** The runtime.Port an extension page opens to run a batch (the part we use). */
export interface PagePort {
  postMessage(message: SignPortEvent): void;
  disconnect(): void;
  onMessage: PortEvent<(message: unknown) => void>;
  onDisconnect: PortEvent<(port: PagePort) => void>;
}

type StartRequest = Extract<SignPortRequest, { type: "start" }>;

/** One batch at a time: a token session serialises signatures anyway. */
let running = false;

/**
 * Runs one signing batch for the page at the other end of `port`: waits for `start`, streams the
 * helper's events back, stores each signed document as it arrives, and turns `cancel` (or the page
 * closing) into the helper's cancel. The native port stays open for the whole batch, which keeps
 * the MV3 service worker alive; afterwards it goes back to the pool, or is closed in `finally` when
 * the batch failed.
 */
export function runSignBatch(port: PagePort, deps: Pick<BackgroundDeps, "helpers" | "db">): Promise<void> {
  return new Promise<void>((resolve) => {
    let client: HelperClient | undefined;
    let requestId: string | undefined;
    let pageGone = false;
    let cancelRequested = false;

    const send = (event: SignPortEvent) => {
      if (pageGone) return;
      try {
        port.postMessage(event);
      } catch {
        pageGone = true;
      }
    };
    const cancel = () => {
      cancelRequested = true;
      if (client && requestId) {
        try {
          client.cancel(requestId);
        } catch {
          // The helper is gone already; the batch ends with its disconnect error.
        }
      }
    };
    const onDisconnect = () => {
      pageGone = true;
      cancel();
    };
    const onMessage = (message: unknown) => {
      const request = message as Partial<SignPortRequest> | null;
      if (request?.type === "cancel") return cancel();
      if (request?.type !== "start" || requestId !== undefined) return;
      requestId = newRequestId();
      void run(request as StartRequest).finally(() => {
        port.onMessage.removeListener(onMessage);
        port.onDisconnect.removeListener(onDisconnect);
        if (!pageGone) port.disconnect();
        resolve();
      });
    };

    const run = async (start: StartRequest): Promise<void> => {
      if (running) return send({ type: "error", error: new HocBaError("EXT_HOST_BATCH_RUNNING").toJSON() });
      running = true;
      // Stores run beside the batch, not in its way; all are awaited before the batch's end is
      // reported, `done` or `error` alike, so a page that reloads then finds every signed document.
      const stores: Promise<void>[] = [];
      try {
        const request = validateStart(start);
        const id = requestId ?? newRequestId();
        const db = await deps.db();
        client = await deps.helpers.acquire();
        if (cancelRequested) throw new HocBaError("EXT_BATCH_CANCELLED");
        const done = await client.signBatch({ requestId: id, ...request.batch }, (event) => {
          if (event.type === "progress") {
            send({ type: "progress", done: event.done, total: event.total, fileName: event.fileName });
            return;
          }
          const doc = request.documents[event.index];
          if (!doc) return;
          if (event.type === "sign-failed") {
            send({
              type: "sign-failed",
              id: doc.id,
              fileName: event.fileName,
              error: hostError(event.error).toJSON(),
            });
            return;
          }
          // Each version of a record is its own entry: signing version 2 never replaces version 1.
          const phienBan = documentVersionOf(event.xml);
          stores.push(
            db.putDocument({
              id: documentIdOf(doc.classKey, doc.maHocVien, phienBan),
              phienBan,
              classKey: doc.classKey,
              maHocVien: doc.maHocVien,
              hoTen: doc.hoTen,
              fileName: event.fileName,
              xml: event.xml,
              signedRoles: signedRolesOf(event.xml),
              updatedAt: event.signingTime,
            }),
          );
          send({
            type: "signed",
            id: doc.id,
            fileName: event.fileName,
            xml: event.xml,
            signer: event.signer,
            signingTime: event.signingTime,
            resumed: event.resumed,
          });
        });
        await Promise.all(stores);
        deps.helpers.release(client);
        client = undefined;
        send({
          type: "done",
          signed: done.signed,
          resumed: done.resumed,
          failed: done.failed,
          skipped: done.skipped,
          cancelled: done.cancelled,
        });
      } catch (err) {
        await Promise.allSettled(stores);
        send({ type: "error", error: toWireError(err) });
      } finally {
        client?.close();
        running = false;
      }
    };

    port.onMessage.addListener(onMessage);
    port.onDisconnect.addListener(onDisconnect);
  });
}

interface ValidDocument {
  id: string;
  classKey: string;
  maHocVien: string;
  hoTen: string;
}

/** Checks the page's request and splits it into the helper's batch and our bookkeeping. */
function validateStart(start: StartRequest): {
  batch: Omit<SignBatchRequest, "type" | "requestId">;
  documents: ValidDocument[];
} {
  const bad = (field: string) => new HocBaError("EXT_BAD_REQUEST", { action: "sign-batch", field });
  if (!isSignerRole(start.role)) throw bad("role");
  if (typeof start.tokenLabel !== "string" || start.tokenLabel === "") {
    throw new HocBaError("EXT_CERTIFICATE_REQUIRED");
  }
  if (typeof start.certId !== "string" || start.certId === "") {
    throw new HocBaError("EXT_CERTIFICATE_REQUIRED");
  }
  if (start.pin !== undefined && typeof start.pin !== "string") throw bad("pin");
  if (!Array.isArray(start.documents) || start.documents.length === 0) {
    throw new HocBaError("EXT_NOTHING_SELECTED");
  }
  const documents = start.documents.map((doc, i) => {
    const ok =
      typeof doc?.id === "string" &&
      typeof doc.fileName === "string" &&
      typeof doc.xml === "string" &&
      typeof doc.classKey === "string" &&
      typeof doc.maHocVien === "string" &&
      typeof doc.hoTen === "string";
    if (!ok) throw bad(`documents[${i}]`);
    return doc;
  });
  return {
    batch: {
      role: start.role,
      tokenLabel: start.tokenLabel,
      certId: start.certId,
      ...(start.pin ? { pin: start.pin } : {}),
      documents: documents.map((d) => ({ fileName: d.fileName, xml: d.xml })),
    },
    documents: documents.map(({ id, classKey, maHocVien, hoTen }) => ({ id, classKey, maHocVien, hoTen })),
  };
}

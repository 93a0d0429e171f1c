import type { HocBaArchive } from "../archive/hocba-archive.ts";
import type { DocumentChecker } from "./document-checker.ts";
import type { ExclusiveLock } from "./exclusive-lock.ts";
import type { HostLog } from "./host-log.ts";
import type { Caller } from "./identify-caller.ts";
import type { ReplyWriter } from "./reply-writer.ts";
import type { SigningBackend } from "./signing-backend.ts";

/** What every action gets: one per helper process. */
export interface HostContext {
  hostVersion: string;
  caller: Caller;
  reply: ReplyWriter;
  log: HostLog;
  backend: SigningBackend;
  /** Verification and the checks before a document is signed: off this thread, time-limited. */
  documents: DocumentChecker;
  /** The archive, opened on first use (throws ARCHIVE_OPEN_FAILED if it cannot be). */
  archive(): HocBaArchive;
  archivePath: string;
  /** Serialises token operations: one PKCS#11 operation at a time. */
  tokenLock: ExclusiveLock;
  /** Sign batches in progress, by requestId, with the controller that cancels them. */
  running: Map<string, AbortController>;
  /** Aborted when the browser disconnects: batches stop before their next document. */
  shutdown: AbortSignal;
}

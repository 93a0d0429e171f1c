import type { Writable } from "node:stream";
import type { HostReply } from "../../shared/protocol/responses.ts";
import { encodeFrame } from "./framing.ts";

/**
 * Sends replies as frames, one at a time and in order, waiting for the pipe to drain. Encoding
 * happens before anything is written, so an oversized reply throws HOST_REPLY_TOO_LARGE and the
 * stream stays clean. Once the browser has gone (EPIPE, closed), sends become no-ops.
 */
export class ReplyWriter {
  private queue: Promise<void> = Promise.resolve();
  private gone = false;

  constructor(
    private readonly out: Writable,
    private readonly maxReplyBytes: number,
  ) {
    out.on("error", () => {
      this.gone = true;
    });
    out.on("close", () => {
      this.gone = true;
    });
  }

  get closed(): boolean {
    return this.gone;
  }

  /** Queues a reply. Throws (synchronously, nothing written) if it is over the reply limit. */
  send(reply: HostReply, item?: string): Promise<void> {
    const frame = encodeFrame(reply, this.maxReplyBytes, item ?? reply.type);
    this.queue = this.queue.then(() => this.write(frame));
    return this.queue;
  }

  /** Resolves once everything queued has been handed to the OS. */
  flush(): Promise<void> {
    return this.queue;
  }

  private write(frame: Buffer): Promise<void> {
    if (this.gone) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        this.out.off("drain", done);
        this.out.off("close", done);
        this.out.off("error", done);
        resolve();
      };
      try {
        if (this.out.write(frame)) {
          resolve();
          return;
        }
      } catch {
        this.gone = true;
        resolve();
        return;
      }
      this.out.on("drain", done);
      this.out.on("close", done);
      this.out.on("error", done);
    });
  }
}

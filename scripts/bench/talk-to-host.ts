import type { ChildProcessByStdio } from "node:child_process";
import type { Readable, Writable } from "node:stream";
import { encodeFrame, FrameDecoder } from "../../native-host/host/framing.ts";

/** What the benchmarks read of a helper reply. */
export interface HostReply {
  type: string;
  requestId: string | null;
  error?: { code: string };
}

export interface HostTalk<R extends HostReply> {
  /** The first reply, from now on, that `test` accepts. */
  next: (test: (r: R) => boolean) => Promise<R>;
  send: (message: unknown) => void;
}

/**
 * Speaks to a spawned `hocba host` as the browser does: native-messaging frames both ways, replies
 * handed to whoever waits for them. `onReply` sees every reply first (counting, say).
 */
export function talkToHost<R extends HostReply>(
  child: ChildProcessByStdio<Writable, Readable, null>,
  onReply?: (r: R) => void,
): HostTalk<R> {
  const decoder = new FrameDecoder(64 << 20);
  const waiting: Array<{ test: (r: R) => boolean; resolve: (r: R) => void }> = [];
  child.stdout.on("data", (chunk: Buffer) => {
    for (const frame of decoder.push(chunk)) {
      if (frame.kind !== "message") throw new Error(`bad frame from the helper: ${frame.error.code}`);
      const reply = frame.value as R;
      onReply?.(reply);
      const i = waiting.findIndex((w) => w.test(reply));
      if (i !== -1) waiting.splice(i, 1)[0]?.resolve(reply);
    }
  });
  return {
    next: (test) => new Promise<R>((resolve) => waiting.push({ test, resolve })),
    send: (message) => void child.stdin.write(encodeFrame(message, 64 << 20)),
  };
}

import { spawn, type ChildProcessByStdio } from "node:child_process";
import path from "node:path";
import type { Readable, Writable } from "node:stream";
import { EXTENSION_ID } from "../../../shared/config/extension-identity.ts";

export const REPO = path.resolve(import.meta.dirname, "../../..");
export const CLI = path.join(REPO, "bin", "hocba.mjs");
export const CHROME_ORIGIN = `chrome-extension://${EXTENSION_ID}/`;

export interface Reply {
  type: string;
  requestId: string | null;
  [key: string]: unknown;
}

export function frame(message: unknown): Buffer {
  return rawFrame(Buffer.from(JSON.stringify(message), "utf8"));
}

export function rawFrame(payload: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt32LE(payload.length, 0);
  return Buffer.concat([header, payload]);
}

/**
 * A helper process spoken to as the browser would: frames in, frames out. Every byte on stdout
 * must parse as a frame of JSON; anything else is recorded in `garbage` (tests assert it stays empty).
 */
export class HostProcess {
  readonly replies: Reply[] = [];
  garbage = "";
  stderr = "";
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private buffer = Buffer.alloc(0);
  private waiters: { test: (r: Reply) => boolean; resolve: (r: Reply) => void }[] = [];
  readonly child: ChildProcessByStdio<Writable, Readable, Readable>;

  constructor(args: string[], env: NodeJS.ProcessEnv, command: string[] = [process.execPath, CLI, "host"]) {
    const [exe, ...pre] = command;
    this.child = spawn(exe ?? process.execPath, [...pre, ...args], { env, stdio: ["pipe", "pipe", "pipe"] });
    this.child.stdin.on("error", () => undefined);
    this.child.stdout.on("data", (chunk: Buffer) => this.onData(chunk));
    this.child.stderr.on("data", (chunk: Buffer) => (this.stderr += chunk.toString("utf8")));
    this.exited = new Promise((resolve) =>
      this.child.on("exit", (code, signal) => resolve({ code, signal })),
    );
  }

  static chrome(env: NodeJS.ProcessEnv): HostProcess {
    return new HostProcess([CHROME_ORIGIN], env);
  }

  send(message: unknown): void {
    this.child.stdin.write(frame(message));
  }

  write(bytes: Buffer): void {
    this.child.stdin.write(bytes);
  }

  end(): void {
    this.child.stdin.end();
  }

  /** Sends hello and waits for its reply. */
  async hello(): Promise<Reply> {
    this.send({
      type: "hello",
      requestId: "hello",
      protocolVersion: 1,
      client: { name: "test", version: "1" },
    });
    return this.next((r) => r.requestId === "hello");
  }

  /** Where the next reply will land in `replies`: pass it to next/collect to skip older replies. */
  mark(): number {
    return this.replies.length;
  }

  /** Resolves with the first reply (received at index >= `from`, or future) matching `test`. */
  next(test: (r: Reply) => boolean, timeoutMs = 60_000, from = 0): Promise<Reply> {
    const seen = this.replies.slice(from).find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(
              `no matching reply in ${timeoutMs} ms; got ${JSON.stringify(this.replies).slice(-2000)}`,
            ),
          ),
        timeoutMs,
      );
      this.waiters.push({
        test,
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
      });
    });
  }

  /** The replies to `requestId` from index `from` up to and including the first whose type is in `until`. */
  async collect(
    requestId: string,
    until: string[] = ["done", "error", "verify-done"],
    from = 0,
  ): Promise<Reply[]> {
    const last = await this.next((r) => r.requestId === requestId && until.includes(r.type), 60_000, from);
    const end = this.replies.indexOf(last, from);
    return this.replies.slice(from, end + 1).filter((r) => r.requestId === requestId);
  }

  private onData(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    while (this.buffer.length >= 4) {
      const length = this.buffer.readUInt32LE(0);
      if (length > 1024 * 1024) {
        this.garbage += `[frame of ${length} bytes over 1 MiB]`;
        this.buffer = Buffer.alloc(0);
        return;
      }
      if (this.buffer.length < 4 + length) return;
      const payload = this.buffer.subarray(4, 4 + length);
      this.buffer = this.buffer.subarray(4 + length);
      let reply: Reply;
      try {
        reply = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(payload)) as Reply;
      } catch {
        this.garbage += payload.toString("latin1");
        continue;
      }
      this.replies.push(reply);
      this.waiters = this.waiters.filter((w) => {
        if (!w.test(reply)) return true;
        w.resolve(reply);
        return false;
      });
    }
  }

  /** Bytes left over that never formed a complete frame. */
  get trailing(): number {
    return this.buffer.length;
  }
}

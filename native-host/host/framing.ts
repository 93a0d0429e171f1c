import { HocBaError } from "../../shared/errors/hocba-error.ts";

/**
 * Native-messaging framing: a 32-bit length in native byte order (little-endian on every platform
 * the browsers ship for) followed by that many bytes of UTF-8 JSON, in both directions.
 */

const HEADER_BYTES = 4;

export type DecodedFrame =
  /** A complete frame that parsed as JSON. */
  | { kind: "message"; value: unknown }
  /** A complete frame whose payload is unusable; the stream is still in sync. */
  | { kind: "invalid"; error: HocBaError }
  /** The stream cannot continue (oversized length, truncated at close); nothing more is decoded. */
  | { kind: "fatal"; error: HocBaError };

/**
 * Incremental decoder: feed it chunks as they arrive, in any sizes. It never allocates by a declared
 * length (a lying length costs nothing until its bytes actually arrive) and keeps chunks in a list
 * until a frame is complete, so a large frame is copied once.
 */
export class FrameDecoder {
  private chunks: Buffer[] = [];
  private buffered = 0;
  private expected: number | null = null;
  private failed = false;
  private readonly utf8 = new TextDecoder("utf-8", { fatal: true });

  constructor(private readonly maxFrameBytes: number) {}

  /** Decodes every frame completed by this chunk. After a fatal result it returns nothing. */
  push(chunk: Uint8Array): DecodedFrame[] {
    if (this.failed || chunk.length === 0) return [];
    this.chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    this.buffered += chunk.length;
    const out: DecodedFrame[] = [];
    for (;;) {
      if (this.expected === null) {
        if (this.buffered < HEADER_BYTES) break;
        const length = this.take(HEADER_BYTES).readUInt32LE(0);
        if (length > this.maxFrameBytes) {
          this.fail();
          out.push({
            kind: "fatal",
            error: new HocBaError("HOST_FRAME_TOO_LARGE", { size: length, max: this.maxFrameBytes }),
          });
          break;
        }
        this.expected = length;
      }
      if (this.buffered < this.expected) break;
      const payload = this.take(this.expected);
      this.expected = null;
      out.push(this.parse(payload));
    }
    return out;
  }

  /** Call when the input closes: reports a frame cut short. */
  end(): DecodedFrame[] {
    if (this.failed || (this.expected === null && this.buffered === 0)) return [];
    const expected = this.expected ?? HEADER_BYTES;
    const received = this.buffered;
    this.fail();
    return [{ kind: "fatal", error: new HocBaError("HOST_FRAME_TRUNCATED", { received, expected }) }];
  }

  private parse(payload: Buffer): DecodedFrame {
    let text: string;
    try {
      text = this.utf8.decode(payload);
    } catch {
      return { kind: "invalid", error: new HocBaError("HOST_FRAME_NOT_UTF8") };
    }
    try {
      return { kind: "message", value: JSON.parse(text) as unknown };
    } catch (err) {
      const detail = err instanceof Error ? err.message.slice(0, 200) : "JSON.parse";
      return { kind: "invalid", error: new HocBaError("HOST_FRAME_NOT_JSON", { detail }) };
    }
  }

  /** Removes and returns exactly n buffered bytes (n <= buffered). */
  private take(n: number): Buffer {
    const first = this.chunks[0];
    if (first && first.length >= n) {
      const head = first.subarray(0, n);
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
      this.buffered -= n;
      return head;
    }
    const all = Buffer.concat(this.chunks, this.buffered);
    const head = all.subarray(0, n);
    const rest = all.subarray(n);
    this.chunks = rest.length > 0 ? [rest] : [];
    this.buffered = rest.length;
    return head;
  }

  private fail(): void {
    this.failed = true;
    this.chunks = [];
    this.buffered = 0;
    this.expected = null;
  }
}

/**
 * Encodes one message as a frame. Throws HOST_REPLY_TOO_LARGE (never truncates) when the JSON is
 * over `maxFrameBytes`; `item` names what was being sent, for that message.
 */
export function encodeFrame(message: unknown, maxFrameBytes: number, item = "reply"): Buffer {
  // JSON.stringify escapes lone surrogates, so the UTF-8 below is always well-formed.
  const json = JSON.stringify(message);
  const size = Buffer.byteLength(json, "utf8");
  if (size > maxFrameBytes) throw new HocBaError("HOST_REPLY_TOO_LARGE", { item, size, max: maxFrameBytes });
  const frame = Buffer.allocUnsafe(HEADER_BYTES + size);
  frame.writeUInt32LE(size, 0);
  frame.write(json, HEADER_BYTES, "utf8");
  return frame;
}

import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeFrame, FrameDecoder, type DecodedFrame } from "../../../native-host/host/framing.ts";
import { rawFrame } from "./host-process.ts";

const MAX = 1024;

function decodeAll(chunks: Buffer[], max = MAX): DecodedFrame[] {
  const decoder = new FrameDecoder(max);
  return [...chunks.flatMap((c) => decoder.push(c)), ...decoder.end()];
}

const kinds = (frames: DecodedFrame[]): string[] =>
  frames.map((f) => (f.kind === "message" ? "message" : `${f.kind}:${f.error.code}`));

describe("FrameDecoder", () => {
  it("decodes Vietnamese JSON split at every byte boundary", () => {
    const message = { type: "hello", text: "Nguyễn Thị Ánh — học bạ số ✓" };
    const bytes = Buffer.concat([encodeFrame(message, MAX), encodeFrame({ n: 2 }, MAX)]);
    for (let cut = 0; cut <= bytes.length; cut++) {
      const frames = decodeAll([bytes.subarray(0, cut), bytes.subarray(cut)]);
      expect(frames).toEqual([
        { kind: "message", value: message },
        { kind: "message", value: { n: 2 } },
      ]);
    }
  });

  it("decodes byte-by-byte input", () => {
    const bytes = encodeFrame({ a: [1, 2, 3] }, MAX);
    expect(decodeAll([...bytes].map((b) => Buffer.from([b])))).toEqual([
      { kind: "message", value: { a: [1, 2, 3] } },
    ]);
  });

  it.each([
    ["invalid UTF-8", Buffer.from([0xff, 0xfe, 0x41]), "invalid:HOST_FRAME_NOT_UTF8"],
    ["overlong UTF-8", Buffer.from([0xc0, 0xaf]), "invalid:HOST_FRAME_NOT_UTF8"],
    [
      "UTF-16 surrogate encoded in UTF-8",
      Buffer.from([0x22, 0xed, 0xa0, 0x80, 0x22]),
      "invalid:HOST_FRAME_NOT_UTF8",
    ],
    ["invalid JSON", Buffer.from("{type:"), "invalid:HOST_FRAME_NOT_JSON"],
    ["empty payload", Buffer.alloc(0), "invalid:HOST_FRAME_NOT_JSON"],
    ["trailing garbage", Buffer.from('{"a":1} x'), "invalid:HOST_FRAME_NOT_JSON"],
  ])("reports %s and stays in sync", (_name, payload, expected) => {
    const frames = decodeAll([rawFrame(payload), encodeFrame({ ok: true }, MAX)]);
    expect(kinds(frames)).toEqual([expected, "message"]);
  });

  it("refuses a declared length over the cap at once, without waiting for or keeping the bytes", () => {
    const header = Buffer.alloc(4);
    header.writeUInt32LE(0xffffffff, 0);
    const decoder = new FrameDecoder(MAX);
    expect(kinds(decoder.push(header))).toEqual(["fatal:HOST_FRAME_TOO_LARGE"]);
    // Everything after a fatal frame is ignored: the stream cannot be trusted.
    expect(decoder.push(encodeFrame({ a: 1 }, MAX))).toEqual([]);
    expect(decoder.end()).toEqual([]);
  });

  it("accepts a frame of exactly the cap and refuses one byte more", () => {
    const exact = Buffer.from(`"${"x".repeat(MAX - 2)}"`);
    expect(kinds(decodeAll([rawFrame(exact)]))).toEqual(["message"]);
    const over = Buffer.from(`"${"x".repeat(MAX - 1)}"`);
    expect(kinds(decodeAll([rawFrame(over)]))).toEqual(["fatal:HOST_FRAME_TOO_LARGE"]);
  });

  it.each([
    ["a partial header", Buffer.from([5, 0])],
    ["a partial payload", rawFrame(Buffer.from('{"a":1}')).subarray(0, 8)],
  ])("reports a stream closed in %s", (_name, bytes) => {
    const frames = decodeAll([bytes]);
    expect(kinds(frames)).toEqual(["fatal:HOST_FRAME_TRUNCATED"]);
  });

  it("round-trips any JSON value through any chunking (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue({ maxDepth: 4 }), { minLength: 1, maxLength: 8 }),
        fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 20 }),
        (values, sizes) => {
          const bytes = Buffer.concat(values.map((v) => encodeFrame(v, 1 << 20)));
          const chunks: Buffer[] = [];
          for (let at = 0, i = 0; at < bytes.length; i++) {
            const size = sizes[i % sizes.length] ?? 1;
            chunks.push(bytes.subarray(at, at + size));
            at += size;
          }
          const frames = decodeAll(chunks, 1 << 20);
          // JSON cannot carry -0; it comes back as 0.
          expect(frames).toEqual(
            values.map((v) => ({ kind: "message", value: JSON.parse(JSON.stringify(v)) as unknown })),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe("encodeFrame", () => {
  it("writes a little-endian length and UTF-8 JSON", () => {
    const frame = encodeFrame({ t: "ầ" }, MAX);
    expect(frame.readUInt32LE(0)).toBe(frame.length - 4);
    expect(frame.subarray(4).toString("utf8")).toBe('{"t":"ầ"}');
  });

  it("escapes lone surrogates so the frame is always valid UTF-8", () => {
    const frame = encodeFrame({ t: "a\ud800b" }, MAX);
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(frame.subarray(4))).not.toThrow();
    expect(frame.subarray(4).toString("utf8")).toBe('{"t":"a\\ud800b"}');
  });

  it("refuses a reply over the limit instead of truncating it", () => {
    expect(() => encodeFrame({ xml: "x".repeat(2000) }, MAX, "HV0001.xml")).toThrow(
      expect.objectContaining({
        code: "HOST_REPLY_TOO_LARGE",
        params: { item: "HV0001.xml", size: 2010, max: MAX },
      }) as Error,
    );
  });
});

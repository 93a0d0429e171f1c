import path from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { HostReply } from "../../../shared/protocol/responses.ts";
import { HocBaArchive } from "../../../native-host/archive/hocba-archive.ts";
import { frame, HostProcess, rawFrame } from "./host-process.ts";
import { buildDocuments, makeTestToken, type TestToken } from "./test-token.ts";
import { scratchDir } from "./scratch-dir.ts";

/**
 * Framing fuzz against running helpers, with a real token that the right request WOULD sign.
 * Thousands of random and mutated frames; each mutation of a sign request is made invalid on
 * purpose (unknown/missing field, wrong type, broken JSON or UTF-8...), so no signature may ever
 * come out. Bounded in time; the seed is printed so a failure can be replayed.
 */

const SEED = Number(process.env.HOCBA_FUZZ_SEED ?? Date.now() % 2 ** 31);
const TIME_BUDGET_MS = 15_000;
const FRAMES_PER_HOST = 1000;

let token: TestToken;
let doc: { fileName: string; xml: string };
beforeAll(() => {
  token = makeTestToken();
  const first = buildDocuments()[0];
  if (!first) throw new Error("no document");
  doc = first;
}, 120_000);

/** mulberry32: small, seeded, good enough to pick mutations. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Json = Record<string, unknown>;

describe("framing fuzz", () => {
  it(`never crashes, never writes anything but frames, never signs (seed ${SEED})`, async () => {
    const random = prng(SEED);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    const jsonValues = fc.sample(fc.jsonValue({ maxDepth: 3 }), { seed: SEED, numRuns: 400 });
    const byteArrays = fc.sample(fc.uint8Array({ maxLength: 300 }), { seed: SEED + 1, numRuns: 400 });
    const strings = fc.sample(fc.string({ unit: "binary", maxLength: 40 }), { seed: SEED + 2, numRuns: 400 });

    const validSign = (): Json => ({
      type: "sign-batch",
      requestId: `s${Math.floor(random() * 1e6)}`,
      role: "GVCN",
      tokenLabel: token.label,
      certId: "01",
      pin: token.pin,
      documents: [{ fileName: doc.fileName, xml: doc.xml }],
    });
    const others = (): Json =>
      pick([
        { type: "status", requestId: "st" },
        { type: "list-tokens", requestId: "lt" },
        { type: "verify", requestId: "v", documents: [{ fileName: doc.fileName, xml: doc.xml }] },
        { type: "cancel", requestId: "c" },
        { type: "archive-list", requestId: "al", limit: 1 },
        { type: "hello", requestId: "h", protocolVersion: 1, client: { name: "f", version: "1" } },
      ]);

    /** Mutations that always make a request invalid. */
    const breakIt = (req: Json): Buffer => {
      const r = structuredClone(req);
      const docs = r.documents as Json[] | undefined;
      switch (Math.floor(random() * 11)) {
        case 0:
          // defineProperty: a plain assignment to "__proto__" would set the prototype, not a key.
          Object.defineProperty(r, pick(["x", "debug", "__proto__", "constructor", "Pin", "sign"]), {
            value: pick(jsonValues),
            enumerable: true,
          });
          break;
        case 1: {
          const required = Object.keys(r).filter((k) => k !== "pin" && k !== "type");
          delete r[pick(required.length > 0 ? required : ["requestId"])];
          break;
        }
        case 2:
          r[pick(Object.keys(r).filter((k) => k !== "pin"))] = pick([42, true, null, [], {}, -1.5]);
          break;
        case 3:
          r.type = pick(strings) + "?";
          break;
        case 4:
          if (docs?.[0]) docs[0][pick(["path", "signed", "encodingX"])] = pick(jsonValues);
          else r.requestId = "";
          break;
        case 5:
          if (docs) {
            r.documents = pick([[], "all", [null], [{}], [{ fileName: "../../etc/passwd", xml: "x" }]]);
          } else r.requestId = "bad id with spaces";
          break;
        case 6:
          r.role = pick(["Gvcn", "HieuTruong", "", 1, null]);
          if (!("role" in req)) r.extra = 1;
          break;
        case 7: {
          const text = JSON.stringify(r);
          return Buffer.from(text.slice(0, Math.max(1, Math.floor(random() * (text.length - 1)))));
        }
        case 8: {
          const bytes = Buffer.from(JSON.stringify(r));
          const at = Math.floor(random() * bytes.length);
          return Buffer.concat([
            bytes.subarray(0, at),
            Buffer.from([pick([0xff, 0xc0, 0xed, 0x80])]),
            bytes.subarray(at),
          ]);
        }
        case 9:
          r.certId = pick(["0A", "xyz", "", "0"]);
          if (!("certId" in req)) r.certId = "01";
          break;
        default:
          return Buffer.from(`${JSON.stringify(r)}${pick([",", "}", " x", "]"])}`);
      }
      return Buffer.from(JSON.stringify(r));
    };

    const nextFrame = (): Buffer => {
      const roll = random();
      if (roll < 0.15) return rawFrame(Buffer.from(pick(byteArrays)));
      if (roll < 0.3) return frame(pick(jsonValues));
      if (roll < 0.75) return rawFrame(breakIt(validSign()));
      // A wrong PIN: even if a mutation left it valid, the token refuses; nothing can be signed.
      if (roll < 0.85) return rawFrame(breakIt({ ...validSign(), pin: "000000" }));
      return rawFrame(breakIt(others()));
    };

    const data = scratchDir("hocba-fuzz");
    const env = { ...token.env, HOCBA_DATA_DIR: data };
    const started = Date.now();
    let frames = 0;
    let processes = 0;
    while (Date.now() - started < TIME_BUDGET_MS || processes < 2) {
      const host = HostProcess.chrome(env);
      processes++;
      await host.hello();
      const chunk: Buffer[] = [];
      for (let i = 0; i < FRAMES_PER_HOST; i++) chunk.push(nextFrame());
      frames += chunk.length;
      // Sent in random slices, so frames straddle reads.
      const stream = Buffer.concat(chunk);
      for (let at = 0; at < stream.length;) {
        const size = 1 + Math.floor(random() * 9000);
        host.write(stream.subarray(at, at + size));
        at += size;
      }
      // Still alive and serving after the barrage.
      host.send({ type: "archive-list", requestId: "alive" });
      await host.next((r) => r.requestId === "alive" && r.type === "archive-entries", 120_000);
      // End each life on raw garbage: a lying length, a cut header, or plain bytes.
      host.write(
        pick([
          Buffer.from([0xff, 0xff, 0xff, 0x7f, 1, 2, 3]),
          Buffer.from([9, 0]),
          Buffer.from(pick(byteArrays)),
          Buffer.from([5, 0, 0, 0, 0x7b, 0x7d]),
        ]),
      );
      host.end();
      const exit = await host.exited;

      const context = `seed ${SEED}, process ${processes}`;
      expect(exit.signal, context).toBeNull();
      expect([0, 1], context).toContain(exit.code);
      expect(host.garbage, context).toBe("");
      expect(host.trailing, context).toBe(0);
      expect(host.stderr, context).not.toMatch(/\n\s+at /);
      expect(
        host.replies.filter((r) => r.type === "signed"),
        context,
      ).toEqual([]);
      for (const r of host.replies) {
        expect(HostReply.safeParse(r).success, `${context}: ${JSON.stringify(r).slice(0, 300)}`).toBe(true);
      }
      // Nearly every frame gets an answer (errors included): the helper did not stall or drop input.
      expect(host.replies.length, context).toBeGreaterThan(FRAMES_PER_HOST * 0.9);
    }
    console.log(`fuzz: ${frames} frames over ${processes} helper processes, seed ${SEED}`);
    expect(frames).toBeGreaterThanOrEqual(2 * FRAMES_PER_HOST);
    const archive = HocBaArchive.open(path.join(data, "archive.sqlite"));
    expect(archive.count()).toBe(0);
    expect([...archive.auditLog()].some((e) => e.event === "document-signed")).toBe(false);
    archive.close();
  }, 180_000);
});

import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sha1 } from "../../../shared/xml/sha1.ts";
import { UUID_NAMESPACE_URL, uuidV5 } from "../../../shared/xml/uuid-v5.ts";
import { must } from "./support/must.ts";

/** RFC 9562 §5.5 with node:crypto, as the reference for the pure-JS version shared code uses. */
function referenceUuidV5(name: string, namespace: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ""), "hex");
  const hash = createHash("sha1").update(ns).update(name, "utf8").digest();
  hash[6] = (must(hash[6]) & 0x0f) | 0x50;
  hash[8] = (must(hash[8]) & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

describe("sha1 (pure JS)", () => {
  it.each([
    ["", "da39a3ee5e6b4b0d3255bfef95601890afd80709"],
    ["abc", "a9993e364706816aba3e25717850c26c9cd0d89d"],
    ["abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "84983e441c3bd26ebaae4aa1f95129e5e54670f1"],
  ])("hashes %j like FIPS 180 says", (input, hex) => {
    expect(Buffer.from(sha1(new TextEncoder().encode(input))).toString("hex")).toBe(hex);
  });

  it("matches node:crypto on any bytes, including block-boundary lengths", () => {
    for (const n of [55, 56, 63, 64, 65, 119, 120, 1000]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 31) & 0xff);
      expect(Buffer.from(sha1(bytes)).toString("hex")).toBe(createHash("sha1").update(bytes).digest("hex"));
    }
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(Buffer.from(sha1(bytes)).toString("hex")).toBe(createHash("sha1").update(bytes).digest("hex"));
      }),
      { numRuns: 300 },
    );
  });
});

describe("uuidV5", () => {
  it("gives the RFC 9562 example for www.example.com in the DNS namespace", () => {
    expect(uuidV5("www.example.com", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")).toBe(
      "2ed6657d-e927-568b-95e1-2665a8aea6a2",
    );
  });

  it("matches a node:crypto implementation for any name", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 60 }), (name) => {
        expect(uuidV5(name, UUID_NAMESPACE_URL)).toBe(referenceUuidV5(name, UUID_NAMESPACE_URL));
      }),
      { numRuns: 200 },
    );
  });
});

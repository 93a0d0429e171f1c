import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readCertificateSubject } from "../../../shared/authority/read-certificate-subject.ts";
import { subjectIds } from "../../../native-host/token/certificate-info.ts";
import { verifyHocBa } from "../../../native-host/verify/verify-hocba.ts";

/**
 * Patterns that see untrusted input must be linear in its length. Before: the base64 check of
 * SignatureValue backtracked quadratically on spaces before "= =" (80k spaces: 10 s) and the subject
 * id prefix on a long serialNumber, so one crafted file held `hocba verify` and the helper for
 * minutes. The bounds below are 20-100× what the linear code takes and far below what the
 * quadratic code took at these sizes (200k spaces: about 60 s).
 */
const DIR = path.resolve(import.meta.dirname, "../../fixtures/attacks");
const manifest = JSON.parse(readFileSync(path.join(DIR, "manifest.json"), "utf8")) as { verifyAt: string };
const G = readFileSync(path.join(DIR, "valid-gvcn.xml"), "utf8");
const SPACES = " ".repeat(200_000);

describe("linear patterns on untrusted input", () => {
  it("SignatureValue padding written '= =' after 200k spaces: valid xs:base64Binary, verified at once", async () => {
    expect(G).toContain("==</ds:SignatureValue>");
    const spaced = G.replace("==</ds:SignatureValue>", `${SPACES}= =</ds:SignatureValue>`);
    const t0 = performance.now();
    const report = await verifyHocBa(Buffer.from(spaced, "utf8"), {
      trustRootFiles: [path.join(DIR, "pki/root.pem")],
      trustStoreDir: null,
      now: new Date(manifest.verifyAt),
    });
    expect(performance.now() - t0).toBeLessThan(3000);
    // White space inside base64Binary does not change the value: the signature still verifies.
    expect(report.issues).toEqual([]);
    expect(report.signatures.map((s) => [s.role, s.issues])).toEqual([["GVCN", []]]);
    expect(report.ok).toBe(true);
  });

  it("a base64 value that is not base64 after the spaces is refused, not decoded", async () => {
    const broken = G.replace("==</ds:SignatureValue>", `${SPACES}=*</ds:SignatureValue>`);
    const report = await verifyHocBa(Buffer.from(broken, "utf8"), {
      trustRootFiles: [path.join(DIR, "pki/root.pem")],
      trustStoreDir: null,
      now: new Date(manifest.verifyAt),
    });
    expect(report.ok).toBe(false);
  });

  it("a subject serialNumber with 200k spaces inside is read at once", () => {
    const t0 = performance.now();
    const ids = subjectIds([
      ["serialNumber", `CCCD:1${SPACES}x`],
      ["UID", `MST${SPACES}`],
    ]);
    expect(performance.now() - t0).toBeLessThan(500);
    expect(ids).toEqual({ cccd: `1${SPACES}x` });
  });

  it.each([
    ["CCCD:001190012345", { cccd: "001190012345" }],
    [" cccd . 001190012345 ", { cccd: "001190012345" }],
    ["MST:0109876543", { mst: "0109876543" }],
    ["CMND:123456789", { cmnd: "123456789" }],
    ["HO CHIEU:B1234567", { hoChieu: "B1234567" }],
    ["CCCD:", {}],
    ["CCCDX:1", {}],
    ["001190012345", {}],
  ])("subject id %j", (value, expected) => {
    expect(subjectIds([["serialNumber", value]])).toEqual(expected);
  });

  it("signer authority reads a subject id of 'A' + 200k spaces at once (the lazy ID_VALUE took 2.9 s at 40k)", () => {
    const t0 = performance.now();
    const cert = readCertificateSubject(
      `CN=X, serialNumber=A${SPACES}, UID=CCCD${SPACES}:${SPACES}1${SPACES}x`,
    );
    expect(performance.now() - t0).toBeLessThan(500);
    expect(cert.personalIds).toEqual({ cccd: `1${SPACES}x` });
    expect(cert.organisationIds).toEqual([]);
  });

  it("signer authority reads subject ids exactly as the quadratic pattern did, on short values", () => {
    const OLD = /^\s*([A-Za-z][A-Za-z ]*?)\s*[:.]\s*(\S.*?)\s*$/;
    const kinds: Record<string, "cccd" | "cmnd" | "hoChieu"> = {
      CCCD: "cccd",
      CMND: "cmnd",
      HC: "hoChieu",
      "HO CHIEU": "hoChieu",
      PASSPORT: "hoChieu",
    };
    const unit = fc.constantFrom(
      "C",
      "D",
      "c",
      "M",
      "S",
      "T",
      "H",
      "O",
      " ",
      ":",
      ".",
      "\t",
      "\n",
      "1",
      "\u00a0",
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 14 }), (v) => {
        const m = OLD.exec(v.trim());
        const kind = m?.[1]?.toUpperCase().replace(/\s+/g, " ");
        const personal = kind !== undefined ? kinds[kind] : undefined;
        const expected = {
          personalIds: m?.[2] && personal ? { [personal]: m[2] } : {},
          organisationIds: m?.[2] && kind === "MST" ? [`MST:${m[2]}`] : [],
        };
        const cert = readCertificateSubject(`CN=X, serialNumber=${v.replace(/([,+\\])/g, "\\$1")}`);
        expect({ personalIds: cert.personalIds, organisationIds: cert.organisationIds }).toEqual(expected);
      }),
      { numRuns: 3000, seed: 9 },
    );
  });
});

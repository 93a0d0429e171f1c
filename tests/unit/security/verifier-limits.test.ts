import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { isHocBaError } from "../../../shared/errors/hocba-error.ts";
import { prepareHocBaSignature, type SignerIdentity } from "../../../native-host/sign/sign-hocba.ts";
import { describeCertificate } from "../../../native-host/token/certificate-info.ts";
import { HOCBA_INPUT_LIMITS, inspectHocBa } from "../../../native-host/xmldsig/inspect-hocba.ts";
import { verifyHocBa, type VerifyReport } from "../../../native-host/verify/verify-hocba.ts";
import { runHocba } from "../../support/run-hocba.ts";

/**
 * Security review, verifier: untrusted documents that are valid XML but built to hurt (too big,
 * too many elements, too deep) are refused with a Vietnamese issue, never an exception. Before the
 * limits, 5000 nested elements overflowed the stack in the inspection and in the canonicalizer
 * (RangeError out of verifyHocBa), and 2 million empty elements in 8 MB took 2 GB of memory.
 */
const DIR = path.resolve(import.meta.dirname, "../../fixtures/attacks");
const manifest = JSON.parse(readFileSync(path.join(DIR, "manifest.json"), "utf8")) as { verifyAt: string };
const G = readFileSync(path.join(DIR, "valid-gvcn.xml"), "utf8");
const options = {
  trustRootFiles: [path.join(DIR, "pki/root.pem")],
  trustStoreDir: null,
  now: new Date(manifest.verifyAt),
};

function codes(r: VerifyReport): string[] {
  return [
    ...r.issues.map((i) => i.code),
    ...r.signatures.flatMap((s) => s.issues.map((i) => `${s.role}:${i.code}`)),
  ];
}

const nested = (n: number) => `${"<x>".repeat(n)}${"</x>".repeat(n)}`;

describe("verifier input limits", () => {
  it.each<[string, () => string, string]>([
    [
      "5000 levels inside DLHocBa (overflowed the canonicalizer)",
      () => G.replace("</DLHocBa>", `${nested(5000)}</DLHocBa>`),
      "VERIFY_TOO_DEEP",
    ],
    [
      "20000 levels after the signature (overflowed the inspection)",
      () => G.replace("</DSCKS>", `${nested(20000)}</DSCKS>`),
      "VERIFY_TOO_DEEP",
    ],
    ["200000 levels", () => G.replace("</DSCKS>", `${nested(200000)}</DSCKS>`), "VERIFY_TOO_MANY_ELEMENTS"],
    [
      "more tags than any học bạ has",
      () => G.replace("</DSCKS>", `${"<a/>".repeat(HOCBA_INPUT_LIMITS.maxTags)}</DSCKS>`),
      "VERIFY_TOO_MANY_ELEMENTS",
    ],
    [
      "more bytes than any học bạ has",
      () => G.replace("</DSCKS>", `${" ".repeat(HOCBA_INPUT_LIMITS.maxBytes)}</DSCKS>`),
      "VERIFY_TOO_LARGE",
    ],
  ])("%s: refused with a Vietnamese issue, no exception", async (_name, make, code) => {
    const report = await verifyHocBa(Buffer.from(make(), "utf8"), options);
    expect(report.ok).toBe(false);
    expect(codes(report)).toEqual([code]);
    expect(report.issues[0]?.message).toMatch(/[ơưđạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/);
    expect(report.signedData).toBeUndefined();
  });

  it("a document right at the depth limit is still read (the limit is on nesting, not on size)", () => {
    // HocBaSo/DSCKS/GVCN/x... : the GVCN container is at depth 3.
    const atLimit = G.replace(
      "</ds:Signature></GVCN>",
      `</ds:Signature>${nested(HOCBA_INPUT_LIMITS.maxDepth - 3)}</GVCN>`,
    );
    const over = G.replace(
      "</ds:Signature></GVCN>",
      `</ds:Signature>${nested(HOCBA_INPUT_LIMITS.maxDepth - 2)}</GVCN>`,
    );
    const atLimitCodes = inspectHocBa(Buffer.from(atLimit)).issues.map((i) => i.code);
    expect(atLimitCodes).toContain("VERIFY_CONTAINER_CONTENT");
    expect(atLimitCodes).not.toContain("VERIFY_TOO_DEEP");
    expect(inspectHocBa(Buffer.from(over)).issues.map((i) => i.code)).toEqual(["VERIFY_TOO_DEEP"]);
  });

  it("hocba verify answers a deeply nested file with a Vietnamese report and exit code 1, no stack trace", async () => {
    const r = await runHocba([
      "verify",
      path.join(DIR, "deep-nesting.xml"),
      "--trust",
      options.trustRootFiles[0] ?? "",
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("KHÔNG HỢP LỆ");
    expect(r.stdout).toContain("lồng nhau quá sâu");
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/RangeError|\n\s+at /);
  });

  it("hocba verify does not even read a file larger than any học bạ", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "hocba-sec-big-"));
    try {
      // Sparse: 3 GiB that take no disk. Reading it would take the memory (or fail as unreadable).
      const big = path.join(dir, "lon.xml");
      writeFileSync(big, "");
      truncateSync(big, 3 * 1024 ** 3);
      const r = await runHocba(["verify", big, "--json"]);
      expect(r.code).toBe(1);
      const report = JSON.parse(r.stdout) as {
        files: Array<{ issues: Array<{ code: string; message: string }> }>;
      };
      expect(report.files[0]?.issues.map((i) => i.code)).toEqual(["VERIFY_TOO_LARGE"]);
      expect(report.files[0]?.issues[0]?.message).toContain("Tệp quá lớn");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("signing refuses a deeply nested document with a clear error before touching the key", async () => {
    const pem = readFileSync(path.join(DIR, "pki/int.pem"), "utf8");
    const der = Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ""), "base64");
    // The identity is never used: the document is refused first.
    const identity: SignerIdentity = {
      certificate: der,
      chain: [],
      info: describeCertificate(der),
      keyType: "RSA",
    };
    const unsigned = G.replace(/<DSCKS>[\s\S]*<\/DSCKS>/, "<DSCKS/>").replace(
      "</DLHocBa>",
      `${nested(5000)}</DLHocBa>`,
    );
    const err = await prepareHocBaSignature(identity, Buffer.from(unsigned), "GVCN").then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isHocBaError(err) && err.code).toBe("SIGN_INVALID_DOCUMENT");
  });
});

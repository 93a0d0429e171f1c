import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { NS_DS } from "../../../shared/xml/hocbaso-v1/signature-profile.ts";
import { verifyHocBa, type VerifyReport } from "../../../native-host/verify/verify-hocba.ts";

/**
 * Security review, verifier: edits an attacker can make without a key (parts no signature covers,
 * and namespace spellings). Each is refused for its own reason, or accepted because it changes
 * nothing that is signed or shown.
 */
const DIR = path.resolve(import.meta.dirname, "../../fixtures/attacks");
const manifest = JSON.parse(readFileSync(path.join(DIR, "manifest.json"), "utf8")) as { verifyAt: string };
const G = readFileSync(path.join(DIR, "valid-gvcn.xml"), "utf8");

function edit(search: string, replacement: string): string {
  if (G.split(search).length !== 2) throw new Error(`expected one ${search}`);
  return G.replace(search, replacement);
}

async function codes(text: string): Promise<{ report: VerifyReport; codes: string[] }> {
  const report = await verifyHocBa(Buffer.from(text, "utf8"), {
    trustRootFiles: [path.join(DIR, "pki/root.pem")],
    trustStoreDir: null,
    now: new Date(manifest.verifyAt),
  });
  return {
    report,
    codes: [
      ...report.issues.map((i) => i.code),
      ...report.signatures.flatMap((s) => s.issues.map((i) => `${s.role}:${i.code}`)),
    ],
  };
}

describe("edits without a key", () => {
  it.each<[string, string, string, string[]]>([
    [
      "text between SignedInfo and SignatureValue",
      "</ds:SignedInfo>\n",
      "</ds:SignedInfo>x\n",
      ["GVCN:VERIFY_SIG_SHAPE"],
    ],
    ["text in KeyInfo", "<ds:KeyInfo>", "<ds:KeyInfo>x", ["GVCN:VERIFY_SIG_SHAPE"]],
    ["text in the role container", "<GVCN><ds:", "<GVCN>x<ds:", ["VERIFY_CONTAINER_CONTENT"]],
    ["text in DSCKS", "<DSCKS>", "<DSCKS>x", ["VERIFY_DSCKS_CONTENT"]],
    ["an attribute on the role container", "<GVCN><ds:", '<GVCN Id="x"><ds:', ["VERIFY_CONTAINER_CONTENT"]],
    ["an attribute on DSCKS", "<DSCKS>", '<DSCKS Id="x">', ["VERIFY_DSCKS_CONTENT"]],
    [
      "an attribute in another namespace on ds:Signature",
      'Id="sig-GVCN">',
      'Id="sig-GVCN" xmlns:y="urn:y" y:Id="DLHocBa">',
      ["VERIFY_DUPLICATE_ID", "GVCN:VERIFY_SIG_SHAPE"],
    ],
    ["an Id on KeyInfo", "<ds:KeyInfo>", '<ds:KeyInfo Id="k">', ["GVCN:VERIFY_SIG_SHAPE"]],
    [
      "ds bound to another URI on SignatureValue",
      "<ds:SignatureValue>",
      '<ds:SignatureValue xmlns:ds="urn:khac">',
      ["GVCN:VERIFY_SIG_SHAPE"],
    ],
    [
      "a second SignatureValue",
      "<ds:KeyInfo>",
      "<ds:SignatureValue>AAAA</ds:SignatureValue><ds:KeyInfo>",
      ["GVCN:VERIFY_SIG_SHAPE"],
    ],
    ["whitespace around the containers", "<DSCKS>\n", "<DSCKS>\n  \t\n", []],
    [
      "a default namespace on ds:Signature (its elements are prefixed)",
      `<ds:Signature xmlns:ds="${NS_DS}"`,
      `<ds:Signature xmlns="urn:x" xmlns:ds="${NS_DS}"`,
      [],
    ],
    [
      "ds redeclared to the same URI inside SignedInfo",
      "<ds:SignedInfo>",
      `<ds:SignedInfo xmlns:ds="${NS_DS}">`,
      [],
    ],
    ["an unused namespace declaration inside the data", "<HocVien>", '<HocVien xmlns:ds="urn:x">', []],
  ])("%s", async (_name, search, replacement, expected) => {
    const { report, codes: found } = await codes(edit(search, replacement));
    expect(found).toEqual(expected);
    expect(report.ok).toBe(expected.length === 0);
    if (expected.length === 0) {
      // Accepted only because what is shown is exactly what was signed.
      const original = await codes(G);
      expect(report.signedData?.canonicalXml).toBe(original.report.signedData?.canonicalXml);
    }
  });
});

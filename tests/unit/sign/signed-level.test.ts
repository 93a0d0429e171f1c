import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SigningRole } from "../../../shared/xml/hocbaso-v1/signature-profile.ts";
import { collectValidationData } from "../../../native-host/sign/collect-validation-data.ts";
import { signHocBa } from "../../../native-host/sign/sign-hocba.ts";
import { signedLevel, type SignatureLevel } from "../../../native-host/sign/signed-level.ts";
import { openTokenSession, type TokenSession } from "../../../native-host/token/token-session.ts";
import { requestTimestamp } from "../../../native-host/trust/request-timestamp.ts";
import { examineSignature } from "../../../native-host/xmldsig/examine-signature.ts";
import { inspectHocBa } from "../../../native-host/xmldsig/inspect-hocba.ts";
import { sampleDocument } from "../../support/hocba-documents.ts";
import { startLoopbackOcsp, type LoopbackOcsp } from "../../support/loopback-ocsp.ts";
import { startLoopbackTsa, type LoopbackTsa } from "../../support/loopback-tsa.ts";
import { softwareSigner } from "../../support/software-signer.ts";
import { useTestToken } from "../../support/test-token.ts";

// Real documents at each level: the SoftHSM token (B-B, B-T), a loopback `openssl ts` TSA, and a
// certificate naming a loopback OCSP responder (B-LT), as tests/unit/trust/long-term.test.ts makes them.

let tsa: LoopbackTsa;
let ocsp: LoopbackOcsp;
let session: TokenSession;
/** GVCN without a timestamp, with one, with one and validation data; then thủ trưởng B-T over B-LT. */
let bb: Buffer;
let bt: Buffer;
let blt: Buffer;
let countersigned: Buffer;

/** The level examineSignature's facts give: what signedLevel answered before it read lightly. */
function examinedLevel(bytes: Uint8Array, role: SigningRole): SignatureLevel | undefined {
  const doc = inspectHocBa(bytes).document;
  const index = doc?.containers.findIndex((c) => c.role === role) ?? -1;
  if (!doc || index < 0) return undefined;
  const facts = examineSignature(doc, index, new Map());
  if (!facts.signatureTimeStamp) return "B-B";
  return facts.validationData ? "B-LT" : "B-T";
}

/** The document's text with `edit` applied once (it must change something). */
function edited(bytes: Buffer, edit: (text: string) => string): Buffer {
  const text = bytes.toString("utf8");
  const out = edit(text);
  expect(out).not.toBe(text);
  return Buffer.from(out, "utf8");
}

/** Its namespace, declared where an edit moves an element out of QualifyingProperties (which declares it). */
const XADES = 'xmlns:xades="http://uri.etsi.org/01903/v1.3.2#"';

/** The first `<xades:Tag>…</xades:Tag>` in `text`. */
function element(text: string, tag: string): string {
  const m = new RegExp(`<xades:${tag}>[\\s\\S]*?</xades:${tag}>`).exec(text);
  if (!m) throw new Error(`no xades:${tag}`);
  return m[0];
}

beforeAll(async () => {
  const tok = useTestToken();
  const pki = { intermediatePem: tok.intermediatePem, pkiDir: tok.pkiDir };
  [tsa, ocsp] = await Promise.all([startLoopbackTsa(pki), startLoopbackOcsp(pki)]);
  const stamp = (data: Buffer) =>
    requestTimestamp({ url: tsa.url, timeoutMs: 10_000 }, data).then((t) => t.token);
  session = openTokenSession({ modulePath: tok.modulePath, tokenLabel: tok.tokenLabel });
  session.login(tok.pin);
  const gvcn = session.selectSigner({ cert: "gvcn" });
  const unsigned = sampleDocument().bytes;
  bb = await signHocBa(gvcn, unsigned, "GVCN");
  bt = await signHocBa(gvcn, unsigned, "GVCN", { timestamp: stamp });
  const rootDer = execFileSync("openssl", ["x509", "-in", tok.rootPem, "-outform", "DER"]);
  const ocspGvcn = softwareSigner(ocsp.certs.gvcn, ocsp.keyPem("gvcn"), [ocsp.issuerDer]);
  blt = await signHocBa(ocspGvcn, unsigned, "GVCN", {
    timestamp: stamp,
    validationData: collectValidationData([ocsp.issuerDer, rootDer]),
  });
  countersigned = await signHocBa(session.selectSigner({ cert: "thu-truong" }), blt, "ThuTruong", {
    timestamp: stamp,
  });
}, 90_000);
afterAll(async () => {
  session?.close();
  await Promise.all([tsa?.close(), ocsp?.close()]);
});

describe("signedLevel: the level of a document taken back from the archive, read lightly", () => {
  it("B-B, B-T and B-LT, per role, as examineSignature reads them; undefined for a role not signed", () => {
    // The documents are what they should be: no timestamp, a timestamp, validation data after it.
    expect(bb.toString("utf8")).not.toContain("SignatureTimeStamp");
    expect(bt.toString("utf8")).not.toContain("RevocationValues");
    expect(blt.toString("utf8")).toMatch(/<\/xades:SignatureTimeStamp><xades:CertificateValues>/);
    const cases: Array<[Buffer, SigningRole, SignatureLevel | undefined]> = [
      [bb, "GVCN", "B-B"],
      [bt, "GVCN", "B-T"],
      [blt, "GVCN", "B-LT"],
      [countersigned, "GVCN", "B-LT"],
      [countersigned, "ThuTruong", "B-T"],
      [countersigned, "DonVi", undefined],
      [bt, "ThuTruong", undefined],
    ];
    for (const [bytes, role, level] of cases) {
      expect([role, signedLevel(bytes, role)]).toEqual([role, level]);
      expect([role, examinedLevel(bytes, role)]).toEqual([role, level]);
    }
    expect(signedLevel(Buffer.from("không phải XML"), "GVCN")).toBeUndefined();
  });

  it("the XAdES namespace under another prefix is the same level; the same names in another namespace count for nothing", () => {
    const prefixed = edited(blt, (t) => {
      const up = element(t, "UnsignedProperties");
      const renamed = up
        .replace(/<(\/?)xades:/g, "<$1x:")
        .replace(
          "<x:UnsignedProperties>",
          '<x:UnsignedProperties xmlns:x="http://uri.etsi.org/01903/v1.3.2#">',
        );
      return t.replace(up, renamed);
    });
    expect(signedLevel(prefixed, "GVCN")).toBe("B-LT");
    expect(examinedLevel(prefixed, "GVCN")).toBe("B-LT");
    // XAdES 1.4.1's namespace, which a tool might write: not the profile's, so no timestamp.
    const foreign = edited(blt, (t) =>
      t.replace(
        "<xades:UnsignedProperties>",
        '<xades:UnsignedProperties xmlns:xades="http://uri.etsi.org/01903/v1.4.1#">',
      ),
    );
    expect(signedLevel(foreign, "GVCN")).toBe("B-B");
    expect(examinedLevel(foreign, "GVCN")).toBe("B-B");
    // Only one element of the path in that namespace, each other in the profile's.
    for (const tag of [
      "UnsignedProperties",
      "UnsignedSignatureProperties",
      "SignatureTimeStamp",
      "RevocationValues",
    ]) {
      const one = edited(blt, (t) =>
        t
          .replace(`<xades:${tag}>`, `<u:${tag} xmlns:u="http://uri.etsi.org/01903/v1.4.1#">`)
          .replace(`</xades:${tag}>`, `</u:${tag}>`),
      );
      expect([tag, signedLevel(one, "GVCN")]).toEqual([tag, "B-B"]);
      expect([tag, examinedLevel(one, "GVCN")]).toEqual([tag, "B-B"]);
    }
  });

  it("a timestamp or validation data in the wrong place is never a higher level than examineSignature reports", () => {
    const lt = (t: string) => element(t, "CertificateValues") + element(t, "RevocationValues");
    const cases: Array<[string, Buffer, (t: string) => string]> = [
      [
        "validation data before the timestamp",
        blt,
        (t) =>
          t.replace(lt(t), "").replace("<xades:SignatureTimeStamp>", `${lt(t)}<xades:SignatureTimeStamp>`),
      ],
      [
        "RevocationValues before CertificateValues",
        blt,
        (t) => t.replace(lt(t), element(t, "RevocationValues") + element(t, "CertificateValues")),
      ],
      [
        "validation data inside the SignatureTimeStamp",
        blt,
        (t) =>
          t.replace(lt(t), "").replace("</xades:SignatureTimeStamp>", `${lt(t)}</xades:SignatureTimeStamp>`),
      ],
      [
        "validation data beside UnsignedSignatureProperties",
        blt,
        (t) =>
          t
            .replace(lt(t), "")
            .replace("</xades:UnsignedSignatureProperties>", `</xades:UnsignedSignatureProperties>${lt(t)}`),
      ],
      ["validation data twice", blt, (t) => t.replace(lt(t), lt(t) + element(t, "RevocationValues"))],
      [
        "an OCSPValues with nothing in it",
        blt,
        (t) => t.replace(element(t, "OCSPValues"), "<xades:OCSPValues></xades:OCSPValues>"),
      ],
      [
        "UnsignedProperties beside QualifyingProperties, in ds:Object",
        bt,
        (t) =>
          t
            .replace(element(t, "UnsignedProperties"), "")
            .replace(
              "</xades:QualifyingProperties>",
              `</xades:QualifyingProperties>${element(t, "UnsignedProperties").replace(">", ` ${XADES}>`)}`,
            ),
      ],
      [
        "UnsignedProperties in a second ds:Object",
        bt,
        (t) =>
          t
            .replace(element(t, "UnsignedProperties"), "")
            .replace(
              "</ds:Object>",
              `</ds:Object><ds:Object><xades:QualifyingProperties ${XADES} Target="#sig-GVCN">${element(t, "UnsignedProperties")}</xades:QualifyingProperties></ds:Object>`,
            ),
      ],
      [
        "UnsignedProperties before SignedProperties",
        bt,
        (t) =>
          t
            .replace(element(t, "UnsignedProperties"), "")
            .replace(
              "<xades:SignedProperties ",
              `${element(t, "UnsignedProperties")}<xades:SignedProperties `,
            ),
      ],
      [
        "the timestamp directly in UnsignedProperties",
        bt,
        (t) => t.replace(/<\/?xades:UnsignedSignatureProperties>/g, ""),
      ],
      [
        "an empty EncapsulatedTimeStamp",
        bt,
        (t) =>
          t.replace(
            element(t, "EncapsulatedTimeStamp"),
            "<xades:EncapsulatedTimeStamp></xades:EncapsulatedTimeStamp>",
          ),
      ],
      [
        "QualifyingProperties whose Target is another signature",
        countersigned,
        (t) => t.replace('Target="#sig-GVCN"', 'Target="#sig-ThuTruong"'),
      ],
    ];
    for (const [name, bytes, edit] of cases) {
      const changed = edited(bytes, edit);
      expect([name, signedLevel(changed, "GVCN")]).toEqual([name, "B-B"]);
      expect([name, examinedLevel(changed, "GVCN")]).toEqual([name, "B-B"]);
    }
  });
});

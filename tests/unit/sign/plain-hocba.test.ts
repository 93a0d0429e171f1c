import { X509Certificate } from "node:crypto";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isHocBaError } from "../../../shared/errors/hocba-error.ts";
import { readPlainHocBa } from "../../../native-host/sign/plain-hocba.ts";
import { readPlainSignable } from "../../../native-host/sign/read-plain-signable.ts";
import { readPlainSignableTree } from "../../../native-host/sign/read-plain-signable-tree.ts";
import {
  prepareHocBaSignature,
  signHocBa,
  type SignerIdentity,
} from "../../../native-host/sign/sign-hocba.ts";
import { describeCertificate } from "../../../native-host/token/certificate-info.ts";
import { openTokenSession, type TokenSession } from "../../../native-host/token/token-session.ts";
import { verifyHocBa } from "../../../native-host/verify/verify-hocba.ts";
import { validateHocBaXml, validateHocBaXmlWith } from "../../../native-host/xml/validate-hocba-xml.ts";
import { sampleDocument } from "../../support/hocba-documents.ts";
import { useTestToken, type TestToken } from "../../support/test-token.ts";
import { xmlsec1Verify } from "../../support/xmlsec1.ts";

/*
 * The signer prepares a plain unsigned document from libxml2's parse alone (plain-hocba.ts) and
 * everything else through the verifier's own parse and inspection. Whichever path runs, the outcome
 * must be the same: the same refusal, or the same SignedInfo (so the same digest of DLHocBa).
 */

let tok: TestToken;
let identity: SignerIdentity;
let base: string;

beforeAll(() => {
  tok = useTestToken();
  const der = new X509Certificate(readFileSync(tok.certPem("gvcn"))).raw;
  const intermediate = new X509Certificate(readFileSync(tok.intermediatePem)).raw;
  identity = { certificate: der, chain: [intermediate], info: describeCertificate(der), keyType: "RSA" };
  base = Buffer.from(sampleDocument().bytes).toString("utf8");
});

/** Text pieces: plain ones, and ones that must send the document down the full path. */
const PLAIN_PIECES = [
  "a",
  "Chăm chỉ",
  " ",
  "\t",
  "\n",
  "&amp;",
  "&lt;",
  "&gt;",
  "&quot;",
  "&apos;",
  ">",
  '"',
  "'",
  "𝔸",
  "]]&gt;",
  "=",
  "/",
  "\u00a0",
  "ở",
];
const ODD_PIECES = [
  "&#13;",
  "&#x41;",
  "\r\n",
  "\r",
  "\u2028",
  "\u0085",
  "\u2029",
  "\uFFFD",
  "xmlns",
  "&#x1D538;",
];

const textArb = (odd: boolean) =>
  fc
    .array(fc.constantFrom(...PLAIN_PIECES, ...(odd ? ODD_PIECES : [])), { maxLength: 8 })
    .map((parts) => parts.join(""));

/** How a document is written: the same data, spelled in ways XML allows. */
const variantArb = fc.record({
  nhanXet: textArb(false),
  noiSinh: fc.oneof({ weight: 3, arbitrary: textArb(false) }, { weight: 1, arbitrary: textArb(true) }),
  declaration: fc.constantFrom(
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    '<?xml version="1.0" encoding="UTF-8"?>\n',
    "",
    "<?xml version='1.0' encoding='UTF-8'?>\n",
    '<?xml version="1.0"?>',
  ),
  idSpelling: fc.constantFrom(
    'Id="DLHocBa"',
    "Id='DLHocBa'",
    'Id = "DLHocBa"',
    'Id="DLHocBa"',
    'Id=" DLHocBa"',
  ),
  spaceInTags: fc.boolean(),
  expandEmpty: fc.boolean(),
  pretty: fc.boolean(),
  rootNamespace: fc.constantFrom("", "", "", "", ' xmlns:x="urn:x"'),
});
type Variant = typeof variantArb extends fc.Arbitrary<infer T> ? T : never;

function write(v: Variant): Buffer {
  let xml = base.replace(/^<\?xml[^>]*\?>\n?/, v.declaration);
  xml = xml.replace(/<NhanXetGVCN>[^<]*<\/NhanXetGVCN>/, () => `<NhanXetGVCN>${v.nhanXet}</NhanXetGVCN>`);
  xml = xml.replace(/<NoiSinh>[^<]*<\/NoiSinh>/, () => `<NoiSinh>${v.noiSinh}</NoiSinh>`);
  xml = xml.replace('Id="DLHocBa"', v.idSpelling);
  xml = xml.replace('<HocBaSo PhienBan="1.0">', `<HocBaSo${v.rootNamespace} PhienBan="1.0">`);
  if (v.spaceInTags) xml = xml.replace("<NamHoc>", "<NamHoc  >").replace("</Lop>", "</Lop\n>");
  if (v.expandEmpty) {
    xml = xml.replace(/<(\w+)\/>/g, (_m, name: string) =>
      name === "DSCKS" ? "<DSCKS/>" : `<${name}></${name}>`,
    );
  }
  if (v.pretty) xml = xml.replace(/<\/(TTChung|HocVien|KetQua)>/g, "</$1>\n  ");
  return Buffer.from(xml, "utf8");
}

/** One signing time for both paths (the test certificates are valid from the day they are made). */
const signingTime = new Date();

async function outcome(bytes: Uint8Array, fullPath: boolean): Promise<string> {
  try {
    const p = await prepareHocBaSignature(identity, bytes, "GVCN", {
      signingTime,
      ...(fullPath ? { validate: validateHocBaXml } : {}),
    });
    return `ok ${JSON.stringify(p.ids)} ${p.signedInfo.toString("base64")}`;
  } catch (err) {
    if (isHocBaError(err)) return `refused ${err.code}`;
    throw err;
  }
}

const isPlain = (bytes: Uint8Array): boolean =>
  validateHocBaXmlWith(bytes, (doc, text) => readPlainHocBa(doc, text, bytes.length)).value != null;

describe("the signer's fast path for plain unsigned documents", () => {
  it("gives the same result as the full path, on documents written in many ways (property)", async () => {
    let plain = 0;
    let notPlain = 0;
    let signed = 0;
    await fc.assert(
      fc.asyncProperty(variantArb, async (v) => {
        const bytes = write(v);
        if (isPlain(bytes)) plain++;
        else notPlain++;
        const fast = await outcome(bytes, false);
        const full = await outcome(bytes, true);
        if (fast.startsWith("ok")) signed++;
        expect(fast).toBe(full);
      }),
      { numRuns: 300, seed: 20261129 },
    );
    // Both paths were exercised, and most documents were signable.
    expect(plain).toBeGreaterThan(50);
    expect(notPlain).toBeGreaterThan(50);
    expect(signed).toBeGreaterThan(150);
  });

  it("reads, without libxml2, the same facts as with it, and only for documents libxml2 finds valid (property)", () => {
    let tree = 0;
    let libxml2 = 0;
    fc.assert(
      fc.property(variantArb, (v) => {
        const bytes = write(v);
        const withLibxml2 = validateHocBaXmlWith(bytes, (doc, text) =>
          readPlainSignable(doc, text, bytes.length),
        );
        const without = readPlainSignableTree(bytes);
        if (withLibxml2.value) libxml2++;
        if (!without) return;
        tree++;
        expect(withLibxml2.ok).toBe(true);
        expect(without).toEqual(withLibxml2.value);
      }),
      { numRuns: 400, seed: 20261207 },
    );
    // The path without libxml2 takes the plain documents (the same class), nearly all of them.
    expect(tree).toBeGreaterThan(libxml2 * 0.9);
    expect(tree).toBeGreaterThan(50);
  });

  it("reads a built document of every shape without libxml2, with the same facts", () => {
    const bytes = Buffer.from(base);
    const withLibxml2 = validateHocBaXmlWith(bytes, (doc, text) =>
      readPlainSignable(doc, text, bytes.length),
    );
    expect(withLibxml2.value).toBeTruthy();
    expect(readPlainSignableTree(bytes)).toEqual(withLibxml2.value);
    // A deputy (KyThay) and a GVCN's CCCD are named signers too.
    const deputy = Buffer.from(
      base
        .replace(
          "</ThuTruong>",
          "</ThuTruong><KyThay><HoTen>Lê Văn An</HoTen><ChucVu>Phó Giám đốc</ChucVu><CCCD>001085012345</CCCD></KyThay>",
        )
        .replace(/<\/GVCN>/, "</GVCN><CCCDGVCN>001085012346</CCCDGVCN>"),
    );
    const deputyLibxml2 = validateHocBaXmlWith(deputy, (doc, text) =>
      readPlainSignable(doc, text, deputy.length),
    );
    expect(deputyLibxml2.value?.named.kyThay?.hoTen).toBe("Lê Văn An");
    expect(readPlainSignableTree(deputy)).toEqual(deputyLibxml2.value);
    // Signed, or not valid: not for this path.
    expect(
      readPlainSignableTree(Buffer.from(base.replace("<SuKien>NEW</SuKien>", "<SuKien>OLD</SuKien>"))),
    ).toBeNull();
  });

  it('refuses a document with Id=" DLHocBa" on both paths (the XSD alone would let it through)', async () => {
    const bytes = Buffer.from(base.replace('Id="DLHocBa"', 'Id=" DLHocBa"'));
    expect(validateHocBaXml(bytes).ok).toBe(true);
    expect(await outcome(bytes, false)).toBe("refused SIGN_INVALID_DOCUMENT");
  });
});

describe("signatures over tricky text verify everywhere", () => {
  let session: TokenSession;
  beforeAll(() => {
    session = openTokenSession({ modulePath: tok.modulePath, tokenLabel: tok.tokenLabel });
    session.login(tok.pin);
  });
  afterAll(() => session.close());

  it.each([
    [
      "entities and quotes (fast path)",
      `a &amp; b &lt; c &gt; d "q" 'a' &apos;x&apos; &quot;y&quot; ]]&gt; 𝔸\tz`,
    ],
    ["Vietnamese and a no-break space (fast path)", "Chăm chỉ,\u00a0tiến bộ rõ rệt."],
    ["LINE SEPARATOR, NEL, PARAGRAPH SEPARATOR (full path)", "một\u2028hai\u0085ba\u2029bốn"],
    ["character references and CR (full path)", "x&#13;y&#x9;z\r\nw"],
  ])("%s: our verifier and xmlsec1 agree", async (_name, text) => {
    const signer = session.selectSigner({ cert: "gvcn" });
    const bytes = Buffer.from(
      base.replace(/<NhanXetGVCN>[^<]*<\/NhanXetGVCN>/, () => `<NhanXetGVCN>${text}</NhanXetGVCN>`),
    );
    const signed = await signHocBa(signer, bytes, "GVCN");
    const report = await verifyHocBa(signed, { trustRootFiles: [tok.rootPem], trustStoreDir: null });
    expect(report.ok, JSON.stringify(report.issues)).toBe(true);
    const x = xmlsec1Verify(signed, "sig-GVCN", { root: tok.rootPem, intermediate: tok.intermediatePem });
    expect(x.ok, x.output).toBe(true);
  });
});

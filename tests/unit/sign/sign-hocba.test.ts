import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isHocBaError } from "../../../shared/errors/hocba-error.ts";
import { signHocBa } from "../../../native-host/sign/sign-hocba.ts";
import type { SigningRole } from "../../../shared/xml/hocbaso-v1/signature-profile.ts";
import { openTokenSession, type TokenSession } from "../../../native-host/token/token-session.ts";
import type { TokenSigner } from "../../../native-host/token/token-signer.ts";
import { verifyHocBa } from "../../../native-host/verify/verify-hocba.ts";
import { fixtureGradebook, sampleDocument } from "../../support/hocba-documents.ts";
import { createHocBaBuilder } from "../../../shared/xml/hocbaso-v1/index.ts";
import { useTestToken, type TestToken } from "../../support/test-token.ts";
import { xmlsec1Verify } from "../../support/xmlsec1.ts";

let tok: TestToken;
let session: TokenSession;
const signers = {} as Record<"gvcn" | "thu-truong" | "don-vi" | "ec-gvcn" | "khong-tin-cay", TokenSigner>;
let unsigned: Uint8Array;
let afterGvcn: Buffer;
let afterThuTruong: Buffer;
let afterDonVi: Buffer;

beforeAll(async () => {
  tok = useTestToken();
  session = openTokenSession({ modulePath: tok.modulePath, tokenLabel: tok.tokenLabel });
  session.login(tok.pin);
  for (const cert of ["gvcn", "thu-truong", "don-vi", "ec-gvcn", "khong-tin-cay"] as const) {
    signers[cert] = session.selectSigner({ cert });
  }
  unsigned = sampleDocument().bytes;
  afterGvcn = await signHocBa(signers.gvcn, unsigned, "GVCN");
  afterThuTruong = await signHocBa(signers["thu-truong"], afterGvcn, "ThuTruong");
  afterDonVi = await signHocBa(signers["don-vi"], afterThuTruong, "DonVi");
});
afterAll(() => session.close());

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    if (isHocBaError(err)) return err.code;
    throw err;
  }
  return "no error";
}

function xmlsec(bytes: Uint8Array, id: string) {
  return xmlsec1Verify(bytes, id, { root: tok.rootPem, intermediate: tok.intermediatePem });
}

const text = (b: Uint8Array) => Buffer.from(b).toString("utf8");

describe("signing GVCN → ThuTruong → DonVi on SoftHSM", () => {
  it.each([
    ["after GVCN", () => afterGvcn, ["sig-GVCN"]],
    ["after ThuTruong", () => afterThuTruong, ["sig-GVCN", "sig-ThuTruong"]],
    ["after DonVi", () => afterDonVi, ["sig-GVCN", "sig-ThuTruong", "sig-DonVi"]],
  ])("%s every signature passes xmlsec1 (the independent check of hocbaso-xml.md)", (_s, doc, ids) => {
    for (const id of ids) {
      const r = xmlsec(doc(), id);
      expect(r.ok, r.output).toBe(true);
      expect(r.output).toContain("OK");
    }
  });

  it("the fully signed document verifies, complete, with every role, signer and id field", async () => {
    const report = await verifyHocBa(afterDonVi, { trustRootFiles: [tok.rootPem], trustStoreDir: null });
    expect(report.issues).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.complete).toBe(true);
    expect(report.signatures.map((s) => [s.role, s.signer?.name, s.signer?.cccd ?? s.signer?.mst])).toEqual([
      ["GVCN", "Trần Thị Thu Hằng", "001190012345"],
      ["ThuTruong", "Nguyễn Văn Thắng", "001078067890"],
      ["DonVi", "Trung tâm GDNN-GDTX Việt Trì", "0109876543"],
    ]);
    expect(report.signatures.every((s) => s.signingTime?.endsWith("+07:00"))).toBe(true);
    expect(report.signedData?.view?.hocVien.maHocVien).toBeTruthy();
  });

  it("follows the profile: Ids, references in order with exc-c14n, SignedProperties type, KeyInfo chain, XAdES", () => {
    const t = text(afterDonVi);
    const donVi = t.slice(t.indexOf('Id="sig-DonVi"'));
    const uris = [
      ...donVi
        .slice(0, donVi.indexOf("</ds:SignedInfo>"))
        .matchAll(/<ds:Reference(?: Type="([^"]+)")? URI="([^"]+)"/g),
    ];
    expect(uris.map((m) => [m[2], m[1]])).toEqual([
      ["#DLHocBa", undefined],
      ["#SP-DonVi", "http://uri.etsi.org/01903#SignedProperties"],
      ["#sig-GVCN", undefined],
      ["#sig-ThuTruong", undefined],
    ]);
    expect(t.match(/<ds:Transform Algorithm="http:\/\/www.w3.org\/2001\/10\/xml-exc-c14n#"/g)).toHaveLength(
      2 + 3 + 4,
    );
    // The algorithms named, not the whole text: base64 (certificates, values) spells "sha1" or
    // "hmac" now and then (a clean-clone run failed on that).
    const algorithms = [...t.matchAll(/Algorithm="([^"]*)"/g)].map((m) => m[1] ?? "");
    expect(algorithms.length).toBeGreaterThan(20);
    expect(algorithms.filter((a) => /sha1|WithComments|hmac/i.test(a))).toEqual([]);
    expect(donVi).toContain(
      '<xades:QualifyingProperties xmlns:xades="http://uri.etsi.org/01903/v1.3.2#" Target="#sig-DonVi">',
    );
    expect(donVi).toContain('<xades:SignedProperties Id="SP-DonVi">');
    expect(donVi).toContain("<xades:ClaimedRole>DonVi</xades:ClaimedRole>");
    expect(donVi.match(/<ds:X509Certificate>/g)).toHaveLength(2);
    expect(t).toMatch(
      /<DSCKS>\n<GVCN><ds:Signature [^>]*Id="sig-GVCN">[\s\S]*<\/GVCN>\n<ThuTruong>[\s\S]*<\/ThuTruong>\n<DonVi>[\s\S]*<\/DonVi>\n<\/DSCKS>/,
    );
  });

  it("never re-serialises: each step only inserts its container, earlier bytes stay byte-exact", () => {
    // after = before[..k] + container + before[k..], with k the position of </DSCKS>.
    const insertedAt = (before: Buffer, after: Buffer) => {
      const k = before.lastIndexOf("</DSCKS>");
      const added = after.length - before.length;
      expect(after.subarray(0, k).equals(before.subarray(0, k))).toBe(true);
      expect(after.subarray(k + added).equals(before.subarray(k))).toBe(true);
      return after.subarray(k, k + added).toString("utf8");
    };
    expect(insertedAt(afterGvcn, afterThuTruong)).toMatch(/^<ThuTruong><ds:Signature[\s\S]*<\/ThuTruong>\n$/);
    expect(insertedAt(afterThuTruong, afterDonVi)).toMatch(/^<DonVi><ds:Signature[\s\S]*<\/DonVi>\n$/);
    const original = Buffer.from(unsigned);
    const dataEnd = original.indexOf("</DLHocBa>") + "</DLHocBa>".length;
    expect(afterDonVi.subarray(0, dataEnd).equals(original.subarray(0, dataEnd))).toBe(true);
  });

  it("signs with an EC key (ecdsa-sha256), verified by xmlsec1 and the verifier", async () => {
    const signed = await signHocBa(signers["ec-gvcn"], unsigned, "GVCN");
    expect(text(signed)).toContain("http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256");
    const r = xmlsec(signed, "sig-GVCN");
    expect(r.ok, r.output).toBe(true);
    const report = await verifyHocBa(signed, { trustRootFiles: [tok.rootPem], trustStoreDir: null });
    expect(report.ok).toBe(true);
  });

  it("writes the given SigningTime in Vietnam time", async () => {
    const signed = await signHocBa(signers.gvcn, unsigned, "GVCN", {
      signingTime: new Date("2026-12-01T01:30:00Z"),
    });
    expect(text(signed)).toContain("<xades:SigningTime>2026-12-01T08:30:00+07:00</xades:SigningTime>");
  });

  it("xmlsec1 rejects a signed document whose data was changed", () => {
    const tampered = Buffer.from(
      text(afterDonVi).replace(/<HoTen>([^<]+)<\/HoTen>/, "<HoTen>Người Khác</HoTen>"),
      "utf8",
    );
    expect(tampered.equals(afterDonVi)).toBe(false);
    for (const id of ["sig-GVCN", "sig-ThuTruong", "sig-DonVi"]) expect(xmlsec(tampered, id).ok).toBe(false);
  });
});

describe("what the signer refuses", () => {
  it.each<[string, () => Uint8Array, SigningRole, "gvcn" | "thu-truong" | "don-vi", string]>([
    ["ThuTruong before GVCN", () => unsigned, "ThuTruong", "thu-truong", "SIGN_OUT_OF_ORDER_MISSING"],
    ["DonVi before GVCN", () => unsigned, "DonVi", "don-vi", "SIGN_OUT_OF_ORDER_MISSING"],
    ["DonVi before ThuTruong", () => afterGvcn, "DonVi", "don-vi", "SIGN_OUT_OF_ORDER_MISSING"],
    ["GVCN again", () => afterGvcn, "GVCN", "gvcn", "SIGN_ROLE_ALREADY_SIGNED"],
    ["ThuTruong again", () => afterThuTruong, "ThuTruong", "thu-truong", "SIGN_ROLE_ALREADY_SIGNED"],
    ["GVCN after ThuTruong", () => afterThuTruong, "GVCN", "gvcn", "SIGN_ROLE_ALREADY_SIGNED"],
  ])("%s", async (_name, doc, role, cert, code) => {
    expect(await codeOf(signHocBa(signers[cert], doc(), role))).toBe(code);
  });

  it("explains out-of-order signing in Vietnamese", async () => {
    try {
      await signHocBa(signers["don-vi"], afterGvcn, "DonVi");
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message).toBe(
        "Chưa thể ký với vai trò Đơn vị (con dấu): học bạ chưa có chữ ký của Thủ trưởng (Giám đốc/Hiệu trưởng). " +
          "Thứ tự ký: Giáo viên chủ nhiệm → Thủ trưởng → Đơn vị.",
      );
    }
  });

  it.each<[string, () => Uint8Array]>([
    ["arbitrary bytes", () => Buffer.from([0xff, 0xfe, 0x00, 0x41])],
    ["plain text", () => Buffer.from("xin chào")],
    [
      "another XML document",
      () => Buffer.from('<?xml version="1.0"?>\n<HDon><DLHDon Id="x"/><DSCKS/></HDon>\n'),
    ],
    [
      "an XSD-invalid học bạ (letters in SoDinhDanh)",
      () => Buffer.from(text(unsigned).replace(/<SoDinhDanh>\d+</, "<SoDinhDanh>ABC<")),
    ],
    [
      "a học bạ with a DOCTYPE",
      () => Buffer.from(text(unsigned).replace("?>\n", '?>\n<!DOCTYPE HocBaSo [<!ENTITY x "y">]>\n')),
    ],
    [
      "a học bạ with a comment",
      () => Buffer.from(text(unsigned).replace("<HocVien>", "<!-- x --><HocVien>")),
    ],
    ["a học bạ in NFD", () => Buffer.from(text(unsigned).normalize("NFD"))],
  ])("refuses %s as SIGN_INVALID_DOCUMENT", async (_name, doc) => {
    expect(await codeOf(signHocBa(signers.gvcn, doc(), "GVCN"))).toBe("SIGN_INVALID_DOCUMENT");
  });

  it("refuses to sign on top of a broken earlier signature", async () => {
    const tampered = Buffer.from(
      text(afterGvcn).replace(/<HoTen>([^<]+)<\/HoTen>/, "<HoTen>Người Khác</HoTen>"),
      "utf8",
    );
    expect(await codeOf(signHocBa(signers["thu-truong"], tampered, "ThuTruong"))).toBe(
      "SIGN_EARLIER_SIGNATURE_INVALID",
    );
  });

  it("with trust roots, refuses an earlier signature from an untrusted CA", async () => {
    const { TrustAnchors } = await import("../../../native-host/xmldsig/trust-anchors.ts");
    // A record whose GVCN is Lê Văn Lạ, the holder of the certificate from the untrusted CA.
    const gb = fixtureGradebook();
    const learner = gb.learners[0];
    if (!learner) throw new Error("no learner");
    const hisRecord = createHocBaBuilder({ ...gb, gvcn: "Lê Văn Lạ" })(learner).bytes;
    const rogue = await signHocBa(signers["khong-tin-cay"], hisRecord, "GVCN");
    const trust = TrustAnchors.load({ trustRootFiles: [tok.rootPem], trustStoreDir: null });
    expect(await codeOf(signHocBa(signers["thu-truong"], rogue, "ThuTruong", { trust }))).toBe(
      "SIGN_EARLIER_SIGNATURE_INVALID",
    );
    // Integrity alone (no roots given) accepts it: trust is the verifier's call.
    expect(await codeOf(signHocBa(signers["thu-truong"], rogue, "ThuTruong"))).toBe("no error");
  });

  it("refuses to write a SigningTime at which the certificate is not valid", async () => {
    expect(
      await codeOf(
        signHocBa(signers.gvcn, unsigned, "GVCN", { signingTime: new Date("2021-01-01T00:00:00Z") }),
      ),
    ).toBe("SIGN_CERT_INVALID_AT_TIME");
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HocBaError, isHocBaError } from "../../../shared/errors/hocba-error.ts";
import type { Gradebook } from "../../../shared/model/gradebook.ts";
import { buildHocBaXml } from "../../../shared/xml/hocbaso-v1/build-hoc-ba-xml.ts";
import type { SigningRole } from "../../../shared/xml/hocbaso-v1/signature-profile.ts";
import { checkSignable } from "../../../native-host/sign/check-signable.ts";
import { signHocBa } from "../../../native-host/sign/sign-hocba.ts";
import { openTokenSession, type TokenSession } from "../../../native-host/token/token-session.ts";
import type { TokenSigner } from "../../../native-host/token/token-signer.ts";
import { formatVerifyReport } from "../../../native-host/verify/format-verify-report.ts";
import { verifyHocBa } from "../../../native-host/verify/verify-hocba.ts";
import { fixtureGradebook } from "../../support/hocba-documents.ts";
import { signPastAuthority } from "../../support/sign-past-authority.ts";
import { useTestToken, type TestCertLabel, type TestToken } from "../../support/test-token.ts";
import { xmlsec1Verify } from "../../support/xmlsec1.ts";

/**
 * Signer authority on the SoftHSM test token (scripts/make-test-token.sh): each role is signed only
 * by the person the record names for it (docs/format-hocbaso.md, "Signer authority"). The centre's
 * record names GVCN Trần Thị Thu Hằng, Giám đốc Nguyễn Văn Thắng, and the centre as "Trung tâm
 * Giáo dục nghề nghiệp – Giáo dục thường xuyên Việt Trì"; its seal certificate says "Trung tâm
 * GDNN-GDTX Việt Trì".
 */
const LABELS = [
  "gvcn",
  "thu-truong",
  "don-vi",
  "pho-giam-doc",
  "giam-doc-khong-dau",
  "nguoi-khac",
  "don-vi-khac",
  "ec-gvcn",
] as const satisfies readonly TestCertLabel[];
type Label = (typeof LABELS)[number];

const TIME = "2026-05-25T08:00:00+07:00";
const DEPUTY = { hoTen: "Lê Thị Phó", chucVu: "Phó Giám đốc", cccd: "001185004444" };

let tok: TestToken;
let session: TokenSession;
const signers = {} as Record<Label, TokenSigner>;

beforeAll(() => {
  tok = useTestToken();
  session = openTokenSession({ modulePath: tok.modulePath, tokenLabel: tok.tokenLabel });
  session.login(tok.pin);
  for (const cert of LABELS) signers[cert] = session.selectSigner({ cert });
});
afterAll(() => session.close());

/** One learner's unsigned document of the fixture class, with `over` in the gradebook. */
function documentOf(over: Partial<Gradebook> = {}): Uint8Array {
  const gb = { ...fixtureGradebook(), ...over };
  const learner = gb.learners[0];
  if (!learner) throw new Error("no learner");
  return buildHocBaXml(gb, learner, { thoiGianLap: TIME }).bytes;
}

/**
 * The same document off the signer's fast path (a character reference in a comment field: the fast
 * path leaves such text to the full parse), so that both paths are held to the rule.
 */
function offFastPath(bytes: Uint8Array): Uint8Array {
  const text = Buffer.from(bytes).toString("utf8");
  const changed = text.replace(/<NhanXetGVCN>([^<]*)<\/NhanXetGVCN>/, "<NhanXetGVCN>$1&#x2E;</NhanXetGVCN>");
  if (changed === text) throw new Error("no NhanXetGVCN");
  return Buffer.from(changed, "utf8");
}

async function refusal(p: Promise<unknown>): Promise<HocBaError | undefined> {
  try {
    await p;
  } catch (err) {
    if (isHocBaError(err)) return err;
    throw err;
  }
  return undefined;
}

const verify = (bytes: Uint8Array) =>
  verifyHocBa(bytes, { trustRootFiles: [tok.rootPem], trustStoreDir: null, now: new Date("2027-01-01") });

async function signedUpTo(role: SigningRole, bytes: Uint8Array): Promise<Buffer> {
  let doc: Buffer = Buffer.from(bytes);
  if (role === "GVCN") return doc;
  doc = await signHocBa(signers.gvcn, doc, "GVCN");
  if (role === "ThuTruong") return doc;
  return signHocBa(signers["thu-truong"], doc, "ThuTruong");
}

describe("who may sign each role, on the token", () => {
  const unsigned = () => documentOf();

  it.each<[SigningRole, Label, string]>([
    [
      "GVCN",
      "thu-truong",
      "Học bạ ghi GVCN là Trần Thị Thu Hằng; chứng thư số đã chọn là của Nguyễn Văn Thắng.",
    ],
    [
      "GVCN",
      "nguoi-khac",
      "Học bạ ghi GVCN là Trần Thị Thu Hằng; chứng thư số đã chọn là của Ngô Văn Khách.",
    ],
    [
      "ThuTruong",
      "gvcn",
      "Học bạ ghi Giám đốc là Nguyễn Văn Thắng; chứng thư số đã chọn là của Trần Thị Thu Hằng.",
    ],
    [
      "ThuTruong",
      "nguoi-khac",
      "Học bạ ghi Giám đốc là Nguyễn Văn Thắng; chứng thư số đã chọn là của Ngô Văn Khách.",
    ],
    [
      "DonVi",
      "don-vi-khac",
      "Học bạ ghi đơn vị là Trung tâm Giáo dục nghề nghiệp – Giáo dục thường xuyên Việt Trì; chứng thư số đã chọn là của Trường THPT Phan Đình Phùng.",
    ],
  ])("%s with the certificate %s is refused, both persons named", async (role, label, message) => {
    const doc = await signedUpTo(role, unsigned());
    for (const bytes of role === "GVCN" ? [doc, offFastPath(doc)] : [doc]) {
      const err = await refusal(signHocBa(signers[label], bytes, role));
      expect(err?.message).toBe(message);
      // The same refusal before the login, from the certificate alone.
      let early: unknown;
      try {
        await checkSignable(bytes, role, signers[label].info.subject);
      } catch (e) {
        early = e;
      }
      expect((early as HocBaError).code).toBe(err?.code);
    }
  });

  it("a personal certificate as the seal is refused, the director's included", async () => {
    const doc = await signedUpTo("DonVi", unsigned());
    for (const label of ["thu-truong", "gvcn"] as const) {
      const err = await refusal(signHocBa(signers[label], doc, "DonVi"));
      expect(err?.code).toBe("SIGN_AUTHORITY_PERSON_AS_SEAL");
      expect(err?.message).toContain(signers[label].info.commonName);
      expect(err?.message).toContain("Trung tâm Giáo dục nghề nghiệp – Giáo dục thường xuyên Việt Trì");
    }
  });

  it("the organisation certificate cannot sign as GVCN nor as the head", async () => {
    const asGvcn = await refusal(signHocBa(signers["don-vi"], unsigned(), "GVCN"));
    expect(asGvcn?.code).toBe("SIGN_AUTHORITY_ORGANISATION_AS_PERSON");
    const asHead = await refusal(
      signHocBa(signers["don-vi"], await signedUpTo("ThuTruong", unsigned()), "ThuTruong"),
    );
    expect(asHead?.code).toBe("SIGN_AUTHORITY_ORGANISATION_AS_PERSON");
  });

  it("the right persons sign, the director with his name in capitals without diacritics, and it verifies", async () => {
    const gvcn = await signHocBa(signers["ec-gvcn"], unsigned(), "GVCN");
    const head = await signHocBa(signers["giam-doc-khong-dau"], gvcn, "ThuTruong");
    const sealed = await signHocBa(signers["don-vi"], head, "DonVi");
    const report = await verify(sealed);
    expect(report.ok).toBe(true);
    expect(
      report.signatures.map((s) => [s.role, s.authority?.status, s.authority?.signedAs, s.authority?.holder]),
    ).toEqual([
      ["GVCN", "ok", "GVCN", "Trần Thị Thu Hằng"],
      ["ThuTruong", "ok", "ThuTruong", "NGUYEN VAN THANG"],
      ["DonVi", "ok", "DonVi", "Trung tâm GDNN-GDTX Việt Trì"],
    ]);
    expect(formatVerifyReport(report)).toContain(
      "Thẩm quyền ký: đúng thủ trưởng học bạ ghi (Nguyễn Văn Thắng)",
    );
  });
});

describe("a deputy signing for the head (KT.)", () => {
  it("without the KT. data the deputy is refused, naming the head", async () => {
    const doc = await signedUpTo("ThuTruong", documentOf());
    const err = await refusal(signHocBa(signers["pho-giam-doc"], doc, "ThuTruong"));
    expect(err?.message).toBe(
      "Học bạ ghi Giám đốc là Nguyễn Văn Thắng; chứng thư số đã chọn là của Lê Thị Phó.",
    );
  });

  it("with the deputy named KT. in the record, she signs and it verifies as KT.; others are still refused", async () => {
    const doc = await signedUpTo("ThuTruong", documentOf({ kyThay: DEPUTY }));
    const signed = await signHocBa(signers["pho-giam-doc"], doc, "ThuTruong");
    const report = await verify(signed);
    expect(report.ok).toBe(true);
    expect(report.signatures[1]?.authority).toMatchObject({
      status: "ok",
      signedAs: "KyThay",
      named: "Lê Thị Phó",
    });
    expect(formatVerifyReport(report)).toContain("đúng cấp phó học bạ ghi ký thay (KT.) (Lê Thị Phó)");
    const err = await refusal(signHocBa(signers["nguoi-khac"], doc, "ThuTruong"));
    expect(err?.code).toBe("SIGN_AUTHORITY_NAME_MISMATCH_KT");
    expect(err?.message).toBe(
      "Học bạ ghi Giám đốc là Nguyễn Văn Thắng, Phó Giám đốc Lê Thị Phó ký thay (KT.); chứng thư số đã chọn là của Ngô Văn Khách.",
    );
  });

  it("the deputy's CCCD in the record must be hers", async () => {
    const doc = await signedUpTo("ThuTruong", documentOf({ kyThay: { ...DEPUTY, cccd: "001185009999" } }));
    const err = await refusal(signHocBa(signers["pho-giam-doc"], doc, "ThuTruong"));
    expect(err?.code).toBe("SIGN_AUTHORITY_CCCD_MISMATCH");
    expect(err?.message).toContain("001185009999");
    expect(err?.message).toContain("001185004444");
  });
});

describe("CCCD in the record", () => {
  it("matching: signs, on the fast path and off it", async () => {
    const doc = documentOf({ gvcnCccd: "001190012345" });
    for (const bytes of [doc, offFastPath(doc)]) {
      expect((await verify(await signHocBa(signers.gvcn, bytes, "GVCN"))).ok).toBe(true);
    }
  });

  it("another number: refused even though the name is hers (a namesake's certificate would be too)", async () => {
    const doc = documentOf({ gvcnCccd: "001190099999" });
    for (const bytes of [doc, offFastPath(doc)]) {
      const err = await refusal(signHocBa(signers.gvcn, bytes, "GVCN"));
      expect(err?.code).toBe("SIGN_AUTHORITY_CCCD_MISMATCH");
      expect(err?.message).toBe(
        "Học bạ ghi GVCN là Trần Thị Thu Hằng (CCCD 001190099999); chứng thư số đã chọn là của Trần Thị Thu Hằng (CCCD 001190012345): không phải cùng một người.",
      );
    }
  });

  it("the head's CCCD matches the certificate in capitals without diacritics", async () => {
    const doc = await signedUpTo(
      "ThuTruong",
      documentOf({ thuTruong: { hoTen: "Nguyễn Văn Thắng", chucVu: "Giám đốc", cccd: "001078067890" } }),
    );
    expect((await verify(await signHocBa(signers["giam-doc-khong-dau"], doc, "ThuTruong"))).ok).toBe(true);
  });

  it("the same CCCD with the name spelt otherwise signs, and verification warns with both names", async () => {
    // The record spells her name "Trần Thị Thu Hàng"; her certificate says "Trần Thị Thu Hằng".
    const doc = documentOf({ gvcn: "Trần Thị Thu Hàng", gvcnCccd: "001190012345" });
    const misspelt = documentOf({ gvcn: "Trần Thị Thu Hanh", gvcnCccd: "001190012345" });
    expect((await verify(await signHocBa(signers.gvcn, doc, "GVCN"))).ok).toBe(true);
    const report = await verify(await signHocBa(signers.gvcn, misspelt, "GVCN"));
    expect(report.ok).toBe(true);
    expect(report.signatures[0]?.authority?.status).toBe("warning");
    const text = formatVerifyReport(report);
    expect(text).toContain(
      "⚠ Tên trên chứng thư số (Trần Thị Thu Hằng) viết khác tên học bạ ghi cho GVCN (Trần Thị Thu Hanh)",
    );
  });
});

describe("a document signed by the wrong person with another tool", () => {
  it("is rejected by hocba verify with both names, and still accepted by xmlsec1 (cryptography only)", async () => {
    // Signed past the check: Nguyễn Văn Thắng's real key and certificate in the GVCN role.
    const forged = await signPastAuthority(signers["thu-truong"], documentOf(), "GVCN");
    const report = await verify(forged);
    expect(report.ok).toBe(false);
    const gvcn = report.signatures[0];
    expect(gvcn?.integrity).toBe(true);
    expect(gvcn?.chainTrusted).toBe(true);
    expect(gvcn?.authority).toMatchObject({
      ok: false,
      status: "refused",
      named: "Trần Thị Thu Hằng",
      holder: "Nguyễn Văn Thắng",
    });
    expect(gvcn?.issues.map((i) => i.message)).toEqual([
      "Chữ ký GVCN không đúng thẩm quyền: học bạ ghi GVCN là Trần Thị Thu Hằng; người ký là Nguyễn Văn Thắng.",
    ]);
    expect(formatVerifyReport(report)).toContain(
      "Thẩm quyền ký: KHÔNG đúng người học bạ ghi cho vai trò này",
    );
    const xmlsec = xmlsec1Verify(forged, "sig-GVCN", {
      root: tok.rootPem,
      intermediate: tok.intermediatePem,
    });
    expect(xmlsec.ok, xmlsec.output).toBe(true);
  });

  it("a personal certificate as the seal, signed past the check: invalid; the helper refuses to sign on top of it", async () => {
    const doc = await signedUpTo("DonVi", documentOf());
    const forged = await signPastAuthority(signers["pho-giam-doc"], doc, "DonVi");
    const report = await verify(forged);
    expect(report.ok).toBe(false);
    expect(report.signatures[2]?.issues[0]?.code).toBe("VERIFY_SIG_AUTHORITY_PERSON_AS_SEAL");
    expect(report.signatures.slice(0, 2).every((s) => s.ok)).toBe(true);
    expect(
      xmlsec1Verify(forged, "sig-DonVi", { root: tok.rootPem, intermediate: tok.intermediatePem }).ok,
    ).toBe(true);
  });

  it("the head's signature by the homeroom teacher, signed past the check: refused for the next signer too", async () => {
    const gvcn = await signHocBa(signers.gvcn, documentOf(), "GVCN");
    const forged = await signPastAuthority(signers.gvcn, gvcn, "ThuTruong");
    const report = await verify(forged);
    expect(report.signatures[1]?.issues[0]?.code).toBe("VERIFY_SIG_AUTHORITY_NAME_MISMATCH");
    expect(report.ok).toBe(false);
    // The seal does not countersign it, before the login nor after.
    const err = await refusal(signHocBa(signers["don-vi"], forged, "DonVi"));
    expect(err?.code).toBe("SIGN_EARLIER_SIGNATURE_INVALID");
    expect(err?.message).toContain("học bạ ghi Giám đốc là Nguyễn Văn Thắng; người ký là Trần Thị Thu Hằng");
    await expect(checkSignable(forged, "DonVi")).rejects.toThrow(/người ký là Trần Thị Thu Hằng/);
  });
});

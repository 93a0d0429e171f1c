import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { authorityMessage } from "../../../shared/authority/authority-message.ts";
import { checkSignerAuthority } from "../../../shared/authority/check-signer-authority.ts";
import { normaliseInstitutionName } from "../../../shared/authority/normalise-institution-name.ts";
import { normaliseName } from "../../../shared/authority/normalise-name.ts";
import { readCertificateSubject } from "../../../shared/authority/read-certificate-subject.ts";
import type { NamedSigners } from "../../../shared/authority/signer-authority.ts";
import { formatMessage, type MessageCode } from "../../../shared/errors/message-table.ts";

/** The sample centre's record (tests/fixtures/gradebook-gdtx-10.json), with CCCDs and a deputy where a case adds them. */
const CENTRE = "Trung tâm Giáo dục nghề nghiệp – Giáo dục thường xuyên Việt Trì";
const RECORD: NamedSigners = {
  tenTruong: CENTRE,
  gvcn: { hoTen: "Trần Thị Thu Hằng" },
  thuTruong: { hoTen: "Nguyễn Văn Thắng", chucVu: "Giám đốc" },
};
const WITH_DEPUTY: NamedSigners = {
  ...RECORD,
  kyThay: { hoTen: "Lê Thị Phó", chucVu: "Phó Giám đốc", cccd: "001185004444" },
};

/** Subjects as the helper prints them (describeCertificate), the same shapes as scripts/make-test-token.sh. */
const O = "O=Trung tâm GDNN-GDTX Việt Trì";
const CERT = {
  gvcn: `C=VN, ST=Phú Thọ, L=Thành phố Việt Trì, ${O}, title=Giáo viên, CN=Trần Thị Thu Hằng, serialNumber=CCCD:001190012345`,
  giamDoc: `C=VN, ST=Phú Thọ, ${O}, title=Giám đốc, CN=Nguyễn Văn Thắng, serialNumber=CCCD:001078067890`,
  seal: `C=VN, ST=Phú Thọ, ${O}, CN=Trung tâm GDNN-GDTX Việt Trì, serialNumber=MST:0109876543`,
  capitals: `C=VN, ${O}, CN=NGUYEN VAN THANG, serialNumber=CCCD:001078067890`,
  deputy: `C=VN, ${O}, title=Phó Giám đốc, CN=Lê Thị Phó, serialNumber=CCCD:001185004444`,
  stranger: `C=VN, O=Trường THPT Phan Đình Phùng, CN=Ngô Văn Khách, serialNumber=CCCD:001083009999`,
  otherSeal: `C=VN, O=Trường THPT Phan Đình Phùng, CN=Trường THPT Phan Đình Phùng, UID=MST:0101234567`,
  cmndOnly: `C=VN, ${O}, CN=Trần Thị Thu Hằng, UID=CMND:131234567`,
  noIds: `C=VN, ${O}, CN=Trung tâm GDNN-GDTX Việt Trì`,
};
const cert = (dn: string) => readCertificateSubject(dn);

describe("normaliseName: NFC, case folding, no diacritics (đ too), dashes and extra spaces", () => {
  it.each([
    ["Nguyễn Văn Thắng", "nguyen van thang"],
    ["NGUYỄN VĂN THẮNG", "nguyen van thang"],
    ["NGUYEN VAN THANG", "nguyen van thang"],
    ["  Nguyễn   Văn\tThắng ", "nguyen van thang"],
    // Decomposed input (combining marks, as some CAs and macOS write it) equals the composed one.
    ["Nguye\u0302\u0303n Va\u0306n Tha\u0306\u0301ng", "nguyen van thang"],
    ["Đỗ Thị Đào", "do thi dao"],
    ["ĐINH ĐỨC", "dinh duc"],
    ["Trung tâm GDNN-GDTX", "trung tam gdnn gdtx"],
    ["GDNN – GDTX", "gdnn gdtx"],
  ])("%s → %s", (input, expected) => {
    expect(normaliseName(input)).toBe(expected);
  });

  it("keeps letters that differ (Thắng is not Thăng after folding only by accident: both are thang)", () => {
    expect(normaliseName("Phạm Thị Hương")).not.toBe(normaliseName("Phạm Thị Hướng Dẫn"));
    expect(normaliseName("Lê Văn A")).not.toBe(normaliseName("Lê Văn B"));
  });

  it("institution names: the education abbreviations CAs use are written out, whole words only", () => {
    expect(normaliseInstitutionName("Trung tâm GDNN-GDTX Việt Trì")).toBe(normaliseInstitutionName(CENTRE));
    expect(normaliseInstitutionName("TT GDNN - GDTX VIỆT TRÌ")).toBe(normaliseInstitutionName(CENTRE));
    expect(normaliseInstitutionName("TRƯỜNG THPT PHAN ĐÌNH PHÙNG")).toBe(
      normaliseInstitutionName("Trường Trung học phổ thông Phan Đình Phùng"),
    );
    expect(normaliseInstitutionName("Trường THPTX")).toBe("truong thptx");
    // A word that is an Object.prototype key is not an abbreviation.
    expect(normaliseInstitutionName("constructor toString")).toBe("constructor tostring");
  });
});

describe("readCertificateSubject: the subject DN as the helper prints it", () => {
  it("reads CN, O, personal and organisation ids from serialNumber and UID", () => {
    expect(cert(CERT.gvcn)).toEqual({
      commonName: "Trần Thị Thu Hằng",
      organization: "Trung tâm GDNN-GDTX Việt Trì",
      personalIds: { cccd: "001190012345" },
      organisationIds: [],
    });
    expect(cert(CERT.otherSeal)).toMatchObject({ personalIds: {}, organisationIds: ["MST:0101234567"] });
    expect(cert(CERT.cmndOnly).personalIds).toEqual({ cmnd: "131234567" });
    expect(cert("CN=X, 0.9.2342.19200300.100.1.1=MNS: 1234567").organisationIds).toEqual(["MNS:1234567"]);
    expect(cert("CN=X, serialNumber=HO CHIEU:B1234567").personalIds).toEqual({ hoChieu: "B1234567" });
  });

  it("unescapes commas and backslashes in values and ignores ids in other attributes", () => {
    const c = cert("CN=Trường A\\, cơ sở 2, O=A\\\\B, OU=MST:0101234567, serialNumber=CCCD:001190012345");
    expect(c.commonName).toBe("Trường A, cơ sở 2");
    expect(c.organization).toBe("A\\B");
    expect(c.organisationIds).toEqual([]);
    expect(c.personalIds).toEqual({ cccd: "001190012345" });
  });

  it("an empty or odd subject gives an empty holder, never a throw", () => {
    expect(cert("")).toEqual({ commonName: "", personalIds: {}, organisationIds: [] });
    expect(cert("garbage without equals").commonName).toBe("");
  });
});

function message(code: MessageCode | undefined, params: Record<string, string> | undefined): string {
  return code ? formatMessage(code, params ?? {}) : "";
}

describe("checkSignerAuthority: GVCN", () => {
  it("the homeroom teacher the record names signs", () => {
    expect(checkSignerAuthority("GVCN", RECORD, cert(CERT.gvcn))).toMatchObject({
      status: "ok",
      signedAs: "GVCN",
      named: "Trần Thị Thu Hằng",
      holder: "Trần Thị Thu Hằng",
    });
  });

  it("the right person with her name in capitals without diacritics", () => {
    const v = checkSignerAuthority(
      "GVCN",
      RECORD,
      cert(`C=VN, CN=TRAN THI THU HANG, serialNumber=CCCD:001190012345`),
    );
    expect(v.status).toBe("ok");
  });

  it("someone else is refused, with both names in the Vietnamese message", () => {
    const record = { ...RECORD, gvcn: { hoTen: "Phạm Thị Hương" } };
    const v = checkSignerAuthority("GVCN", record, cert(CERT.stranger));
    expect(v).toMatchObject({
      status: "refused",
      reason: "NAME_MISMATCH",
      named: "Phạm Thị Hương",
      holder: "Ngô Văn Khách",
    });
    const m = authorityMessage(v, "sign");
    expect(message(m?.code, m?.params)).toBe(
      "Học bạ ghi GVCN là Phạm Thị Hương; chứng thư số đã chọn là của Ngô Văn Khách.",
    );
    const mv = authorityMessage(v, "verify");
    expect(message(mv?.code, mv?.params)).toBe(
      "Chữ ký GVCN không đúng thẩm quyền: học bạ ghi GVCN là Phạm Thị Hương; người ký là Ngô Văn Khách.",
    );
  });

  it("the director's certificate is not the homeroom teacher's", () => {
    expect(checkSignerAuthority("GVCN", RECORD, cert(CERT.giamDoc))).toMatchObject({
      status: "refused",
      reason: "NAME_MISMATCH",
    });
  });

  it("an organisation certificate (MST, no CCCD) cannot sign as GVCN", () => {
    const v = checkSignerAuthority("GVCN", RECORD, cert(CERT.seal));
    expect(v).toMatchObject({
      status: "refused",
      reason: "ORGANISATION_AS_PERSON",
      named: "Trần Thị Thu Hằng",
    });
    const m = authorityMessage(v, "sign");
    expect(message(m?.code, m?.params)).toContain("chứng thư của tổ chức Trung tâm GDNN-GDTX Việt Trì");
  });

  it("CCCD on both sides: equal passes, different is refused even with the same name (a namesake)", () => {
    const record = { ...RECORD, gvcn: { hoTen: "Trần Thị Thu Hằng", cccd: "001190012345" } };
    expect(checkSignerAuthority("GVCN", record, cert(CERT.gvcn)).status).toBe("ok");
    const namesake = `C=VN, CN=Trần Thị Thu Hằng, serialNumber=CCCD:002190099999`;
    const v = checkSignerAuthority("GVCN", record, cert(namesake));
    expect(v).toMatchObject({
      status: "refused",
      reason: "CCCD_MISMATCH",
      params: { namedCccd: "001190012345", holderCccd: "002190099999" },
    });
    const m = authorityMessage(v, "sign");
    expect(message(m?.code, m?.params)).toBe(
      "Học bạ ghi GVCN là Trần Thị Thu Hằng (CCCD 001190012345); chứng thư số đã chọn là của Trần Thị Thu Hằng (CCCD 002190099999): không phải cùng một người.",
    );
  });

  it("CCCD equal and the name differs in spelling only: passes with a warning naming both", () => {
    const record = { ...RECORD, gvcn: { hoTen: "Trần Thị Thu Hằng", cccd: "001190012345" } };
    for (const cn of ["Trần Thị Thu Hàng", "Tran Thi ThuHang", "Trần Thị Thu Hăngf"]) {
      const v = checkSignerAuthority("GVCN", record, cert(`CN=${cn}, serialNumber=CCCD:001190012345`));
      expect(v, cn).toMatchObject({ status: cn === "Trần Thị Thu Hàng" ? "ok" : "warning" });
    }
    const v = checkSignerAuthority(
      "GVCN",
      record,
      cert(`CN=Tran Thi Thu Hanh, serialNumber=CCCD:001190012345`),
    );
    expect(v).toMatchObject({ status: "warning", reason: "NAME_SPELLING", signedAs: "GVCN" });
    const m = authorityMessage(v, "sign");
    expect(message(m?.code, m?.params)).toBe(
      "Tên trên chứng thư số (Tran Thi Thu Hanh) viết khác tên học bạ ghi cho GVCN (Trần Thị Thu Hằng); số CCCD trùng khớp nên vẫn đúng người.",
    );
  });

  it("CCCD equal but a wholly different name is refused, not warned", () => {
    const record = { ...RECORD, gvcn: { hoTen: "Trần Thị Thu Hằng", cccd: "001190012345" } };
    const v = checkSignerAuthority("GVCN", record, cert(`CN=Ngô Văn Khách, serialNumber=CCCD:001190012345`));
    expect(v).toMatchObject({ status: "refused", reason: "NAME_MISMATCH" });
  });

  it("a spelling difference without CCCD on both sides is refused (nothing else says it is her)", () => {
    const spelt = `CN=Tran Thi Thu Hanh, serialNumber=CCCD:001190012345`;
    expect(checkSignerAuthority("GVCN", RECORD, cert(spelt)).status).toBe("refused");
    const record = { ...RECORD, gvcn: { hoTen: "Trần Thị Thu Hằng", cccd: "001190012345" } };
    expect(checkSignerAuthority("GVCN", record, cert(CERT.cmndOnly)).status).toBe("ok");
    expect(
      checkSignerAuthority("GVCN", record, cert(`CN=Tran Thi Thu Hanh, UID=CMND:131234567`)).status,
    ).toBe("refused");
  });
});

describe("checkSignerAuthority: ThuTruong, the head or the deputy named KT.", () => {
  it("the head signs; in capitals without diacritics too", () => {
    expect(checkSignerAuthority("ThuTruong", RECORD, cert(CERT.giamDoc))).toMatchObject({
      status: "ok",
      signedAs: "ThuTruong",
    });
    expect(checkSignerAuthority("ThuTruong", RECORD, cert(CERT.capitals))).toMatchObject({
      status: "ok",
      named: "Nguyễn Văn Thắng",
      holder: "NGUYEN VAN THANG",
    });
  });

  it("the homeroom teacher's certificate is refused, named by the head's own title", () => {
    const v = checkSignerAuthority("ThuTruong", RECORD, cert(CERT.gvcn));
    const m = authorityMessage(v, "sign");
    expect(message(m?.code, m?.params)).toBe(
      "Học bạ ghi Giám đốc là Nguyễn Văn Thắng; chứng thư số đã chọn là của Trần Thị Thu Hằng.",
    );
  });

  it("a deputy the record does not name (no KT. data) is refused", () => {
    expect(checkSignerAuthority("ThuTruong", RECORD, cert(CERT.deputy))).toMatchObject({
      status: "refused",
      reason: "NAME_MISMATCH",
      named: "Nguyễn Văn Thắng",
      holder: "Lê Thị Phó",
    });
  });

  it("the deputy the record names KT. signs, and the head still may", () => {
    expect(checkSignerAuthority("ThuTruong", WITH_DEPUTY, cert(CERT.deputy))).toMatchObject({
      status: "ok",
      signedAs: "KyThay",
      named: "Lê Thị Phó",
    });
    expect(checkSignerAuthority("ThuTruong", WITH_DEPUTY, cert(CERT.giamDoc))).toMatchObject({
      status: "ok",
      signedAs: "ThuTruong",
    });
  });

  it("with a deputy named, a third person is refused naming the head and the deputy", () => {
    const v = checkSignerAuthority("ThuTruong", WITH_DEPUTY, cert(CERT.stranger));
    expect(v).toMatchObject({ status: "refused", reason: "NAME_MISMATCH_KT" });
    const m = authorityMessage(v, "sign");
    expect(message(m?.code, m?.params)).toBe(
      "Học bạ ghi Giám đốc là Nguyễn Văn Thắng, Phó Giám đốc Lê Thị Phó ký thay (KT.); chứng thư số đã chọn là của Ngô Văn Khách.",
    );
  });

  it("the deputy's CCCD must match the one the record gives", () => {
    const wrongCccd = `C=VN, CN=Lê Thị Phó, serialNumber=CCCD:001185005555`;
    const v = checkSignerAuthority("ThuTruong", WITH_DEPUTY, cert(wrongCccd));
    expect(v).toMatchObject({ status: "refused", reason: "CCCD_MISMATCH", named: "Lê Thị Phó" });
    expect(v.status === "refused" && v.params.vaiTro).toBe("Phó Giám đốc ký thay Giám đốc (KT.)");
  });

  it("the head's CCCD in the record: matched; another number refused", () => {
    const record = { ...RECORD, thuTruong: { ...RECORD.thuTruong, cccd: "001078067890" } };
    expect(checkSignerAuthority("ThuTruong", record, cert(CERT.capitals)).status).toBe("ok");
    const other = { ...RECORD, thuTruong: { ...RECORD.thuTruong, cccd: "001078000000" } };
    expect(checkSignerAuthority("ThuTruong", other, cert(CERT.giamDoc))).toMatchObject({
      status: "refused",
      reason: "CCCD_MISMATCH",
    });
  });

  it("no head named: nobody may sign ThuTruong (unless a deputy is named)", () => {
    const record = { ...RECORD, thuTruong: { hoTen: "  ", chucVu: "" } };
    const v = checkSignerAuthority("ThuTruong", record, cert(CERT.giamDoc));
    expect(v).toMatchObject({ status: "refused", reason: "NOT_NAMED" });
    const m = authorityMessage(v, "sign");
    expect(message(m?.code, m?.params)).toContain("Học bạ chưa ghi họ tên thủ trưởng");
    const deputyOnly = { ...record, kyThay: WITH_DEPUTY.kyThay };
    expect(checkSignerAuthority("ThuTruong", deputyOnly, cert(CERT.deputy)).status).toBe("ok");
    expect(checkSignerAuthority("ThuTruong", deputyOnly, cert(CERT.giamDoc)).status).toBe("refused");
  });

  it("the seal cannot sign as the head", () => {
    expect(checkSignerAuthority("ThuTruong", WITH_DEPUTY, cert(CERT.seal))).toMatchObject({
      status: "refused",
      reason: "ORGANISATION_AS_PERSON",
    });
  });
});

describe("checkSignerAuthority: DonVi, the institution's organisation certificate", () => {
  it("the centre's seal (MST, abbreviated name) signs", () => {
    expect(checkSignerAuthority("DonVi", RECORD, cert(CERT.seal))).toMatchObject({
      status: "ok",
      signedAs: "DonVi",
      named: CENTRE,
    });
  });

  it("O naming the institution is enough when CN is something else", () => {
    const dn = `O=${CENTRE}, CN=Con dấu điện tử, UID=MNS:1234567`;
    expect(checkSignerAuthority("DonVi", RECORD, cert(dn)).status).toBe("ok");
  });

  it("a personal certificate as the seal is refused, even the director's or one with an MST too", () => {
    for (const dn of [CERT.giamDoc, CERT.gvcn, `${CERT.gvcn}, UID=MST:0109876543`]) {
      expect(checkSignerAuthority("DonVi", RECORD, cert(dn)), dn).toMatchObject({
        status: "refused",
        reason: "PERSON_AS_SEAL",
      });
    }
    const v = checkSignerAuthority("DonVi", RECORD, cert(CERT.giamDoc));
    const m = authorityMessage(v, "sign");
    expect(message(m?.code, m?.params)).toBe(
      `Chữ ký đơn vị phải dùng chứng thư số của tổ chức ${CENTRE}; chứng thư số đã chọn là chứng thư cá nhân của Nguyễn Văn Thắng.`,
    );
  });

  it("another institution's seal is refused", () => {
    const v = checkSignerAuthority("DonVi", RECORD, cert(CERT.otherSeal));
    expect(v).toMatchObject({
      status: "refused",
      reason: "SEAL_NAME_MISMATCH",
      holder: "Trường THPT Phan Đình Phùng",
    });
  });

  it("a certificate without a tax or unit code is not an organisation certificate", () => {
    expect(checkSignerAuthority("DonVi", RECORD, cert(CERT.noIds))).toMatchObject({
      status: "refused",
      reason: "SEAL_WITHOUT_UNIT_CODE",
    });
  });
});

describe("every refusal and the warning have a Vietnamese and an English message with both names", () => {
  const cases: Array<[string, ReturnType<typeof checkSignerAuthority>]> = [
    ["name", checkSignerAuthority("GVCN", RECORD, cert(CERT.stranger))],
    ["kt", checkSignerAuthority("ThuTruong", WITH_DEPUTY, cert(CERT.stranger))],
    ["org", checkSignerAuthority("GVCN", RECORD, cert(CERT.seal))],
    ["person-seal", checkSignerAuthority("DonVi", RECORD, cert(CERT.gvcn))],
    ["no-code", checkSignerAuthority("DonVi", RECORD, cert(CERT.noIds))],
    ["other-seal", checkSignerAuthority("DonVi", RECORD, cert(CERT.otherSeal))],
  ];
  it.each(cases)("%s", (_name, v) => {
    expect(v.status).toBe("refused");
    for (const context of ["sign", "verify"] as const) {
      const m = authorityMessage(v, context);
      if (!m) throw new Error("a refusal has a message");
      for (const locale of ["vi", "en"] as const) {
        const text = formatMessage(m.code, m.params, locale);
        expect(text).not.toMatch(/\{\w+\}/);
        expect(text).toContain(v.named);
        expect(text).toContain(v.holder);
      }
    }
  });
});

describe("spelling tolerance: at most two letters apart, in linear time", () => {
  /** Plain Levenshtein, the reference the banded one must agree with. */
  function levenshtein(a: string, b: string): number {
    let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const row = [i];
      for (let j = 1; j <= b.length; j++) {
        row.push(
          Math.min(
            (prev[j] ?? 0) + 1,
            (row[j - 1] ?? 0) + 1,
            (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
          ),
        );
      }
      prev = row;
    }
    return prev[b.length] ?? 0;
  }
  const withCccd = (hoTen: string): NamedSigners => ({ ...RECORD, gvcn: { hoTen, cccd: "001190012345" } });
  const holder = (cn: string) => cert(`CN=${cn}, serialNumber=CCCD:001190012345`);

  it("agrees with plain Levenshtein on every pair of short names over a small alphabet", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom("a", "b", "c"), maxLength: 7 }),
        fc.string({ unit: fc.constantFrom("a", "b", "c"), maxLength: 7 }),
        (a, b) => {
          const v = checkSignerAuthority("GVCN", withCccd(`x${a}`), holder(`x${b}`));
          const d = levenshtein(a, b);
          const expected = d === 0 ? "ok" : d <= 2 ? "warning" : "refused";
          expect(v.status).toBe(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("names of 200,000 letters from a crafted file are compared at once", () => {
    const long = "a".repeat(200_000);
    const started = performance.now();
    expect(checkSignerAuthority("GVCN", withCccd(long), holder(`${long}b`)).status).toBe("warning");
    expect(checkSignerAuthority("GVCN", withCccd(long), holder(`b${long.slice(3)}c`)).status).toBe("refused");
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

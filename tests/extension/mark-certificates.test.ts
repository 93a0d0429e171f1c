import { describe, expect, it } from "vitest";
import { markCertificates } from "../../extension/services/mark-certificates.ts";
import { namedSignersOfGradebook } from "../../shared/authority/named-signers-of-gradebook.ts";
import type { CertificateInfo } from "../../shared/protocol/responses.ts";
import { fixture } from "./support/portal.ts";

/** Certificates as the helper lists them (subject DN as describeCertificate prints it). */
function cert(
  label: string,
  subject: string,
  usableForSigning = true,
): { label: string; cert: CertificateInfo } {
  return {
    label,
    cert: {
      id: label,
      label,
      commonName: /CN=([^,]*)/.exec(subject)?.[1] ?? "",
      subject,
      identifiers: [],
      issuer: "C=VN, O=HocBa Test PKI, CN=HocBa Test Issuing CA",
      serialNumber: "01",
      notBefore: "2026-01-01T00:00:00.000Z",
      notAfter: "2028-01-01T00:00:00.000Z",
      keyUsage: ["digitalSignature", "nonRepudiation"],
      hasPrivateKey: true,
      usableForSigning,
      sha256: label,
    },
  };
}

const O = "O=Trung tâm GDNN-GDTX Việt Trì";
const TOKEN = [
  cert("thu-truong", `C=VN, ${O}, title=Giám đốc, CN=Nguyễn Văn Thắng, serialNumber=CCCD:001078067890`),
  cert("gvcn", `C=VN, ${O}, title=Giáo viên, CN=Trần Thị Thu Hằng, serialNumber=CCCD:001190012345`),
  cert("don-vi", `C=VN, ${O}, CN=Trung tâm GDNN-GDTX Việt Trì, serialNumber=MST:0109876543`),
  cert("pho-giam-doc", `C=VN, ${O}, CN=Lê Thị Phó, serialNumber=CCCD:001185004444`),
  cert("het-han", `C=VN, ${O}, CN=Trần Thị Thu Hằng, serialNumber=CCCD:001190012345`, false),
];
type Choice = (typeof TOKEN)[number];
const status = (marks: Map<Choice, { status: string }>): Record<string, string> =>
  Object.fromEntries([...marks].map(([c, m]) => [c.label, m.status]));
function byLabel(label: string): Choice {
  const found = TOKEN.find((c) => c.label === label);
  if (!found) throw new Error(label);
  return found;
}

describe("the sign panel's certificate marks (the signer-authority rule, before the PIN)", () => {
  const gdtx = fixture("gradebook-gdtx-10.json");
  const one = [namedSignersOfGradebook(gdtx)];

  it("GVCN: only the homeroom teacher's usable certificate may sign, and it is preselected", () => {
    const { marks, preferred } = markCertificates(TOKEN, "GVCN", one);
    expect(status(marks)).toEqual({
      "thu-truong": "refused",
      gvcn: "ok",
      "don-vi": "refused",
      "pho-giam-doc": "refused",
      "het-han": "ok",
    });
    expect(preferred?.label).toBe("gvcn");
    expect(marks.get(byLabel("thu-truong"))?.verdict).toMatchObject({
      named: "Trần Thị Thu Hằng",
      holder: "Nguyễn Văn Thắng",
    });
  });

  it("ThuTruong: the director; the deputy only when the class's record names the KT. deputy", () => {
    expect(markCertificates(TOKEN, "ThuTruong", one).preferred?.label).toBe("thu-truong");
    expect(status(markCertificates(TOKEN, "ThuTruong", one).marks)["pho-giam-doc"]).toBe("refused");
    const withDeputy = [
      namedSignersOfGradebook({ ...gdtx, kyThay: { hoTen: "Lê Thị Phó", chucVu: "Phó Giám đốc" } }),
    ];
    const { marks } = markCertificates(TOKEN, "ThuTruong", withDeputy);
    expect(status(marks)).toMatchObject({ "thu-truong": "ok", "pho-giam-doc": "ok", gvcn: "refused" });
  });

  it("DonVi: only the centre's organisation certificate", () => {
    const { marks, preferred } = markCertificates(TOKEN, "DonVi", one);
    expect(preferred?.label).toBe("don-vi");
    expect(status(marks)).toMatchObject({ "don-vi": "ok", "thu-truong": "refused", gvcn: "refused" });
  });

  it("nothing is preselected when no usable certificate is the named person's", () => {
    const { preferred } = markCertificates([byLabel("thu-truong"), byLabel("het-han")], "GVCN", one);
    expect(preferred).toBeUndefined();
  });

  it("two classes with different homeroom teachers: her certificate signs one of them only", () => {
    const other = namedSignersOfGradebook({ ...gdtx, gvcn: "Phạm Thị Hương" });
    const { marks, preferred } = markCertificates(TOKEN, "GVCN", [...one, other]);
    expect(marks.get(byLabel("gvcn"))).toMatchObject({
      status: "partly",
      verdict: { named: "Phạm Thị Hương" },
    });
    expect(preferred?.label).toBe("gvcn");
  });

  it("the CCCD matches and the name is spelt otherwise: marked with the warning", () => {
    const withCccd = [namedSignersOfGradebook({ ...gdtx, gvcnCccd: "001190012345" })];
    const spelt = cert("spelt", `C=VN, CN=Tran Thi Thu Hanh, serialNumber=CCCD:001190012345`);
    const { marks } = markCertificates([spelt], "GVCN", withCccd);
    expect(marks.get(spelt)).toMatchObject({ status: "warning", verdict: { reason: "NAME_SPELLING" } });
  });
});

describe("preselection among several certificates of the named person", () => {
  it("prefers the one whose holder is written as the record writes the name", () => {
    const gdtx = fixture("gradebook-gdtx-10.json");
    const capitals = cert("capitals", `C=VN, ${O}, CN=NGUYEN VAN THANG, serialNumber=CCCD:001078067890`);
    const written = cert("written", `C=VN, ${O}, CN=Nguyễn Văn Thắng, serialNumber=CCCD:001078067890`);
    const { marks, preferred } = markCertificates([capitals, written], "ThuTruong", [
      namedSignersOfGradebook(gdtx),
    ]);
    expect([marks.get(capitals)?.status, marks.get(written)?.status]).toEqual(["ok", "ok"]);
    expect(preferred?.label).toBe("written");
  });
});

import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { HocBaPreview } from "../../extension/ui/review/hoc-ba-preview.tsx";
import type { LearnerRow } from "../../extension/services/review-model.ts";
import type { Gradebook } from "../../shared/model/gradebook.ts";
import { buildHocBaXml } from "../../shared/xml/hocbaso-v1/build-hoc-ba-xml.ts";
import { makeSelfSignedCertificate } from "../support/self-signed-certificate.ts";
import { fixture } from "./support/portal.ts";

/** The paper preview's ThuTruong block: "KT. GIÁM ĐỐC" over "PHÓ GIÁM ĐỐC" and the deputy, as on paper. */
const DEPUTY = { hoTen: "Lê Thị Phó", chucVu: "Phó Giám đốc" };

function row(gb: Gradebook, signedBy?: string, serialHex?: string): LearnerRow {
  const learner = gb.learners[0];
  if (!learner) throw new Error("no learner");
  const built = buildHocBaXml(gb, learner, { thoiGianLap: "2026-05-25T08:00:00+07:00" });
  let xml = new TextDecoder().decode(built.bytes);
  if (signedBy) {
    // Display only: the preview reads the signer's CN from the certificate, it verifies nothing.
    const der = makeSelfSignedCertificate({
      subject: `/C=VN/CN=${signedBy}`,
      ...(serialHex ? { serialHex } : {}),
    }).certDer;
    const b64 = Buffer.from(der).toString("base64");
    const sig = (role: string) =>
      `<${role}><ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:KeyInfo><ds:X509Data>` +
      `<ds:X509Certificate>${b64}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></ds:Signature></${role}>`;
    xml = xml.replace("<DSCKS/>", `<DSCKS>${sig("GVCN")}${sig("ThuTruong")}</DSCKS>`);
  }
  return {
    id: "x",
    classKey: "k",
    lop: gb.lop,
    namHoc: gb.namHoc,
    stt: 1,
    maHocVien: learner.hocVien.maHocVien,
    hoTen: learner.hocVien.hoTen,
    ngaySinh: learner.hocVien.ngaySinh,
    errors: [],
    warnings: [],
    built: { fileName: built.fileName, xml },
  };
}

/** The text of the ThuTruong signature block, paragraph by paragraph. */
function headBlock(html: string): string[] {
  const block =
    /<div class="sig[^"]*" data-role="ThuTruong"[^>]*>([\s\S]*?)<\/div><div class="sig/.exec(html)?.[1] ?? "";
  return [...block.matchAll(/<p[^>]*>([^<]*)<\/p>/g)].map((m) => m[1] ?? "");
}

describe("the preview's ThuTruong block", () => {
  const gb = fixture("gradebook-gdtx-10.json");

  it("without a deputy: GIÁM ĐỐC and the head's name", () => {
    const html = renderToStaticMarkup(<HocBaPreview row={row(gb)} />);
    const block = headBlock(html);
    expect(block[0]).toBe("GIÁM ĐỐC");
    expect(block.at(-1)).toBe("Nguyễn Văn Thắng");
    expect(html).not.toContain("KT.");
  });

  it("with a deputy named KT.: KT. GIÁM ĐỐC over PHÓ GIÁM ĐỐC, and the deputy's name", () => {
    const html = renderToStaticMarkup(<HocBaPreview row={row({ ...gb, kyThay: DEPUTY })} />);
    const block = headBlock(html);
    expect(block.slice(0, 2)).toEqual(["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]);
    expect(block.at(-1)).toBe("Lê Thị Phó");
  });

  it("signed by the deputy: still the KT. block; signed by the head himself: the head's block", () => {
    const byDeputy = headBlock(
      renderToStaticMarkup(<HocBaPreview row={row({ ...gb, kyThay: DEPUTY }, "LE THI PHO")} />),
    );
    expect(byDeputy.slice(0, 2)).toEqual(["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"]);
    expect(byDeputy.at(-1)).toBe("Lê Thị Phó");
    const byHead = headBlock(
      renderToStaticMarkup(<HocBaPreview row={row({ ...gb, kyThay: DEPUTY }, "Nguyễn Văn Thắng")} />),
    );
    expect(byHead[0]).toBe("GIÁM ĐỐC");
    expect(byHead.at(-1)).toBe("Nguyễn Văn Thắng");
  });
});

describe("the printed signature block", () => {
  const gb = fixture("gradebook-gdtx-10.json");

  it("says «Đã ký số», who signed and the certificate's serial number, read from the signed bytes", () => {
    const html = renderToStaticMarkup(<HocBaPreview row={row(gb, "Trần Thị Thu Hằng", "0A1B2C3D4E5F")} />);
    const gvcn =
      /<div class="sig signed" data-role="GVCN"[\s\S]*?<\/div><div class="sig/.exec(html)?.[0] ?? "";
    expect(gvcn).toContain("Đã ký số");
    expect(gvcn).toContain("Người ký: Trần Thị Thu Hằng");
    expect(gvcn).toContain("Số hiệu chứng thư: 0A1B2C3D4E5F");
    expect(gvcn).toContain('data-serial="0A1B2C3D4E5F"');
  });

  it("an unsigned role prints no stamp", () => {
    const html = renderToStaticMarkup(<HocBaPreview row={row(gb)} />);
    expect(html).not.toContain("Đã ký số");
    expect(html).not.toContain("sig-stamp");
  });
});

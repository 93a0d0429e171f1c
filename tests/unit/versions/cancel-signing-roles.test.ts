import { describe, expect, it } from "vitest";
import { assertRoleCanSign } from "../../../native-host/sign/check-signable.ts";
import { inspectHocBa } from "../../../native-host/xmldsig/inspect-hocba.ts";
import { buildHocBaXml } from "../../../shared/xml/hocbaso-v1/build-hoc-ba-xml.ts";
import { readHocBa } from "../../../shared/xml/hocbaso-v1/read-hoc-ba.ts";
import {
  isCompletelySigned,
  isSigningOrder,
  rolesBefore,
  signingRolesFor,
} from "../../../shared/xml/hocbaso-v1/signature-profile.ts";
import { sampleGradebook, sampleLearner } from "../xml/sample-gradebook.ts";
import { signWithXmlCrypto } from "../xml/support/signed-document.ts";

/**
 * A CANCEL document is signed by the head alone (then optionally sealed), never by the GVCN; a
 * record (NEW, UPDATE) keeps GVCN → ThuTruong → DonVi. The rule lives in signature-profile.ts and
 * is applied by the signer (assertRoleCanSign), the inspection (verifier) and the reader.
 */
const built = new TextDecoder().decode(buildHocBaXml(sampleGradebook(), sampleLearner(1)).bytes);
const cancel = built.replace("<SuKien>NEW</SuKien>", "<SuKien>CANCEL</SuKien>");

describe("the signing roles of a CANCEL", () => {
  it("the profile: the head first, the seal optional after it, no GVCN; a record as before", () => {
    expect(signingRolesFor("CANCEL")).toEqual(["ThuTruong", "DonVi"]);
    expect(signingRolesFor("UPDATE")).toEqual(["GVCN", "ThuTruong", "DonVi"]);
    expect(rolesBefore("DonVi", "CANCEL")).toEqual(["ThuTruong"]);
    expect(rolesBefore("DonVi")).toEqual(["GVCN", "ThuTruong"]);
    expect(rolesBefore("GVCN", "CANCEL")).toEqual(["ThuTruong", "DonVi"]); // nothing satisfies it
    expect(isCompletelySigned(["ThuTruong"], "CANCEL")).toBe(true);
    expect(isCompletelySigned(["ThuTruong", "DonVi"], "CANCEL")).toBe(true);
    expect(isCompletelySigned([], "CANCEL")).toBe(false);
    expect(isCompletelySigned(["GVCN", "ThuTruong"], "CANCEL")).toBe(false);
    expect(isCompletelySigned(["GVCN", "ThuTruong"], "NEW")).toBe(false);
    expect(isCompletelySigned(["GVCN", "ThuTruong", "DonVi"], "UPDATE")).toBe(true);
    expect(isSigningOrder(["ThuTruong"], "NEW")).toBe(false);
  });

  it("the signer: the head signs an unsigned CANCEL; the GVCN never; the seal only after the head", () => {
    expect(() => assertRoleCanSign([], "ThuTruong", "CANCEL")).not.toThrow();
    expect(() => assertRoleCanSign(["ThuTruong"], "DonVi", "CANCEL")).not.toThrow();
    expect(() => assertRoleCanSign([], "GVCN", "CANCEL")).toThrow(/giáo viên chủ nhiệm không ký văn bản hủy/);
    expect(() => assertRoleCanSign(["ThuTruong"], "GVCN", "CANCEL")).toThrow(/văn bản hủy/);
    expect(() => assertRoleCanSign([], "DonVi", "CANCEL")).toThrow(/văn bản hủy/);
    expect(() => assertRoleCanSign(["ThuTruong"], "ThuTruong", "CANCEL")).toThrow(
      /mỗi vai trò chỉ ký một lần/,
    );
    // A record still needs the GVCN first.
    expect(() => assertRoleCanSign([], "ThuTruong", "UPDATE")).toThrow(/chưa có chữ ký/);
  });

  it("the verifier's inspection and the reader: the head's signature alone is in order, a GVCN's is not", () => {
    const byHead = signWithXmlCrypto(cancel, "ThuTruong");
    expect(inspectHocBa(Buffer.from(byHead)).issues).toEqual([]);
    expect(readHocBa(byHead).vaiTroCoChuKy).toEqual(["ThuTruong"]);

    const byGvcn = signWithXmlCrypto(cancel, "GVCN");
    expect(inspectHocBa(Buffer.from(byGvcn)).issues.map((i) => i.code)).toEqual(["VERIFY_CANCEL_ROLE_ORDER"]);
    expect(() => readHocBa(byGvcn)).toThrow(/out of order for SuKien CANCEL/);

    // The head alone on a record (NEW) is out of order, as before.
    const headOnRecord = signWithXmlCrypto(built, "ThuTruong");
    expect(inspectHocBa(Buffer.from(headOnRecord)).issues.map((i) => i.code)).toEqual(["VERIFY_ROLE_ORDER"]);
  });
});

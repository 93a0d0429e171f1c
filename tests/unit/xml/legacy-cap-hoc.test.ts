import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateHocBaXml } from "../../../native-host/xml/validate-hocba-xml.ts";
import { readHocBa } from "../../../shared/xml/hocbaso-v1/read-hoc-ba.ts";
import { runHocba } from "../../support/run-hocba.ts";
import { useTestToken, type TestToken } from "../../support/test-token.ts";
import { xmlsec1Verify } from "../../support/xmlsec1.ts";
import { FIXTURES_DIR } from "./support/fixtures.ts";
import { xmllintInvalid } from "./support/xmllint.ts";

/**
 * Format 1.0 documents built before THPT was written with its national code 04 carry
 * <CapHoc>03</CapHoc>. Their signatures cover those bytes, so they must keep validating, reading,
 * taking the next signature and verifying exactly as they are. The file is the THPT golden document
 * as it was built then (tests/fixtures/golden/0102130005_2025-2026.xml before the change).
 */
const NAME = "0102130005_2025-2026.xml";
const legacy = new Uint8Array(readFileSync(new URL(`legacy-caphoc-03/${NAME}`, FIXTURES_DIR)));
const current = new Uint8Array(readFileSync(new URL(`golden/${NAME}`, FIXTURES_DIR)));
const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe("a format 1.0 document with CapHoc 03 (built before 04)", () => {
  it("is the document built today but for CapHoc", () => {
    expect(text(legacy)).toContain("<CapHoc>03</CapHoc><ChuongTrinh>thpt-tt22</ChuongTrinh>");
    expect(text(current)).toContain("<CapHoc>04</CapHoc><ChuongTrinh>thpt-tt22</ChuongTrinh>");
    expect(text(legacy).replace("<CapHoc>03</CapHoc>", "<CapHoc>04</CapHoc>")).toBe(text(current));
  });

  it("still validates against the XSD the helper uses, and with xmllint", () => {
    expect(validateHocBaXml(legacy).errors).toEqual([]);
    expect(xmllintInvalid([{ fileName: NAME, bytes: legacy }]).invalid).toEqual([]);
  });

  it("still reads, as 03", () => {
    const old = readHocBa(text(legacy));
    const now = readHocBa(text(current));
    expect(old.ttChung.capHoc).toBe("03");
    expect(now.ttChung.capHoc).toBe("04");
    expect({ ...old, ttChung: { ...old.ttChung, capHoc: "04" } }).toEqual(now);
  });

  describe("signed", () => {
    let tok: TestToken;
    const tmp = mkdtempSync(path.join(os.tmpdir(), "hocba-legacy-"));
    beforeAll(() => {
      tok = useTestToken();
      mkdirSync(path.join(tmp, "in"));
      writeFileSync(path.join(tmp, "in", NAME), legacy);
    });
    afterAll(() => rmSync(tmp, { recursive: true, force: true }));

    const sign = (file: string, role: string, cert: string, out: string) =>
      runHocba(
        [
          "sign",
          file,
          "--role",
          role,
          "--token",
          tok.tokenLabel,
          "--cert",
          cert,
          "--pin-env",
          "HOCBA_PIN",
        ].concat(["--out", path.join(tmp, out), "--trust", tok.rootPem]),
        { env: { ...tok.env, HOCBA_PIN: tok.pin, HOCBA_ARCHIVE: path.join(tmp, `${out}.sqlite`) } },
      );

    it("takes the GVCN and ThuTruong signatures and verifies, bytes of the data unchanged", async () => {
      // The THPT class's own GVCN and Hiệu trưởng (signer authority).
      const a = await sign(path.join(tmp, "in", NAME), "gvcn", "thpt-gvcn", "gvcn");
      expect(a.code, a.stderr).toBe(0);
      const b = await sign(path.join(tmp, "gvcn", NAME), "thu-truong", "thpt-hieu-truong", "thu-truong");
      expect(b.code, b.stderr).toBe(0);
      const signedFile = path.join(tmp, "thu-truong", NAME);
      const signed = readFileSync(signedFile);
      const data = /<DLHocBa Id="DLHocBa">[\s\S]*<\/DLHocBa>/.exec(text(legacy))?.[0];
      expect(data).toContain("<CapHoc>03</CapHoc>");
      expect(signed.toString("utf8")).toContain(data ?? "?");

      const v = await runHocba(["verify", signedFile, "--trust", tok.rootPem, "--json"]);
      expect(v.code, v.stdout).toBe(0);
      const report = JSON.parse(v.stdout) as {
        ok: boolean;
        files: { ok: boolean; roles: string[]; signedData?: { view?: { ttChung: { capHoc: string } } } }[];
      };
      expect(report.files[0]).toMatchObject({ ok: true, roles: ["GVCN", "ThuTruong"] });
      expect(report.files[0]?.signedData?.view?.ttChung.capHoc).toBe("03");
      for (const id of ["sig-GVCN", "sig-ThuTruong"]) {
        const x = xmlsec1Verify(signed, id, { root: tok.rootPem, intermediate: tok.intermediatePem });
        expect(x.ok, x.output).toBe(true);
      }
    });
  });
});

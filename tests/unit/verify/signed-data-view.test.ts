import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { verifyHocBa } from "../../../native-host/verify/verify-hocba.ts";
import { TrustAnchors } from "../../../native-host/xmldsig/trust-anchors.ts";
import { readHocBa } from "../../../shared/xml/hocbaso-v1/read-hoc-ba.ts";

const DIR = path.resolve(import.meta.dirname, "../../fixtures/attacks");
const manifest = JSON.parse(readFileSync(path.join(DIR, "manifest.json"), "utf8")) as { verifyAt: string };

describe("the verified data's view (read from the parsed DLHocBa, not parsed again)", () => {
  it.each(["valid-gvcn.xml", "valid-complete.xml", "valid-ec-gvcn.xml"])(
    "%s: the same view as reading the canonical bytes the digests cover",
    async (name) => {
      const anchors = TrustAnchors.load({
        trustRootFiles: [path.join(DIR, "pki/root.pem")],
        trustStoreDir: null,
      });
      const report = await verifyHocBa(readFileSync(path.join(DIR, name)), {
        anchors,
        now: new Date(manifest.verifyAt),
      });
      expect(report.ok, JSON.stringify(report.issues)).toBe(true);
      const data = report.signedData;
      expect(data?.view?.hocVien.maHocVien).toMatch(/\S/);
      expect(data?.view).toEqual(readHocBa(data?.canonicalXml ?? ""));
    },
  );
});

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatVerifyReport } from "../../../native-host/verify/format-verify-report.ts";
import { verifyHocBa, type VerifyReport } from "../../../native-host/verify/verify-hocba.ts";
import { xmlsec1Verify } from "../../support/xmlsec1.ts";

/**
 * The hostile-file fixtures of issue 9 (tests/fixtures/attacks/hostile, made by
 * make-hostile-fixtures.ts with its own PKI): each must be refused for its own reason, in bounded
 * time, and xmlsec1 must still say what the manifest records beside it (it accepts most of them:
 * they break the format, the certificate policy or the time rules, not the cryptography).
 */
const DIR = path.resolve(import.meta.dirname, "../../fixtures/attacks/hostile");
interface Fixture {
  file: string;
  description: string;
  expect: string[];
  xmlsec1: "accept" | "reject";
  signature: string;
  xmlsec1Time: string;
}
const manifest = JSON.parse(readFileSync(path.join(DIR, "manifest.json"), "utf8")) as {
  verifyAt: string;
  fixtures: Fixture[];
};
const ROOT = path.join(DIR, "pki/root.pem");

/** Far above what any fixture takes (milliseconds), far below a quadratic pattern's minutes. */
const TIME_BOUND_MS = 5000;

function codes(r: VerifyReport): string[] {
  return [
    ...r.issues.map((i) => i.code),
    ...r.signatures.flatMap((s) => s.issues.map((i) => `${s.role}:${i.code}`)),
  ];
}

function verify(file: string): Promise<VerifyReport> {
  return verifyHocBa(readFileSync(path.join(DIR, file)), {
    trustRootFiles: [ROOT],
    trustStoreDir: null,
    now: new Date(manifest.verifyAt),
    file,
  });
}

function issueOf(r: VerifyReport, code: string) {
  return [...r.issues, ...r.signatures.flatMap((s) => s.issues)].find((i) => i.code === code);
}

describe("hostile fixtures: each verdict, in bounded time, xmlsec1 beside it", () => {
  it("the manifest lists every fixture in the folder", () => {
    const files = readdirSync(DIR).filter((f) => f.endsWith(".xml"));
    expect(manifest.fixtures.map((f) => f.file).sort()).toEqual(files.sort());
  });

  it.each(manifest.fixtures.map((f) => [f.file, f] as const))("%s", async (file, f) => {
    const t0 = performance.now();
    const r = await verify(file);
    expect(performance.now() - t0).toBeLessThan(TIME_BOUND_MS);
    if (f.expect.length === 0) {
      expect(codes(r)).toEqual([]);
      expect(r.ok).toBe(true);
    } else {
      expect(r.ok).toBe(false);
      expect(codes(r)).toEqual(expect.arrayContaining(f.expect));
    }
    const x = xmlsec1Verify(readFileSync(path.join(DIR, file)), f.signature, {
      root: ROOT,
      verificationTime: f.xmlsec1Time.replace("T", " ").replace(/(\+\d\d:\d\d|Z)$/, ""),
    });
    expect(x.ok ? "accept" : "reject", x.output).toBe(f.xmlsec1);
  });
});

describe("what the verifier says names the problem", () => {
  it.each([
    ["data-duplicate-hoten.xml", "VERIFY_DATA_SCHEMA", { path: "/HocBaSo/DLHocBa/HocVien/HoTen[2]" }],
    ["data-extra-element.xml", "VERIFY_DATA_SCHEMA", { path: "/HocBaSo/DLHocBa/HocVien/GhiChu" }],
    ["data-hidden-attribute.xml", "VERIFY_DATA_SCHEMA", { path: "/HocBaSo/DLHocBa/HocVien/HoTen" }],
    ["data-whitespace-only.xml", "VERIFY_DATA_SCHEMA", { path: "/HocBaSo/DLHocBa/HocVien/HoTen" }],
    ["data-nfd.xml", "VERIFY_DATA_NOT_NFC", { path: "/HocBaSo/DLHocBa/HocVien/HoTen" }],
    [
      "data-zero-width-name.xml",
      "VERIFY_DATA_INVISIBLE_CHAR",
      { path: "/HocBaSo/DLHocBa/HocVien/HoTen", codePoint: "200B" },
    ],
    [
      "data-bidi-override.xml",
      "VERIFY_DATA_INVISIBLE_CHAR",
      { path: "/HocBaSo/DLHocBa/HocVien/NoiSinh", codePoint: "202E" },
    ],
    [
      "data-soft-hyphen.xml",
      "VERIFY_DATA_INVISIBLE_CHAR",
      { path: "/HocBaSo/DLHocBa/HocVien/NoiSinh", codePoint: "00AD" },
    ],
    ["cert-rsa-1024.xml", "VERIFY_SIG_CERT_WEAK_KEY", { role: "GVCN", key: "RSA 1024 bit" }],
    ["cert-sha1-signed.xml", "VERIFY_SIG_CERT_WEAK_HASH", { algorithm: "sha1WithRSAEncryption" }],
    [
      "chain-sha1-intermediate.xml",
      "VERIFY_SIG_CERT_WEAK_HASH",
      { name: "HocBa Hostile int-sha1", algorithm: "sha1WithRSAEncryption" },
    ],
    ["cert-eku-server-auth.xml", "VERIFY_SIG_CERT_EXTENDED_KEY_USAGE", { purposes: "serverAuth" }],
    ["cert-eku-client-auth.xml", "VERIFY_SIG_CERT_EXTENDED_KEY_USAGE", { purposes: "clientAuth" }],
    ["cert-unknown-critical.xml", "VERIFY_SIG_CERT_UNKNOWN_CRITICAL", { oid: "1.3.6.1.4.1.99999.9" }],
    [
      "time-before-created.xml",
      "VERIFY_SIG_TIME_BEFORE_CREATED",
      { time: "2026-05-20T08:00:00+07:00", created: "2026-05-25T08:00:00+07:00" },
    ],
    [
      "time-thu-truong-before-gvcn.xml",
      "VERIFY_SIG_TIME_BEFORE_EARLIER",
      { role: "ThuTruong", earlier: "GVCN", earlierTime: "2026-06-02T09:00:00+07:00" },
    ],
    ["time-offset-utc.xml", "VERIFY_SIG_TIME_OFFSET", { value: "2026-06-01T01:30:00Z" }],
    [
      "time-before-school-year.xml",
      "VERIFY_SIG_TIME_BEFORE_SCHOOL_YEAR",
      { namHoc: "2025-2026", start: "2025-08-01T00:00:00+07:00" },
    ],
  ])("%s: %s %j", async (file, code, params) => {
    const issue = issueOf(await verify(file), code);
    expect(issue?.params).toMatchObject(params);
    // Vietnamese, with every placeholder filled.
    expect(issue?.message).not.toMatch(/\{[a-z]\w*\}/);
  });

  it("says in Vietnamese what is wrong with the signed data, where", async () => {
    const r = await verify("data-duplicate-hoten.xml");
    expect(issueOf(r, "VERIFY_DATA_SCHEMA")?.message).toBe(
      "Dữ liệu đã ký (DLHocBa) không đúng lược đồ học bạ số 1.0 tại /HocBaSo/DLHocBa/HocVien/HoTen[2]: " +
        "Element 'HoTen': This element is not expected. Expected is ( NgaySinh ).",
    );
    expect(issueOf(await verify("cert-rsa-1024.xml"), "VERIFY_SIG_CERT_WEAK_KEY")?.message).toBe(
      "Chữ ký GVCN: chứng thư số «Trần Thị Thu Hằng» dùng khoá RSA 1024 bit, quá yếu (cần RSA từ 2048 bit hoặc ECDSA P-256 trở lên).",
    );
  });

  it("a report whose signed data cannot be read keeps its learner line, saying so", async () => {
    const r = await verify("data-duplicate-hoten.xml");
    expect(r.signedData?.view).toBeUndefined();
    const text = formatVerifyReport(r);
    expect(text).toContain("Học viên: (không đọc được dữ liệu đã ký: xem lỗi bên dưới)");
    expect(text).toContain("✗ Không đọc được dữ liệu học bạ đã ký để hiển thị");
  });
});

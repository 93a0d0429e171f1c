import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import {
  describeCertificate,
  formatDateVi,
  subjectIds,
} from "../../../native-host/token/certificate-info.ts";
import { pinStatusFromFlags, describePinStatusVi } from "../../../native-host/token/pin-status.ts";
import { probeTokenModules, tokenModulePaths } from "../../../native-host/token/probe-token-modules.ts";
import { P11 } from "../../../native-host/token/pkcs11-api.ts";
import { certificatesFrom } from "../../../native-host/xmldsig/trust-anchors.ts";
import { useTestToken, type TestToken } from "../../support/test-token.ts";

let tok: TestToken;
beforeAll(() => {
  tok = useTestToken();
});

describe("probe list of Vietnamese PKCS#11 libraries (shared/config/token-modules.json)", () => {
  it("on Windows looks in %SystemRoot%\\System32 for the VN CA DLLs", () => {
    const paths = tokenModulePaths({ platform: "win32", env: { SystemRoot: "D:\\Win" } }).map((c) => c.path);
    expect(paths).toContain("D:\\Win\\System32\\vnpt-ca_csp11.dll");
    expect(paths).toContain("D:\\Win\\System32\\viettel-ca_v6.dll");
    expect(paths).toContain("D:\\Win\\System32\\BkavCA.dll");
    expect(paths).toContain("D:\\Win\\System32\\eTPKCS11.dll");
  });

  it("on Linux includes SoftHSM for tests, and the real one is found on this machine", () => {
    expect(tokenModulePaths({ platform: "linux" }).map((c) => c.path)).toContain(
      "/usr/lib/softhsm/libsofthsm2.so",
    );
    const found = probeTokenModules({ platform: "linux" });
    expect(found.map((c) => c.path)).toContain(tok.modulePath);
  });

  it("keeps only existing libraries, each library once even under two names", () => {
    const found = probeTokenModules({
      platform: "linux",
      exists: (p) => p.includes("softhsm") || p.includes("eps2003"),
      identity: (p) => (p.includes("softhsm") ? "softhsm" : p),
    });
    expect(found.map((c) => c.vendor)).toEqual([
      "Feitian ePass2003",
      "Feitian ePass2003",
      "SoftHSM2 (chỉ để kiểm thử)",
    ]);
  });
});

describe("certificate fields", () => {
  it.each([
    [[["serialNumber", "CCCD:001190012345"]], { cccd: "001190012345" }],
    [[["UID", "MST:0101234567-001"]], { mst: "0101234567-001" }],
    [[["UID", "CMND: 012345678"]], { cmnd: "012345678" }],
    [
      [
        ["serialNumber", "cccd:001190012345"],
        ["UID", "MST:0109876543"],
      ],
      { cccd: "001190012345", mst: "0109876543" },
    ],
    [[["serialNumber", "HC:B1234567"]], { hoChieu: "B1234567" }],
    [[["serialNumber", "1234"]], {}],
    [[["CN", "MST:0101234567"]], {}],
  ] as Array<[Array<[string, string]>, object]>)("subject %j gives %j", (attrs, ids) => {
    expect(subjectIds(attrs)).toEqual(ids);
  });

  it("reads the test seal certificate", () => {
    const [der] = certificatesFrom(readFileSync(tok.certPem("don-vi"), "utf8"));
    const info = describeCertificate(der ?? Buffer.alloc(0));
    expect(info.subject).toBe(
      "C=VN, ST=Phú Thọ, L=Thành phố Việt Trì, O=Trung tâm GDNN-GDTX Việt Trì, CN=Trung tâm GDNN-GDTX Việt Trì, serialNumber=MST:0109876543",
    );
    expect(info.selfSigned).toBe(false);
    expect(info.sha256).toMatch(/^[0-9A-F]{64}$/);
  });

  it("formats dates in Vietnam time", () => {
    expect(formatDateVi(new Date("2024-12-31T18:00:00Z"))).toBe("01/01/2025");
  });
});

describe("PIN flags", () => {
  it.each([
    [0, "bình thường"],
    [P11.CKF_USER_PIN_COUNT_LOW, "đã có lần nhập sai PIN, số lần thử còn ít"],
    [P11.CKF_USER_PIN_COUNT_LOW | P11.CKF_USER_PIN_FINAL_TRY, "CHỈ CÒN 1 LẦN THỬ PIN"],
    [P11.CKF_USER_PIN_LOCKED, "PIN ĐÃ BỊ KHOÁ"],
    [
      P11.CKF_USER_PIN_TO_BE_CHANGED | P11.CKF_PROTECTED_AUTHENTICATION_PATH,
      "phải đổi PIN; nhập PIN trên thiết bị",
    ],
  ])("flags %i read as «%s»", (flags, text) => {
    expect(describePinStatusVi(pinStatusFromFlags(flags))).toBe(text);
  });
});

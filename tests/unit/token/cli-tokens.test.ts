import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runHocba } from "../../support/run-hocba.ts";
import { useTestToken, type TestToken } from "../../support/test-token.ts";

let tok: TestToken;
beforeAll(() => {
  tok = useTestToken();
});

describe("hocba tokens", () => {
  it("lists the test tokens and their certificates in Vietnamese (probing the module list)", async () => {
    const r = await runHocba(["tokens"], { env: tok.env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("Token «HocBa-Test»");
    expect(r.stdout).toContain("[ID 01] «gvcn»: Trần Thị Thu Hằng, CCCD 001190012345 (dùng để ký được)");
    expect(r.stdout).toContain("«don-vi»: Trung tâm GDNN-GDTX Việt Trì, MST 0109876543");
    expect(r.stdout).toContain("«het-han»: Phạm Văn Cũ, CCCD 001080000001 (HẾT HẠN)");
    expect(r.stdout).toContain("(chứng thư của tổ chức cấp (CA))");
    expect(r.stdout).toContain("Trạng thái PIN: bình thường");
  });

  it("prints JSON with --json (UTF-8, not escaped)", async () => {
    const r = await runHocba(["tokens", "--module", tok.modulePath, "--json"], { env: tok.env });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Trần Thị Thu Hằng");
    const json = JSON.parse(r.stdout) as {
      modules: Array<{
        tokens: Array<{
          label: string;
          pin: { locked: boolean };
          certificates: Array<{ label: string; status: string }>;
        }>;
      }>;
    };
    const t = json.modules[0]?.tokens.find((x) => x.label === "HocBa-Test");
    expect(t?.pin.locked).toBe(false);
    expect(t?.certificates.find((c) => c.label === "sai-muc-dich")?.status).toBe("khong-cho-phep-ky");
  });

  it("exits 1 with a clear message when no token is present", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "hocba-empty-"));
    mkdirSync(path.join(dir, "tokens"));
    const conf = path.join(dir, "softhsm2.conf");
    writeFileSync(
      conf,
      `directories.tokendir = ${dir}/tokens\nobjectstore.backend = file\nlog.level = ERROR\n`,
    );
    const r = await runHocba(["tokens", "--module", tok.modulePath], {
      env: { ...tok.env, SOFTHSM2_CONF: conf },
    });
    rmSync(dir, { recursive: true, force: true });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("(không có token nào đang cắm)");
    expect(r.stderr).toContain("Lỗi: Chưa thấy USB token nào được cắm vào máy");
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("exits 1 naming a PKCS#11 library that cannot be loaded", async () => {
    const r = await runHocba(["tokens", "--module", "/khong/co/vnpt-ca.so"], { env: tok.env });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Không nạp được thư viện PKCS#11 «/khong/co/vnpt-ca.so»");
  });
});

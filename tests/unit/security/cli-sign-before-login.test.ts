import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runHocba } from "../../support/run-hocba.ts";
import { makeTestToken } from "../host/test-token.ts";

/**
 * Security review, CLI: `hocba sign` refuses files that are not học bạ before it logs in, as the
 * helper does, so that a wrong folder never costs a PIN try (each document's first read runs
 * checkSignable, native-host/sign/check-signable.ts, before the login).
 */
// A token of its own: a wrong PIN sets CKF_USER_PIN_COUNT_LOW, which other files assert on.
const tok = makeTestToken();
const tmp = mkdtempSync(path.join(os.tmpdir(), "hocba-sec-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("hocba sign and documents that may not be signed", () => {
  it("refuses a non-học-bạ file without trying the (wrong) PIN", async () => {
    const file = path.join(tmp, "hoa-don.xml");
    writeFileSync(file, '<?xml version="1.0" encoding="UTF-8"?>\n<HoaDon><TongTien>1</TongTien></HoaDon>\n');
    const r = await runHocba(
      [
        "sign",
        file,
        "--role",
        "gvcn",
        "--token",
        tok.label,
        "--pin-env",
        "HOCBA_TEST_PIN",
        "--out",
        path.join(tmp, "out"),
        "--json",
      ],
      { env: { ...tok.env, HOCBA_TEST_PIN: "000000" } },
    );
    expect(r.code).toBe(1);
    const out = `${r.stdout}${r.stderr}`;
    expect(out).toContain("SIGN_INVALID_DOCUMENT");
    expect(out).not.toMatch(/TOKEN_PIN/);
  });
});

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "./support/extension-browser.ts";

// The README's first command, in its short form: the same script `npm run demo` runs, so a broken
// demo fails `npm test` instead of the first newcomer who tries it.
describe("npm run demo -- --smoke", () => {
  const out = mkdtempSync(path.join(tmpdir(), "hocba-demo-smoke-"));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("reads the class on the demo portal, signs it as GVCN and Giám đốc, and every file verifies", () => {
    const run = spawnSync("bash", [path.join(ROOT, "scripts/demo.sh"), "--smoke", "--out", out], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 280_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    const printed = `${run.stdout}\n${run.stderr}`;
    expect(run.status, printed).toBe(0);
    expect(run.stdout).toContain("Kết quả: THÀNH CÔNG");
    expect(run.stdout).toMatch(/hocba verify 4\/4 tệp hợp lệ; xmlsec1 8\/8 chữ ký hợp lệ/);
    // Signer authority: every signature is by the person the record names, and the list said so.
    expect(run.stdout).toMatch(/Thẩm quyền ký: 8\/8 chữ ký đúng người học bạ ghi cho vai trò/);
    expect(run.stdout).toMatch(
      /khi ký GVCN: được ký: Trần Thị Thu Hằng; không phải người ký vai trò này: .*Nguyễn Văn Thắng/,
    );
    // It says where its output is and what to open, and those paths exist.
    expect(run.stdout).toContain(`Kết quả nằm trong ${out}/`);
    const signed = path.join(out, "hoc-ba-da-ky");
    const xml = readdirSync(signed, { recursive: true }).filter((f) => String(f).endsWith(".xml"));
    expect(xml).toHaveLength(4);
    expect(existsSync(path.join(out, "root.pem"))).toBe(true);
    expect(readFileSync(path.join(out, "tom-tat.txt"), "utf8")).toContain("THÀNH CÔNG");
    expect(readdirSync(path.join(out, "anh-chup")).length).toBeGreaterThan(0);
  });
});

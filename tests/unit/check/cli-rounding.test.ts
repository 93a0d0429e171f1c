import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { checkGradebook } from "../../../shared/check/check-gradebook.ts";
import type { CheckReport } from "../../../shared/check/check-report.ts";
import type { Gradebook } from "../../../shared/model/gradebook.ts";
import { loadProfile } from "../../../shared/rules/load-profile.ts";
import { fillPortalValues } from "../rules/helpers.ts";

/**
 * TT22 Điều 9 on the command line: an average the portal rounded wrongly makes `hocba check` exit 1
 * and `hocba build` refuse that learner, at the rounding boundaries the regulation fixes.
 */
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), "hocba-rounding-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function hocba(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(ROOT, "bin/hocba.mjs"), ...args],
      { cwd: ROOT, env: { ...process.env, HOCBA_DEBUG: "" }, encoding: "utf8", maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const code = err ? ((err as { code?: unknown }).code ?? -1) : 0;
        resolve({ code: typeof code === "number" ? code : -1, stdout, stderr });
      },
    );
  });
}

// Ngữ văn, HK II (105 periods: 4 ĐĐGtx, divisor 9): tx 8, 8, 8, t; gk 8; ck 8 → (71.55 − 7.55 + t)/9.
const CASES = [
  { t: 7.55, shown: 8, ok: true }, // 71.55/9 = 7,95 exactly → 8,0 (half-up)
  { t: 7.55, shown: 7.9, ok: false },
  { t: 7.54, shown: 7.9, ok: true }, // 71.54/9 = 7,9488… → 7,9
  { t: 7.54, shown: 8, ok: false },
  { t: 7.56, shown: 8, ok: true }, // 71.56/9 = 7,9511… → 8,0
  { t: 7.56, shown: 7.9, ok: false },
];

function boundaryClass(): { file: string; gb: Gradebook } {
  const gb = JSON.parse(
    readFileSync(join(ROOT, "tests/fixtures/gradebook-thpt-11.json"), "utf8"),
  ) as Gradebook;
  const profile = loadProfile(gb.profile);
  gb.learners = gb.learners.filter((l) => l.ketQuaXet === "LenLop").slice(0, CASES.length);
  CASES.forEach(({ t, shown }, i) => {
    const l = gb.learners[i];
    const nv = l?.ketQua.find((k) => k.maMon === "NV");
    if (!l || !nv) throw new Error("the THPT fixture lacks learners or Ngữ văn");
    nv.hk1 = { tx: [8, 8, 8, 8], gk: 8, ck: 8, tbm: null, mucDanhGia: null };
    nv.hk2 = { tx: [8, 8, 8, t], gk: 8, ck: 8, tbm: null, mucDanhGia: null };
    fillPortalValues(gb, l, profile); // every portal value right, the year from the right ĐTBmhk...
    nv.hk2.tbm = shown; // ...then HK II as the portal shows it
  });
  const file = join(tmp, "lop-bien.json");
  writeFileSync(file, JSON.stringify(gb), "utf8");
  return { file, gb };
}

describe("a wrongly rounded average on the command line", () => {
  const { file, gb } = boundaryClass();
  const wrong = CASES.flatMap((c, i) => (c.ok ? [] : [i]));

  it("hocba check exits 1 and names each wrong ĐTBmhk with the exact and the right value", async () => {
    const r = await hocba("check", file, "--json");
    expect(r.code, r.stderr).toBe(1);
    const report = JSON.parse(r.stdout) as CheckReport;
    expect(
      report.items.map((i) => [i.severity, i.code, i.path.learnerIndex, i.path.maMon, i.path.field]),
    ).toEqual(wrong.map((i) => ["error", "CHECK_TBM_ROUNDING", i, "NV", "hk2.tbm"]));
    expect(report.items.map((i) => i.message)).toEqual([
      expect.stringContaining(
        "trên cổng là 7,9, nhưng giá trị chính xác 7,95 làm tròn đến 1 chữ số thập phân phải là 8,0",
      ),
      expect.stringContaining(
        "trên cổng là 8,0, nhưng giá trị chính xác 7,949… làm tròn đến 1 chữ số thập phân phải là 7,9",
      ),
      expect.stringContaining(
        "trên cổng là 7,9, nhưng giá trị chính xác 7,951… làm tròn đến 1 chữ số thập phân phải là 8,0",
      ),
    ]);
    expect(report.blockedLearners).toEqual(wrong.map((i) => gb.learners[i]?.hocVien.maHocVien));
  });

  it("hocba check exits 0 when only the right values are left", async () => {
    const right = { ...gb, learners: gb.learners.filter((_, i) => CASES[i]?.ok) };
    const rightFile = join(tmp, "lop-dung.json");
    writeFileSync(rightFile, JSON.stringify(right), "utf8");
    const r = await hocba("check", rightFile);
    expect(r.code, r.stdout).toBe(0);
  });

  it("hocba build refuses the learners with a wrong average and builds the others", async () => {
    const out = join(tmp, "out");
    const r = await hocba("build", file, "--out", out);
    expect(r.code, r.stderr).toBe(1);
    const built = readdirSync(out).filter((f) => f.endsWith(".xml"));
    // A learner whose portal envelope is a later version gets it in the file name.
    const name = (i: number) => {
      const l = gb.learners[i];
      const v = l?.banGhi && l.banGhi.phienBan !== 1 ? `_v${l.banGhi.phienBan}` : "";
      return `${l?.hocVien.maHocVien}_${gb.namHoc}${v}.xml`;
    };
    expect(built.sort()).toEqual(CASES.flatMap((c, i) => (c.ok ? [name(i)] : [])).sort());
    const report = checkGradebook(gb, loadProfile(gb.profile), { today: "2026-05-25" });
    for (const i of wrong) {
      const item = report.items.find((x) => x.path.learnerIndex === i);
      expect(item?.code).toBe("CHECK_TBM_ROUNDING");
      expect(r.stdout).toContain(`dòng ${i + 1}: ${item?.message ?? "?"}`);
    }
  });
});

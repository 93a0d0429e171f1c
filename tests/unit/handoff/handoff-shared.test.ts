import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { strToU8, zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { buildHandoffPackage } from "../../../shared/handoff/build-handoff-package.ts";
import { handoffPackageName } from "../../../shared/handoff/handoff-package-name.ts";
import { readHandoffPackage } from "../../../shared/handoff/read-handoff-package.ts";
import { sha256Hex } from "../../../shared/handoff/sha256-hex.ts";
import { parseSha256Sums } from "../../../shared/handoff/sha256-sums.ts";
import { todayInVietnam } from "../../../shared/check/check-dates.ts";
import { computeProgress } from "../../../shared/progress/compute-progress.ts";
import { progressTable } from "../../../shared/progress/progress-table.ts";
import { sampleDocument } from "../../support/hocba-documents.ts";

const ROOT = path.resolve(import.meta.dirname, "../../..");

describe("shared/handoff and shared/progress run in the browser", () => {
  it("import nothing from Node", () => {
    for (const folder of ["shared/handoff", "shared/progress"]) {
      for (const f of readdirSync(path.join(ROOT, folder))) {
        const text = readFileSync(path.join(ROOT, folder, f), "utf8");
        expect(text, `${folder}/${f}`).not.toMatch(/from "node:|from "(fs|path|crypto|os)"/);
      }
    }
  });
});

describe("sha256Hex (pure)", () => {
  it("equals node:crypto on lengths around the block and padding edges", () => {
    for (const n of [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 1000, 65_537]) {
      const data = new Uint8Array(n).map((_, i) => (i * 31 + n) & 0xff);
      expect(sha256Hex(data), String(n)).toBe(createHash("sha256").update(data).digest("hex"));
    }
  });
});

describe("package names and SHA256SUMS", () => {
  it("folds the class name to ASCII without separators", () => {
    expect(handoffPackageName("10A1", "2025-2026", "gvcn")).toBe("10A1_2025-2026_gvcn.hocba.zip");
    expect(handoffPackageName("Lớp 12/Đặc biệt", "2025-2026", "dong-dau")).toBe(
      "Lop-12-Dac-biet_2025-2026_dong-dau.hocba.zip",
    );
    expect(handoffPackageName("../..", "2025-2026", "thu-truong")).toBe("lop_2025-2026_thu-truong.hocba.zip");
  });

  it("reads sha256sum's two forms", () => {
    const h = "a".repeat(64);
    expect([...parseSha256Sums(`${h}  a.xml\n${h.toUpperCase()} *b.xml\nrác\n`)]).toEqual([
      ["a.xml", h],
      ["b.xml", h],
    ]);
  });
});

describe("buildHandoffPackage / readHandoffPackage refusals", () => {
  it("refuses no files, a document not signed for the step, a repeated name", () => {
    expect(() => buildHandoffPackage({ documents: [], createdAt: "2026-06-01T00:00:00Z" })).toThrow(
      expect.objectContaining({ code: "HANDOFF_NO_FILES" }) as Error,
    );
    const doc = sampleDocument();
    expect(() =>
      buildHandoffPackage({
        documents: [{ fileName: doc.name, bytes: doc.bytes, roles: [] }],
        createdAt: "2026-06-01T00:00:00Z",
      }),
    ).toThrow(expect.objectContaining({ code: "HANDOFF_NOT_SIGNED_FOR_STEP" }) as Error);
    expect(() =>
      buildHandoffPackage({
        documents: [
          { fileName: doc.name, bytes: doc.bytes, roles: [] },
          { fileName: doc.name.toUpperCase(), bytes: doc.bytes, roles: [] },
        ],
        createdAt: "2026-06-01T00:00:00Z",
      }),
    ).toThrow(expect.objectContaining({ code: "HANDOFF_DUPLICATE_FILE" }) as Error);
  });

  it("refuses a zip without manifest, with an invalid manifest, with too many entries, or not a zip", () => {
    const codeOf = (zip: Uint8Array, limits = {}) => {
      try {
        readHandoffPackage(zip, { fileName: "x.hocba.zip", limits });
      } catch (err) {
        return (err as { code?: string }).code;
      }
      return "no error";
    };
    expect(codeOf(zipSync({ "a.xml": strToU8("<a/>") }))).toBe("HANDOFF_MANIFEST_MISSING");
    expect(codeOf(zipSync({ "manifest.json": strToU8('{"format":"khac"}') }))).toBe(
      "HANDOFF_MANIFEST_INVALID",
    );
    expect(codeOf(zipSync({ "manifest.json": strToU8("{") }))).toBe("HANDOFF_MANIFEST_INVALID");
    expect(codeOf(zipSync({ "a.xml": strToU8("1"), "b.xml": strToU8("2") }), { maxEntries: 1 })).toBe(
      "HANDOFF_ZIP_TOO_MANY",
    );
    expect(codeOf(zipSync({ "C:evil.xml": strToU8("1") }))).toBe("HANDOFF_ZIP_UNSAFE_NAME");
    expect(codeOf(zipSync({ "a\\..\\b.xml": strToU8("1") }))).toBe("HANDOFF_ZIP_UNSAFE_NAME");
    expect(codeOf(strToU8("không phải zip"))).toBe("HANDOFF_ZIP_UNREADABLE");
    // The reason in Vietnamese, not fflate's «invalid zip data».
    expect(() => readHandoffPackage(strToU8("không phải zip"), { fileName: "goi.zip" })).toThrow(
      "Gói goi.zip không phải tệp ZIP đọc được: không phải tệp ZIP, hoặc tệp bị hỏng",
    );
    expect(codeOf(zipSync({ "a.xml": new Uint8Array(5000) }), { maxTotalBytes: 4000 })).toBe(
      "HANDOFF_ZIP_TOO_LARGE",
    );
  });
});

describe("computeProgress (fixed dates)", () => {
  const row = {
    lop: "10A1",
    maTruong: "T1",
    tenTruong: "Trung tâm",
    learners: 10,
    withoutErrors: null,
    signedGvcn: 10,
    signedThuTruong: 6,
    sealed: 0,
    packaged: 0,
  };

  it("counts days to each wave and measures late steps against the running wave", () => {
    const before = computeProgress({ namHoc: "2025-2026", today: "2026-06-10", classes: [row] });
    expect(before.deadlines).toEqual([
      { dot: 1, date: "2026-06-25", daysLeft: 15 },
      { dot: 2, date: "2026-08-10", daysLeft: 61 },
    ]);
    expect(before.currentDot).toBe(1);
    expect(before.rows[0]).toMatchObject({ late: false, lateSteps: [] });
    // 19/6: the head's step was due 18/6.
    expect(
      computeProgress({ namHoc: "2025-2026", today: "2026-06-19", classes: [row] }).rows[0]?.lateSteps,
    ).toEqual(["thu-truong"]);
    // After wave 1's date the make-up wave runs: nothing late yet on 1/7.
    const between = computeProgress({ namHoc: "2025-2026", today: "2026-07-01", classes: [row] });
    expect(between.currentDot).toBe(2);
    expect(between.deadlines[0]?.daysLeft).toBe(-6);
    expect(between.rows[0]?.late).toBe(false);
    const after = computeProgress({ namHoc: "2025-2026", today: "2026-09-01", classes: [row] });
    expect(after.rows[0]?.lateSteps).toEqual(["thu-truong", "dong-dau", "nop"]);
    expect(progressTable(after).subtitle[1]).toBe("Hạn đợt 1: 25/06/2026 (đã quá 68 ngày)");
  });

  it("takes other deadlines and phases, and refuses an impossible date", () => {
    const r = computeProgress({
      namHoc: "2025-2026",
      today: "2026-06-01",
      deadlines: { dot1: "2026-06-05", dot2: "2026-08-10" },
      phases: [{ step: "gvcn", daysBefore: 10 }],
      classes: [{ ...row, signedGvcn: 9 }],
    });
    expect(r.rows[0]?.lateSteps).toEqual(["gvcn"]);
    expect(() => computeProgress({ namHoc: "2025-2026", today: "2026-02-30", classes: [] })).toThrow(
      expect.objectContaining({ code: "PROGRESS_BAD_DATE" }) as Error,
    );
  });

  it("takes the centre's date in Vietnam time", () => {
    expect(todayInVietnam(new Date("2026-06-24T18:30:00Z"))).toBe("2026-06-25");
    expect(todayInVietnam(new Date("2026-06-24T16:59:00Z"))).toBe("2026-06-24");
  });
});

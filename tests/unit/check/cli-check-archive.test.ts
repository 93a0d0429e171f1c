import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { HocBaArchive } from "../../../native-host/archive/hocba-archive.ts";
import { runHocba } from "../../support/run-hocba.ts";
import { fixture } from "../../extension/support/portal.ts";

/** `hocba check --archive`: the check's counts feed `hocba progress`'s «Hồ sơ không lỗi» as the review page's do. */

const dir = mkdtempSync(path.join(tmpdir(), "hocba-check-archive-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = { ...process.env, HOME: dir, HOCBA_DATA_DIR: dir, HOCBA_ARCHIVE: "", HOCBA_ARCHIVE_URL: "" };

describe("hocba check --archive", () => {
  it("records the summary once per change and hocba progress shows it", async () => {
    const kho = path.join(dir, "kho.sqlite");
    const file = "tests/fixtures/gradebook-errors.json";
    const gb = fixture("gradebook-errors.json");
    const first = await runHocba(["check", file, "--json", "--archive", kho], { env });
    expect(first.code).toBe(1);
    const report = JSON.parse(first.stdout) as { blockedLearners: string[] };
    const blocked = report.blockedLearners.length;
    expect(blocked).toBeGreaterThan(0);
    // Checked again with nothing changed: nothing new in the log.
    expect((await runHocba(["check", file, "--archive", kho], { env })).code).toBe(1);

    const archive = HocBaArchive.open(kho);
    try {
      const entries = [...archive.auditLog()].filter((e) => e.event === "check-summary");
      expect(entries).toHaveLength(1);
      expect(JSON.parse(entries[0]?.details ?? "{}")).toMatchObject({
        namHoc: gb.namHoc,
        lop: gb.lop,
        maTruong: gb.school.maTruong,
        learners: gb.learners.length,
        withErrors: blocked,
        withoutErrors: gb.learners.length - blocked,
      });
    } finally {
      archive.close();
    }

    const p = await runHocba(
      ["progress", "--archive", kho, "--nam-hoc", gb.namHoc, "--ngay", "2026-06-01", "--json"],
      { env },
    );
    expect(p.code, p.stderr).toBe(0);
    expect(JSON.parse(p.stdout)).toMatchObject({
      rows: [
        {
          lop: gb.lop,
          learners: gb.learners.length,
          withoutErrors: gb.learners.length - blocked,
          signedGvcn: 0,
        },
      ],
    });
  });
});

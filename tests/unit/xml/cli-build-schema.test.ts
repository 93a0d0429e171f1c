import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkGradebook } from "../../../shared/check/check-gradebook.ts";
import { loadProfile } from "../../../shared/rules/load-profile.ts";
import { HOCBASO_XSD, XMLDSIG_XSD } from "../../../shared/xml/hocbaso-v1/schema-files.generated.ts";
import { loadFixture } from "./support/fixtures.ts";
import { xmllintInvalid } from "./support/xmllint.ts";
import { must } from "./support/must.ts";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const FIXTURES = join(ROOT, "tests/fixtures");

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI as a user would: `node bin/hocba.mjs ...`. */
function hocba(args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(ROOT, "bin/hocba.mjs"), ...args],
      { cwd, env: { ...process.env, HOCBA_DEBUG: "" }, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

function expectNoStackTrace(run: Run): void {
  expect(`${run.stdout}\n${run.stderr}`).not.toMatch(/\n\s+at .+[:(]/);
  expect(run.stderr).not.toMatch(/Error:|TypeError|node:internal/);
}

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "hocba-cli-build-"));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

function xmlFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".xml"))
    .sort();
}

function lint(dir: string): string[] {
  const docs = xmlFiles(dir).map((f) => ({ fileName: f, bytes: new Uint8Array(readFileSync(join(dir, f))) }));
  return xmllintInvalid(docs).invalid;
}

describe("hocba build", () => {
  it("builds every learner of a clean gradebook: exit 0, one valid file each", async () => {
    const out = join(work, "gdtx");
    const run = await hocba(["build", join(FIXTURES, "gradebook-gdtx-10.json"), "--out", out], work);
    expect(run.code, run.stderr).toBe(0);
    expectNoStackTrace(run);
    const gb = loadFixture("gradebook-gdtx-10.json");
    // A learner whose portal envelope is a later version gets it in the file name.
    const version = (l: (typeof gb.learners)[number]) =>
      l.banGhi && l.banGhi.phienBan !== 1 ? `_v${l.banGhi.phienBan}` : "";
    expect(xmlFiles(out)).toEqual(
      gb.learners.map((l) => `${l.hocVien.maHocVien}_${gb.namHoc}${version(l)}.xml`).sort(),
    );
    expect(lint(out)).toEqual([]);
    expect(run.stdout).toContain(`Đã tạo ${gb.learners.length} tệp.`);
    expect(run.stdout).not.toContain("Bỏ qua");
    expect(readdirSync(out).filter((f) => f.startsWith("."))).toEqual([]); // no temporary files left
  });

  it("gives the same bytes on every run for the same --time, and writes that time", async () => {
    const a = join(work, "time-a");
    const b = join(work, "time-b");
    const file = join(FIXTURES, "gradebook-thpt-11.json");
    const time = "2026-06-02T10:15:00+07:00";
    const [ra, rb] = [
      await hocba(["build", file, "--out", a, "--time", time], work),
      await hocba(["build", file, "--out", b, "--time", time], work),
    ];
    expect([ra.code, rb.code]).toEqual([0, 0]);
    const files = xmlFiles(a);
    expect(files.length).toBeGreaterThan(30);
    expect(xmlFiles(b)).toEqual(files);
    for (const f of files) {
      const bytes = readFileSync(join(a, f));
      expect(bytes.equals(readFileSync(join(b, f)))).toBe(true);
      expect(bytes.toString("utf8")).toContain(`<ThoiGianLap>${time}</ThoiGianLap>`);
    }
  });

  it("skips learners with errors, names each with its first error, exit 1", async () => {
    const out = join(work, "errors");
    const run = await hocba(["build", join(FIXTURES, "gradebook-errors.json"), "--out", out], work);
    expect(run.code, run.stderr).toBe(1);
    expectNoStackTrace(run);
    const gb = loadFixture("gradebook-errors.json");
    const report = checkGradebook(gb, loadProfile(gb.profile));
    const blocked = new Set(
      report.items.filter((i) => i.severity === "error").map((i) => i.path.learnerIndex),
    );
    const clean = gb.learners.filter((_, i) => !blocked.has(i));
    expect(blocked.size).toBeGreaterThan(0);
    expect(xmlFiles(out)).toEqual(
      [...new Set(clean.map((l) => `${l.hocVien.maHocVien}_${gb.namHoc}.xml`))].sort(),
    );
    expect(lint(out)).toEqual([]);
    expect(run.stdout).toContain(`Đã tạo ${clean.length} tệp.`);
    expect(run.stdout).toContain(`Bỏ qua ${blocked.size} học viên:`);
    for (const index of blocked) {
      const first = report.items.find((i) => i.severity === "error" && i.path.learnerIndex === index);
      expect(run.stdout).toContain(`dòng ${(index ?? 0) + 1}: ${first?.message ?? "?"}`);
    }
  });

  it("skips learners whose code cannot be a file name, or whose file names clash by letter case", async () => {
    const raw = JSON.parse(readFileSync(join(FIXTURES, "gradebook-gdtx-10.json"), "utf8")) as {
      learners: { hocVien: { maHocVien: string } }[];
    };
    must(raw.learners[0]).hocVien.maHocVien = "../../etc/x";
    must(raw.learners[1]).hocVien.maHocVien = "HVabc";
    must(raw.learners[2]).hocVien.maHocVien = "hvABC";
    const file = join(work, "unsafe.json");
    writeFileSync(file, JSON.stringify(raw));
    const out = join(work, "unsafe");
    const run = await hocba(["build", file, "--out", out], work);
    expect(run.code).toBe(1);
    expectNoStackTrace(run);
    expect(run.stdout).toContain("Bỏ qua 3 học viên:");
    expect(run.stdout).toContain("mã học viên «../../etc/x» không dùng được làm tên tệp");
    expect(run.stdout).toContain("tên tệp HVabc_2025-2026.xml trùng với học viên");
    expect(xmlFiles(out)).toHaveLength(raw.learners.length - 3);
    expect(readdirSync(join(work))).not.toContain("etc");
  });

  const unusable: [string, (dir: string) => string[], RegExp][] = [
    [
      "a missing file",
      () => ["build", "khong-co.json", "--out", "o"],
      /Lỗi: Không đọc được tệp khong-co\.json: không có tệp này/,
    ],
    [
      "a file that is not JSON",
      (dir) => {
        writeFileSync(join(dir, "bad.json"), "{ learners: [");
        return ["build", "bad.json", "--out", "o"];
      },
      /Lỗi: Tệp bad\.json không phải JSON hợp lệ/,
    ],
    [
      "JSON that is not a gradebook",
      (dir) => {
        writeFileSync(join(dir, "other.json"), JSON.stringify({ format: "hocba-gradebook/1", learners: 3 }));
        return ["build", "other.json", "--out", "o"];
      },
      /Lỗi: Tệp other\.json không phải sổ điểm/,
    ],
    [
      "no --out",
      () => ["build", join(FIXTURES, "gradebook-gdtx-10.json")],
      /Lỗi: Tham số không hợp lệ: thiếu --out/,
    ],
    [
      "an unknown option",
      () => ["build", join(FIXTURES, "gradebook-gdtx-10.json"), "--out", "o", "--nhanh"],
      /Lỗi: Tham số không hợp lệ/,
    ],
    ["no gradebook", () => ["build", "--out", "o"], /Lỗi: Tham số không hợp lệ: thiếu tệp sổ điểm/],
    [
      "an impossible --time",
      () => [
        "build",
        join(FIXTURES, "gradebook-gdtx-10.json"),
        "--out",
        "o",
        "--time",
        "2026-02-30T08:00:00+07:00",
      ],
      /Lỗi: Thời gian lập «2026-02-30T08:00:00\+07:00» không hợp lệ/,
    ],
    [
      "a gradebook-level error (no GVCN)",
      (dir) => {
        const raw = JSON.parse(readFileSync(join(FIXTURES, "gradebook-gdtx-10.json"), "utf8")) as {
          gvcn: string;
        };
        raw.gvcn = " ";
        writeFileSync(join(dir, "no-gvcn.json"), JSON.stringify(raw));
        return ["build", "no-gvcn.json", "--out", "o"];
      },
      /Lỗi: sổ điểm no-gvcn\.json có lỗi chung, không tạo được học bạ nào:\n {2}✗ /,
    ],
    [
      "an output folder that is a file",
      (dir) => {
        writeFileSync(join(dir, "a-file"), "x");
        return ["build", join(FIXTURES, "gradebook-gdtx-10.json"), "--out", "a-file"];
      },
      /Lỗi: Không tạo được thư mục a-file/,
    ],
  ];

  it.each(unusable)(
    "exits 2 with a Vietnamese message and writes nothing for %s",
    async (_name, setup, message) => {
      const dir = join(work, `unusable-${Math.random().toString(36).slice(2)}`);
      mkdirSync(dir);
      const run = await hocba(setup(dir), dir);
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(message);
      expectNoStackTrace(run);
      const outDir = join(dir, "o");
      expect(() => readdirSync(outDir)).toThrow(); // not even created
    },
  );

  it("prints its usage with --help", async () => {
    const run = await hocba(["build", "--help"], work);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Cách dùng: hocba build SỔ_ĐIỂM.json --out THƯ_MỤC");
  });
});

describe("hocba schema", () => {
  it("prints the XSD, byte for byte", async () => {
    const run = await hocba(["schema"], work);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(HOCBASO_XSD);
    expect(run.stdout).toBe(readFileSync(join(ROOT, "shared/xml/hocbaso-v1/hocbaso-1.0.xsd"), "utf8"));
  });

  it("prints the companion with --file", async () => {
    const run = await hocba(["schema", "--file", "xmldsig-core-hocbaso.xsd"], work);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(XMLDSIG_XSD);
  });

  it("writes both files with --out, and xmllint validates a built document with them", async () => {
    const dir = join(work, "schema-out");
    const run = await hocba(["schema", "--out", dir], work);
    expect(run.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(["hocbaso-1.0.xsd", "xmldsig-core-hocbaso.xsd"]);
    const built = join(work, "gdtx");
    const docs = xmlFiles(built)
      .slice(0, 5)
      .map((f) => ({ fileName: f, bytes: new Uint8Array(readFileSync(join(built, f))) }));
    expect(docs).toHaveLength(5);
    expect(xmllintInvalid(docs, join(dir, "hocbaso-1.0.xsd")).invalid).toEqual([]);
  });

  it.each([
    [["schema", "--file", "khac.xsd"], /không có tệp lược đồ «khac\.xsd»/],
    [["schema", "--bogus"], /Tham số không hợp lệ/],
    [["schema", "--out", "x", "--file", "hocbaso-1.0.xsd"], /chỉ dùng một trong --out và --file/],
  ])("exits 2 for %j", async (args, message) => {
    const run = await hocba(args, work);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expectNoStackTrace(run);
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { main } from "../../../native-host/cli/main.ts";
import { classWorkbook, workbookBytes } from "./class-workbook.ts";
import { loadFixture } from "./portal-client.ts";

/** `hocba extract FILE.xlsx`: the sheets a teacher exports, read like saved pages. */

const thpt = loadFixture("gradebook-thpt-11.json");
let dir: string;

async function run(args: string[]) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: string[] = [];
  const err: string[] = [];
  stdout.on("data", (c) => out.push(String(c)));
  stderr.on("data", (c) => err.push(String(c)));
  const code = await main(["extract", ...args], {
    stdout,
    stderr,
    stdin: new PassThrough(),
    env: {},
    cwd: dir,
  });
  return { code, stdout: out.join(""), stderr: err.join("") };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "hocba-xlsx-"));
  writeFileSync(join(dir, "11A2.xlsx"), await workbookBytes(classWorkbook(thpt, { numbers: "mixed" })));
  // Another export where the portal renamed a header: "CK" under Học kỳ I is now "Điểm thi".
  const renamed = classWorkbook(thpt, { numbers: "text" });
  let done = false;
  renamed.getWorksheet("TO")?.eachRow((row) =>
    row.eachCell((cell) => {
      if (!done && cell.value === "CK") {
        cell.value = "Điểm thi";
        done = true;
      }
    }),
  );
  writeFileSync(join(dir, "renamed.xlsx"), await workbookBytes(renamed));
  writeFileSync(join(dir, "broken.xlsx"), "not a zip file");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("hocba extract FILE.xlsx", () => {
  it("writes the class read from the workbook's sheets", async () => {
    const { code, stdout, stderr } = await run(["11A2.xlsx", "--out", "11A2.json"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    expect(stdout).toContain("bộ đọc generic-table");
    expect(JSON.parse(readFileSync(join(dir, "11A2.json"), "utf8"))).toEqual(thpt);
  });

  it("a renamed column: exit 1, the sheet and the missing column named, nothing written", async () => {
    const { code, stderr } = await run(["renamed.xlsx", "--out", "renamed.json"]);
    expect(code).toBe(1);
    expect(stderr).toContain(
      "#TO)»: không thấy cột «CK (Học kỳ I)» trong bảng «Lớp 11A2 - Năm học 2025-2026».",
    );
    expect(existsSync(join(dir, "renamed.json"))).toBe(false);
  });

  it("a file that is not a workbook: exit 2 with the reason", async () => {
    const { code, stderr } = await run(["broken.xlsx", "--out", "x.json"]);
    expect(code).toBe(2);
    expect(stderr).toContain("Lỗi: Tệp broken.xlsx không phải tệp Excel (.xlsx) đọc được");
  });
});

describe("hocba extract --partial", () => {
  it("a year summary with the learner list and the class sheet: written, with what is still needed", async () => {
    const { summaryWorkbook, sheetWorkbook } = await import("./class-workbook.ts");
    writeFileSync(join(dir, "tong-hop.xlsx"), await workbookBytes(summaryWorkbook(thpt)));
    writeFileSync(
      join(dir, "danh-sach.xlsx"),
      await workbookBytes(sheetWorkbook(thpt, "Danh sách học sinh")),
    );
    writeFileSync(join(dir, "lop.xlsx"), await workbookBytes(sheetWorkbook(thpt, "Thông tin lớp")));
    const files = ["tong-hop.xlsx", "danh-sach.xlsx", "lop.xlsx"];

    const strict = await run([...files, "--out", "tong-hop.json"]);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain("Thêm «--partial» để ghi phần đọc được");
    expect(existsSync(join(dir, "tong-hop.json"))).toBe(false);

    const partial = await run([...files, "--partial", "--out", "tong-hop.json"]);
    expect(partial.code).toBe(0);
    expect(partial.stdout).toContain("Sổ điểm CHƯA ĐẦY ĐỦ");
    expect(partial.stdout).toContain(
      "• Còn thiếu ĐĐGtx, ĐĐGgk, ĐĐGck, giáo viên và nhận xét môn Toán (đã có kết quả học kỳ, cả năm từ",
    );
    const gb = JSON.parse(readFileSync(join(dir, "tong-hop.json"), "utf8")) as typeof thpt;
    expect(gb.learners.map((l) => l.hocVien)).toEqual(thpt.learners.map((l) => l.hocVien));
    expect(gb.learners[0]?.ketQua[0]?.cn).toEqual(thpt.learners[0]?.ketQua[0]?.cn);
    expect(gb.learners[0]?.ketQua[0]?.hk1.tx).toEqual([]);
  });
});

import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runHocba, type HocbaRun } from "../../support/run-hocba.ts";

/**
 * What an IT person may hand the CLI by mistake: the reason comes in Vietnamese, naming the file,
 * with an exit code that is not 0, no stack trace, no English from Node or SQLite, nothing half-written.
 */
const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const GRADEBOOK = join(ROOT, "tests/fixtures/gradebook-gdtx-10.json");
const TIME = ["--time", "2026-05-25T08:00:00+07:00"];
const tmp = mkdtempSync(join(tmpdir(), "hocba-hostile-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function hocba(...args: string[]): Promise<HocbaRun> {
  return runHocba(args, { cwd: tmp });
}
/**
 * `hocba sign x.xml --role gvcn --token khong-co`, then `args`: there is no such token, so what
 * these tests see refused is refused before the token (and the PIN) is reached.
 */
function signX(args: string[], timeoutMs?: number): Promise<HocbaRun> {
  return runHocba(["sign", "x.xml", "--role", "gvcn", "--token", "khong-co", ...args], {
    cwd: tmp,
    timeoutMs,
  });
}
function cleanFailure(r: HocbaRun, code: number, text: RegExp): void {
  expect(r.code).toBe(code);
  expect(r.stderr).toMatch(text);
  for (const out of [r.stdout, r.stderr]) {
    expect(out).not.toMatch(/\n\s+at /);
    expect(out).not.toMatch(
      /\b(E[A-Z]{3,}|ERR_[A-Z_]+|SQLITE_NOTADB)\b|Unknown option|argument missing|Unexpected token|Lỗi không mong đợi/,
    );
  }
}
function fixtureText(): string {
  return readFileSync(GRADEBOOK, "utf8");
}

describe("hocba with input it cannot use", () => {
  it("refuses a gradebook that is not UTF-8, naming the line, instead of writing U+FFFD into records", async () => {
    const latin1 = Buffer.from(fixtureText().replace("Toán", "To\u0000n"), "utf8");
    latin1[latin1.indexOf(0)] = 0xe1; // «á» as Windows-1252 writes it
    writeFileSync(join(tmp, "latin1.json"), latin1);
    const check = await hocba("check", "latin1.json");
    cleanFailure(
      check,
      2,
      /Lỗi: Tệp latin1\.json không phải văn bản UTF-8 \(dòng 19 có byte không đọc được\)/,
    );
    const build = await hocba("build", "latin1.json", "--out", "out-latin1", ...TIME);
    cleanFailure(build, 2, /không phải văn bản UTF-8/);
    expect(readdirSync(tmp)).not.toContain("out-latin1");
  });

  it("reads a gradebook saved as UTF-16 with its BOM (Notepad «Unicode») like the UTF-8 one", async () => {
    const text = fixtureText();
    writeFileSync(
      join(tmp, "utf16.json"),
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]),
    );
    const r = await hocba("check", "utf16.json");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Không có lỗi. 42 học viên sẵn sàng tạo học bạ.");
  });

  it("says where JSON breaks (empty, cut short, a stray comma) in Vietnamese", async () => {
    writeFileSync(join(tmp, "empty.json"), "");
    writeFileSync(join(tmp, "comma.json"), '{\n  "format": "hocba-gradebook/1",\n}');
    cleanFailure(await hocba("check", "empty.json"), 2, /Tệp empty\.json không phải JSON hợp lệ: tệp trống/);
    cleanFailure(
      await hocba("check", "comma.json"),
      2,
      /Tệp comma\.json không phải JSON hợp lệ: sai cú pháp ở dòng 3, cột 1/,
    );
  });

  it("refuses a repeated option instead of silently taking the last one", async () => {
    const r = await hocba("build", GRADEBOOK, "--out", "a", "--out", "b", ...TIME);
    cleanFailure(r, 2, /Lỗi: Tham số không hợp lệ: --out được ghi hơn một lần/);
    expect(readdirSync(tmp)).not.toContain("a");
    expect(readdirSync(tmp)).not.toContain("b");
  });

  it("gives node:util's argument errors in Vietnamese", async () => {
    cleanFailure(await hocba("progress", "--bogus"), 2, /Tham số không hợp lệ: không có tuỳ chọn --bogus/);
    cleanFailure(await hocba("progress", "--xlsx"), 2, /Tham số không hợp lệ: --xlsx cần một giá trị/);
    cleanFailure(await hocba("progress", "--json=1"), 2, /Tham số không hợp lệ: --json không nhận giá trị/);
    cleanFailure(await hocba("archive", "list", "thua"), 2, /Tham số không hợp lệ: thừa tham số «thua»/);
    cleanFailure(await hocba("check", ""), 2, /Tham số không hợp lệ: tên tệp để trống/);
  });

  it("an output folder that is a file: says so in Vietnamese, writes nothing", async () => {
    writeFileSync(join(tmp, "a-file"), "x");
    const build = await hocba("build", GRADEBOOK, "--out", "a-file", ...TIME);
    cleanFailure(build, 2, /Không tạo được thư mục a-file: trên đường dẫn có một tệp chỗ cần một thư mục/);
    const schema = await hocba("schema", "--out", "a-file/sub");
    cleanFailure(
      schema,
      1,
      /Không tạo được thư mục a-file\/sub: trên đường dẫn có một tệp chỗ cần một thư mục/,
    );
    expect(readFileSync(join(tmp, "a-file"), "utf8")).toBe("x");
  });

  // Node 20's mkdir(…, { recursive: true }) never returns under /proc (ENOENT although the parent
  // is there): killed after 10 s, a regression fails here instead of hanging the suite. As root
  // the kernel says ENOENT, as another user EACCES: both are reasons, neither a hang.
  it("an output folder where no folder can be made (/proc): each command says so at once, nothing written", async () => {
    const where = (dir: string) =>
      new RegExp(`Không tạo được thư mục ${dir}: (nơi đó không cho tạo thư mục|không có quyền truy cập)`);
    const quick = (...args: string[]) => runHocba(args, { cwd: tmp, timeoutMs: 10_000 });
    cleanFailure(
      await quick("build", GRADEBOOK, "--out", "/proc/hocba-x", ...TIME),
      2,
      where("/proc/hocba-x"),
    );
    cleanFailure(
      await quick("build", GRADEBOOK, "--out", "/proc/hocba-x/a/b", ...TIME),
      2,
      where("/proc/hocba-x/a/b"),
    );
    cleanFailure(await quick("schema", "--out", "/proc/hocba-x"), 1, where("/proc/hocba-x"));
    writeFileSync(join(tmp, "x.xml"), "<x/>");
    const sign = await signX(["--pin-env", "KHONG_CO_PIN", "--out", "/proc/hocba-x"], 10_000);
    cleanFailure(sign, 1, where("/proc/hocba-x"));
    expect(sign.stderr).not.toMatch(/token|PIN/i);
    cleanFailure(
      await quick("check", GRADEBOOK, "--archive", "/proc/hocba-x/kho.sqlite"),
      1,
      /Không mở được kho lưu học bạ đã ký \/proc\/hocba-x\/kho\.sqlite: không tạo được thư mục \/proc\/hocba-x/,
    );
    expect((await quick("check", GRADEBOOK, "--archive", "kho-proc.sqlite")).code).toBe(0);
    cleanFailure(
      await quick("archive", "export", "/proc/hocba-x", "--archive", "kho-proc.sqlite"),
      1,
      where("/proc/hocba-x"),
    );
  }, 90_000);

  it("an archive that is a folder, another file or a damaged SQLite file: a Vietnamese reason", async () => {
    mkdirSync(join(tmp, "kho-thu-muc"));
    writeFileSync(join(tmp, "kho.txt"), "không phải kho\n");
    cleanFailure(
      await hocba("archive", "list", "--archive", "kho-thu-muc"),
      1,
      /Không mở được kho lưu học bạ đã ký .*kho-thu-muc: đây là thư mục, không phải tệp kho/,
    );
    cleanFailure(
      await hocba("archive", "list", "--archive", "kho.txt"),
      1,
      /kho\.txt: tệp này không phải kho lưu học bạ/,
    );
    expect(readFileSync(join(tmp, "kho.txt"), "utf8")).toBe("không phải kho\n");

    // A real archive (check writes its summary), then its pages overwritten past the header.
    expect((await hocba("check", GRADEBOOK, "--archive", "kho.sqlite")).code).toBe(0);
    copyFileSync(join(tmp, "kho.sqlite"), join(tmp, "hong.sqlite"));
    const bytes = readFileSync(join(tmp, "hong.sqlite"));
    for (let i = 4096; i < bytes.length; i += 7) bytes[i] = 0x5a;
    writeFileSync(join(tmp, "hong.sqlite"), bytes);
    for (const args of [
      ["archive", "list", "--archive", "hong.sqlite"],
      ["progress", "--archive", "hong.sqlite"],
    ]) {
      cleanFailure(await hocba(...args), 1, /Lỗi: Kho lưu học bạ đã ký bị hỏng hoặc không phải kho/);
    }
  });

  it("a trust root that is not a certificate or is a folder", async () => {
    writeFileSync(join(tmp, "rac.pem"), "rác\n");
    mkdirSync(join(tmp, "goc"));
    cleanFailure(
      await hocba("verify", "--trust", "rac.pem", "x.xml"),
      1,
      /Không đọc được chứng thư gốc .*rac\.pem: không phải chứng thư số X\.509 \(PEM hoặc DER\)/,
    );
    cleanFailure(
      await hocba("verify", "--trust", "goc", "x.xml"),
      1,
      /Không đọc được chứng thư gốc .*goc: đây là thư mục, không phải tệp/,
    );
  });

  it("a small file that is not an archive is refused, not overwritten by a new SQLite archive", async () => {
    writeFileSync(join(tmp, "ghi-chu"), "x");
    const r = await hocba("archive", "list", "--archive", "ghi-chu");
    cleanFailure(r, 1, /ghi-chu: tệp này không phải kho lưu học bạ/);
    expect(readFileSync(join(tmp, "ghi-chu"), "utf8")).toBe("x");
  });

  it("a shared archive address that cannot be right: refused before connecting, password not shown", async () => {
    const bad = "postgres://hocba:bi-mat@127.0.0.1:99999/hocba";
    for (const args of [
      ["archive", "list", "--archive", bad],
      ["check", GRADEBOOK, "--archive", bad],
    ]) {
      const r = await hocba(...args);
      cleanFailure(r, 1, /Không mở được kho lưu học bạ đã ký postgres:\/\/\*\*\*: địa chỉ không đúng dạng/);
      expect(r.stderr).not.toContain("bi-mat");
    }
    cleanFailure(
      await hocba("install", "--archive-url", "postgres://", "--dry-run"),
      2,
      /--archive-url: thiếu tên máy chủ/,
    );
  });

  it("verify: a folder, a missing file, an empty file, broken XML, each named with a Vietnamese reason", async () => {
    writeFileSync(join(tmp, "trong.xml"), "");
    writeFileSync(join(tmp, "hong.xml"), "<a><b></a>");
    const r = await hocba("verify", "kho-thu-muc", "khong-co.xml", "trong.xml", "hong.xml");
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Không đọc được tệp kho-thu-muc: đây là thư mục, không phải tệp");
    expect(r.stdout).toContain("Không đọc được tệp khong-co.xml: không có tệp hay thư mục này");
    expect(r.stdout).toContain("Tệp không phải XML hợp lệ: tệp trống");
    expect(r.stdout).not.toMatch(/fatalError|EISDIR|ENOENT/);
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at /);
  });

  it("sign: an unknown option is named in Vietnamese", async () => {
    const r = await signX(["--bogus"]);
    cleanFailure(r, 2, /Tham số không hợp lệ: không có tuỳ chọn --bogus/);
  });

  it("sign: --out twice is refused, and an output folder that is a file is refused before any token or PIN", async () => {
    const twice = await signX(["--out", "o3", "--out", "o4"]);
    cleanFailure(twice, 2, /--out được ghi hơn một lần/);
    writeFileSync(join(tmp, "la-tep"), "x");
    writeFileSync(join(tmp, "x.xml"), "<x/>");
    // No such token and a PIN that would be wrong: neither is reached, the folder is named first.
    for (const out of ["la-tep", "la-tep/con"]) {
      const r = await signX(["--pin-env", "KHONG_CO_PIN", "--out", out]);
      cleanFailure(r, 1, /trên đường dẫn có một tệp chỗ cần một thư mục/);
      expect(r.stderr).toContain(join(tmp, out));
      expect(r.stderr).not.toMatch(/token|PIN|mã PIN/i);
    }
  });

  it("a learner's name carrying a terminal escape or a bidi override is printed visibly, not acted on", async () => {
    const gb = JSON.parse(fixtureText()) as { learners: { hocVien: { hoTen: string } }[] };
    const first = gb.learners[0];
    if (!first) throw new Error("fixture has learners");
    first.hocVien.hoTen = "Nguyễn\u001b[2J\u202eVăn A";
    writeFileSync(join(tmp, "ten-dieu-khien.json"), JSON.stringify(gb));
    const r = await hocba("check", "ten-dieu-khien.json");
    expect(r.code).toBe(1);
    const out = r.stdout + r.stderr;
    expect(out.includes("\u001b") || out.includes("\u202e")).toBe(false);
    expect(out).toContain("Nguyễn\\u001b[2J\\u202eVăn A");
  });

  it("tokens --module: a path that is no library, or nothing, is said in Vietnamese (not the loader's English)", async () => {
    writeFileSync(join(tmp, "khong-phai-thu-vien.so"), "x");
    const notLib = await hocba("tokens", "--module", "khong-phai-thu-vien.so");
    cleanFailure(notLib, 1, /tệp này không phải thư viện \(\.dll, \.so, \.dylib\)/);
    const missing = await hocba("tokens", "--module", join(tmp, "khong-co.so"));
    cleanFailure(missing, 1, /không có tệp này/);
    for (const r of [notLib, missing]) expect(r.stderr).not.toMatch(/Failed to load|shared object/);
  });

  it("check: an option given twice is refused, not the last one taken", async () => {
    const r = await hocba("check", GRADEBOOK, "--archive", "a.sqlite", "--archive", "b.sqlite");
    cleanFailure(r, 2, /--archive được ghi hơn một lần/);
    expect(readdirSync(tmp)).not.toContain("b.sqlite");
    cleanFailure(await hocba("check", GRADEBOOK, "--lang", "fr"), 2, /--lang phải là vi hoặc en/);
    cleanFailure(await hocba("check", GRADEBOOK, GRADEBOOK), 2, /chỉ kiểm tra một tệp mỗi lần/);
  });

  it("sign: a TSA address that is not http(s) is said as such before the token, even with --allow-no-timestamp", async () => {
    writeFileSync(join(tmp, "x.xml"), "<x/>");
    for (const extra of [[], ["--allow-no-timestamp"]]) {
      const r = await signX(["--pin-stdin", "--out", "ra-tsa", "--tsa", "khong phai dia chi", ...extra]);
      cleanFailure(
        r,
        1,
        /Địa chỉ máy chủ cấp dấu thời gian «khong phai dia chi» không hợp lệ: cần dạng http:\/\//,
      );
      expect(r.stderr).not.toMatch(/Không kết nối được|ERR_INVALID_URL/);
      expect(readdirSync(tmp)).not.toContain("ra-tsa");
    }
  });

  it("a score typed as text («7,5» or «7.5») names the learner and subject and says how to write it", async () => {
    const gb = JSON.parse(fixtureText()) as {
      learners: { ketQua: { maMon: string; hk1: { gk: unknown } }[] }[];
    };
    const toan = gb.learners[0]?.ketQua.find((k) => k.maMon === "TO");
    if (!toan) throw new Error("fixture has Toán");
    toan.hk1.gk = "7,5";
    writeFileSync(join(tmp, "diem-phay.json"), JSON.stringify(gb));
    const r = await hocba("check", "diem-phay.json");
    cleanFailure(
      r,
      2,
      /learners\[0\]\.ketQua\[1\]\.hk1\.gk \(Phạm Minh Châu, mã 2507510001, môn TO\): phải là điểm số, «Đ», «CĐ» hoặc null, đang là chuỗi «7,5»; hãy ghi điểm là số, dấu chấm thập phân, không có ngoặc kép: 7\.5/,
    );
  });

  it("progress --xlsx under a file: the reason names the file asked for, not a temporary name", async () => {
    writeFileSync(join(tmp, "la-tep"), "x");
    expect((await hocba("check", GRADEBOOK, "--archive", "kho-xlsx.sqlite")).code).toBe(0);
    const r = await hocba("progress", "--archive", "kho-xlsx.sqlite", "--xlsx", "la-tep/tien-do.xlsx");
    cleanFailure(
      r,
      1,
      /Lỗi: Không ghi được tệp .*la-tep\/tien-do\.xlsx: trên đường dẫn có một tệp chỗ cần một thư mục/,
    );
    expect(r.stderr).not.toContain(".tmp");
  });

  it("archive list --nam-hoc in the wrong form is refused, not an empty list", async () => {
    expect((await hocba("check", GRADEBOOK, "--archive", "kho-list.sqlite")).code).toBe(0);
    const r = await hocba("archive", "list", "--archive", "kho-list.sqlite", "--nam-hoc", "2025");
    cleanFailure(r, 2, /Tham số không hợp lệ: --nam-hoc «2025»: cần dạng 2025-2026/);
  });
});

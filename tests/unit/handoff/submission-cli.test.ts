import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { archiveSigned } from "../../../native-host/archive/archive-signed.ts";
import { HocBaArchive } from "../../../native-host/archive/hocba-archive.ts";
import { signHocBa } from "../../../native-host/sign/sign-hocba.ts";
import { examineSignature } from "../../../native-host/xmldsig/examine-signature.ts";
import { inspectHocBa } from "../../../native-host/xmldsig/inspect-hocba.ts";
import { sha256Hex } from "../../../shared/handoff/sha256-hex.ts";
import { parseSha256Sums } from "../../../shared/handoff/sha256-sums.ts";
import type { SigningRole } from "../../../shared/xml/hocbaso-v1/signature-profile.ts";
import { readHocBa } from "../../../shared/xml/hocbaso-v1/read-hoc-ba.ts";
import { runHocba } from "../../support/run-hocba.ts";
import { useTestToken, type TestToken } from "../../support/test-token.ts";
import { xmlsec1Verify } from "../../support/xmlsec1.ts";
import { scratchDir } from "../host/scratch-dir.ts";
import { signClass, type SignedClass, type SignedLearner } from "./signed-class.ts";

const ROOT = path.resolve(import.meta.dirname, "../../..");
let tok: TestToken;
let cls: SignedClass;
let dir: string;
let kho: string;

/** Archives `learner`'s documents up to `upTo` as signing on this PC would (one row per role). */
function archiveUpTo(
  archive: HocBaArchive,
  learner: SignedLearner,
  upTo: SigningRole,
  override?: Buffer,
): void {
  const steps: Array<[SigningRole, Uint8Array, Buffer]> = [
    ["GVCN", learner.unsigned, learner.gvcn],
    ["ThuTruong", learner.gvcn, learner.thuTruong],
    ["DonVi", learner.thuTruong, learner.donVi],
  ];
  for (const [role, input, signed] of steps) {
    const bytes = role === upTo && override ? override : signed;
    const doc = inspectHocBa(bytes).document;
    if (!doc) throw new Error("not a document");
    const facts = examineSignature(doc, doc.containers.length - 1, new Map());
    archiveSigned(archive, {
      batchId: `test-${role}`,
      fileName: learner.name,
      role,
      input,
      signed: bytes,
      signerCertDer: facts.certificates[0] ?? Buffer.alloc(0),
      signingTime: facts.signingTimeText ?? "",
    });
    if (role === upTo) return;
  }
}

/** The DonVi document with one character of its SignatureValue changed. */
function brokenSeal(bytes: Buffer): Buffer {
  const text = bytes.toString("utf8");
  const at = text.lastIndexOf("<ds:SignatureValue>") + "<ds:SignatureValue>".length;
  const ch = text[at] === "A" ? "B" : "A";
  return Buffer.from(text.slice(0, at) + ch + text.slice(at + 1), "utf8");
}

/** Signs a CANCEL as the head (its only required role) and archives it as the head's PC would. */
async function signCancelIntoArchive(file: string, unsigned: Uint8Array, fileName: string): Promise<Buffer> {
  const signed = await signHocBa(cls.session.selectSigner({ cert: "thu-truong" }), unsigned, "ThuTruong");
  const doc = inspectHocBa(signed).document;
  if (!doc) throw new Error("not a document");
  const facts = examineSignature(doc, doc.containers.length - 1, new Map());
  const archive = HocBaArchive.open(file);
  archiveSigned(archive, {
    batchId: `huy-${fileName}`,
    fileName,
    role: "ThuTruong",
    input: unsigned,
    signed,
    signerCertDer: facts.certificates[0] ?? Buffer.alloc(0),
    signingTime: facts.signingTimeText ?? "",
  });
  archive.close();
  return signed;
}

beforeAll(async () => {
  tok = useTestToken();
  cls = await signClass(tok, 5);
  dir = scratchDir("hocba-submission");
  kho = path.join(dir, "kho.sqlite");
  const archive = HocBaArchive.open(kho);
  const [a, b, c, d, e] = cls.learners as [
    SignedLearner,
    SignedLearner,
    SignedLearner,
    SignedLearner,
    SignedLearner,
  ];
  archiveUpTo(archive, a, "DonVi");
  archiveUpTo(archive, b, "ThuTruong");
  archiveUpTo(archive, c, "DonVi");
  archiveUpTo(archive, d, "GVCN");
  archiveUpTo(archive, e, "DonVi", brokenSeal(e.donVi));
  archive.close();
}, 120_000);
afterAll(() => cls.session.close());

const hocba = (...args: string[]) => runHocba(args, { env: { ...tok.env, HOME: dir } });
/** `hocba submission` of the year 2025-2026 for wave `dot` into `out`, trusting the test root. */
const submission = (archive: string, dot: string, out: string, ...more: string[]) =>
  hocba(
    "submission",
    "--archive",
    archive,
    "--nam-hoc",
    "2025-2026",
    "--dot",
    dot,
    "--out",
    out,
    "--trust",
    tok.rootPem,
    ...more,
  );

describe("hocba progress", () => {
  it("one row per class with counts, days left to each wave from a fixed date, late steps; --xlsx", async () => {
    const xlsx = path.join(dir, "tien-do.xlsx");
    const r = await hocba(
      "progress",
      "--archive",
      kho,
      "--nam-hoc",
      "2025-2026",
      "--ngay",
      "2026-06-20",
      "--json",
      "--xlsx",
      xlsx,
    );
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(r.stdout) as { deadlines: unknown; rows: Array<Record<string, unknown>> };
    expect(report.deadlines).toEqual([
      { dot: 1, date: "2026-06-25", daysLeft: 5 },
      { dot: 2, date: "2026-08-10", daysLeft: 51 },
    ]);
    expect(report.rows).toHaveLength(1);
    // GVCN 5 (all), head 4 (not d), sealed 3 (a, c, e's seal archived even if broken): late on the head's step (18/6).
    expect(report.rows[0]).toMatchObject({
      learners: 5,
      withoutErrors: null,
      signedGvcn: 5,
      signedThuTruong: 4,
      sealed: 3,
      packaged: 0,
      late: true,
      lateSteps: ["thu-truong"],
    });

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(readFileSync(xlsx) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet("Tiến độ");
    const values = (n: number) => (ws?.getRow(n).values as unknown[]).slice(1);
    expect(values(1)).toEqual(["Tiến độ học bạ số năm học 2025-2026"]);
    expect(values(2)).toEqual(["Ngày 20/06/2026"]);
    expect(values(3)).toEqual(["Hạn đợt 1: 25/06/2026 (còn 5 ngày)"]);
    expect(values(5)).toEqual([
      "Kế hoạch: GVCN ký trước hạn 14 ngày, Giám đốc ký trước hạn 7 ngày, Đóng dấu trước hạn 3 ngày, Đóng gói nộp trước hạn 1 ngày",
    ]);
    expect(values(7)).toEqual([
      "Lớp",
      "Đơn vị",
      "Số học viên",
      "Hồ sơ không lỗi",
      "GVCN đã ký",
      "Giám đốc đã ký",
      "Đã đóng dấu",
      "Đã đóng gói nộp",
      "Chậm tiến độ",
    ]);
    expect(values(8).slice(2, 9)).toEqual([5, "chưa rõ", 5, 4, 3, 0, "Chậm: Giám đốc ký"]);
    expect(ws?.getRow(8).font?.color?.argb).toBe("FFC00000");

    const early = await hocba("progress", "--archive", kho, "--ngay", "2026-06-01");
    expect(early.code, early.stderr).toBe(0);
    expect(early.stdout).toContain("Hạn đợt 1: 25/06/2026 (còn 24 ngày)");
    expect(early.stdout).not.toContain("Chậm:");
    const bad = await hocba("progress", "--archive", kho, "--han-dot-1", "25/6/2026");
    expect(bad.code).toBe(2);

    // The centre's own plan: the head's step due 4 days before 25/6 (21/6) is not late on 20/6.
    const own = await hocba(
      "progress",
      "--archive",
      kho,
      "--ngay",
      "2026-06-20",
      "--ke-hoach",
      "thu-truong=4",
    );
    expect(own.code, own.stderr).toBe(0);
    expect(own.stdout).not.toContain("Chậm:");
    expect(own.stdout).toContain(
      "Kế hoạch: GVCN ký trước hạn 14 ngày, Giám đốc ký trước hạn 4 ngày, Đóng dấu trước hạn 3 ngày",
    );
    const late = await hocba(
      "progress",
      "--archive",
      kho,
      "--ngay",
      "2026-06-20",
      "--ke-hoach",
      "thu-truong=6",
    );
    expect(late.stdout).toContain("Chậm: Giám đốc ký");
    // The seal due before the head's signature: refused in Vietnamese, nothing printed as a table.
    const order = await hocba("progress", "--archive", kho, "--ke-hoach", "dong-dau=10");
    expect(order.code).toBe(2);
    expect(order.stderr).toContain(
      "bước «Đóng dấu» (10 ngày trước hạn) không thể đến trước bước «Giám đốc ký»",
    );
    expect(order.stdout).not.toContain("Lớp");
    const typo = await hocba("progress", "--archive", kho, "--ke-hoach", "gvcn:14");
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain("Kế hoạch «gvcn:14» không hợp lệ");
  });
});

describe("hocba submission", () => {
  it("wave 1 holds the complete records with manifest.csv/json, SHA256SUMS, the HTML report and the reasons for the rest; wave 2 only what is new since", async () => {
    const [a, b, c, d, e] = cls.learners;
    const out1 = path.join(dir, "dot1");
    const r1 = await submission(kho, "1", out1, "--json");
    expect(r1.code, r1.stderr).toBe(0);
    const j1 = JSON.parse(r1.stdout) as {
      included: Array<{ maHocVien: string; sha256: string }>;
      notIncluded: Array<{ maHocVien: string; code: string; lyDo: string }>;
    };
    const ma = (l: SignedLearner | undefined) => readHocBa(l?.unsigned ?? "").hocVien.maHocVien;
    expect(j1.included.map((x) => x.sha256).sort()).toEqual(
      [a?.donVi, c?.donVi].map((x) => sha256Hex(x ?? Buffer.alloc(0))).sort(),
    );
    expect(Object.fromEntries(j1.notIncluded.map((n) => [n.maHocVien, n.code]))).toEqual({
      [ma(b)]: "SUBMISSION_MISSING_ROLES",
      [ma(d)]: "SUBMISSION_MISSING_ROLES",
      [ma(e)]: "SUBMISSION_INVALID",
    });
    const why = (l: SignedLearner | undefined) =>
      j1.notIncluded.find((n) => n.maHocVien === ma(l))?.lyDo ?? "";
    expect(why(b)).toMatch(/^Chưa ký đủ: thiếu [^,]+ \(phiên bản 1\)\.$/);
    expect(why(d)).toMatch(/^Chưa ký đủ: thiếu [^,]+, [^,]+ \(phiên bản 1\)\.$/);
    expect(why(e)).toContain("Chữ ký không hợp lệ (phiên bản 1)");

    const files = readdirSync(out1).sort();
    expect(files).toEqual(
      expect.arrayContaining([
        "SHA256SUMS",
        "bao-cao-kiem-tra.html",
        "khong-dua-vao.csv",
        "manifest.csv",
        "manifest.json",
      ]),
    );
    const xmls = files.filter((f) => f.endsWith(".xml"));
    expect(xmls).toHaveLength(2);
    const sums = parseSha256Sums(readFileSync(path.join(out1, "SHA256SUMS"), "utf8"));
    for (const f of files.filter((x) => x !== "SHA256SUMS")) {
      expect(sums.get(f), f).toBe(sha256Hex(readFileSync(path.join(out1, f))));
    }
    for (const f of xmls) {
      const bytes = readFileSync(path.join(out1, f));
      for (const id of ["sig-GVCN", "sig-ThuTruong", "sig-DonVi"]) {
        const x = xmlsec1Verify(bytes, id, { root: tok.rootPem, intermediate: tok.intermediatePem });
        expect(x.ok, x.output).toBe(true);
      }
      const v = await hocba("verify", path.join(out1, f), "--trust", tok.rootPem);
      expect(v.code, v.stdout).toBe(0);
    }
    const csv = readFileSync(path.join(out1, "manifest.csv"), "utf8")
      .replace(/^\ufeff/, "")
      .trim()
      .split("\r\n");
    expect(csv[0]).toMatch(/^stt,tep,sha256,maHocVien,hoTen,lop/);
    expect(csv).toHaveLength(3);
    const manifest = JSON.parse(readFileSync(path.join(out1, "manifest.json"), "utf8")) as {
      dot: number;
      records: unknown[];
      notIncluded: unknown[];
    };
    expect(manifest).toMatchObject({ format: "hocba-submission", dot: 1, namHoc: "2025-2026" });
    expect(manifest.records).toHaveLength(2);
    expect(manifest.notIncluded).toHaveLength(3);
    const html = readFileSync(path.join(out1, "bao-cao-kiem-tra.html"), "utf8");
    expect(html).toContain("BÁO CÁO KIỂM TRA GÓI NỘP HỌC BẠ SỐ");
    expect(html).toContain("@page { size: A4 landscape");
    expect(html).toContain("Hồ sơ không đưa vào gói");
    expect(html).not.toContain("<script");

    // The same folder again: refused, nothing overwritten.
    const again = await submission(kho, "1", out1);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("đã có tệp");

    // Progress now counts the two handed in.
    const p = await hocba("progress", "--archive", kho, "--ngay", "2026-06-20", "--json");
    expect((JSON.parse(p.stdout) as { rows: Array<{ packaged: number }> }).rows[0]?.packaged).toBe(2);

    // b is sealed after wave 1: wave 2 holds b alone; a and c are "unchanged since wave 1".
    const archive = HocBaArchive.open(kho);
    archiveUpTo(archive, b as SignedLearner, "DonVi");
    archive.close();
    const out2 = path.join(dir, "dot2");
    const r2 = await submission(kho, "2", out2, "--json");
    expect(r2.code, r2.stderr).toBe(0);
    const j2 = JSON.parse(r2.stdout) as {
      included: Array<{ sha256: string; thayDoi: string }>;
      notIncluded: Array<{ code: string }>;
    };
    expect(j2.included).toEqual([
      expect.objectContaining({ sha256: sha256Hex(b?.donVi ?? Buffer.alloc(0)), thayDoi: "moi" }),
    ]);
    expect(j2.notIncluded.filter((n) => n.code === "SUBMISSION_UNCHANGED")).toHaveLength(2);
    expect(readdirSync(out2).filter((f) => f.endsWith(".xml"))).toHaveLength(1);
    expect(readFileSync(path.join(out2, "bao-cao-kiem-tra.html"), "utf8")).toContain("Đợt 2 (bổ sung");
  });

  it("a newer version not fully signed keeps the record out (the older complete one is not sent instead); once complete, wave 2 sends it as changed", async () => {
    const a = cls.learners[0] as SignedLearner;
    const own = path.join(dir, "phien-ban.sqlite");
    const archive = HocBaArchive.open(own);
    archiveUpTo(archive, a, "DonVi");
    archive.close();
    const w1 = await submission(own, "1", path.join(dir, "pb1"));
    expect(w1.code, w1.stderr).toBe(0);

    // Version 2 of a's record: the GVCN's comment corrected after wave 1 (hocba build against the archive).
    const gb = JSON.parse(readFileSync(path.join(ROOT, "tests/fixtures/gradebook-gdtx-10.json"), "utf8")) as {
      learners: Array<{ hocVien: { maHocVien: string }; nhanXetGVCN: string }>;
    };
    const learner = gb.learners.find((l) => l.hocVien.maHocVien === readHocBa(a.unsigned).hocVien.maHocVien);
    if (!learner) throw new Error("learner not in the fixture");
    learner.nhanXetGVCN = `${learner.nhanXetGVCN} Đã sửa.`;
    const gbFile = path.join(dir, "so-diem-sua.json");
    writeFileSync(gbFile, JSON.stringify(gb));
    const built = await hocba(
      "build",
      gbFile,
      "--out",
      path.join(dir, "v2"),
      "--archive",
      own,
      "--ly-do",
      "Sửa nhận xét",
      "--time",
      "2026-07-01T08:00:00+07:00",
    );
    expect(built.code, built.stderr).toBe(0);
    const v2name = readdirSync(path.join(dir, "v2")).find(
      (f) => f.startsWith(learner.hocVien.maHocVien) && f.includes("_v2"),
    );
    if (!v2name) throw new Error(`no version 2 built: ${readdirSync(path.join(dir, "v2")).join(", ")}`);
    const v2: SignedLearner = { ...a, name: v2name, unsigned: readFileSync(path.join(dir, "v2", v2name)) };
    expect(readHocBa(v2.unsigned).ttChung.phienBanBanGhi).toBe(2);
    v2.gvcn = await signHocBa(cls.session.selectSigner({ cert: "gvcn" }), v2.unsigned, "GVCN");
    const again = HocBaArchive.open(own);
    archiveUpTo(again, v2, "GVCN");
    again.close();

    const w2 = await submission(own, "2", path.join(dir, "pb2"));
    expect(w2.code).toBe(1);
    expect(w2.stderr).toContain("Phiên bản 2 mới hơn chưa ký đủ");

    v2.thuTruong = await signHocBa(cls.session.selectSigner({ cert: "thu-truong" }), v2.gvcn, "ThuTruong");
    v2.donVi = await signHocBa(cls.session.selectSigner({ cert: "don-vi" }), v2.thuTruong, "DonVi");
    const third = HocBaArchive.open(own);
    archiveUpTo(third, { ...v2, gvcn: v2.gvcn }, "DonVi");
    third.close();
    const w3 = await submission(own, "2", path.join(dir, "pb3"), "--json");
    expect(w3.code, w3.stderr).toBe(0);
    expect((JSON.parse(w3.stdout) as { included: unknown[] }).included).toEqual([
      expect.objectContaining({ phienBan: 2, thayDoi: "thay-doi", sha256: sha256Hex(v2.donVi) }),
    ]);
    const xml = readFileSync(
      path.join(dir, "pb3", readdirSync(path.join(dir, "pb3")).find((f) => f.endsWith("_v2.xml")) ?? ""),
    );
    expect(xmlsec1Verify(xml, "sig-DonVi", { root: tok.rootPem, intermediate: tok.intermediatePem }).ok).toBe(
      true,
    );
  }, 120_000);

  it("a record handed in and then cancelled goes into wave 2 as its signed CANCEL; a record cancelled before any hand-in stays out", async () => {
    const [a, b] = cls.learners as [SignedLearner, SignedLearner];
    const own = path.join(dir, "huy.sqlite");
    const archive = HocBaArchive.open(own);
    archiveUpTo(archive, a, "DonVi");
    archiveUpTo(archive, b, "DonVi");
    archive.close();
    const w1 = await submission(own, "1", path.join(dir, "huy1"), "--json");
    expect(w1.code, w1.stderr).toBe(0);

    // Both cancelled after wave 1 by the head alone (hocba build --cancel, then ThuTruong signs);
    // b's cancellation is built but not signed: the archive still holds b's version 1, unchanged.
    const cancelled = new Map<string, Buffer>();
    for (const l of [a, b]) {
      const ma = readHocBa(l.unsigned).hocVien.maHocVien;
      const out = path.join(dir, `huy-${ma}`);
      const built = await hocba(
        "build",
        "--cancel",
        ma,
        "--nam-hoc",
        "2025-2026",
        "--ly-do",
        "Cấp nhầm học viên",
        "--out",
        out,
        "--archive",
        own,
        "--time",
        "2026-07-02T08:00:00+07:00",
      );
      expect(built.code, built.stderr).toBe(0);
      const name = readdirSync(out).find((f) => f.endsWith("_v2.xml")) ?? "";
      const unsigned = readFileSync(path.join(out, name));
      expect(readHocBa(unsigned).ttChung.suKien).toBe("CANCEL");
      if (l === b) continue;
      const signed = await signCancelIntoArchive(own, unsigned, name);
      cancelled.set(ma, signed);
    }
    const maA = readHocBa(a.unsigned).hocVien.maHocVien;
    const maB = readHocBa(b.unsigned).hocVien.maHocVien;
    const w2 = await submission(own, "2", path.join(dir, "huy2"), "--json");
    expect(w2.code, w2.stderr).toBe(0);
    const j2 = JSON.parse(w2.stdout) as {
      included: Array<{
        maHocVien: string;
        suKien: string;
        thayDoi: string;
        sha256: string;
        phienBan: number;
      }>;
      notIncluded: Array<{ maHocVien: string; code: string }>;
    };
    expect(j2.included).toEqual([
      expect.objectContaining({
        maHocVien: maA,
        suKien: "CANCEL",
        thayDoi: "huy",
        phienBan: 2,
        sha256: sha256Hex(cancelled.get(maA) ?? Buffer.alloc(0)),
      }),
    ]);
    expect(j2.notIncluded).toEqual([
      expect.objectContaining({ maHocVien: maB, code: "SUBMISSION_UNCHANGED" }),
    ]);
    const files = readdirSync(path.join(dir, "huy2"));
    const xml = readFileSync(path.join(dir, "huy2", files.find((f) => f.endsWith("_v2.xml")) ?? ""));
    const x = xmlsec1Verify(xml, "sig-ThuTruong", { root: tok.rootPem, intermediate: tok.intermediatePem });
    expect(x.ok, x.output).toBe(true);
    expect(readFileSync(path.join(dir, "huy2", "bao-cao-kiem-tra.html"), "utf8")).toContain(
      "hủy bản ghi đã nộp",
    );
    expect(readFileSync(path.join(dir, "huy2", "manifest.csv"), "utf8")).toContain(",CANCEL,huy,");

    // A learner cancelled before any hand-in: nothing to withdraw at the Ministry, named with the reason.
    const fresh = path.join(dir, "huy-moi.sqlite");
    const first = HocBaArchive.open(fresh);
    const c = cls.learners[2] as SignedLearner;
    archiveUpTo(first, c, "DonVi");
    first.close();
    const maC = readHocBa(c.unsigned).hocVien.maHocVien;
    const outC = path.join(dir, "huy-c");
    expect(
      (
        await hocba(
          "build",
          "--cancel",
          maC,
          "--nam-hoc",
          "2025-2026",
          "--ly-do",
          "Nhầm lớp",
          "--out",
          outC,
          "--archive",
          fresh,
          "--time",
          "2026-06-02T08:00:00+07:00",
        )
      ).code,
    ).toBe(0);
    const nameC = readdirSync(outC).find((f) => f.endsWith("_v2.xml")) ?? "";
    const unsignedC = readFileSync(path.join(outC, nameC));
    await signCancelIntoArchive(fresh, unsignedC, nameC);
    const none = await submission(fresh, "1", path.join(dir, "huy-c1"));
    expect(none.code).toBe(1);
    expect(none.stderr + none.stdout).toContain("chưa từng được nộp");
  }, 120_000);

  it("refuses wave 2 before any wave 1", async () => {
    const empty = path.join(dir, "rong.sqlite");
    const archive = HocBaArchive.open(empty);
    archiveUpTo(archive, cls.learners[0] as SignedLearner, "DonVi");
    archive.close();
    const r = await submission(empty, "2", path.join(dir, "x"));
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Chưa có gói nộp đợt 1");
  });
});

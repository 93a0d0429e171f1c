import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkGradebook } from "../../../shared/check/check-gradebook.ts";
import type { Gradebook, Learner } from "../../../shared/model/gradebook.ts";
import { loadProfile } from "../../../shared/rules/load-profile.ts";
import { evaluateLearner } from "../../../shared/rules/evaluate-learner.ts";
import { toNumber } from "../../../shared/rules/decimal.ts";
import { diffHocBa } from "../../../shared/xml/hocbaso-v1/diff-hoc-ba.ts";
import { readHocBa } from "../../../shared/xml/hocbaso-v1/read-hoc-ba.ts";
import { fixtureGradebook } from "../../support/hocba-documents.ts";
import { runHocba, type HocbaRun } from "../../support/run-hocba.ts";
import { useTestToken, type TestToken } from "../../support/test-token.ts";
import { xmlsec1Verify } from "../../support/xmlsec1.ts";
import { XSD_PATH } from "../xml/support/xsd-module.ts";

/*
 * Records that change after signing, through the real CLI, the SoftHSM test token and the archive:
 * a year signed in May, then in August a corrected score, a corrected comment, a re-test result
 * and a summer rèn luyện result, each as version 2 of the same record; unchanged learners give the
 * signed bytes back; no reason, no new version.
 */

let tok: TestToken;
const tmp = mkdtempSync(path.join(os.tmpdir(), "hocba-cli-versions-"));
const kho = path.join(tmp, "kho.sqlite");
beforeAll(() => {
  tok = useTestToken();
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const MAY = "2026-05-25T08:00:00+07:00";
const AUGUST = "2026-08-10T08:00:00+07:00";
const LY_DO = "Cập nhật kết quả kiểm tra lại, rèn luyện hè và sửa lỗi nhập liệu";
const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** Rows of the fixture: two ordinary learners, one unchanged, one re-tested, one in summer training. */
const SCORE = 0;
const COMMENT = 1;
const SAME = 2;
const RETEST = 22;
const SUMMER = 37;
const ROWS = [SCORE, COMMENT, SAME, RETEST, SUMMER];

const full = fixtureGradebook();
const profile = loadProfile(full.profile);
const code = (row: number) => full.learners[row]?.hocVien.maHocVien ?? "";
const v1Name = (row: number) => `${code(row)}_${full.namHoc}.xml`;
const v2Name = (row: number) => `${code(row)}_${full.namHoc}_v2.xml`;

function pick(gb: Gradebook): Gradebook {
  return { ...structuredClone(gb), learners: ROWS.map((r) => structuredClone(gb.learners[r] as Learner)) };
}

/** In May the re-test and summer results are not known yet. */
function mayGradebook(): Gradebook {
  const gb = pick(full);
  for (const l of gb.learners) {
    if (l.ketQuaXet === "KiemTraLai" || l.ketQuaXet === "RenLuyenHe") {
      for (const k of l.ketQua) k.ktLai = null;
      l.hocTap.sauKiemTraLai = null;
      l.renLuyen.sauRenLuyenHe = null;
      l.ketQuaXetLai = null;
    }
  }
  return gb;
}

/** In August: everything known, a final score corrected (averages recomputed), a comment corrected. */
function augustGradebook(): Gradebook {
  const gb = pick(full);
  const [scoreLearner, commentLearner] = gb.learners;
  if (!scoreLearner || !commentLearner) throw new Error("rows");
  const ls = scoreLearner.ketQua.find((k) => k.maMon === "LS");
  if (!ls || typeof ls.hk2.ck !== "number") throw new Error("LS");
  ls.hk2.ck = Math.min(10, ls.hk2.ck + 1);
  const ev = evaluateLearner(gb, scoreLearner, profile).subjects.find((s) => s.subject.ma === "LS");
  if (!ev?.hk2.tbm || !ev.cn.tbm) throw new Error("LS averages");
  ls.hk2.tbm = toNumber(ev.hk2.tbm);
  ls.cn.tbm = toNumber(ev.cn.tbm);
  commentLearner.nhanXetGVCN = "Chăm chỉ, tiến bộ rõ trong học kỳ II.";
  return gb;
}

function writeJson(name: string, gb: Gradebook): string {
  const file = path.join(tmp, name);
  writeFileSync(file, JSON.stringify(gb));
  return file;
}

function build(gbFile: string, out: string, extra: string[] = []): Promise<HocbaRun> {
  return runHocba(["build", gbFile, "--out", path.join(tmp, out), "--archive", kho, ...extra], {
    env: tok.env,
  });
}

const ROLE_CERT = { gvcn: "gvcn", "thu-truong": "thu-truong", "don-vi": "don-vi" } as const;

async function sign(files: string[], role: keyof typeof ROLE_CERT, out: string): Promise<HocbaRun> {
  const run = await runHocba(
    [
      "sign",
      ...files,
      "--role",
      role,
      "--token",
      tok.tokenLabel,
      "--cert",
      ROLE_CERT[role],
      "--pin-stdin",
      "--out",
      path.join(tmp, out),
      "--archive",
      kho,
      "--trust",
      tok.rootPem,
    ],
    { env: tok.env, input: `${tok.pin}\n` },
  );
  return run;
}

const file = (dir: string, name: string) => path.join(tmp, dir, name);
const bytes = (dir: string, name: string) => readFileSync(file(dir, name));

function xmllint(f: string): string {
  const r = spawnSync("xmllint", ["--noout", "--nonet", "--schema", XSD_PATH, f], { encoding: "utf8" });
  return r.status === 0 ? "ok" : r.stderr;
}

describe("hocba build after signing: versions from the archive", () => {
  it("May: the checked gradebook builds version 1 of each learner; the GVCN signs them", async () => {
    const may = mayGradebook();
    // The check's rules before the re-test: the pending decisions are warnings, not errors.
    const report = checkGradebook(may, profile);
    expect(report.items.filter((i) => i.severity === "error")).toEqual([]);
    expect(report.items.map((i) => i.code)).toContain("CHECK_AFTER_PENDING");

    const run = await build(writeJson("may.json", may), "may", ["--time", MAY]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).not.toContain("Phiên bản mới");
    expect(readdirSync(path.join(tmp, "may")).sort()).toEqual(ROWS.map(v1Name).sort());
    const signed = await sign(
      ROWS.map((r) => file("may", v1Name(r))),
      "gvcn",
      "may-gvcn",
    );
    expect(signed.code, signed.stdout + signed.stderr).toBe(0);
  });

  it("the same data again (another day): exactly the bytes that were signed, nothing new to sign", async () => {
    const run = await build(path.join(tmp, "may.json"), "may-again", ["--time", AUGUST, "--ly-do", LY_DO]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain(`Không đổi so với bản đã ký: ${ROWS.length} học bạ`);
    expect(run.stdout).toContain("không có gì mới để ký");
    expect(run.stdout).toContain("đã ký: Giáo viên chủ nhiệm");
    for (const r of ROWS) expect(bytes("may-again", v1Name(r)).equals(bytes("may", v1Name(r)))).toBe(true);
  });

  it("never writes over a signed file: a build into the folder of the signed files leaves them as signed", async () => {
    const before = ROWS.map((r) => bytes("may-gvcn", v1Name(r)));
    const run = await build(path.join(tmp, "may.json"), "may-gvcn", ["--time", AUGUST]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("Đã tạo 0 tệp.");
    expect(run.stdout.match(/đã có chữ ký số \(học bạ đã ký không bao giờ bị ghi đè\)/g)).toHaveLength(
      ROWS.length,
    );
    ROWS.forEach((r, i) => expect(bytes("may-gvcn", v1Name(r)).equals(before[i] as Buffer)).toBe(true));
    // The unsigned build itself may be written again over the same bytes.
    const again = await build(path.join(tmp, "may.json"), "may", ["--time", AUGUST]);
    expect(again.code, again.stdout).toBe(0);
  });

  it("August without --ly-do: each changed learner refused by name, exit 1; the unchanged one built", async () => {
    const run = await build(writeJson("august.json", augustGradebook()), "august-no-reason", [
      "--time",
      AUGUST,
    ]);
    expect(run.code).toBe(1);
    for (const r of [SCORE, COMMENT, RETEST, SUMMER]) {
      const hv = full.learners[r]?.hocVien;
      expect(run.stdout).toMatch(
        new RegExp(
          `«${hv?.hoTen ?? "?"}» \\(${code(r)}\\): học bạ đã ký \\(phiên bản 1\\) nay có \\d+ chỗ thay đổi`,
        ),
      );
    }
    expect(run.stdout).toContain("phải ghi lý do sửa (--ly-do) để lập phiên bản 2");
    expect(run.stdout).toContain("chạy lại với --ly-do");
    expect(readdirSync(path.join(tmp, "august-no-reason"))).toEqual([v1Name(SAME)]);
    expect(bytes("august-no-reason", v1Name(SAME)).equals(bytes("may", v1Name(SAME)))).toBe(true);
  });

  it("August with --ly-do: version 2 of the same record for each change, naming version 1", async () => {
    const run = await build(path.join(tmp, "august.json"), "august", ["--time", AUGUST, "--ly-do", LY_DO]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain("Phiên bản mới của 4 học bạ đã ký");
    expect(readdirSync(path.join(tmp, "august")).sort()).toEqual(
      [v2Name(SCORE), v2Name(COMMENT), v1Name(SAME), v2Name(RETEST), v2Name(SUMMER)].sort(),
    );
    const changesOf = (r: number) => {
      const v1 = bytes("may", v1Name(r));
      const v2 = bytes("august", v2Name(r));
      expect(xmllint(file("august", v2Name(r)))).toBe("ok");
      const before = readHocBa(v1).ttChung;
      const tt = readHocBa(v2).ttChung;
      expect(tt).toMatchObject({
        idBanGhi: before.idBanGhi,
        suKien: "UPDATE",
        phienBanBanGhi: 2,
        thoiGianLap: AUGUST,
        thayThe: { phienBanTruoc: 1, sha256BanTruoc: sha(v1), lyDo: LY_DO },
      });
      return new Map(tt.thayThe?.suaDoi.map((c) => [c.truong, [c.cu, c.moi]]));
    };

    const score = changesOf(SCORE);
    expect([...score.keys()]).toEqual(["KetQua/Mon[LS]/HK2/TBM", "KetQua/Mon[LS]/CN/TBM"]);
    const comment = changesOf(COMMENT);
    expect(comment).toEqual(
      new Map([
        ["NhanXetGVCN", [full.learners[COMMENT]?.nhanXetGVCN, "Chăm chỉ, tiến bộ rõ trong học kỳ II."]],
      ]),
    );
    const retest = changesOf(RETEST);
    expect(retest.get("KetQua/Mon[TO]/KTLai/TBM")).toEqual(["", "6.0"]);
    expect(retest.get("HocTap/SauKiemTraLai")).toEqual(["", "Đ"]);
    expect(retest.get("KetQuaXetLai")).toEqual(["", "LenLop"]);
    const summer = changesOf(SUMMER);
    expect(summer).toEqual(
      new Map([
        ["RenLuyen/SauRenLuyenHe", ["", "Đ"]],
        ["KetQuaXetLai", ["", "LenLop"]],
      ]),
    );
    expect(bytes("august", v1Name(SAME)).equals(bytes("may", v1Name(SAME)))).toBe(true);
  });

  it("version 2 is signed through the roles in order again; xmlsec1 and hocba verify accept it", async () => {
    const v2 = [SCORE, COMMENT, RETEST, SUMMER].map(v2Name);
    const early = await sign([file("august", v2[0] ?? "")], "thu-truong", "early");
    expect(early.code).toBe(1); // the head cannot sign before the GVCN, in a new version too
    const a = await sign(
      v2.map((n) => file("august", n)),
      "gvcn",
      "aug-gvcn",
    );
    expect(a.code, a.stdout + a.stderr).toBe(0);
    expect(a.stdout).not.toContain("lấy từ kho");
    const b = await sign(
      v2.map((n) => file("aug-gvcn", n)),
      "thu-truong",
      "aug-tt",
    );
    expect(b.code, b.stdout + b.stderr).toBe(0);
    const c = await sign(
      v2.map((n) => file("aug-tt", n)),
      "don-vi",
      "aug-dv",
    );
    expect(c.code, c.stdout + c.stderr).toBe(0);
    for (const n of v2) {
      const signed = bytes("aug-dv", n);
      expect(xmllint(file("aug-dv", n))).toBe("ok");
      for (const role of ["GVCN", "ThuTruong", "DonVi"]) {
        const r = xmlsec1Verify(signed, `sig-${role}`, {
          root: tok.rootPem,
          intermediate: tok.intermediatePem,
        });
        expect(r.ok, r.output).toBe(true);
      }
    }
    const verify = await runHocba(["verify", ...v2.map((n) => file("aug-dv", n)), "--trust", tok.rootPem], {
      env: tok.env,
    });
    expect(verify.code, verify.stdout).toBe(0);
    expect(verify.stdout).toContain("Bản ghi: UPDATE, phiên bản 2");

    // Rebuilt after signing: version 2's bytes, not a version 3.
    const again = await build(path.join(tmp, "august.json"), "august-again", [
      "--time",
      "2026-09-01T08:00:00+07:00",
    ]);
    expect(again.code, again.stdout).toBe(0);
    expect(again.stdout).toContain(`Không đổi so với bản đã ký: ${ROWS.length} học bạ`);
    for (const n of v2) expect(bytes("august-again", n).equals(bytes("august", n))).toBe(true);
  });

  it("changed again after version 2 was signed: version 3 names version 2", async () => {
    const gb = augustGradebook();
    const l = gb.learners[1];
    if (!l) throw new Error("row");
    l.nhanXetGVCN = "Chăm chỉ, tiến bộ rõ.";
    const run = await build(writeJson("september.json", gb), "september", [
      "--time",
      "2026-09-05T08:00:00+07:00",
      "--ly-do",
      "Sửa chính tả nhận xét",
    ]);
    expect(run.code, run.stdout).toBe(0);
    const v3 = bytes("september", `${code(COMMENT)}_${full.namHoc}_v3.xml`);
    expect(readHocBa(v3).ttChung).toMatchObject({
      phienBanBanGhi: 3,
      thayThe: {
        phienBanTruoc: 2,
        sha256BanTruoc: sha(bytes("august", v2Name(COMMENT))),
        lyDo: "Sửa chính tả nhận xét",
        suaDoi: [
          {
            truong: "NhanXetGVCN",
            cu: "Chăm chỉ, tiến bộ rõ trong học kỳ II.",
            moi: "Chăm chỉ, tiến bộ rõ.",
          },
        ],
      },
    });
  });

  it("the archive keeps every version: archive list (text and --json) and export show them", async () => {
    const list = await runHocba(["archive", "list", "--json", "--archive", kho], { env: tok.env });
    expect(list.code, list.stderr).toBe(0);
    const entries = (
      JSON.parse(list.stdout) as {
        entries: Array<{
          maHocVien: string;
          role: string;
          phienBan: number;
          suKien: string;
          phienBanTruoc?: number;
        }>;
      }
    ).entries.filter((e) => e.maHocVien === code(SCORE));
    expect(entries.map((e) => [e.phienBan, e.suKien, e.role, e.phienBanTruoc]).reverse()).toEqual([
      [1, "NEW", "GVCN", undefined],
      [2, "UPDATE", "GVCN", 1],
      [2, "UPDATE", "ThuTruong", 1],
      [2, "UPDATE", "DonVi", 1],
    ]);
    const text = await runHocba(["archive", "list", "--archive", kho, "--ma-hoc-vien", code(SCORE)], {
      env: tok.env,
    });
    expect(text.stdout).toContain("phiên bản 2 UPDATE (thay 1)");
    expect(text.stdout).toContain("phiên bản 1 NEW");
    const exported = await runHocba(["archive", "export", path.join(tmp, "export"), "--archive", kho], {
      env: tok.env,
    });
    expect(exported.code, exported.stderr).toBe(0);
    const names = readdirSync(path.join(tmp, "export"));
    expect(names).toContain(v1Name(SCORE));
    expect(names).toContain(v2Name(SCORE));
    expect(bytes("export", v2Name(SCORE)).equals(bytes("aug-dv", v2Name(SCORE)))).toBe(true);
  });

  it("hocba verify says which version a file is and what it replaces, and checks the chain", async () => {
    const v2 = file("aug-dv", v2Name(RETEST));
    const plain = await runHocba(["verify", v2, "--trust", tok.rootPem], { env: tok.env });
    expect(plain.code, plain.stdout).toBe(0);
    expect(plain.stdout).toContain("Phiên bản: 2 (UPDATE)");
    expect(plain.stdout).toContain(
      `thay thế phiên bản 1 (SHA-256 bản chưa ký ${sha(bytes("may", v1Name(RETEST)))})`,
    );
    expect(plain.stdout).toContain("KetQua/Mon[TO]/KTLai/TBM: (trống) → «6.0»");
    expect(plain.stdout).toContain("Chuỗi phiên bản: chưa kiểm tra");

    // The earlier file, signed (as sent in May) or not: intact.
    for (const previous of [file("may-gvcn", v1Name(RETEST)), file("may", v1Name(RETEST))]) {
      const run = await runHocba(["verify", v2, "--trust", tok.rootPem, "--previous", previous], {
        env: tok.env,
      });
      expect(run.code, run.stdout).toBe(0);
      expect(run.stdout).toContain(`Chuỗi phiên bản: nguyên vẹn so với ${previous}`);
    }
    const fromArchive = await runHocba(["verify", v2, "--trust", tok.rootPem, "--archive", kho, "--json"], {
      env: tok.env,
    });
    expect(fromArchive.code, fromArchive.stdout).toBe(0);
    const json = JSON.parse(fromArchive.stdout) as {
      files: Array<{ versionChain: { intact: boolean; phienBan: number; previous: { phienBan: number } } }>;
    };
    expect(json.files[0]?.versionChain).toMatchObject({
      intact: true,
      phienBan: 2,
      previous: { phienBan: 1 },
    });
  });

  it("a broken chain is refused: another learner's file, or a version two steps back", async () => {
    const v2 = file("aug-dv", v2Name(RETEST));
    const other = await runHocba(
      ["verify", v2, "--trust", tok.rootPem, "--previous", file("may-gvcn", v1Name(SUMMER))],
      { env: tok.env },
    );
    expect(other.code).toBe(1);
    expect(other.stdout).toContain("Chuỗi phiên bản đứt: bản trước");
    expect(other.stdout).toContain("SHA-256 của bản bị thay thế ghi trong tài liệu là");

    // Version 3 (september) signed, checked against version 1: not the version it replaces.
    const v3Name = `${code(COMMENT)}_${full.namHoc}_v3.xml`;
    const signed = await sign([file("september", v3Name)], "gvcn", "sep-gvcn");
    expect(signed.code, signed.stdout).toBe(0);
    const skip = await runHocba(
      [
        "verify",
        file("sep-gvcn", v3Name),
        "--trust",
        tok.rootPem,
        "--previous",
        file("may", v1Name(COMMENT)),
      ],
      { env: tok.env },
    );
    expect(skip.code).toBe(1);
    expect(skip.stdout).toContain("phiên bản 3 ghi thay thế phiên bản 2, nhưng bản trước");
    const good = await runHocba(
      ["verify", file("sep-gvcn", v3Name), "--trust", tok.rootPem, "--archive", kho],
      {
        env: tok.env,
      },
    );
    expect(good.code, good.stdout).toBe(0);
    expect(good.stdout).toContain("phiên bản 2 → 3");
  });

  it("a record issued in error is cancelled: a CANCEL version with the reason, signed by the head", async () => {
    const cancel = await runHocba(
      [
        "build",
        "--cancel",
        code(SAME),
        "--cancel",
        "HV9999",
        "--nam-hoc",
        full.namHoc,
        "--ly-do",
        "Lập nhầm: học viên không thuộc lớp này",
        "--out",
        path.join(tmp, "cancel"),
        "--archive",
        kho,
        "--time",
        "2026-09-02T08:00:00+07:00",
      ],
      { env: tok.env },
    );
    expect(cancel.code).toBe(1); // HV9999 has nothing signed
    expect(cancel.stdout).toContain("HV9999, năm học 2025-2026: kho lưu");
    expect(cancel.stdout).toContain(`phiên bản 2 hủy phiên bản 1 của bản ghi`);
    expect(readdirSync(path.join(tmp, "cancel"))).toEqual([v2Name(SAME)]);
    const doc = bytes("cancel", v2Name(SAME));
    expect(xmllint(file("cancel", v2Name(SAME)))).toBe("ok");
    const v1 = bytes("may", v1Name(SAME));
    expect(readHocBa(doc).ttChung).toMatchObject({
      idBanGhi: readHocBa(v1).ttChung.idBanGhi,
      suKien: "CANCEL",
      phienBanBanGhi: 2,
      thayThe: {
        phienBanTruoc: 1,
        sha256BanTruoc: sha(v1),
        lyDo: "Lập nhầm: học viên không thuộc lớp này",
        suaDoi: [],
      },
    });
    expect(diffHocBa(v1, doc)).toEqual([]); // the withdrawn data, unchanged

    // A cancellation is the head's: the GVCN may not sign it, nor the seal before the head.
    const byGvcn = await sign([file("cancel", v2Name(SAME))], "gvcn", "cancel-gvcn");
    expect(byGvcn.code, byGvcn.stdout).toBe(1);
    expect(byGvcn.stdout + byGvcn.stderr).toContain("giáo viên chủ nhiệm không ký văn bản hủy");
    expect(existsSync(file("cancel-gvcn", v2Name(SAME)))).toBe(false);
    const sealFirst = await sign([file("cancel", v2Name(SAME))], "don-vi", "cancel-dv-first");
    expect(sealFirst.code, sealFirst.stdout).toBe(1);
    expect(existsSync(file("cancel-dv-first", v2Name(SAME)))).toBe(false);

    const b = await sign([file("cancel", v2Name(SAME))], "thu-truong", "cancel-tt");
    expect(b.code, b.stdout).toBe(0);
    const signed = bytes("cancel-tt", v2Name(SAME));
    expect(readHocBa(signed).vaiTroCoChuKy).toEqual(["ThuTruong"]);
    const x = xmlsec1Verify(signed, "sig-ThuTruong", {
      root: tok.rootPem,
      intermediate: tok.intermediatePem,
    });
    expect(x.ok, x.output).toBe(true);
    const verify = await runHocba(
      ["verify", file("cancel-tt", v2Name(SAME)), "--trust", tok.rootPem, "--archive", kho],
      { env: tok.env },
    );
    expect(verify.code, verify.stdout).toBe(0);
    expect(verify.stdout).toContain("HỢP LỆ, văn bản hủy đã có chữ ký Thủ trưởng");
    expect(verify.stdout).toContain("HỦY phiên bản 1");
    expect(verify.stdout).toContain("Chuỗi phiên bản: nguyên vẹn");
    expect(verify.stdout).not.toContain("chưa có hiệu lực");
    const json = await runHocba(
      ["verify", file("cancel-tt", v2Name(SAME)), "--trust", tok.rootPem, "--json"],
      {
        env: tok.env,
      },
    );
    const report = (JSON.parse(json.stdout) as { files: Array<{ ok: boolean; complete: boolean }> }).files[0];
    expect(report).toMatchObject({ ok: true, complete: true });

    // The institution may seal the head's cancellation afterwards; the GVCN still may not sign.
    const sealed = await sign([file("cancel-tt", v2Name(SAME))], "don-vi", "cancel-dv");
    expect(sealed.code, sealed.stdout + sealed.stderr).toBe(0);
    const withSeal = bytes("cancel-dv", v2Name(SAME));
    for (const id of ["sig-ThuTruong", "sig-DonVi"]) {
      const r = xmlsec1Verify(withSeal, id, { root: tok.rootPem, intermediate: tok.intermediatePem });
      expect(r.ok, `${id}: ${r.output}`).toBe(true);
    }
    const sealedVerify = await runHocba(["verify", file("cancel-dv", v2Name(SAME)), "--trust", tok.rootPem], {
      env: tok.env,
    });
    expect(sealedVerify.code, sealedVerify.stdout).toBe(0);
    expect(sealedVerify.stdout).toContain("văn bản hủy đã có chữ ký Thủ trưởng và dấu Đơn vị");
    const gvcnAfter = await sign([file("cancel-tt", v2Name(SAME))], "gvcn", "cancel-gvcn-after");
    expect(gvcnAfter.code).toBe(1);
    expect(existsSync(file("cancel-gvcn-after", v2Name(SAME)))).toBe(false);

    // No version follows a CANCEL.
    const after = await build(path.join(tmp, "august.json"), "after-cancel", [
      "--time",
      AUGUST,
      "--ly-do",
      LY_DO,
    ]);
    expect(after.code).toBe(1);
    expect(after.stdout).toContain(`(${code(SAME)}): bản ghi`);
    expect(after.stdout).toContain("đã bị hủy (phiên bản 2, SuKien CANCEL)");
  });

  it("an --archive not created yet (nothing signed with it) is said, and means no signed version", async () => {
    const none = path.join(tmp, "khong-co.sqlite");
    const run = await runHocba(
      ["build", path.join(tmp, "may.json"), "--out", path.join(tmp, "none"), "--archive", none],
      {
        env: tok.env,
      },
    );
    expect(run.code, run.stdout).toBe(0);
    expect(run.stdout).toContain("khong-co.sqlite chưa có: coi như chưa có học bạ nào đã ký");
    expect(existsSync(none)).toBe(false);
  });
});

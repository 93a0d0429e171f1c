import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkGradebook } from "../../../shared/check/check-gradebook.ts";
import type { Gradebook, Learner } from "../../../shared/model/gradebook.ts";
import { Gradebook as GradebookSchema } from "../../../shared/model/gradebook.ts";
import { loadProfile } from "../../../shared/rules/load-profile.ts";
import { createHocBaBuilder } from "../../../shared/xml/hocbaso-v1/build-hoc-ba-xml.ts";
import { readHocBa } from "../../../shared/xml/hocbaso-v1/read-hoc-ba.ts";
import { fixtureGradebook } from "../../support/hocba-documents.ts";
import { runHocba } from "../../support/run-hocba.ts";
import { useTestToken, type TestToken } from "../../support/test-token.ts";
import { xmlsec1Verify } from "../../support/xmlsec1.ts";
import { XSD_PATH } from "../xml/support/xsd-module.ts";

/*
 * Learners who leave or arrive during the year: a transfer out after semester I gets a record of
 * that semester with the status, date and destination; one who stops gets the semesters completed;
 * a transfer in records where from and when; the learning history goes into the record.
 */

let tok: TestToken;
const tmp = mkdtempSync(path.join(os.tmpdir(), "hocba-movement-"));
beforeAll(() => {
  tok = useTestToken();
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const full = fixtureGradebook();
const profile = loadProfile(full.profile);

function learner(i: number): Learner {
  return structuredClone(full.learners[i] as Learner);
}

function gradebookOf(...learners: Learner[]): Gradebook {
  return GradebookSchema.parse({ ...structuredClone(full), learners });
}

/** Left after semester I: what the portal still shows for semester II and the year is not recorded. */
function transferredOut(row = 0): Learner {
  const l = learner(row);
  l.roiTruong = {
    trangThai: "ChuyenDi",
    ngay: "2026-01-19",
    hocKyHoanThanh: 1,
    truongChuyenDen: "Trung tâm GDNN-GDTX huyện Lâm Thao, Phú Thọ",
  };
  for (const k of l.ketQua) {
    k.hk2 = { tx: [], gk: null, ck: null, tbm: null, mucDanhGia: null };
    k.cn = { tbm: null, mucDanhGia: null };
  }
  l.hocTap = { ...l.hocTap, hk2: null, cn: null };
  l.renLuyen = { ...l.renLuyen, hk2: null, cn: null };
  l.ketQuaXet = null;
  l.danhHieu = null;
  return l;
}

function stopped(): Learner {
  const l = transferredOut(2);
  l.roiTruong = { trangThai: "ThoiHoc", ngay: "2025-10-02", hocKyHoanThanh: 0 };
  return l;
}

function transferredIn(): Learner {
  const l = learner(1);
  l.chuyenDen = { ngay: "2025-10-15", truongCu: "Trường THPT Hùng Vương, Phú Thọ" };
  l.quaTrinhHocTap = [
    { namHoc: "2024-2025", lop: "9A", truong: "Trường THCS Gia Cẩm, Việt Trì, Phú Thọ", ngay: "2021-09-05" },
    { namHoc: "2025-2026", lop: "10A1", truong: "Trung tâm GDNN-GDTX Việt Trì", ngay: "2025-10-15" },
  ];
  return l;
}

function xmllint(bytes: Uint8Array): string {
  const f = path.join(tmp, `d-${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(f, bytes);
  const r = spawnSync("xmllint", ["--noout", "--nonet", "--schema", XSD_PATH, f], { encoding: "utf8" });
  return r.status === 0 ? "ok" : r.stderr;
}

describe("learners who leave or arrive", () => {
  it("the check looks at the semesters completed only; a transfer needs its destination", () => {
    const gb = gradebookOf(transferredOut(), stopped(), transferredIn());
    const report = checkGradebook(gb, profile);
    expect(report.items.filter((i) => i.severity === "error")).toEqual([]);
    const noDestination = transferredOut();
    delete noDestination.roiTruong?.truongChuyenDen;
    const bad = checkGradebook(gradebookOf(noDestination), profile);
    expect(bad.items.filter((i) => i.severity === "error").map((i) => i.message)).toEqual([
      expect.stringContaining("nơi chuyển đến") as string,
    ]);
  });

  it("a transfer out after semester I: semester I, the status, date and destination; nothing after", () => {
    const doc = createHocBaBuilder(gradebookOf(transferredOut()))(transferredOut());
    expect(xmllint(doc.bytes)).toBe("ok");
    const text = Buffer.from(doc.bytes).toString("utf8");
    expect(text).toContain(
      "<RoiTruong><TrangThai>ChuyenDi</TrangThai><Ngay>2026-01-19</Ngay><HocKyHoanThanh>1</HocKyHoanThanh><TruongChuyenDen>Trung tâm GDNN-GDTX huyện Lâm Thao, Phú Thọ</TruongChuyenDen></RoiTruong>",
    );
    expect(text).not.toContain("<KetQuaXet>");
    const view = readHocBa(doc.bytes);
    expect(view.roiTruong).toEqual(transferredOut().roiTruong);
    for (const m of view.ketQua) {
      expect(m.hk1).not.toBeNull();
      expect([m.hk2, m.cn, m.ktLai]).toEqual([null, null, null]);
    }
    expect(view.hocTap).toMatchObject({ hk1: learner(0).hocTap.hk1, hk2: null, cn: null });
    expect(view.ketQuaXet).toBeNull();
  });

  it("a learner who stopped in semester I: no results, the status and date", () => {
    const doc = createHocBaBuilder(gradebookOf(stopped()))(stopped());
    expect(xmllint(doc.bytes)).toBe("ok");
    const view = readHocBa(doc.bytes);
    expect(view.roiTruong).toEqual({ trangThai: "ThoiHoc", ngay: "2025-10-02", hocKyHoanThanh: 0 });
    expect(view.ketQua.every((m) => m.hk1 === null && m.hk2 === null && m.cn === null)).toBe(true);
  });

  it("a transfer in and the learning history", () => {
    const doc = createHocBaBuilder(gradebookOf(transferredIn()))(transferredIn());
    expect(xmllint(doc.bytes)).toBe("ok");
    const view = readHocBa(doc.bytes);
    expect(view.chuyenDen).toEqual(transferredIn().chuyenDen);
    expect(view.quaTrinhHocTap).toEqual(transferredIn().quaTrinhHocTap);
    expect(view.ketQuaXet).toBe(learner(1).ketQuaXet);
  });

  it("the reader refuses a year's result in the record of a learner who left after semester I", () => {
    const doc = Buffer.from(
      createHocBaBuilder(gradebookOf(transferredOut()))(transferredOut()).bytes,
    ).toString();
    const forged = doc
      .replace("<SoBuoiNghi>", "<SoBuoiNghi>")
      .replace(/<\/SoBuoiNghi>|<SoBuoiNghi\/>/, (m) => `${m}<KetQuaXet>LenLop</KetQuaXet>`);
    expect(forged).not.toBe(doc);
    expect(() => readHocBa(forged)).toThrow(/KetQuaXet/);
  });

  it("hocba build and sign: the transfer-out record verifies (xmlsec1, hocba verify)", async () => {
    const gbFile = path.join(tmp, "moves.json");
    writeFileSync(gbFile, JSON.stringify(gradebookOf(transferredOut(), stopped(), transferredIn())));
    const kho = path.join(tmp, "kho.sqlite");
    const out = path.join(tmp, "out");
    const build = await runHocba(["build", gbFile, "--out", out, "--archive", kho], { env: tok.env });
    expect(build.code, build.stdout + build.stderr).toBe(0);
    const name = `${learner(0).hocVien.maHocVien}_${full.namHoc}.xml`;
    const signed = path.join(tmp, "signed");
    const sign = await runHocba(
      [
        "sign",
        path.join(out, name),
        "--role",
        "gvcn",
        "--token",
        tok.tokenLabel,
        "--cert",
        "gvcn",
        "--pin-stdin",
        "--out",
        signed,
        "--archive",
        kho,
      ],
      { env: tok.env, input: `${tok.pin}\n` },
    );
    expect(sign.code, sign.stdout + sign.stderr).toBe(0);
    const bytes = readFileSync(path.join(signed, name));
    const x = xmlsec1Verify(bytes, "sig-GVCN", { root: tok.rootPem, intermediate: tok.intermediatePem });
    expect(x.ok, x.output).toBe(true);
    const verify = await runHocba(["verify", path.join(signed, name), "--trust", tok.rootPem], {
      env: tok.env,
    });
    expect(verify.code, verify.stdout).toBe(0);
  });
});

import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { validateHocBaXml } from "../../../native-host/xml/validate-hocba-xml.ts";
import type { Learner } from "../../../shared/model/gradebook.ts";
import { planRecordVersion, type SignedVersion } from "../../../shared/versions/plan-record-version.ts";
import { createHocBaBuilder } from "../../../shared/xml/hocbaso-v1/build-hoc-ba-xml.ts";
import { diffHocBa } from "../../../shared/xml/hocbaso-v1/diff-hoc-ba.ts";
import { readHocBa } from "../../../shared/xml/hocbaso-v1/read-hoc-ba.ts";
import { unsignedHocBa } from "../../../shared/xml/hocbaso-v1/unsigned-hoc-ba.ts";
import { XSD_PATH } from "../xml/support/xsd-module.ts";
import { fixtureGradebook } from "../../support/hocba-documents.ts";

const gb = fixtureGradebook();
const build = createHocBaBuilder(gb);
const later = createHocBaBuilder(gb, { thoiGianLap: "2026-08-10T08:00:00+07:00" });
const tmp = mkdtempSync(path.join(os.tmpdir(), "hocba-versions-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const sha = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
const text = (b: Uint8Array) => Buffer.from(b).toString("utf8");

function learner(i: number): Learner {
  const l = gb.learners[i];
  if (!l) throw new Error(`no learner ${i}`);
  return structuredClone(l);
}

function signedVersionOf(bytes: Uint8Array): SignedVersion {
  return { unsigned: bytes, sha256: sha(bytes), view: readHocBa(bytes), roles: ["GVCN"] };
}

/** xmllint against the XSD file, as a verifier outside the project would. */
function xmllintValid(bytes: Uint8Array): string {
  const f = path.join(tmp, `doc-${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(f, bytes);
  const r = spawnSync("xmllint", ["--noout", "--nonet", "--schema", XSD_PATH, f], { encoding: "utf8" });
  return r.status === 0 ? "ok" : r.stderr;
}

describe("the unsigned form", () => {
  it("a built document is its own unsigned form; emptying a filled DSCKS gives the built bytes back", () => {
    const doc = build(learner(0)).bytes;
    expect(unsignedHocBa(doc)).toBe(doc);
    const signedLike = Buffer.from(
      text(doc).replace("<DSCKS/>", "<DSCKS>\n<GVCN><x/></GVCN>\n<ThuTruong><y/></ThuTruong>\n</DSCKS>"),
    );
    expect(Buffer.from(unsignedHocBa(signedLike) ?? []).equals(Buffer.from(doc))).toBe(true);
  });

  it("null when DSCKS is not the root's last child", () => {
    expect(unsignedHocBa(Buffer.from("<HocBaSo><DLHocBa/></HocBaSo>"))).toBeNull();
    expect(unsignedHocBa(Buffer.from("<HocBaSo><DSCKS/><X/></HocBaSo>"))).toBeNull();
  });
});

describe("diffHocBa", () => {
  it("lists each changed field with its path, old and new text; the envelope and time are not data", () => {
    const before = build(learner(1)).bytes;
    const l = learner(1);
    const nv = l.ketQua.find((k) => k.maMon === "NV");
    if (!nv) throw new Error("no NV");
    nv.cn.tbm = 7.2;
    l.nhanXetGVCN = "Nhận xét mới";
    const after = later(l, {
      idBanGhi: "0b4c7d5e-1111-4222-8333-444455556666",
      suKien: "UPDATE",
      phienBan: 7,
    }).bytes;
    const changes = diffHocBa(before, after);
    expect(changes).toEqual([
      { truong: "KetQua/Mon[NV]/CN/TBM", cu: expect.stringMatching(/^\d+\.\d$/) as string, moi: "7.2" },
      { truong: "NhanXetGVCN", cu: learner(1).nhanXetGVCN, moi: "Nhận xét mới" },
    ]);
    expect(diffHocBa(before, build(learner(1)).bytes)).toEqual([]);
  });

  it("a field that appears or disappears has an empty side", () => {
    const l = learner(22);
    const before = structuredClone(l);
    for (const k of before.ketQua) k.ktLai = null;
    before.hocTap.sauKiemTraLai = null;
    before.ketQuaXetLai = null;
    const changes = diffHocBa(build(before).bytes, build(l).bytes);
    expect(changes).toContainEqual({ truong: "KetQua/Mon[TO]/KTLai/TBM", cu: "", moi: "6.0" });
    expect(changes).toContainEqual({ truong: "HocTap/SauKiemTraLai", cu: "", moi: "Đ" });
    expect(changes).toContainEqual({ truong: "KetQuaXetLai", cu: "", moi: "LenLop" });
    const back = diffHocBa(build(l).bytes, build(before).bytes);
    expect(back).toContainEqual({ truong: "KetQuaXetLai", cu: "LenLop", moi: "" });
  });
});

describe("planRecordVersion", () => {
  it("nothing signed: the learner's first version, as before", () => {
    const plan = planRecordVersion({ build, learner: learner(0), previous: null });
    expect(plan.kind).toBe("first");
    if (plan.kind === "first") expect(plan.built).toEqual(build(learner(0)));
  });

  it("same data, another ThoiGianLap: exactly the signed version's unsigned bytes", () => {
    const v1 = build(learner(0)).bytes;
    const plan = planRecordVersion({
      build: later,
      learner: learner(0),
      previous: signedVersionOf(v1),
      lyDo: "x",
    });
    expect(plan.kind).toBe("unchanged");
    if (plan.kind !== "unchanged") return;
    expect(plan.built.bytes).toBe(v1);
    expect(plan.built.fileName).toBe("2507510001_2025-2026.xml");
  });

  it("changed data without a reason: refused with the changes; with one: version 2 naming version 1", () => {
    const v1 = build(learner(0)).bytes;
    const l = learner(0);
    l.nhanXetGVCN = "Chăm ngoan, tiến bộ rõ.";
    const refused = planRecordVersion({ build: later, learner: l, previous: signedVersionOf(v1) });
    expect(refused.kind).toBe("needs-reason");
    const plan = planRecordVersion({
      build: later,
      learner: l,
      previous: signedVersionOf(v1),
      lyDo: "Sửa nhận xét của GVCN",
    });
    expect(plan.kind).toBe("new-version");
    if (plan.kind !== "new-version") return;
    expect(plan.built.fileName).toBe("2507510001_2025-2026_v2.xml");
    const view = readHocBa(plan.built.bytes);
    const v1View = readHocBa(v1);
    expect(view.ttChung).toMatchObject({
      idBanGhi: v1View.ttChung.idBanGhi,
      suKien: "UPDATE",
      phienBanBanGhi: 2,
      thoiGianLap: "2026-08-10T08:00:00+07:00",
      thayThe: {
        phienBanTruoc: 1,
        sha256BanTruoc: sha(v1),
        lyDo: "Sửa nhận xét của GVCN",
        suaDoi: [{ truong: "NhanXetGVCN", cu: learner(0).nhanXetGVCN, moi: "Chăm ngoan, tiến bộ rõ." }],
      },
    });
    expect(validateHocBaXml(plan.built.bytes).ok).toBe(true);
    expect(xmllintValid(plan.built.bytes)).toBe("ok");

    // Version 2 signed, rebuilt unchanged: version 2's bytes; changed again: version 3 naming 2.
    const v2 = signedVersionOf(plan.built.bytes);
    const again = planRecordVersion({ build, learner: l, previous: v2, lyDo: "khác" });
    expect(again.kind).toBe("unchanged");
    if (again.kind === "unchanged") expect(again.built.bytes).toBe(plan.built.bytes);
    l.soBuoiNghi = (l.soBuoiNghi ?? 0) + 1;
    const v3 = planRecordVersion({ build: later, learner: l, previous: v2, lyDo: "Sửa số buổi nghỉ" });
    expect(v3.kind).toBe("new-version");
    if (v3.kind !== "new-version") return;
    expect(readHocBa(v3.built.bytes).ttChung).toMatchObject({
      phienBanBanGhi: 3,
      thayThe: { phienBanTruoc: 2, sha256BanTruoc: sha(plan.built.bytes) },
    });
    expect(v3.built.fileName).toBe("2507510001_2025-2026_v3.xml");
    expect(xmllintValid(v3.built.bytes)).toBe("ok");
  });

  it("a gradebook still carrying the first issue's time: the next version is dated now", () => {
    const v1 = build(learner(0)).bytes;
    const l = learner(0);
    l.nhanXetGVCN = "Khác";
    const plan = planRecordVersion({
      build,
      learner: l,
      previous: signedVersionOf(v1),
      lyDo: "x",
      thoiGianLap: { build: gb.thoiGianLap ?? "", now: "2026-08-11T09:30:00+07:00" },
    });
    if (plan.kind !== "new-version") throw new Error(plan.kind);
    expect(readHocBa(plan.built.bytes).ttChung.thoiGianLap).toBe("2026-08-11T09:30:00+07:00");
  });

  it("a cancelled record gets no further version", () => {
    const v1 = build(learner(0)).bytes;
    const cancelled = later(learner(0), {
      idBanGhi: readHocBa(v1).ttChung.idBanGhi,
      suKien: "CANCEL",
      phienBan: 2,
      thayThe: { phienBanTruoc: 1, sha256BanTruoc: sha(v1), lyDo: "Lập nhầm", suaDoi: [] },
    });
    expect(xmllintValid(cancelled.bytes)).toBe("ok");
    const plan = planRecordVersion({
      build,
      learner: learner(0),
      previous: signedVersionOf(cancelled.bytes),
    });
    expect(plan.kind).toBe("cancelled");
  });

  it("the builder refuses a replacement that is not later, or NEW", () => {
    const bad = (phienBanTruoc: number, suKien: "NEW" | "UPDATE") => () =>
      build(learner(0), {
        idBanGhi: "0b4c7d5e-1111-4222-8333-444455556666",
        suKien,
        phienBan: 2,
        thayThe: { phienBanTruoc, sha256BanTruoc: "a".repeat(64), lyDo: "x", suaDoi: [] },
      });
    expect(bad(2, "UPDATE")).toThrow(/không thể thay thế phiên bản 2/);
    expect(bad(1, "NEW")).toThrow(/UPDATE hoặc CANCEL/);
  });
});

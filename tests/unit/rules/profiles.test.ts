import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { HocBaError } from "../../../shared/errors/hocba-error.ts";
import { BUILT_IN_PROFILE_IDS, loadProfile, parseRulesProfile } from "../../../shared/rules/load-profile.ts";
import { TT22, TT43 } from "./helpers.ts";

const raw = (id: string): unknown =>
  JSON.parse(readFileSync(new URL(`../../../shared/rules/profiles/${id}.json`, import.meta.url), "utf8"));

describe("rules profiles", () => {
  it("ships thpt-tt22 and gdtx-tt43", () => {
    expect(BUILT_IN_PROFILE_IDS).toEqual(["thpt-tt22", "gdtx-tt43"]);
    expect(TT22.labels.value).toMatchObject({ learner: "học sinh", head: "Hiệu trưởng" });
    expect(TT43.labels.value).toMatchObject({ learner: "học viên", head: "Giám đốc" });
    expect(TT22.hocTapLevels.value.map((l) => l.atLeastCount)).toEqual([6, 6, 6]);
    expect(TT43.hocTapLevels.value.map((l) => l.atLeastCount)).toEqual([5, 5, 5]);
    expect(TT22.awards.xuatSac.value.minSubjects).toBe(6);
    expect(TT43.awards.xuatSac.value.minSubjects).toBe(5);
  });

  it("marks what docs/domain.md calls unconfirmed as unconfirmed, with a source", () => {
    for (const p of [TT22, TT43]) {
      expect(p.txCount.confirmed).toBe(false);
      expect(p.promotion.finalGrade.confirmed).toBe(false);
      expect(p.promotion.bothChuaDat.confirmed).toBe(false);
    }
    expect(TT43.hocTapLevels.confirmed).toBe(false);
    expect(TT43.promotion.maxAbsences.confirmed).toBe(false);
    expect(TT43.subjects.confirmed).toBe(false);
    expect(TT22.hocTapLevels.confirmed).toBe(true);
    expect(TT43.awards.xuatSac.confirmed).toBe(true);
    expect(TT43.txCount.source).toMatch(/\[I\]/);
  });

  it("takes ĐTBmcn from the rounded ĐTBmhk, confirmed: ĐTBmhk is by definition rounded (TT22 Điều 9)", () => {
    for (const p of [TT22, TT43]) {
      expect(p.yearAverageFromRoundedSemesters.value).toBe(true);
      expect(p.yearAverageFromRoundedSemesters.confirmed).toBe(true);
      expect(p.yearAverageFromRoundedSemesters.source).toMatch(/Thông tư 22\/2021\/TT-BGDĐT Điều 9/);
    }
  });

  it("lists GDTX comment subjects HĐTN-HN and NDGD địa phương; no GDTC, no Nghệ thuật", () => {
    const nx = TT43.subjects.value.filter((s) => s.hinhThuc === "NhanXet").map((s) => s.ma);
    expect(nx).toEqual(["HDTNHN", "NDGDDP"]);
    expect(TT22.subjects.value.filter((s) => s.hinhThuc === "NhanXet").map((s) => s.ma)).toEqual(
      expect.arrayContaining(["GDTC", "AN", "MT", "HDTNHN", "NDGDDP"]),
    );
  });

  it("refuses an unknown id with the list of known ones", () => {
    try {
      loadProfile("gdtx-tt99");
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(HocBaError);
      expect((err as HocBaError).code).toBe("CHECK_PROFILE_UNKNOWN");
      expect((err as HocBaError).message).toContain("thpt-tt22, gdtx-tt43");
    }
  });

  it("accepts a centre's corrected profile and refuses a broken one, naming the path", () => {
    const corrected = raw("gdtx-tt43") as { promotion: { maxAbsences: { value: number } } };
    corrected.promotion.maxAbsences.value = 40;
    expect(parseRulesProfile(corrected, "trung-tam.json").promotion.maxAbsences.value).toBe(40);

    const broken = raw("gdtx-tt43") as { promotion: { maxAbsences: { value: unknown } } };
    broken.promotion.maxAbsences.value = "bốn lăm";
    expect(() => parseRulesProfile(broken, "hong.json")).toThrow(/hong\.json.*promotion\.maxAbsences\.value/);

    const reordered = raw("thpt-tt22") as { hocTapLevels: { value: unknown[] } };
    reordered.hocTapLevels.value.reverse();
    expect(() => parseRulesProfile(reordered, "x.json")).toThrow(/T,K,Đ/);
    expect(() => parseRulesProfile(null, "x.json")).toThrow(HocBaError);
  });
});

import { describe, expect, it } from "vitest";
import type { KetQuaMon } from "../../../shared/model/gradebook.ts";
import { toPlainString } from "../../../shared/rules/decimal.ts";
import { evaluateLearner } from "../../../shared/rules/evaluate-learner.ts";
import { comment, flat, gradebook, learner, scored, TT43 } from "./helpers.ts";

// 8 scored subjects + 2 comment subjects, GDTX profile (thresholds: 5 subjects).
const SCORED = ["NV", "TO", "LS", "QP", "VL", "HH", "SH", "DL"].map(scored);
const COMMENT = ["HN", "DP"].map(comment);
const SUBJECTS = [...SCORED, ...COMMENT];

function results(scores: number[], comments: ("Đ" | "CĐ")[] = ["Đ", "Đ"]): KetQuaMon[] {
  return [
    ...SCORED.map((s, i) => flat(s, scores[i] ?? 0)),
    ...COMMENT.map((s, i) => flat(s, comments[i] ?? "Đ")),
  ];
}

describe("evaluateLearner", () => {
  it("computes every portal value for a plain learner", () => {
    const l = learner(results([9, 9, 9, 9, 9, 8, 8, 8]));
    const ev = evaluateLearner(gradebook(SUBJECTS, [l]), l, TT43);
    expect(ev.hocTap).toEqual({ hk1: "T", hk2: "T", cn: "T", sauKiemTraLai: null });
    expect(ev.renLuyen.cn).toBe("T");
    expect(ev.ketQuaXet).toBe("LenLop");
    expect(ev.ketQuaXetLai).toBeNull();
    expect(ev.danhHieu).toBe("XuatSac");
    expect(ev.subjects.map((s) => s.txRequired)).toEqual([3, 3, 3, 3, 3, 3, 3, 3, 2, 2]);
  });

  it("a comment-only subject Chưa đạt in HK II makes the year CĐ and caps học tập at Đạt", () => {
    const l = learner(results([9, 9, 9, 9, 9, 9, 9, 9], ["CĐ", "Đ"]));
    const ev = evaluateLearner(gradebook(SUBJECTS, [l]), l, TT43);
    expect(ev.subjects[8]?.cn.mucDanhGia).toBe("CĐ");
    expect(ev.hocTap.cn).toBe("Đ");
    expect(ev.danhHieu).toBeNull();
    expect(ev.ketQuaXet).toBe("LenLop");
  });

  it("re-test replaces the subjects' year results, then học tập is recomputed", () => {
    // TO 3,0 (< 3,5) and VL 4,5 → học tập CN Chưa đạt → KiemTraLai; subjects below 5,0 re-tested.
    const ketQua = results([6, 3, 6, 6, 4.5, 6, 6, 6]);
    const l = learner(ketQua, { renLuyen: { hk1: "K", hk2: "K", cn: "K", sauRenLuyenHe: null } });
    const gb = gradebook(SUBJECTS, [l]);
    let ev = evaluateLearner(gb, l, TT43);
    expect(ev.hocTap.cn).toBe("CĐ");
    expect(ev.ketQuaXet).toBe("KiemTraLai");
    expect(ev.subjects.filter((s) => s.retestRequired).map((s) => s.subject.ma)).toEqual(["TO", "VL"]);
    expect(ev.hocTap.sauKiemTraLai).toBeUndefined(); // not re-tested yet
    expect(ev.ketQuaXetLai).toBeUndefined();

    // Re-test: TO 5,5 and VL 6,0 → all ≥ 3,5, 8 subjects ≥ 5,0, only 1 ≥ 6,5 → Đạt → LenLop.
    (ketQua[1] as KetQuaMon).ktLai = { tbm: 5.5, mucDanhGia: null };
    (ketQua[4] as KetQuaMon).ktLai = { tbm: 6, mucDanhGia: null };
    ev = evaluateLearner(gb, l, TT43);
    expect(ev.hocTap.sauKiemTraLai).toBe("Đ");
    expect(ev.ketQuaXetLai).toBe("LenLop");
    expect(ev.hocTap.cn).toBe("CĐ"); // the year's own result stays
    expect(ev.danhHieu).toBeNull();

    // A failed re-test: TO 3,0 again → still Chưa đạt → OLai.
    (ketQua[1] as KetQuaMon).ktLai = { tbm: 3, mucDanhGia: null };
    ev = evaluateLearner(gb, l, TT43);
    expect(ev.hocTap.sauKiemTraLai).toBe("CĐ");
    expect(ev.ketQuaXetLai).toBe("OLai");
  });

  it("re-tests a comment subject graded Chưa đạt for the year", () => {
    // Two comment subjects CĐ → học tập CĐ; after re-test both Đ → Tốt scores give Tốt.
    const ketQua = results([9, 9, 9, 9, 9, 9, 9, 9], ["CĐ", "CĐ"]);
    const l = learner(ketQua);
    const gb = gradebook(SUBJECTS, [l]);
    expect(evaluateLearner(gb, l, TT43).ketQuaXet).toBe("KiemTraLai");
    (ketQua[8] as KetQuaMon).ktLai = { tbm: null, mucDanhGia: "Đ" };
    (ketQua[9] as KetQuaMon).ktLai = { tbm: null, mucDanhGia: "Đ" };
    const ev = evaluateLearner(gb, l, TT43);
    expect(ev.hocTap.sauKiemTraLai).toBe("T");
    expect(ev.ketQuaXetLai).toBe("LenLop");
  });

  it("summer training: the new rèn luyện replaces the year's", () => {
    const l = learner(results([7, 7, 7, 7, 7, 7, 7, 7]), {
      renLuyen: { hk1: "Đ", hk2: "CĐ", cn: null, sauRenLuyenHe: null },
    });
    const gb = gradebook(SUBJECTS, [l]);
    let ev = evaluateLearner(gb, l, TT43);
    expect(ev.renLuyen.cn).toBe("CĐ");
    expect(ev.ketQuaXet).toBe("RenLuyenHe");
    expect(ev.ketQuaXetLai).toBeUndefined();
    l.renLuyen.sauRenLuyenHe = "Đ";
    ev = evaluateLearner(gb, l, TT43);
    expect(ev.ketQuaXetLai).toBe("LenLop");
    l.renLuyen.sauRenLuyenHe = "CĐ";
    expect(evaluateLearner(gb, l, TT43).ketQuaXetLai).toBe("OLai");
  });

  it("46 absences hold a good learner back; 45 do not", () => {
    const l = learner(results([8, 8, 8, 8, 8, 8, 8, 8]), { soBuoiNghi: 46 });
    const gb = gradebook(SUBJECTS, [l]);
    expect(evaluateLearner(gb, l, TT43).ketQuaXet).toBe("OLai");
    l.soBuoiNghi = 45;
    expect(evaluateLearner(gb, l, TT43).ketQuaXet).toBe("LenLop");
  });

  it("grade 12 finishes the programme", () => {
    const l = learner(results([7, 7, 7, 7, 7, 7, 7, 7]));
    expect(evaluateLearner(gradebook(SUBJECTS, [l], { khoi: "12" }), l, TT43).ketQuaXet).toBe(
      "HoanThanhChuongTrinh",
    );
  });

  it("leaves values it cannot compute undefined instead of guessing", () => {
    const ketQua = results([7, 7, 7, 7, 7, 7, 7, 7]);
    (ketQua[0] as KetQuaMon).hk1.ck = null;
    (ketQua[1] as KetQuaMon).hk2.tx[0] = 11;
    const l = learner(ketQua, { soBuoiNghi: null });
    const ev = evaluateLearner(gradebook(SUBJECTS, [l]), l, TT43);
    expect(ev.subjects[0]?.hk1.tbm).toBeUndefined();
    expect(ev.subjects[0]?.cn.tbm).toBeUndefined();
    expect(ev.subjects[1]?.hk2.tbm).toBeUndefined();
    expect(toPlainString(ev.subjects[1]?.hk1.tbm ?? { n: -1n, d: 1n })).toBe("7");
    expect(ev.hocTap.hk1).toBeUndefined();
    expect(ev.hocTap.cn).toBeUndefined();
    expect(ev.ketQuaXet).toBeUndefined();
    expect(ev.danhHieu).toBeUndefined();
  });
});

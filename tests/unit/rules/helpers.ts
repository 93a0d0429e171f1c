import type { Diem, Gradebook, KetQuaMon, Learner, Subject } from "../../../shared/model/gradebook.ts";
import { toNumber, type Decimal } from "../../../shared/rules/decimal.ts";
import { evaluateLearner } from "../../../shared/rules/evaluate-learner.ts";
import { loadProfile } from "../../../shared/rules/load-profile.ts";
import type { RulesProfile } from "../../../shared/rules/rules-profile.ts";

export const TT22: RulesProfile = loadProfile("thpt-tt22");
export const TT43: RulesProfile = loadProfile("gdtx-tt43");

/** A scored subject with 70 periods (3 ĐĐGtx) or a comment subject with 35 periods (2 ĐĐGtx). */
export function scored(ma: string): Subject {
  return { ma, ten: `Môn ${ma}`, hinhThuc: "DiemSo", soTietNam: 70 };
}
export function comment(ma: string): Subject {
  return { ma, ten: `Môn ${ma}`, hinhThuc: "NhanXet", soTietNam: 35 };
}

/** Results whose every entry is `x`: ĐTBmhk = ĐTBmcn = x exactly. */
export function flat(subject: Subject, x: number | "Đ" | "CĐ"): KetQuaMon {
  const n = subject.hinhThuc === "DiemSo" ? 3 : 2;
  const hk = () => ({
    tx: Array.from({ length: n }, (): Diem => x),
    gk: x,
    ck: x,
    tbm: typeof x === "number" ? x : null,
    mucDanhGia: typeof x === "number" ? null : x,
  });
  return {
    maMon: subject.ma,
    hk1: hk(),
    hk2: hk(),
    cn: { tbm: typeof x === "number" ? x : null, mucDanhGia: typeof x === "number" ? null : x },
    ktLai: null,
    giaoVien: "Giáo viên",
    nhanXet: "",
  };
}

export function learner(ketQua: KetQuaMon[], over: Partial<Learner> = {}): Learner {
  return {
    hocVien: {
      maHocVien: "HV0001",
      soDinhDanh: "025210123456",
      hoTen: "Nguyễn Văn An",
      ngaySinh: "2010-05-01",
      gioiTinh: "Nam",
      danToc: "Kinh",
      quocTich: "Việt Nam",
      noiSinh: "Phú Thọ",
      noiO: "Việt Trì",
      hoTenCha: "Nguyễn Văn Bình",
      hoTenMe: "",
      hoTenNguoiGiamHo: "",
      doiTuongChinhSach: "",
    },
    ketQua,
    hocTap: { hk1: null, hk2: null, cn: null, sauKiemTraLai: null },
    renLuyen: { hk1: "T", hk2: "T", cn: "T", sauRenLuyenHe: null },
    soBuoiNghi: 0,
    ketQuaXet: null,
    ketQuaXetLai: null,
    danhHieu: null,
    nhanXetGVCN: "Ngoan",
    ...over,
  };
}

export function gradebook(
  subjects: Subject[],
  learners: Learner[],
  over: Partial<Gradebook> = {},
): Gradebook {
  return {
    format: "hocba-gradebook/1",
    school: {
      maSo: "25",
      maTruong: "25000751",
      tenTruong: "Trung tâm GDTX",
      capHoc: "05",
      diaDanh: "Việt Trì",
    },
    namHoc: "2025-2026",
    khoi: "10",
    lop: "10A1",
    gvcn: "Trần Thị Hằng",
    thuTruong: { hoTen: "Nguyễn Văn Thắng", chucVu: "Giám đốc" },
    profile: "gdtx-tt43",
    subjects,
    learners,
    ...over,
  };
}

/**
 * Sets every value the portal shows (averages, levels, decisions, award) to what the rules
 * compute from the learner's assessments, as scripts/make-fixtures.ts does: a learner that
 * `hocba check` finds consistent, ready to be broken in one place.
 */
export function fillPortalValues(gb: Gradebook, l: Learner, profile: RulesProfile): void {
  const ev = evaluateLearner(gb, l, profile);
  const num = (d: Decimal | undefined) => (d ? toNumber(d) : null);
  for (const s of ev.subjects) {
    const r = s.result;
    if (!r) continue;
    const scored = s.subject.hinhThuc === "DiemSo";
    r.hk1.tbm = scored ? num(s.hk1.tbm) : null;
    r.hk1.mucDanhGia = scored ? null : (s.hk1.mucDanhGia ?? null);
    r.hk2.tbm = scored ? num(s.hk2.tbm) : null;
    r.hk2.mucDanhGia = scored ? null : (s.hk2.mucDanhGia ?? null);
    r.cn = { tbm: scored ? num(s.cn.tbm) : null, mucDanhGia: scored ? null : (s.cn.mucDanhGia ?? null) };
  }
  l.hocTap = {
    hk1: ev.hocTap.hk1 ?? null,
    hk2: ev.hocTap.hk2 ?? null,
    cn: ev.hocTap.cn ?? null,
    sauKiemTraLai: ev.hocTap.sauKiemTraLai ?? null,
  };
  l.renLuyen.cn = ev.renLuyen.cn ?? null;
  l.ketQuaXet = ev.ketQuaXet ?? null;
  l.ketQuaXetLai = ev.ketQuaXetLai ?? null;
  l.danhHieu = ev.danhHieu ?? null;
}

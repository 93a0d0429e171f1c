/**
 * Writes the sample gradebooks in tests/fixtures/ (committed; run again only to change them):
 *   gradebook-gdtx-10.json  GDTX centre, grade 10, 42 học viên, profile gdtx-tt43, 0 errors
 *   gradebook-thpt-11.json  THPT class, grade 11, 35 học sinh, profile thpt-tt22, 0 errors
 *   gradebook-errors.json   small class with one deliberate error per learner (see ERROR_CASES)
 * Deterministic: a seeded PRNG, a fixed thoiGianLap, no clock. Portal values (averages, levels,
 * decisions, awards) are computed by the rules engine, so `hocba check` agrees with them.
 *
 *   npx tsx scripts/make-fixtures.ts
 */
import { writeFileSync, renameSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as prettier from "prettier";
import type {
  Diem,
  Gradebook,
  KetQuaHocKy,
  KetQuaMon,
  Learner,
  MucDanhGia,
  MucXepLoai,
  Subject,
} from "../shared/model/gradebook.ts";
import { GRADEBOOK_FORMAT } from "../shared/model/gradebook.ts";
import { toNumber } from "../shared/rules/decimal.ts";
import { evaluateLearner, type LearnerEvaluation } from "../shared/rules/evaluate-learner.ts";
import { loadProfile } from "../shared/rules/load-profile.ts";
import { requiredTxCount } from "../shared/rules/required-tx-count.ts";
import type { RulesProfile } from "../shared/rules/rules-profile.ts";
import { DEM_NAM, DEM_NU, HO, TEN_NAM, TEN_NU } from "./support/vietnamese-names.ts";

const FIXTURES = fileURLToPath(new URL("../tests/fixtures/", import.meta.url));
const THOI_GIAN_LAP = "2026-05-25T08:00:00+07:00";
const NAM_HOC = "2025-2026";

// ---------------------------------------------------------------- PRNG
/** mulberry32: tiny, deterministic, good enough for sample data. */
function makeRng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => {
    const x = xs[Math.floor(next() * xs.length)];
    if (x === undefined) throw new Error("pick from empty list");
    return x;
  };
  const normal = () => {
    const u = Math.max(next(), 1e-12);
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
  };
  const digits = (n: number) => Array.from({ length: n }, () => String(int(0, 9))).join("");
  const uuid = () => {
    const h = Array.from({ length: 32 }, () => int(0, 15).toString(16));
    h[12] = "4";
    h[16] = pick(["8", "9", "a", "b"]);
    const s = h.join("");
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  };
  return { next, int, pick, normal, digits, uuid };
}
type Rng = ReturnType<typeof makeRng>;

// ---------------------------------------------------------------- names
function fullName(rng: Rng, nu: boolean, ho = rng.pick(HO)): string {
  return nu
    ? `${ho} ${rng.pick(DEM_NU)} ${rng.pick(TEN_NU)}`
    : `${ho} ${rng.pick(DEM_NAM)} ${rng.pick(TEN_NAM)}`;
}

// ---------------------------------------------------------------- classes
interface ClassSetup {
  file: string;
  seed: number;
  profileId: "gdtx-tt43" | "thpt-tt22";
  school: Gradebook["school"];
  khoi: string;
  lop: string;
  gvcn: string;
  thuTruong: Gradebook["thuTruong"];
  subjectCodes: string[];
  /** 3-digit province code of số định danh (Phú Thọ 025, Hà Nội 001). */
  tinhDinhDanh: string;
  noiSinh: string[];
  noiO: string[];
  danToc: string[];
  birthYear: number;
  plans: Plan[];
  teachers: Record<string, string>;
}

type Intent =
  | "xuatSac"
  | "gioi"
  | "kha"
  | "dat"
  | "hk1Fail"
  | "commentCD"
  | "retestPass"
  | "retestFail"
  | "summer"
  | "absent";
interface Plan {
  intent: Intent;
}

function plans(counts: Partial<Record<Intent, number>>, rng: Rng): Plan[] {
  const out: Plan[] = [];
  for (const [intent, n] of Object.entries(counts)) {
    for (let i = 0; i < (n ?? 0); i++) out.push({ intent: intent as Intent });
  }
  // Shuffle so the special cases are spread through the class list, like a real class.
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [out[i], out[j]] = [out[j] as Plan, out[i] as Plan];
  }
  return out;
}

interface Draw {
  ability: number;
  spread: number;
  hk1Shift: number;
  renLuyen: [MucXepLoai, MucXepLoai];
  soBuoiNghi: number;
}

function drawFor(intent: Intent, rng: Rng): Draw {
  const abs = () => rng.int(0, 9);
  const rlGood = (): [MucXepLoai, MucXepLoai] => [rng.pick<MucXepLoai>(["T", "T", "K"]), "T"];
  const rlMid = (): [MucXepLoai, MucXepLoai] => [
    rng.pick<MucXepLoai>(["K", "Đ", "T"]),
    rng.pick<MucXepLoai>(["K", "T", "Đ"]),
  ];
  switch (intent) {
    case "xuatSac":
      return { ability: 9.35, spread: 0.35, hk1Shift: 0, renLuyen: ["T", "T"], soBuoiNghi: rng.int(0, 3) };
    case "gioi":
      return { ability: 8.35, spread: 0.45, hk1Shift: 0, renLuyen: ["T", "T"], soBuoiNghi: rng.int(0, 5) };
    case "kha":
      return { ability: 7.2, spread: 0.6, hk1Shift: 0, renLuyen: rlGood(), soBuoiNghi: abs() };
    case "dat":
      return { ability: 5.9, spread: 0.7, hk1Shift: 0, renLuyen: rlMid(), soBuoiNghi: abs() };
    case "hk1Fail":
      return { ability: 5.6, spread: 0.8, hk1Shift: -1.6, renLuyen: ["Đ", "K"], soBuoiNghi: rng.int(5, 20) };
    case "commentCD":
      return { ability: 6.4, spread: 0.6, hk1Shift: 0, renLuyen: ["K", "K"], soBuoiNghi: abs() };
    case "retestPass":
    case "retestFail":
      return { ability: 4.4, spread: 0.9, hk1Shift: 0, renLuyen: ["Đ", "Đ"], soBuoiNghi: rng.int(10, 30) };
    case "summer":
      return { ability: 6.2, spread: 0.6, hk1Shift: 0, renLuyen: ["Đ", "CĐ"], soBuoiNghi: rng.int(15, 35) };
    case "absent":
      return { ability: 6.3, spread: 0.6, hk1Shift: 0, renLuyen: ["K", "Đ"], soBuoiNghi: rng.int(46, 60) };
  }
}

/** Scores are whole, halves or (rarely) quarters, as teachers enter them. */
function score(rng: Rng, mean: number, spread: number): number {
  const x = Math.min(10, Math.max(0, mean + rng.normal() * spread));
  const step = rng.next() < 0.85 ? 2 : 4;
  return Math.round(x * step) / step;
}

function semester(
  rng: Rng,
  subject: Subject,
  txCount: number,
  mean: number,
  spread: number,
  cd: boolean,
): KetQuaHocKy {
  if (subject.hinhThuc === "NhanXet") {
    const tx: Diem[] = Array.from({ length: txCount }, () => "Đ");
    if (cd) tx[rng.int(0, txCount - 1)] = "CĐ";
    return { tx, gk: "Đ", ck: cd ? "CĐ" : "Đ", tbm: null, mucDanhGia: null };
  }
  return {
    tx: Array.from({ length: txCount }, () => score(rng, mean + 0.2, spread * 1.2)),
    gk: score(rng, mean, spread),
    ck: score(rng, mean - 0.1, spread),
    tbm: null,
    mucDanhGia: null,
  };
}

const NHAN_XET_MON: Array<[number, string[]]> = [
  [9, ["Học rất tốt, tư duy nhanh", "Nắm vững kiến thức, vận dụng tốt", "Xuất sắc, cần phát huy"]],
  [8, ["Học tốt, cần phát huy", "Nắm chắc kiến thức cơ bản", "Tích cực, có tinh thần tự học"]],
  [6.5, ["Có cố gắng, tiến bộ", "Nắm được kiến thức cơ bản", "Cần chủ động hơn khi học"]],
  [5, ["Cần cố gắng hơn", "Kiến thức còn hổng, cần ôn tập thêm", "Cần chăm chỉ làm bài tập"]],
  [0, ["Chưa đạt yêu cầu, cần ôn tập lại", "Cần cố gắng nhiều hơn"]],
];

function subjectComment(rng: Rng, tbm: number | null, muc: MucDanhGia | null): string {
  if (muc !== null) {
    return muc === "Đ"
      ? rng.pick(["Tham gia tích cực", "Hoàn thành tốt nhiệm vụ", "Đạt yêu cầu"])
      : "Chưa hoàn thành nhiệm vụ học tập";
  }
  for (const [min, texts] of NHAN_XET_MON) if ((tbm ?? 0) >= min) return rng.pick(texts);
  return "";
}

function gvcnComment(rng: Rng, ev: LearnerEvaluation): string {
  if (ev.danhHieu === "XuatSac") {
    return rng.pick([
      "Chăm ngoan, học giỏi toàn diện. Là tấm gương cho các bạn.",
      "Có ý thức tự học rất tốt, đạt kết quả xuất sắc.",
    ]);
  }
  if (ev.danhHieu === "Gioi") {
    return rng.pick(["Chăm chỉ, học tốt. Cần phát huy.", "Ngoan, lễ phép, học tập tiến bộ rõ rệt."]);
  }
  if (ev.ketQuaXet === "OLai") return "Nghỉ học nhiều, chưa đủ điều kiện lên lớp. Cần đi học đầy đủ.";
  if (ev.ketQuaXet === "KiemTraLai") return "Kết quả học tập chưa đạt, phải kiểm tra lại trong hè.";
  if (ev.ketQuaXet === "RenLuyenHe") return "Còn vi phạm nội quy, phải rèn luyện trong hè.";
  if (ev.hocTap.cn === "K") {
    return rng.pick(["Có cố gắng, học tập khá. Cần mạnh dạn hơn.", "Ngoan, có ý thức học tập."]);
  }
  return rng.pick([
    "Cần cố gắng hơn trong học tập.",
    "Có tiến bộ nhưng chưa đều giữa các môn.",
    "Cần đi học đều và làm bài đầy đủ.",
  ]);
}

/** Fills every portal value (averages, levels, decisions, award) from the rules engine. */
function fillPortalValues(gb: Gradebook, learner: Learner, profile: RulesProfile): LearnerEvaluation {
  const ev = evaluateLearner(gb, learner, profile);
  const num = (d: Parameters<typeof toNumber>[0] | undefined) => (d ? toNumber(d) : null);
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
  learner.hocTap = {
    hk1: ev.hocTap.hk1 ?? null,
    hk2: ev.hocTap.hk2 ?? null,
    cn: ev.hocTap.cn ?? null,
    sauKiemTraLai: ev.hocTap.sauKiemTraLai ?? null,
  };
  learner.renLuyen.cn = ev.renLuyen.cn ?? null;
  learner.ketQuaXet = ev.ketQuaXet ?? null;
  learner.ketQuaXetLai = ev.ketQuaXetLai ?? null;
  learner.danhHieu = ev.danhHieu ?? null;
  return ev;
}

function intentHolds(intent: Intent, ev: LearnerEvaluation): boolean {
  const pass = ev.ketQuaXet === "LenLop" || ev.ketQuaXet === "HoanThanhChuongTrinh";
  switch (intent) {
    case "xuatSac":
      return ev.danhHieu === "XuatSac";
    case "gioi":
      return ev.danhHieu === "Gioi";
    case "kha":
      return ev.hocTap.cn === "K" && pass && ev.danhHieu === null;
    case "dat":
      return ev.hocTap.cn === "Đ" && pass;
    case "hk1Fail":
      return ev.hocTap.hk1 === "CĐ" && pass;
    case "commentCD":
      return ev.hocTap.cn === "Đ" && pass && ev.subjects.some((s) => s.cn.mucDanhGia === "CĐ");
    case "retestPass":
      return ev.ketQuaXet === "KiemTraLai" && ev.ketQuaXetLai === "LenLop";
    case "retestFail":
      return ev.ketQuaXet === "KiemTraLai" && ev.ketQuaXetLai === "OLai";
    case "summer":
      return ev.ketQuaXet === "RenLuyenHe" && ev.ketQuaXetLai === "LenLop";
    case "absent":
      return ev.ketQuaXet === "OLai" && ev.hocTap.cn !== "CĐ";
  }
}

function dinhDanh(rng: Rng, tinh: string, nu: boolean, birthYear: number): string {
  const century = birthYear >= 2000 ? (nu ? "3" : "2") : nu ? "1" : "0";
  return `${tinh}${century}${String(birthYear % 100).padStart(2, "0")}${rng.digits(6)}`;
}

function isoDate(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function makeLearner(
  rng: Rng,
  setup: ClassSetup,
  gb: Gradebook,
  profile: RulesProfile,
  plan: Plan,
  index: number,
): Learner {
  const nu = rng.next() < 0.5;
  const ho = rng.pick(HO);
  const hoTen = fullName(rng, nu, ho);
  // GDTX classes have some adult learners; THPT classes a few a year older.
  const older =
    setup.profileId === "gdtx-tt43" && rng.next() < 0.15 ? rng.int(2, 12) : rng.next() < 0.1 ? 1 : 0;
  const year = setup.birthYear - older;
  const ngaySinh = isoDate(year, rng.int(1, 12), rng.int(1, 28));
  const danToc = rng.pick(setup.danToc);
  const hasGiamHo = rng.next() < 0.05;
  const base: Learner = {
    hocVien: {
      maHocVien: `${setup.school.maSo}${setup.school.maTruong.slice(-4)}${String(index + 1).padStart(4, "0")}`,
      soDinhDanh: dinhDanh(rng, setup.tinhDinhDanh, nu, year),
      hoTen,
      ngaySinh,
      gioiTinh: nu ? "Nữ" : "Nam",
      danToc,
      quocTich: "Việt Nam",
      noiSinh: rng.pick(setup.noiSinh),
      noiO: rng.pick(setup.noiO),
      hoTenCha: hasGiamHo ? "" : fullName(rng, false, ho),
      hoTenMe: hasGiamHo ? "" : fullName(rng, true),
      hoTenNguoiGiamHo: hasGiamHo ? fullName(rng, rng.next() < 0.5) : "",
      doiTuongChinhSach:
        danToc !== "Kinh" ? "Người dân tộc thiểu số" : rng.next() < 0.06 ? "Con hộ nghèo" : "",
    },
    ketQua: [],
    hocTap: { hk1: null, hk2: null, cn: null, sauKiemTraLai: null },
    renLuyen: { hk1: null, hk2: null, cn: null, sauRenLuyenHe: null },
    soBuoiNghi: null,
    ketQuaXet: null,
    ketQuaXetLai: null,
    danhHieu: null,
    nhanXetGVCN: "",
  };

  for (let attempt = 0; attempt < 500; attempt++) {
    const draw = drawFor(plan.intent, rng);
    const learner: Learner = structuredClone(base);
    const cdSubject =
      plan.intent === "commentCD"
        ? rng.pick(gb.subjects.filter((s) => s.hinhThuc === "NhanXet")).ma
        : undefined;
    learner.ketQua = gb.subjects.map((subject): KetQuaMon => {
      const talent = rng.normal() * draw.spread * 0.8;
      const mean = draw.ability + talent;
      const tx = requiredTxCount(subject.soTietNam, profile);
      return {
        maMon: subject.ma,
        hk1: semester(rng, subject, tx, mean + draw.hk1Shift, draw.spread, false),
        hk2: semester(rng, subject, tx, mean, draw.spread, subject.ma === cdSubject),
        cn: { tbm: null, mucDanhGia: null },
        ktLai: null,
        giaoVien: setup.teachers[subject.ma] ?? "",
        nhanXet: "",
      };
    });
    learner.renLuyen.hk1 = draw.renLuyen[0];
    learner.renLuyen.hk2 = draw.renLuyen[1];
    learner.soBuoiNghi = draw.soBuoiNghi;
    if (plan.intent === "summer") learner.renLuyen.sauRenLuyenHe = "Đ";
    let ev = fillPortalValues(gb, learner, profile);
    if (ev.ketQuaXet === "KiemTraLai") {
      // Re-test only the subjects that must be re-tested; a pass (or a fail) as planned.
      const ok = plan.intent === "retestPass";
      for (const s of ev.subjects) {
        if (!s.result || !s.retestRequired) continue;
        s.result.ktLai =
          s.subject.hinhThuc === "DiemSo"
            ? { tbm: ok ? score(rng, 6, 0.4) : score(rng, 3, 0.3), mucDanhGia: null }
            : { tbm: null, mucDanhGia: ok ? "Đ" : "CĐ" };
      }
      ev = fillPortalValues(gb, learner, profile);
    }
    if (!intentHolds(plan.intent, ev)) continue;
    for (const s of ev.subjects) {
      if (s.result) s.result.nhanXet = subjectComment(rng, s.result.cn.tbm, s.result.cn.mucDanhGia);
    }
    learner.nhanXetGVCN = gvcnComment(rng, ev);
    return learner;
  }
  throw new Error(`${setup.file}: could not draw a learner for intent ${plan.intent}`);
}

function makeGradebook(setup: ClassSetup): Gradebook {
  const rng = makeRng(setup.seed);
  const profile = loadProfile(setup.profileId);
  const catalogue = profile.subjects.value;
  const subjects: Subject[] = setup.subjectCodes.map((ma) => {
    const s = catalogue.find((c) => c.ma === ma);
    if (!s) throw new Error(`${ma} is not in ${profile.id}`);
    return { ma: s.ma, ten: s.ten, hinhThuc: s.hinhThuc, soTietNam: s.soTietNam };
  });
  const gb: Gradebook = {
    format: GRADEBOOK_FORMAT,
    school: setup.school,
    namHoc: NAM_HOC,
    khoi: setup.khoi,
    lop: setup.lop,
    gvcn: setup.gvcn,
    thuTruong: setup.thuTruong,
    profile: setup.profileId,
    thoiGianLap: THOI_GIAN_LAP,
    subjects,
    learners: [],
  };
  setup.plans.forEach((plan, i) => gb.learners.push(makeLearner(rng, setup, gb, profile, plan, i)));
  // Sort by given name then full name, as Vietnamese class lists are.
  const key = (l: Learner) => {
    const parts = l.hocVien.hoTen.split(" ");
    return `${parts[parts.length - 1]} ${l.hocVien.hoTen}`;
  };
  gb.learners.sort((a, b) => key(a).localeCompare(key(b), "vi"));
  gb.learners.forEach((l, i) => {
    l.hocVien.maHocVien = `${setup.school.maSo}${setup.school.maTruong.slice(-4)}${String(i + 1).padStart(4, "0")}`;
  });
  // A few learners carry a sync envelope: a correction is a new version (UPDATE, phienBan 2).
  for (const i of [0, 1, 2, 5]) {
    const l = gb.learners[i];
    if (l) l.banGhi = { idBanGhi: rng.uuid(), suKien: i === 5 ? "UPDATE" : "NEW", phienBan: i === 5 ? 2 : 1 };
  }
  return gb;
}

// ---------------------------------------------------------------- the three files
const GDTX: ClassSetup = {
  file: "gradebook-gdtx-10.json",
  seed: 20260525,
  profileId: "gdtx-tt43",
  school: {
    maSo: "25",
    maTruong: "25000751",
    tenTruong: "Trung tâm Giáo dục nghề nghiệp – Giáo dục thường xuyên Việt Trì",
    capHoc: "05",
    diaDanh: "Việt Trì",
  },
  khoi: "10",
  lop: "10A1",
  gvcn: "Trần Thị Thu Hằng",
  thuTruong: { hoTen: "Nguyễn Văn Thắng", chucVu: "Giám đốc" },
  subjectCodes: ["NV", "TO", "LS", "GDQPAN", "VL", "HH", "SH", "DL", "HDTNHN", "NDGDDP"],
  tinhDinhDanh: "025",
  noiSinh: ["Phú Thọ", "Việt Trì, Phú Thọ", "Lâm Thao, Phú Thọ", "Phù Ninh, Phú Thọ", "Yên Bái", "Vĩnh Phúc"],
  noiO: [
    "Phường Gia Cẩm, tỉnh Phú Thọ",
    "Phường Nông Trang, tỉnh Phú Thọ",
    "Phường Vân Phú, tỉnh Phú Thọ",
    "Xã Lâm Thao, tỉnh Phú Thọ",
    "Xã Phù Ninh, tỉnh Phú Thọ",
    "Phường Thanh Miếu, tỉnh Phú Thọ",
  ],
  danToc: ["Kinh", "Kinh", "Kinh", "Kinh", "Kinh", "Kinh", "Mường", "Dao"],
  birthYear: 2010,
  plans: [],
  teachers: {
    NV: "Phạm Thị Lan",
    TO: "Nguyễn Đức Anh",
    LS: "Hoàng Thị Huế",
    GDQPAN: "Đỗ Văn Cường",
    VL: "Lê Quang Vinh",
    HH: "Bùi Thị Ngọc",
    SH: "Vũ Thị Hà",
    DL: "Đinh Văn Tùng",
    HDTNHN: "Trần Thị Thu Hằng",
    NDGDDP: "Hà Thị Mai",
  },
};
GDTX.plans = plans(
  { xuatSac: 3, gioi: 5, kha: 12, dat: 16, hk1Fail: 2, commentCD: 1, retestPass: 1, summer: 1, absent: 1 },
  makeRng(GDTX.seed + 1),
);

const THPT: ClassSetup = {
  file: "gradebook-thpt-11.json",
  seed: 20260526,
  profileId: "thpt-tt22",
  school: {
    maSo: "01",
    maTruong: "01000213",
    tenTruong: "Trường THPT Phan Đình Phùng",
    capHoc: "04",
    diaDanh: "Hà Nội",
  },
  khoi: "11",
  lop: "11A2",
  gvcn: "Nguyễn Thị Minh Nguyệt",
  thuTruong: { hoTen: "Lê Hồng Sơn", chucVu: "Hiệu trưởng" },
  subjectCodes: ["NV", "TO", "NN", "LS", "GDTC", "GDQPAN", "HDTNHN", "NDGDDP", "VL", "HH", "SH", "AN"],
  tinhDinhDanh: "001",
  noiSinh: ["Hà Nội", "Ba Đình, Hà Nội", "Đống Đa, Hà Nội", "Nam Định", "Thái Bình", "Hải Dương"],
  noiO: [
    "Phường Ba Đình, thành phố Hà Nội",
    "Phường Ngọc Hà, thành phố Hà Nội",
    "Phường Giảng Võ, thành phố Hà Nội",
    "Phường Đống Đa, thành phố Hà Nội",
    "Phường Tây Hồ, thành phố Hà Nội",
  ],
  danToc: ["Kinh", "Kinh", "Kinh", "Kinh", "Kinh", "Kinh", "Kinh", "Kinh", "Kinh", "Tày"],
  birthYear: 2009,
  plans: [],
  teachers: {
    NV: "Đặng Thu Trang",
    TO: "Phạm Quốc Hưng",
    NN: "Vũ Thị Hồng Nhung",
    LS: "Ngô Văn Bình",
    GDTC: "Trịnh Xuân Hòa",
    GDQPAN: "Đỗ Đức Thịnh",
    HDTNHN: "Nguyễn Thị Minh Nguyệt",
    NDGDDP: "Lý Thị Thanh",
    VL: "Trần Minh Khoa",
    HH: "Hồ Thị Bích",
    SH: "Dương Văn Long",
    AN: "Lê Thị Diệu Linh",
  },
};
THPT.plans = plans(
  { xuatSac: 3, gioi: 6, kha: 12, dat: 10, commentCD: 1, retestPass: 1, retestFail: 1, summer: 1 },
  makeRng(THPT.seed + 1),
);

const ERRORS_BASE: ClassSetup = {
  ...GDTX,
  file: "gradebook-errors.json",
  seed: 20260527,
  lop: "10A9",
  gvcn: "Lưu Văn Tiến",
  plans: [],
};
ERRORS_BASE.plans = plans({ kha: 6, dat: 6 }, makeRng(ERRORS_BASE.seed + 1));

/**
 * One deliberate error per learner of the errors fixture, by index; tests/unit/check lists the
 * code and path each must produce. Learners 9 and 10 stay clean; 11 duplicates 10.
 */
function injectErrors(gb: Gradebook, profile: RulesProfile): void {
  const L = (i: number) => {
    const l = gb.learners[i];
    if (!l) throw new Error(`no learner ${i}`);
    return l;
  };
  const mon = (i: number, ma: string) => {
    const k = L(i).ketQua.find((x) => x.maMon === ma);
    if (!k) throw new Error(`no ${ma}`);
    return k;
  };
  // 0: a score of 11 (CHECK_SCORE_RANGE, TO hk1.tx[1]); the portal's average stays as it was.
  mon(0, "TO").hk1.tx[1] = 11;
  // 1: an average with too many decimals (CHECK_SCORE_DECIMALS, NV hk2.tbm): averages carry 1 decimal.
  mon(1, "NV").hk2.tbm = 7.55;
  // 2: missing end-of-term score (CHECK_SCORE_MISSING, LS hk1.ck).
  mon(2, "LS").hk1.ck = null;
  // 3: 3 ĐĐGtx where Ngữ văn (105 periods) needs 4 (CHECK_TX_COUNT, NV hk2.tx); averages follow the 3.
  mon(3, "NV").hk2.tx.pop();
  fillPortalValues(gb, L(3), profile);
  // 4: wrong year average (CHECK_TBM_MISMATCH, TO cn.tbm): 0,4 off, not a rounding difference.
  const to4 = mon(4, "TO").cn;
  to4.tbm = to4.tbm === null ? null : Math.round((to4.tbm >= 9.6 ? to4.tbm - 0.4 : to4.tbm + 0.4) * 10) / 10;
  // 5: wrong học tập CN (CHECK_HOCTAP_MISMATCH, hocTap.cn); the decision and award stay right.
  L(5).hocTap.cn = L(5).hocTap.cn === "K" ? "Đ" : "K";
  // 6: a decision that contradicts the portal's own data (CHECK_DECISION_INCONSISTENT, ketQuaXet).
  L(6).ketQuaXet = "OLai";
  // 7: an 11-digit số định danh (CHECK_SO_DINH_DANH, hocVien.soDinhDanh).
  L(7).hocVien.soDinhDanh = L(7).hocVien.soDinhDanh.slice(0, 11);
  // 8: an impossible date (CHECK_DATE_INVALID, hocVien.ngaySinh).
  L(8).hocVien.ngaySinh = "2025-02-30";
  // 11: the same learner twice (CHECK_DUPLICATE_MA_HOC_VIEN and CHECK_DUPLICATE_SO_DINH_DANH on 10 and 11).
  gb.learners[11] = structuredClone(L(10));
  delete gb.learners[11].banGhi;
}

async function write(file: string, gb: Gradebook): Promise<void> {
  const path = FIXTURES + file;
  const config = (await prettier.resolveConfig(path)) ?? {};
  const text = await prettier.format(JSON.stringify(gb), { ...config, parser: "json", filepath: path });
  const tmp = `${path}.tmp`;
  writeFileSync(tmp, text.normalize("NFC"), "utf8");
  renameSync(tmp, path);
  console.log(`${file}: ${gb.learners.length} learners`);
}

const gdtx = makeGradebook(GDTX);
await write(GDTX.file, gdtx);
await write(THPT.file, makeGradebook(THPT));
const errors = makeGradebook(ERRORS_BASE);
injectErrors(errors, loadProfile("gdtx-tt43"));
await write(ERRORS_BASE.file, errors);

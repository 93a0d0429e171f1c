/**
 * Core benchmark: a whole centre (2,000 learners in classes of about 42) through check, build and
 * in-process XSD validation, each timed on its own. Run: `npx tsx scripts/bench/core-bench.ts`.
 *
 * Goals (issue #2): check + build of the whole centre < 2 s on the 2-core machine, peak RSS
 * < 300 MB. Learners are made from the test fixtures, deterministically: names recombined,
 * codes renumbered, ĐĐGtx scores permuted within each semester (so every average, level and
 * decision stays consistent and the check has the same work to do as on real data).
 */
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { checkGradebook } from "../../shared/check/check-gradebook.ts";
import type { Gradebook, Learner } from "../../shared/model/gradebook.ts";
import { parseGradebook } from "../../shared/model/parse-gradebook.ts";
import { loadProfile } from "../../shared/rules/load-profile.ts";
import { createHocBaBuilder, type BuiltHocBa } from "../../shared/xml/hocbaso-v1/build-hoc-ba-xml.ts";
import { XmlBuilder2Out } from "../../shared/xml/hocbaso-v1/xmlbuilder2-out.ts";
import { DEM_NAM, DEM_NU, HO, TEN_NAM, TEN_NU } from "../support/vietnamese-names.ts";

const LEARNERS = Number(process.env.BENCH_LEARNERS ?? 2000);
const CLASS_SIZE = 42;
const GOAL_CHECK_BUILD_MS = 2000;
const GOAL_RSS_MB = 300;

// The fixtures' name lists, male and female together: only the combinations matter here.
const DEM = [...DEM_NAM, ...DEM_NU];
const TEN = [...TEN_NAM, ...TEN_NU];

const rssMb = () => process.resourceUsage().maxRSS / 1024;

function fixture(name: string): Gradebook {
  const url = new URL(`../../tests/fixtures/${name}`, import.meta.url);
  return parseGradebook(JSON.parse(readFileSync(url, "utf8")), name);
}

/** A deterministic rotation: same index, same permutation. */
function rotate<T>(values: readonly T[], by: number): T[] {
  if (values.length === 0) return [];
  const k = by % values.length;
  return [...values.slice(k), ...values.slice(0, k)];
}

function varyLearner(source: Learner, n: number, maTruong: string): Learner {
  const hoTen = `${HO[n % HO.length] ?? ""} ${DEM[(n * 7) % DEM.length] ?? ""} ${TEN[(n * 13) % TEN.length] ?? ""}`;
  return {
    ...source,
    hocVien: {
      ...source.hocVien,
      maHocVien: `${maTruong.slice(2)}${String(n).padStart(5, "0")}`,
      soDinhDanh: `0${String(10_000_000_000 + n * 7919).slice(-11)}`,
      hoTen,
    },
    ketQua: source.ketQua.map((k) => ({
      ...k,
      hk1: { ...k.hk1, tx: rotate(k.hk1.tx, n) },
      hk2: { ...k.hk2, tx: rotate(k.hk2.tx, n + 1) },
    })),
    banGhi: undefined,
  };
}

/** The centre: classes of CLASS_SIZE learners made from the fixtures' learners, round robin. */
function makeCentre(): Gradebook[] {
  const samples = [fixture("gradebook-gdtx-10.json"), fixture("gradebook-thpt-11.json")];
  const classes: Gradebook[] = [];
  for (let made = 0, c = 0; made < LEARNERS; c++) {
    const base = samples[c % samples.length];
    if (!base) throw new Error("no sample");
    const size = Math.min(CLASS_SIZE, LEARNERS - made);
    const learners = Array.from({ length: size }, (_, i) => {
      const source = base.learners[(i + c) % base.learners.length];
      if (!source) throw new Error("empty sample");
      return varyLearner(source, made + i, base.school.maTruong);
    });
    classes.push({ ...base, lop: `${base.khoi}A${c + 1}`, learners });
    made += size;
  }
  return classes;
}

function time<T>(fn: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = fn();
  return { ms: performance.now() - t0, value };
}

interface Pass {
  checkMs: number;
  buildMs: number;
  jsonMs: number;
  built: BuiltHocBa[];
  blocked: number;
  errors: number;
}

function runPass(centre: Gradebook[]): Pass {
  const profiles = new Map(centre.map((gb) => [gb.profile, loadProfile(gb.profile)]));
  const check = time(() =>
    centre.map((gb) => {
      const profile = profiles.get(gb.profile);
      if (!profile) throw new Error(gb.profile);
      return checkGradebook(gb, profile, { today: "2026-05-25" });
    }),
  );
  const blockedPerClass = check.value.map(
    (r) => new Set(r.items.filter((i) => i.severity === "error").map((i) => i.path.learnerIndex)),
  );
  const build = time(() =>
    centre.flatMap((gb, c) => {
      const builder = createHocBaBuilder(gb);
      return gb.learners.filter((_, i) => !blockedPerClass[c]?.has(i)).map((l) => builder(l));
    }),
  );
  // Baseline: the cheapest possible serialisation of the same data.
  const json = time(() =>
    centre.reduce(
      (n, gb) =>
        n +
        gb.learners.reduce(
          (m, l) => m + JSON.stringify({ ...gb, learners: undefined, learner: l }).length,
          0,
        ),
      0,
    ),
  );
  return {
    checkMs: check.ms,
    buildMs: build.ms,
    jsonMs: json.ms,
    built: build.value,
    blocked: blockedPerClass.reduce((n, s) => n + s.size, 0),
    errors: check.value.reduce((n, r) => n + r.errorCount, 0),
  };
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const perSecond = (count: number, ms: number) => fmt((count * 1000) / ms);

async function main(): Promise<void> {
  const rssStart = rssMb();
  const centre = makeCentre();
  const total = centre.reduce((n, gb) => n + gb.learners.length, 0);

  const cold = runPass(centre);
  const rssAfterCheckBuild = rssMb();
  const warm = runPass(centre);

  const t0 = performance.now();
  // Loaded only now, so that the RSS above is what `hocba check` / building alone needs.
  const { validateHocBaXml } = await import("../../native-host/xml/validate-hocba-xml.ts");
  validateHocBaXml(cold.built[0]?.bytes ?? new Uint8Array());
  const validatorInitMs = performance.now() - t0;
  const validate = time(() => cold.built.filter((d) => !validateHocBaXml(d.bytes).ok).length);
  // The same documents through xmlbuilder2, the reference writer, to show why it is not the default.
  const viaXmlbuilder2 = time(() =>
    centre.reduce((n, gb) => {
      const builder = createHocBaBuilder(gb, { createOut: () => new XmlBuilder2Out() });
      return n + gb.learners.map((l) => builder(l)).length;
    }, 0),
  );
  const rssEnd = rssMb();

  const bytes = cold.built.reduce((n, d) => n + d.bytes.length, 0);
  const checkBuildMs = cold.checkMs + cold.buildMs;
  const rows: [string, string, string, string][] = [
    ["kiểm tra (check)", fmt(cold.checkMs), fmt(warm.checkMs), perSecond(total, cold.checkMs)],
    ["tạo XML (build)", fmt(cold.buildMs), fmt(warm.buildMs), perSecond(cold.built.length, cold.buildMs)],
    [
      "tạo XML qua xmlbuilder2 (tham chiếu)",
      fmt(viaXmlbuilder2.ms),
      "",
      perSecond(viaXmlbuilder2.value, viaXmlbuilder2.ms),
    ],
    ["JSON.stringify (mốc so sánh)", fmt(cold.jsonMs), fmt(warm.jsonMs), perSecond(total, cold.jsonMs)],
    ["kiểm tra XSD trong tiến trình", fmt(validate.ms), "", perSecond(cold.built.length, validate.ms)],
  ];
  const widths = [34, 12, 12, 12];
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join(" ");

  console.log(
    `core-bench: ${total} học viên trong ${centre.length} lớp; Node ${process.version}, ${availableParallelism()} lõi`,
  );
  console.log(
    `  ${cold.built.length} tài liệu tạo được (${cold.blocked} học viên bị chặn bởi ${cold.errors} lỗi kiểm tra), ${fmt(bytes / 1024 / 1024, 1)} MB XML, trung bình ${fmt(bytes / Math.max(1, cold.built.length))} byte/tài liệu`,
  );
  console.log();
  console.log(line(["giai đoạn", "lần đầu ms", "lần hai ms", "tài liệu/s"]));
  console.log(line(widths.map((w) => "-".repeat(w))));
  for (const r of rows) console.log(line(r));
  console.log();
  console.log(
    `  build / JSON.stringify: ${fmt(cold.buildMs / cold.jsonMs, 1)}× (lần hai ${fmt(warm.buildMs / warm.jsonMs, 1)}×)`,
  );
  console.log(
    `  khởi tạo trình kiểm tra XSD (libxml2-wasm): ${fmt(validatorInitMs)} ms; tài liệu không hợp lệ: ${validate.value}`,
  );
  console.log(
    `  RSS đỉnh: lúc đầu ${fmt(rssStart)} MB; sau check + build ${fmt(rssAfterCheckBuild)} MB; cuối (có libxml2-wasm) ${fmt(rssEnd)} MB`,
  );
  console.log();
  const okTime = checkBuildMs < GOAL_CHECK_BUILD_MS;
  const okRss = rssAfterCheckBuild < GOAL_RSS_MB;
  console.log(
    `Mục tiêu check + build cả trung tâm < ${GOAL_CHECK_BUILD_MS} ms: ${fmt(checkBuildMs)} ms (lần đầu, 1 luồng) → ${okTime ? "ĐẠT" : "KHÔNG ĐẠT"}`,
  );
  console.log(
    `Mục tiêu RSS đỉnh < ${GOAL_RSS_MB} MB (check + build): ${fmt(rssAfterCheckBuild)} MB → ${okRss ? "ĐẠT" : "KHÔNG ĐẠT"}`,
  );
  if (validate.value > 0) {
    console.log("LỖI: có tài liệu không hợp lệ theo XSD");
    process.exitCode = 1;
  }
}

await main();

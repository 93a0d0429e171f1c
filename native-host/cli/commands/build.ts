import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { CheckItem, CheckReport } from "../../../shared/check/check-report.ts";
import { checkGradebook } from "../../../shared/check/check-gradebook.ts";
import { HocBaError, isHocBaError } from "../../../shared/errors/hocba-error.ts";
import { formatMessage } from "../../../shared/errors/message-table.ts";
import type { Gradebook, Learner } from "../../../shared/model/gradebook.ts";
import { parseGradebook } from "../../../shared/model/parse-gradebook.ts";
import { loadProfile, parseRulesProfile } from "../../../shared/rules/load-profile.ts";
import type { RulesProfile } from "../../../shared/rules/rules-profile.ts";
import { CURRENT_HOCBA_FORMAT } from "../../../shared/xml/hoc-ba-formats.ts";
import type { BuiltHocBa } from "../../../shared/xml/hocbaso-v1/build-hoc-ba-xml.ts";
import { isValidThoiDiem } from "../../../shared/xml/hocbaso-v1/xml-dates.ts";
import { writeFileAtomic } from "../../fs/write-file-atomic.ts";
import { writeLine, type CliCommand, type CliIo } from "../cli-io.ts";
import { readInputJson } from "../read-input-file.ts";
import { parseCliArgs } from "../parse-cli-args.ts";

const USAGE = `Cách dùng: hocba build SỔ_ĐIỂM.json --out THƯ_MỤC [--profile-file TỆP] [--time THỜI_ĐIỂM]

Kiểm tra sổ điểm (như «hocba check»), rồi tạo một tệp XML học bạ số 1.0 (chưa ký) cho mỗi học viên
không có lỗi: THƯ_MỤC/<MaHocVien>_<NamHoc>.xml. Học viên có lỗi được bỏ qua và liệt kê kèm lý do.
Mỗi tệp được kiểm tra theo lược đồ XSD trước khi ghi, và ghi trọn vẹn hoặc không ghi gì.

  --out THƯ_MỤC        Thư mục ghi các tệp (tạo nếu chưa có; tệp cùng tên được thay thế)
  --profile-file TỆP   Dùng bộ quy tắc trong TỆP thay cho bộ ghi trong sổ điểm
  --time THỜI_ĐIỂM     Thời gian lập (ThoiGianLap), ISO 8601 có múi giờ, ví dụ 2026-05-25T08:00:00+07:00.
                       Mặc định: thoiGianLap của sổ điểm, nếu không có thì lúc chạy lệnh (giờ Việt Nam).
                       Cùng sổ điểm và cùng thời gian lập luôn cho ra cùng từng byte.

Mã thoát: 0 tạo đủ mọi học viên; 1 có học viên bị bỏ qua; 2 sổ điểm hoặc tham số không dùng được.`;

interface Options {
  file: string;
  out: string;
  profileFile: string | undefined;
  time: string | undefined;
}

function parseOptions(args: string[]): Options {
  const parsed = parseCliArgs(args, {
    out: { type: "string" },
    "profile-file": { type: "string" },
    time: { type: "string" },
  });
  const [file, ...extra] = parsed.positionals;
  if (file === undefined) {
    throw new HocBaError("CLI_BAD_ARGS", { detail: "thiếu tệp sổ điểm. " + USAGE.split("\n")[0] });
  }
  if (extra.length > 0) {
    throw new HocBaError("CLI_BAD_ARGS", {
      detail: `chỉ tạo từ một sổ điểm mỗi lần («${extra.join(" ")}» thừa)`,
    });
  }
  const out = parsed.values.out;
  if (out === undefined || out === "") {
    throw new HocBaError("CLI_BAD_ARGS", { detail: "thiếu --out THƯ_MỤC" });
  }
  const time = parsed.values.time;
  if (time !== undefined && !isValidThoiDiem(time)) {
    throw new HocBaError("XML_BAD_THOI_GIAN_LAP", { value: time });
  }
  return { file, out, profileFile: parsed.values["profile-file"], time };
}

/** Now, in Vietnam's time zone, to the second: the default ThoiGianLap. */
export function nowInVietnam(now = new Date()): string {
  const local = new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 19);
  return `${local}+07:00`;
}

interface Skipped {
  learner: Learner;
  index: number;
  reason: string;
  more: number;
}

/** Learners the check blocks, with their first error, by row. */
function blockedByCheck(gb: Gradebook, report: CheckReport): Map<number, Skipped> {
  const blocked = new Map<number, Skipped>();
  for (const item of report.items) {
    const index = item.path.learnerIndex;
    const learner = index === undefined ? undefined : gb.learners[index];
    if (item.severity !== "error" || index === undefined || !learner) continue;
    const seen = blocked.get(index);
    if (seen) seen.more++;
    else blocked.set(index, { learner, index, reason: item.message, more: 0 });
  }
  return blocked;
}

/** "dòng N: reason", naming the learner unless the reason already does. */
function skippedLine(s: Skipped): string {
  const hv = s.learner.hocVien;
  const named = hv.maHocVien !== "" && s.reason.includes(hv.maHocVien);
  const more = s.more > 0 ? ` (và ${s.more} lỗi khác)` : "";
  return `  ✗ ${named ? "" : `${hv.hoTen} (${hv.maHocVien || "không có mã"}), `}dòng ${s.index + 1}: ${s.reason}${more}`;
}

export const command: CliCommand = {
  usage: USAGE,
  async run(args: string[], io: CliIo): Promise<number> {
    let opts: Options;
    let gb: Gradebook;
    let profile: RulesProfile;
    let outDir: string;
    let report: CheckReport;
    let build: (learner: Learner) => BuiltHocBa;
    try {
      opts = parseOptions(args);
      gb = parseGradebook(await readInputJson(resolve(io.cwd, opts.file), opts.file), opts.file);
      profile =
        opts.profileFile !== undefined
          ? parseRulesProfile(
              await readInputJson(resolve(io.cwd, opts.profileFile), opts.profileFile),
              opts.profileFile,
            )
          : loadProfile(gb.profile);
      const thoiGianLap = opts.time ?? gb.thoiGianLap ?? nowInVietnam();
      gb = { ...gb, thoiGianLap };
      report = checkGradebook(gb, profile);
      const general = report.items.filter(
        (i: CheckItem) => i.severity === "error" && i.path.learnerIndex === undefined,
      );
      if (general.length > 0) {
        writeLine(io.stderr, `Lỗi: sổ điểm ${opts.file} có lỗi chung, không tạo được học bạ nào:`);
        for (const item of general) writeLine(io.stderr, `  ✗ ${item.message}`);
        return 2;
      }
      build = CURRENT_HOCBA_FORMAT.createBuilder(gb, { thoiGianLap });
      outDir = resolve(io.cwd, opts.out);
      try {
        await mkdir(outDir, { recursive: true });
      } catch (err) {
        throw new HocBaError("CLI_FILE_UNWRITABLE", {
          file: opts.out,
          detail: String((err as NodeJS.ErrnoException).code ?? err),
        });
      }
    } catch (err) {
      if (!isHocBaError(err)) throw err;
      if (io.env.HOCBA_DEBUG === "1") io.stderr.write(`${err.stack ?? ""}\n`);
      writeLine(io.stderr, `Lỗi: ${err.message}`);
      return 2;
    }

    // Loaded lazily: the WebAssembly validator is only needed once there is something to write.
    const { validateHocBaXml } = await import("../../xml/validate-hocba-xml.ts");
    const skipped = blockedByCheck(gb, report);
    const built: { index: number; learner: Learner; doc: BuiltHocBa }[] = [];
    gb.learners.forEach((learner, index) => {
      if (skipped.has(index)) return;
      try {
        const doc = build(learner);
        const validation = validateHocBaXml(doc.bytes);
        if (!validation.ok) {
          throw new HocBaError("XML_NOT_VALID_DOCUMENT", {
            file: doc.fileName,
            count: validation.errors.length,
            first: validation.errors[0]?.message ?? "",
          });
        }
        built.push({ index, learner, doc });
      } catch (err) {
        if (!isHocBaError(err)) throw err;
        skipped.set(index, { learner, index, reason: err.message, more: 0 });
      }
    });

    // Two learners whose file names differ only by letter case would overwrite each other on
    // Windows and macOS: neither file would be trustworthy, so neither is written.
    const byName = new Map<string, (typeof built)[number][]>();
    for (const b of built) {
      byName.set(b.doc.fileName.toLowerCase(), [...(byName.get(b.doc.fileName.toLowerCase()) ?? []), b]);
    }
    for (const group of byName.values()) {
      if (group.length < 2) continue;
      for (const b of group) {
        const other = group.find((o) => o !== b) ?? b;
        const reason = formatMessage("XML_DUPLICATE_FILE_NAME", {
          hoTen: b.learner.hocVien.hoTen,
          maHocVien: b.learner.hocVien.maHocVien,
          fileName: b.doc.fileName,
          otherHoTen: other.learner.hocVien.hoTen,
          otherMaHocVien: other.learner.hocVien.maHocVien,
        });
        skipped.set(b.index, { learner: b.learner, index: b.index, reason, more: 0 });
      }
    }

    let written = 0;
    for (const b of built) {
      if (skipped.has(b.index)) continue;
      try {
        await writeFileAtomic(join(outDir, b.doc.fileName), b.doc.bytes);
        written++;
      } catch (err) {
        if (!isHocBaError(err)) throw err;
        skipped.set(b.index, { learner: b.learner, index: b.index, reason: err.message, more: 0 });
      }
    }

    const label = profile.labels.value.learner;
    writeLine(
      io.stdout,
      `Tạo học bạ số (định dạng ${CURRENT_HOCBA_FORMAT.phienBan}): ${opts.file} → ${opts.out}`,
    );
    writeLine(
      io.stdout,
      `${gb.school.tenTruong} (${gb.school.maTruong}) · Lớp ${gb.lop} · Năm học ${gb.namHoc} · ${gb.learners.length} ${label} · Thời gian lập ${gb.thoiGianLap ?? ""}`,
    );
    writeLine(io.stdout, `Đã tạo ${written} tệp.`);
    if (report.warningCount > 0) {
      writeLine(
        io.stdout,
        `${report.warningCount} cảnh báo (không chặn việc tạo tệp); xem bằng «hocba check ${opts.file}».`,
      );
    }
    if (skipped.size === 0) return 0;
    writeLine(io.stdout, `Bỏ qua ${skipped.size} ${label}:`);
    for (const s of [...skipped.values()].sort((a, b) => a.index - b.index)) {
      writeLine(io.stdout, skippedLine(s));
    }
    writeLine(
      io.stdout,
      `Sửa trên cổng, lấy lại sổ điểm rồi chạy lại; «hocba check ${opts.file}» liệt kê đủ các lỗi.`,
    );
    return 1;
  },
};

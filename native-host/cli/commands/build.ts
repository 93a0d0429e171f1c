import { constants } from "node:fs";
import { access } from "node:fs/promises";
import os from "node:os";
import { join, resolve } from "node:path";
import type { CheckItem, CheckReport } from "../../../shared/check/check-report.ts";
import { checkGradebook } from "../../../shared/check/check-gradebook.ts";
import { vietnamDateTime } from "../../../shared/check/check-dates.ts";
import { HocBaError, isHocBaError } from "../../../shared/errors/hocba-error.ts";
import { formatMessage } from "../../../shared/errors/message-table.ts";
import type { Gradebook, Learner } from "../../../shared/model/gradebook.ts";
import { parseGradebook } from "../../../shared/model/parse-gradebook.ts";
import { loadProfile, parseRulesProfile } from "../../../shared/rules/load-profile.ts";
import type { RulesProfile } from "../../../shared/rules/rules-profile.ts";
import { CURRENT_HOCBA_FORMAT } from "../../../shared/xml/hoc-ba-formats.ts";
import type { BuiltHocBa, RecordEnvelope } from "../../../shared/xml/hocbaso-v1/build-hoc-ba-xml.ts";
import type { SuaDoiView } from "../../../shared/xml/hocbaso-v1/hoc-ba-view.ts";
import { isValidThoiDiem } from "../../../shared/xml/hocbaso-v1/xml-dates.ts";
import {
  planRecordVersion,
  type SignedVersion,
  type VersionPlan,
} from "../../../shared/versions/plan-record-version.ts";
import { archiveExists, archivePath, processDataDirEnv } from "../../archive/data-dir.ts";
import { HocBaArchive } from "../../archive/hocba-archive.ts";
import { latestVersion, readRecordVersions } from "../../archive/read-record-versions.ts";
import { roleLabel } from "../../xmldsig/role-label.ts";
import { cancelHocBa } from "../../../shared/versions/cancel-hoc-ba.ts";
import { makeFolder } from "../../fs/make-folder.ts";
import { writeFileAtomic } from "../../fs/write-file-atomic.ts";
import { refuseSignedOverwrite } from "../refuse-signed-overwrite.ts";
import { writeLine, type CliCommand, type CliIo } from "../cli-io.ts";
import { readInputJson } from "../read-input-file.ts";
import { parseCliArgs } from "../parse-cli-args.ts";
import { fsErrorDetail } from "../../fs/fs-error-detail.ts";

const USAGE = `Cách dùng: hocba build SỔ_ĐIỂM.json --out THƯ_MỤC [--profile-file TỆP] [--time THỜI_ĐIỂM]
                   [--archive TỆP] [--ly-do LÝ_DO]

Kiểm tra sổ điểm (như «hocba check»), rồi tạo một tệp XML học bạ số 1.0 (chưa ký) cho mỗi học viên
không có lỗi: THƯ_MỤC/<MaHocVien>_<NamHoc>.xml. Học viên có lỗi được bỏ qua và liệt kê kèm lý do.
Mỗi tệp được kiểm tra theo lược đồ XSD trước khi ghi, và ghi trọn vẹn hoặc không ghi gì.

Học bạ đã ký không bao giờ bị sửa. Mỗi học viên được tra trong kho lưu bản đã ký: nếu dữ liệu
không đổi so với phiên bản đã ký (ở bất kỳ vai trò nào), tệp tạo ra giống hệt từng byte bản chưa ký
của phiên bản đó (không có gì mới để ký); nếu dữ liệu đã đổi (sửa điểm, nhận xét, kết quả kiểm tra
lại, rèn luyện hè…), tệp là phiên bản kế tiếp của cùng bản ghi: cùng IdBanGhi, SuKien UPDATE,
PhienBanBanGhi N+1, ghi phiên bản và SHA-256 của bản bị thay thế, lý do và từng chỗ sửa;
tên tệp <MaHocVien>_<NamHoc>_v<N+1>.xml. Phiên bản mới được ký lại theo thứ tự GVCN → Thủ trưởng → Đơn vị.

  --out THƯ_MỤC        Thư mục ghi các tệp (tạo nếu chưa có; tệp cùng tên được thay thế, trừ tệp
                       đã có chữ ký số: học viên đó bị bỏ qua, tệp đã ký giữ nguyên)
  --profile-file TỆP   Dùng bộ quy tắc trong TỆP thay cho bộ ghi trong sổ điểm
  --time THỜI_ĐIỂM     Thời gian lập (ThoiGianLap), ISO 8601 có múi giờ, ví dụ 2026-05-25T08:00:00+07:00.
                       Mặc định: thoiGianLap của sổ điểm, nếu không có thì lúc chạy lệnh (giờ Việt Nam).
                       Cùng sổ điểm và cùng thời gian lập luôn cho ra cùng từng byte.
  --archive TỆP        Kho lưu bản đã ký để tra phiên bản (mặc định: biến HOCBA_ARCHIVE, hoặc
                       archive.sqlite trong thư mục dữ liệu của trình ký; chưa có kho thì bỏ qua)
  --ly-do LÝ_DO        Lý do sửa, ghi vào mọi phiên bản mới của lần chạy này. Bắt buộc khi có
                       học viên đã ký mà dữ liệu thay đổi: thiếu thì các học viên đó bị từ chối
                       (liệt kê từng người), các học viên khác vẫn được tạo.

Hủy học bạ lập nhầm: hocba build --cancel MÃ_HỌC_VIÊN [--cancel …] --nam-hoc NĂM_HỌC --ly-do LÝ_DO --out THƯ_MỤC
  Lập văn bản hủy (SuKien CANCEL, phiên bản kế tiếp) của bản đã ký mới nhất trong kho, ghi lý do;
  dữ liệu giữ nguyên như bản bị hủy. Văn bản hủy do Thủ trưởng ký (--role thu-truong), sau đó có thể
  đóng dấu Đơn vị (--role don-vi); giáo viên chủ nhiệm không ký văn bản hủy.

Mã thoát: 0 tạo đủ mọi học viên; 1 có học viên bị bỏ qua; 2 sổ điểm hoặc tham số không dùng được.`;

interface Options {
  /** The gradebook; "" when cancelling (the record comes from the archive). */
  file: string;
  out: string;
  profileFile: string | undefined;
  time: string | undefined;
  archive: string | undefined;
  lyDo: string | undefined;
  /** Learner codes whose signed record is cancelled (--cancel), with --nam-hoc. */
  cancel: string[];
  namHoc: string | undefined;
}

function parseOptions(args: string[]): Options {
  const parsed = parseCliArgs(args, {
    out: { type: "string" },
    "profile-file": { type: "string" },
    time: { type: "string" },
    archive: { type: "string" },
    "ly-do": { type: "string" },
    cancel: { type: "string", multiple: true },
    "nam-hoc": { type: "string" },
  });
  const cancel = parsed.values.cancel ?? [];
  const [file, ...extra] = cancel.length > 0 ? ["", ...parsed.positionals] : parsed.positionals;
  if (cancel.length > 0 && (parsed.positionals.length > 0 || parsed.values["nam-hoc"] === undefined)) {
    throw new HocBaError("CLI_BAD_ARGS", {
      detail:
        "hủy bản ghi: hocba build --cancel MÃ_HỌC_VIÊN... --nam-hoc NĂM_HỌC --ly-do LÝ_DO --out THƯ_MỤC (không kèm sổ điểm)",
    });
  }
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
  const lyDo = parsed.values["ly-do"];
  if ((lyDo !== undefined && !/\S/.test(lyDo)) || (cancel.length > 0 && lyDo === undefined)) {
    throw new HocBaError("CLI_BAD_ARGS", { detail: "--ly-do cần một lý do, không để trống" });
  }
  return {
    file,
    out,
    profileFile: parsed.values["profile-file"],
    time,
    archive: parsed.values.archive,
    lyDo,
    cancel,
    namHoc: parsed.values["nam-hoc"],
  };
}

interface Skipped {
  learner: Learner;
  index: number;
  reason: string;
  more: number;
  /** Signed, changed, and no --ly-do. */
  needsReason?: boolean;
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
    let build: (learner: Learner, envelope?: RecordEnvelope) => BuiltHocBa;
    let archive: HocBaArchive | null = null;
    try {
      opts = parseOptions(args);
      if (opts.cancel.length > 0) return await runCancel(opts, io);
      gb = parseGradebook(await readInputJson(resolve(io.cwd, opts.file), opts.file), opts.file);
      profile =
        opts.profileFile !== undefined
          ? parseRulesProfile(
              await readInputJson(resolve(io.cwd, opts.profileFile), opts.profileFile),
              opts.profileFile,
            )
          : loadProfile(gb.profile);
      const thoiGianLap = opts.time ?? gb.thoiGianLap ?? vietnamDateTime();
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
      archive = openArchiveIfAny(opts, io);
      outDir = resolve(io.cwd, opts.out);
      makeFolder(outDir, { shownAs: opts.out });
      try {
        // Once for the folder, not once per learner (42 lines «không có quyền» told to fix the portal).
        await access(outDir, constants.W_OK);
      } catch (err) {
        throw new HocBaError("CLI_FILE_UNWRITABLE", {
          file: opts.out,
          detail: fsErrorDetail(err),
        });
      }
    } catch (err) {
      archive?.close();
      if (!isHocBaError(err)) throw err;
      if (io.env.HOCBA_DEBUG === "1") io.stderr.write(`${err.stack ?? ""}\n`);
      writeLine(io.stderr, `Lỗi: ${err.message}`);
      return 2;
    }
    try {
      return await buildAll({ opts, gb, profile, outDir, report, build, archive, io });
    } finally {
      archive?.close();
    }
  },
};

/**
 * `--cancel`: for each learner, the CANCEL of the latest signed version of their record for the
 * year, made from that version (cancel-hoc-ba.ts), XSD-validated and written as the next version's
 * file. Learners with nothing signed, or already cancelled, are named and skipped (exit 1).
 */
async function runCancel(opts: Options, io: CliIo): Promise<number> {
  const namHoc = opts.namHoc ?? "";
  const file = archivePath({ ...processDataDirEnv(io.env, os.homedir()), flag: opts.archive, cwd: io.cwd });
  const archive = archiveExists(file) ? HocBaArchive.open(file) : null;
  const outDir = resolve(io.cwd, opts.out);
  const { validateHocBaXml } = await import("../../xml/validate-hocba-xml.ts");
  const thoiGianLap = opts.time ?? vietnamDateTime();
  let failed = 0;
  try {
    makeFolder(outDir, { shownAs: opts.out });
    writeLine(
      io.stdout,
      `Hủy bản ghi học bạ (SuKien CANCEL), năm học ${namHoc}, lý do «${opts.lyDo ?? ""}»:`,
    );
    for (const maHocVien of opts.cancel) {
      try {
        const latest = archive ? latestVersion(readRecordVersions(archive, { namHoc, maHocVien })) : null;
        if (!latest) {
          throw new HocBaError("VERSION_CANCEL_NOTHING_SIGNED", { maHocVien, namHoc, archive: file });
        }
        const doc = cancelHocBa(latest, { lyDo: opts.lyDo ?? "", thoiGianLap });
        const validation = validateHocBaXml(doc.bytes);
        if (!validation.ok) {
          throw new HocBaError("XML_NOT_VALID_DOCUMENT", {
            file: doc.fileName,
            count: validation.errors.length,
            first: validation.errors[0]?.message ?? "",
          });
        }
        await refuseSignedOverwrite(join(outDir, doc.fileName), doc.bytes);
        await writeFileAtomic(join(outDir, doc.fileName), doc.bytes);
        const hv = latest.view.hocVien;
        writeLine(
          io.stdout,
          `  ⊘ ${hv.hoTen} (${hv.maHocVien}): phiên bản ${latest.phienBan + 1} hủy phiên bản ${latest.phienBan} của bản ghi ${latest.idBanGhi} → ${doc.fileName}`,
        );
      } catch (err) {
        if (!isHocBaError(err)) throw err;
        failed++;
        writeLine(io.stdout, `  ✗ ${err.message}`);
      }
    }
  } finally {
    archive?.close();
  }
  writeLine(
    io.stdout,
    "Văn bản hủy do Thủ trưởng ký (hocba sign --role thu-truong; có hiệu lực khi thủ trưởng đã ký), sau đó có thể đóng dấu Đơn vị (--role don-vi); giáo viên chủ nhiệm không ký văn bản hủy.",
  );
  return failed === 0 ? 0 : 1;
}

/**
 * The archive to look versions up in; null when there is none yet (nothing was signed with it): not
 * created here, `hocba sign` creates it. A named one that is missing is said, in case of a typo.
 */
function openArchiveIfAny(opts: Options, io: CliIo): HocBaArchive | null {
  const file = archivePath({ ...processDataDirEnv(io.env, os.homedir()), flag: opts.archive, cwd: io.cwd });
  if (!archiveExists(file)) {
    if (opts.archive !== undefined) {
      writeLine(io.stdout, `Kho lưu ${opts.archive} chưa có: coi như chưa có học bạ nào đã ký.`);
    }
    return null;
  }
  return HocBaArchive.open(file);
}

interface BuildAll {
  opts: Options;
  gb: Gradebook;
  profile: RulesProfile;
  outDir: string;
  report: CheckReport;
  build: (learner: Learner, envelope?: RecordEnvelope) => BuiltHocBa;
  archive: HocBaArchive | null;
  io: CliIo;
}

/** The learner's latest signed version in the archive; throws when the archive holds one unreadable. */
function signedVersionOf(
  archive: HocBaArchive | null,
  gb: Gradebook,
  learner: Learner,
): SignedVersion | null {
  if (archive === null) return null;
  const hv = learner.hocVien;
  const found = readRecordVersions(archive, {
    namHoc: gb.namHoc,
    maHocVien: hv.maHocVien,
    maTruong: gb.school.maTruong,
    ...(learner.banGhi ? { idBanGhi: learner.banGhi.idBanGhi } : {}),
  });
  const bad = found.unreadable[0];
  if (bad) {
    throw new HocBaError("VERSION_ARCHIVED_UNREADABLE", {
      hoTen: hv.hoTen,
      maHocVien: hv.maHocVien,
      id: bad.document.id,
      file: bad.document.fileName,
      detail: bad.detail,
    });
  }
  return latestVersion(found);
}

/** Why a signed learner gets no file: a change without a reason, or a cancelled record. */
function refusal(learner: Learner, plan: VersionPlan & { kind: "needs-reason" | "cancelled" }): HocBaError {
  const hv = learner.hocVien;
  const tt = plan.previous.view.ttChung;
  if (plan.kind === "cancelled") {
    return new HocBaError("VERSION_RECORD_CANCELLED", {
      hoTen: hv.hoTen,
      maHocVien: hv.maHocVien,
      idBanGhi: tt.idBanGhi,
      phienBan: tt.phienBanBanGhi,
    });
  }
  return new HocBaError("VERSION_REASON_REQUIRED", {
    hoTen: hv.hoTen,
    maHocVien: hv.maHocVien,
    phienBan: tt.phienBanBanGhi,
    next: tt.phienBanBanGhi + 1,
    count: plan.changes.length,
    first: plan.changes.slice(0, 3).map(changeText).join("; ") + (plan.changes.length > 3 ? "; …" : ""),
  });
}

/** "KetQua/Mon[TO]/CN/TBM: 6.5 → 7.0", long texts shortened. */
function changeText(c: SuaDoiView): string {
  const short = (t: string) => (t === "" ? "(trống)" : t.length > 60 ? `«${t.slice(0, 57)}…»` : `«${t}»`);
  return `${c.truong}: ${short(c.cu)} → ${short(c.moi)}`;
}

/** What the archive made of each learner: new versions with their changes, unchanged signed ones. */
function writeVersionLines(
  io: CliIo,
  built: ReadonlyArray<{ learner: Learner; doc: BuiltHocBa; plan: VersionPlan }>,
  lyDo: string | undefined,
): void {
  const updated = built.filter((b) => b.plan.kind === "new-version");
  const unchanged = built.filter((b) => b.plan.kind === "unchanged");
  if (updated.length > 0) {
    writeLine(
      io.stdout,
      `Phiên bản mới của ${updated.length} học bạ đã ký (SuKien UPDATE, lý do «${lyDo ?? ""}»); ký lại theo thứ tự GVCN → Thủ trưởng → Đơn vị:`,
    );
    for (const { learner, doc, plan } of updated) {
      if (plan.kind !== "new-version") continue;
      const tt = plan.previous.view.ttChung;
      writeLine(
        io.stdout,
        `  ↻ ${learner.hocVien.hoTen} (${learner.hocVien.maHocVien}): phiên bản ${tt.phienBanBanGhi + 1} thay phiên bản ${tt.phienBanBanGhi}, ${plan.changes.length} chỗ sửa → ${doc.fileName}`,
      );
      for (const c of plan.changes) writeLine(io.stdout, `      ${changeText(c)}`);
    }
  }
  if (unchanged.length > 0) {
    writeLine(
      io.stdout,
      `Không đổi so với bản đã ký: ${unchanged.length} học bạ; tệp giống hệt bản chưa ký của phiên bản đã ký, không có gì mới để ký:`,
    );
    for (const { learner, doc, plan } of unchanged) {
      if (plan.kind !== "unchanged") continue;
      const roles = plan.previous.roles.map((r) => roleLabel(r)).join(", ");
      writeLine(
        io.stdout,
        `  = ${learner.hocVien.hoTen} (${learner.hocVien.maHocVien}): phiên bản ${plan.previous.view.ttChung.phienBanBanGhi}, đã ký: ${roles} → ${doc.fileName}`,
      );
    }
  }
}

async function buildAll(a: BuildAll): Promise<number> {
  const { opts, gb, profile, outDir, report, build, archive, io } = a;

  // Loaded lazily: the WebAssembly validator is only needed once there is something to write.
  const { validateHocBaXml } = await import("../../xml/validate-hocba-xml.ts");
  const skipped = blockedByCheck(gb, report);
  const built: { index: number; learner: Learner; doc: BuiltHocBa; plan: VersionPlan }[] = [];
  gb.learners.forEach((learner, index) => {
    if (skipped.has(index)) return;
    try {
      const plan = planRecordVersion({
        build,
        learner,
        previous: signedVersionOf(archive, gb, learner),
        lyDo: opts.lyDo,
        thoiGianLap: { build: gb.thoiGianLap ?? "", now: vietnamDateTime() },
      });
      if (plan.kind === "needs-reason" || plan.kind === "cancelled") throw refusal(learner, plan);
      const doc = plan.built;
      const validation = validateHocBaXml(doc.bytes);
      if (!validation.ok) {
        throw new HocBaError("XML_NOT_VALID_DOCUMENT", {
          file: doc.fileName,
          count: validation.errors.length,
          first: validation.errors[0]?.message ?? "",
        });
      }
      built.push({ index, learner, doc, plan });
    } catch (err) {
      if (!isHocBaError(err)) throw err;
      const needsReason = err.code === "VERSION_REASON_REQUIRED";
      skipped.set(index, { learner, index, reason: err.message, more: 0, needsReason });
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
      await refuseSignedOverwrite(join(outDir, b.doc.fileName), b.doc.bytes);
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
  writeVersionLines(
    io,
    built.filter((b) => !skipped.has(b.index)),
    opts.lyDo,
  );
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
  if ([...skipped.values()].some((s) => s.needsReason)) {
    writeLine(
      io.stdout,
      `Học bạ đã ký mà dữ liệu thay đổi cần lý do sửa: chạy lại với --ly-do «…» để lập phiên bản mới.`,
    );
  }
  writeLine(
    io.stdout,
    `Sửa trên cổng, lấy lại sổ điểm rồi chạy lại; «hocba check ${opts.file}» liệt kê đủ các lỗi.`,
  );
  return 1;
}

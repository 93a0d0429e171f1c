import os from "node:os";
import path from "node:path";
import { HocBaError } from "../../../shared/errors/hocba-error.ts";
import { checkArchive } from "../../archive/check-archive.ts";
import { archiveExists, archivePath, userDataDir } from "../../archive/data-dir.ts";
import { exportArchive } from "../../archive/export-archive.ts";
import { HocBaArchive } from "../../archive/hocba-archive.ts";
import { migrateArchive } from "../../archive/migrate-archive.ts";
import { describeArchiveLocation, isArchiveUrl } from "../../archive/pg/archive-url.ts";
import { sha256Hex } from "../../archive/audit-chain.ts";
import { readHocBa } from "../../../shared/xml/hocbaso-v1/read-hoc-ba.ts";
import { unsignedHocBa } from "../../../shared/xml/hocbaso-v1/unsigned-hoc-ba.ts";
import { writeLine, type CliCommand, type CliIo } from "../cli-io.ts";
import { parseCliArgs } from "../parse-cli-args.ts";

const usage = `Cách dùng:
  hocba archive list [--json] [--nam-hoc 2025-2026] [--ma-hoc-vien HV0001]
  hocba archive export THƯ_MỤC [--all]
  hocba archive check [--json]
  hocba archive migrate --to postgres://… [--from TỆP]

Kho lưu mọi học bạ đã ký (kèm nhật ký chuỗi băm): tệp SQLite trên máy này, hoặc kho chung của trung
tâm trên máy chủ PostgreSQL. Tùy chọn chung:
  --archive TỆP|URL  dùng kho khác (mặc định: biến HOCBA_ARCHIVE_URL hoặc HOCBA_ARCHIVE, kho chung đã
                     đặt bằng «hocba install --archive-url», hoặc archive.sqlite trong thư mục dữ liệu)

  list     liệt kê tài liệu đã ký, mới nhất trước, mỗi tài liệu kèm phiên bản của bản ghi
           (mọi phiên bản đều được giữ; --json thêm idBanGhi, phienBan, suKien, phienBanTruoc)
  export   ghi bản mới nhất của từng học viên/năm học ra THƯ_MỤC (--all: mọi phiên bản) và tệp SHA256SUMS
  check    đối chiếu kho với nhật ký; trả mã 1 nếu có bản ghi bị sửa, bị xóa hoặc chuỗi bị đứt
  migrate  chép kho SQLite của máy này (--from, mặc định kho của máy) vào kho chung --to (mặc định kho
           chung đã đặt); kiểm tra nhật ký kho nguồn trước và kho đích sau; chạy lại không chép gì thêm`;

export const command: CliCommand = {
  usage,
  run(args: string[], io: CliIo): Promise<number> {
    return Promise.resolve(runArchive(args, io));
  },
};

function runArchive(args: string[], io: CliIo): number {
  const parsed = parseCliArgs(args, {
    archive: { type: "string" },
    json: { type: "boolean" },
    all: { type: "boolean" },
    "nam-hoc": { type: "string" },
    "ma-hoc-vien": { type: "string" },
    to: { type: "string" },
    from: { type: "string" },
  });
  const [sub, ...rest] = parsed.positionals;
  const { values } = parsed;
  const file = archivePath({
    env: io.env,
    platform: process.platform,
    homedir: os.homedir(),
    flag: values.archive,
    cwd: io.cwd,
  });
  if (sub === "migrate") {
    if (rest.length > 0) throw new HocBaError("CLI_BAD_ARGS", { detail: `thừa tham số «${rest.join(" ")}»` });
    return migrate(values, io);
  }
  if (sub === "list" || sub === "check") {
    if (rest.length > 0) throw new HocBaError("CLI_BAD_ARGS", { detail: `thừa tham số «${rest.join(" ")}»` });
    if (!archiveExists(file)) {
      if (values.json) {
        writeLine(io.stdout, sub === "list" ? '{"total":0,"entries":[]}' : '{"ok":true,"problems":[]}');
      } else writeLine(io.stdout, `Kho lưu ${file} chưa có tài liệu nào.`);
      return 0;
    }
  }
  if (sub === "export" && rest.length !== 1) {
    throw new HocBaError("CLI_BAD_ARGS", {
      detail: "cần đúng một thư mục đích: hocba archive export THƯ_MỤC",
    });
  }
  if (sub !== "list" && sub !== "check" && sub !== "export") {
    throw new HocBaError("CLI_BAD_ARGS", {
      detail: `lệnh con phải là list, export, check hoặc migrate (nhận «${sub ?? ""}»)`,
    });
  }
  const archive = HocBaArchive.open(file);
  try {
    if (!values.json) writeLine(io.stdout, `Kho lưu trữ: ${describeArchiveLocation(file)}`);
    if (sub === "list") return list(archive, values, io);
    if (sub === "check") return check(archive, values.json === true, io);
    return exportTo(archive, path.resolve(io.cwd, rest[0] ?? ""), values.all === true, io);
  } finally {
    archive.close();
  }
}

function list(
  archive: HocBaArchive,
  values: { json?: boolean | undefined; "nam-hoc"?: string | undefined; "ma-hoc-vien"?: string | undefined },
  io: CliIo,
): number {
  const namHoc = values["nam-hoc"];
  // «--nam-hoc 2025» listed nothing, as if nothing were signed.
  if (namHoc !== undefined && !/^\d{4}-\d{4}$/.test(namHoc)) {
    throw new HocBaError("CLI_BAD_ARGS", { detail: `--nam-hoc «${namHoc}»: cần dạng 2025-2026` });
  }
  const result = archive.list({ namHoc, maHocVien: values["ma-hoc-vien"] });
  // Every version of a record is kept: each entry says which version of which record it signs.
  const entries = result.entries.map((e) => ({ ...e, ...versionOf(archive, e.id) }));
  if (values.json) {
    writeLine(io.stdout, JSON.stringify({ ...result, entries }, null, 2));
    return 0;
  }
  writeLine(io.stdout, `Kho lưu ${archive.path}: ${result.total} tài liệu đã ký`);
  for (const e of entries) {
    const cn = /CN=((?:[^,\\]|\\.)*)/.exec(e.signerSubject)?.[1] ?? e.signerSubject;
    const version =
      e.phienBan === undefined
        ? "phiên bản ?"
        : `phiên bản ${e.phienBan} ${e.suKien ?? ""}${e.phienBanTruoc !== undefined ? ` (thay ${e.phienBanTruoc})` : ""}`;
    writeLine(
      io.stdout,
      `#${e.id}  ${e.maHocVien}  ${e.namHoc}  ${version}  ${e.role.padEnd(9)}  ${cn}  ${e.signingTime}  ${e.fileName}  lô ${e.batchId}`,
    );
  }
  return 0;
}

/** The record and version an archived document signs (read from its data); empty when unreadable. */
function versionOf(
  archive: HocBaArchive,
  id: number,
): {
  idBanGhi?: string;
  phienBan?: number;
  suKien?: string;
  phienBanTruoc?: number;
  unsignedSha256?: string;
} {
  const doc = archive.documentById(id);
  const unsigned = doc ? unsignedHocBa(doc.bytes) : null;
  if (!unsigned) return {};
  try {
    const tt = readHocBa(unsigned).ttChung;
    return {
      idBanGhi: tt.idBanGhi,
      phienBan: tt.phienBanBanGhi,
      suKien: tt.suKien,
      ...(tt.thayThe ? { phienBanTruoc: tt.thayThe.phienBanTruoc } : {}),
      unsignedSha256: sha256Hex(unsigned),
    };
  } catch {
    return {};
  }
}

function check(archive: HocBaArchive, json: boolean, io: CliIo): number {
  const problems = checkArchive(archive);
  if (json) {
    writeLine(
      io.stdout,
      JSON.stringify({ ok: problems.length === 0, problems: problems.map((p) => p.toJSON()) }, null, 2),
    );
  } else if (problems.length === 0) {
    writeLine(io.stdout, `Kho lưu ${archive.path} nguyên vẹn: ${archive.count()} tài liệu, nhật ký khớp.`);
  } else {
    writeLine(io.stdout, `Kho lưu ${archive.path} có ${problems.length} vấn đề:`);
    for (const p of problems) writeLine(io.stdout, `  - ${p.message}`);
  }
  return problems.length === 0 ? 0 : 1;
}

/** `hocba archive migrate`: this PC's SQLite archive into the shared one. */
function migrate(
  values: { to?: string | undefined; from?: string | undefined; archive?: string | undefined },
  io: CliIo,
): number {
  const where = { env: io.env, platform: process.platform, homedir: os.homedir() };
  const to = values.to ?? archivePath({ ...where, flag: values.archive, cwd: io.cwd });
  if (!isArchiveUrl(to)) {
    throw new HocBaError("CLI_BAD_ARGS", {
      detail: "cần địa chỉ kho chung: hocba archive migrate --to postgres://người_dùng@máy_chủ/cơ_sở_dữ_liệu",
    });
  }
  const from = path.resolve(
    io.cwd,
    values.from ?? (io.env.HOCBA_ARCHIVE || path.join(userDataDir(where), "archive.sqlite")),
  );
  if (!archiveExists(from)) {
    writeLine(io.stdout, `Kho ${from} chưa có: không có gì để chép.`);
    return 0;
  }
  const source = HocBaArchive.open(from);
  try {
    const target = HocBaArchive.open(to);
    try {
      writeLine(io.stdout, `Kho nguồn: ${describeArchiveLocation(from)}`);
      writeLine(io.stdout, `Kho đích: ${describeArchiveLocation(to)}`);
      const r = migrateArchive(source, target);
      writeLine(
        io.stdout,
        `Đã chép ${r.copied} tài liệu vào kho chung (${r.present} tài liệu đã có sẵn, bỏ qua; kho nguồn có ${r.documents}).`,
      );
      writeLine(
        io.stdout,
        `Nhật ký kho nguồn và kho đích đều khớp; kho chung có ${target.count()} tài liệu.`,
      );
      return 0;
    } finally {
      target.close();
    }
  } finally {
    source.close();
  }
}

function exportTo(archive: HocBaArchive, dir: string, all: boolean, io: CliIo): number {
  const result = exportArchive(archive, dir, { all });
  writeLine(io.stdout, `Đã xuất ${result.written.length} tệp vào ${dir} (kèm SHA256SUMS).`);
  for (const p of result.refused) writeLine(io.stderr, `Lỗi: ${p.message}`);
  return result.refused.length === 0 ? 0 : 1;
}

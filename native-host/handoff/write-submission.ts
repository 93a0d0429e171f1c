import { readdirSync } from "node:fs";
import path from "node:path";
import { HocBaError } from "../../shared/errors/hocba-error.ts";
import { asciiNamePart } from "../../shared/handoff/handoff-package-name.ts";
import { formatSha256Sums } from "../../shared/handoff/sha256-sums.ts";
import { sha256Hex } from "../archive/audit-chain.ts";
import type { HocBaArchive } from "../archive/hocba-archive.ts";
import { makeFolder } from "../fs/make-folder.ts";
import { writeFileAtomicSync } from "../fs/write-file-atomic.ts";
import type { SubmissionPlan } from "./plan-submission.ts";
import { submissionReportHtml } from "./submission-report-html.ts";

export const SUBMISSION_FORMAT = "hocba-submission";
export const SUBMISSION_REPORT = "bao-cao-kiem-tra.html";
export const NOT_INCLUDED_CSV = "khong-dua-vao.csv";

const CSV_HEADERS = [
  "stt",
  "tep",
  "sha256",
  "maHocVien",
  "hoTen",
  "lop",
  "maTruong",
  "idBanGhi",
  "phienBan",
  "suKien",
  "thayDoi",
  "gvcn",
  "thoiGianGvcn",
  "thuTruong",
  "thoiGianThuTruong",
  "donVi",
  "thoiGianDonVi",
];

function csvCell(value: string | number): string {
  const text = String(value);
  // A leading = + - @ would be a formula in a spreadsheet: quoted and prefixed with '.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\r\n']/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

function csv(rows: Array<Array<string | number>>): string {
  // With a byte-order mark: Excel then reads the Vietnamese letters as UTF-8.
  return `\ufeff${rows.map((r) => r.map(csvCell).join(",")).join("\r\n")}\r\n`;
}

/**
 * Writes a submission package into `dir` (new or empty): the XML files, manifest.csv and
 * manifest.json (one line per record), the records left out (khong-dua-vao.csv and in
 * manifest.json), the HTML verification report and SHA256SUMS over all of them; then records in
 * the audit log what the wave holds (wave 2 is measured against it). Every file goes through the
 * atomic writer.
 */
export function writeSubmission(
  archive: HocBaArchive,
  plan: SubmissionPlan,
  dir: string,
  now: Date = new Date(),
): { files: string[] } {
  makeFolder(dir);
  if (readdirSync(dir).length > 0) throw new HocBaError("SUBMISSION_OUT_NOT_EMPTY", { dir });
  const createdAt = now.toISOString();
  const written = new Map<string, Uint8Array>();
  const nameOf = new Map<string, string>();
  for (const r of plan.included) {
    const name = `${asciiNamePart(r.maHocVien)}_${plan.namHoc}_v${r.phienBan}.xml`;
    nameOf.set(r.sha256, name);
    written.set(name, r.bytes);
  }
  const role = (r: SubmissionPlan["included"][number], which: string) =>
    r.signatures.find((s) => s.role === which);
  const records = plan.included.map((r) => ({
    tep: nameOf.get(r.sha256) ?? "",
    sha256: r.sha256,
    maHocVien: r.maHocVien,
    hoTen: r.hoTen,
    lop: r.lop,
    maTruong: r.maTruong,
    tenTruong: r.tenTruong,
    idBanGhi: r.idBanGhi,
    phienBan: r.phienBan,
    suKien: r.suKien,
    thayDoi: r.thayDoi,
    chuKy: r.signatures,
  }));
  const manifest = {
    format: SUBMISSION_FORMAT,
    formatVersion: 1,
    namHoc: plan.namHoc,
    dot: plan.dot,
    createdAt,
    records,
    notIncluded: plan.notIncluded,
  };
  const encoder = new TextEncoder();
  written.set("manifest.json", encoder.encode(`${JSON.stringify(manifest, null, 2)}\n`));
  written.set(
    "manifest.csv",
    encoder.encode(
      csv([
        CSV_HEADERS,
        ...records.map((r, i) => [
          i + 1,
          r.tep,
          r.sha256,
          r.maHocVien,
          r.hoTen,
          r.lop,
          r.maTruong,
          r.idBanGhi,
          r.phienBan,
          r.suKien,
          r.thayDoi,
          ...["GVCN", "ThuTruong", "DonVi"].flatMap((w) => {
            const s = role(plan.included[i] as SubmissionPlan["included"][number], w);
            return [s?.signer ?? "", s?.signingTime ?? ""];
          }),
        ]),
      ]),
    ),
  );
  written.set(
    NOT_INCLUDED_CSV,
    encoder.encode(
      csv([
        ["stt", "maHocVien", "hoTen", "lop", "phienBan", "ma", "lyDo"],
        ...plan.notIncluded.map((n, i) => [i + 1, n.maHocVien, n.hoTen, n.lop, n.phienBan, n.code, n.lyDo]),
      ]),
    ),
  );
  written.set(SUBMISSION_REPORT, encoder.encode(submissionReportHtml(plan, createdAt, nameOf)));
  const sums = formatSha256Sums([...written].map(([name, bytes]) => ({ name, sha256: sha256Hex(bytes) })));
  written.set("SHA256SUMS", encoder.encode(sums));
  for (const [name, bytes] of written) writeFileAtomicSync(path.join(dir, name), bytes);
  archive.appendAudit("submission", null, {
    namHoc: plan.namHoc,
    dot: plan.dot,
    out: dir,
    records: plan.included.map((r) => ({
      maHocVien: r.maHocVien,
      idBanGhi: r.idBanGhi,
      phienBan: r.phienBan,
      sha256: r.sha256,
    })),
    notIncluded: plan.notIncluded.length,
  });
  return { files: [...written.keys()] };
}

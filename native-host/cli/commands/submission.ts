import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { HocBaError } from "../../../shared/errors/hocba-error.ts";
import { archivePath } from "../../archive/data-dir.ts";
import { HocBaArchive } from "../../archive/hocba-archive.ts";
import { localVerifier } from "../../handoff/handoff-verification.ts";
import { planSubmission } from "../../handoff/plan-submission.ts";
import { SUBMISSION_REPORT, writeSubmission } from "../../handoff/write-submission.ts";
import { TrustAnchors } from "../../xmldsig/trust-anchors.ts";
import { writeLine, type CliCommand, type CliIo } from "../cli-io.ts";
import { parseCliArgs } from "../parse-cli-args.ts";

const usage = `Cách dùng:
  hocba submission --nam-hoc 2025-2026 --dot 1|2 --out THƯ_MỤC [--archive KHO] [--trust GỐC.pem]... [--json]

Lập gói nộp Sở/Bộ từ kho lưu: mọi học bạ của năm học đã ký đủ (GVCN, thủ trưởng, đóng dấu), mỗi chữ
ký được kiểm tra lại (tin cậy, đúng người ký), là phiên bản mới nhất. THƯ_MỤC (mới hoặc trống) nhận:
các tệp XML, manifest.csv và manifest.json (mỗi hồ sơ một dòng), khong-dua-vao.csv (hồ sơ không đưa
vào và lý do: thiếu chữ ký, lỗi, phiên bản mới chưa ký đủ), ${SUBMISSION_REPORT} (báo cáo in được),
SHA256SUMS. Đợt 2 (bổ sung) chỉ gồm hồ sơ mới hoặc thay đổi so với đợt 1 (kho ghi nhận nội dung đợt 1).`;

export const command: CliCommand = { usage, run: runSubmission };

async function runSubmission(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCliArgs(args, {
    "nam-hoc": { type: "string" },
    dot: { type: "string" },
    out: { type: "string" },
    archive: { type: "string" },
    trust: { type: "string", multiple: true },
    json: { type: "boolean" },
  });
  if (positionals.length > 0) {
    throw new HocBaError("CLI_BAD_ARGS", { detail: `thừa tham số «${positionals.join(" ")}»` });
  }
  const namHoc = values["nam-hoc"];
  if (namHoc === undefined || !/^\d{4}-\d{4}$/.test(namHoc)) {
    throw new HocBaError("CLI_BAD_ARGS", { detail: "cần --nam-hoc dạng 2025-2026" });
  }
  if (values.dot !== "1" && values.dot !== "2") {
    throw new HocBaError("CLI_BAD_ARGS", { detail: "cần --dot 1 hoặc --dot 2" });
  }
  if (!values.out) throw new HocBaError("CLI_BAD_ARGS", { detail: "thiếu --out THƯ_MỤC" });
  const dot = values.dot === "1" ? 1 : 2;
  const file = archivePath({
    env: io.env,
    platform: process.platform,
    homedir: os.homedir(),
    flag: values.archive,
    cwd: io.cwd,
  });
  if (!existsSync(file)) throw new HocBaError("SUBMISSION_NOTHING", { dot, namHoc });
  const anchors = TrustAnchors.load({
    trustRootFiles: (values.trust ?? []).map((f) => path.resolve(io.cwd, f)),
  });
  const archive = HocBaArchive.open(file);
  try {
    const plan = await planSubmission(archive, { namHoc, dot, verify: localVerifier(anchors) });
    const out = path.resolve(io.cwd, values.out);
    if (plan.included.length === 0) {
      for (const n of plan.notIncluded) {
        writeLine(io.stderr, `  - ${n.maHocVien} (${n.hoTen}, lớp ${n.lop}): ${n.lyDo}`);
      }
      throw new HocBaError("SUBMISSION_NOTHING", { dot, namHoc });
    }
    const { files } = writeSubmission(archive, plan, out);
    if (values.json) {
      writeLine(
        io.stdout,
        JSON.stringify(
          {
            out,
            namHoc,
            dot,
            included: plan.included.map(({ bytes: _bytes, ...r }) => r),
            notIncluded: plan.notIncluded,
            files,
          },
          null,
          2,
        ),
      );
      return 0;
    }
    writeLine(io.stdout, `Gói nộp đợt ${dot} năm học ${namHoc}: ${plan.included.length} hồ sơ → ${out}`);
    if (plan.notIncluded.length > 0) {
      writeLine(io.stdout, `Không đưa vào (${plan.notIncluded.length}):`);
      for (const n of plan.notIncluded) {
        writeLine(io.stdout, `  - ${n.maHocVien} (${n.hoTen}, lớp ${n.lop}): ${n.lyDo}`);
      }
    }
    writeLine(io.stdout, `Báo cáo kiểm tra: ${path.join(out, SUBMISSION_REPORT)}`);
    return 0;
  } finally {
    archive.close();
  }
}

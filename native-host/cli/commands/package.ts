import { randomUUID } from "node:crypto";
import { readFile, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { HocBaError } from "../../../shared/errors/hocba-error.ts";
import { buildHandoffPackage } from "../../../shared/handoff/build-handoff-package.ts";
import { HandoffBuoc } from "../../../shared/handoff/handoff-manifest.ts";
import { HANDOFF_LIMITS } from "../../../shared/handoff/read-handoff-package.ts";
import { archivePath } from "../../archive/data-dir.ts";
import { HocBaArchive } from "../../archive/hocba-archive.ts";
import { writeFileAtomicSync } from "../../fs/write-file-atomic.ts";
import { checkHandoffPackage, type HandoffPackageCheck } from "../../handoff/check-handoff-package.ts";
import { localVerifier, rolesSigned, verificationProblems } from "../../handoff/handoff-verification.ts";
import { importHandoffPackage } from "../../handoff/import-handoff-package.ts";
import { TrustAnchors } from "../../xmldsig/trust-anchors.ts";
import { writeLine, type CliCommand, type CliIo } from "../cli-io.ts";
import { parseCliArgs } from "../parse-cli-args.ts";
import { fsErrorDetail } from "../../fs/fs-error-detail.ts";

const usage = `Cách dùng:
  hocba package create TỆP.xml... --out GÓI [--buoc gvcn|thu-truong|dong-dau] [--trust GỐC.pem]...
  hocba package check GÓI [--json] [--trust GỐC.pem]...
  hocba package import GÓI [--archive KHO] [--json] [--trust GỐC.pem]...

Gói bàn giao học bạ (<Lớp>_<NămHọc>_<Bước>.hocba.zip): các tệp XML đã ký của một lớp sau một bước
ký, kèm manifest.json và SHA256SUMS, để chuyển sang máy của người ký tiếp theo.
  create   kiểm tra chữ ký từng tệp rồi đóng gói; --out là tệp gói, hoặc thư mục (tên gói tự đặt);
           --buoc mặc định là vai trò ký cuối cùng mà mọi tệp đều có
  check    kiểm tra mọi tài liệu trong gói (chữ ký, tin cậy, thẩm quyền) và manifest/SHA256SUMS;
           trả mã 0 chỉ khi tất cả hợp lệ
  import   kiểm tra rồi đưa các tài liệu hợp lệ vào kho; tài liệu bị sửa, không tin cậy hoặc sai
           người ký bị từ chối riêng và được nêu tên; nhập lại lần nữa không thay đổi gì
  --trust  thêm chứng thư gốc tin cậy (ngoài native-host/trust-store)`;

export const command: CliCommand = { usage, run: runPackage };

async function readBounded(file: string, max: number): Promise<Buffer> {
  try {
    const { size } = await stat(file);
    if (size > max) throw new HocBaError("HANDOFF_ZIP_TOO_LARGE", { file, detail: `${size} byte` });
    return await readFile(file);
  } catch (err) {
    if (err instanceof HocBaError) throw err;
    throw new HocBaError("CLI_FILE_UNREADABLE", { file, detail: fsErrorDetail(err) });
  }
}

async function runPackage(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCliArgs(args, {
    out: { type: "string" },
    buoc: { type: "string" },
    trust: { type: "string", multiple: true },
    json: { type: "boolean" },
    archive: { type: "string" },
  });
  const [sub, ...rest] = parsed.positionals;
  const { values } = parsed;
  const anchors = TrustAnchors.load({
    trustRootFiles: (values.trust ?? []).map((f) => path.resolve(io.cwd, f)),
  });
  const verify = localVerifier(anchors);
  if (sub === "create") {
    if (rest.length === 0) throw new HocBaError("CLI_BAD_ARGS", { detail: "cần ít nhất một tệp học bạ" });
    if (!values.out) throw new HocBaError("CLI_BAD_ARGS", { detail: "thiếu --out GÓI" });
    const buoc = values.buoc === undefined ? undefined : HandoffBuoc.safeParse(values.buoc);
    if (buoc && !buoc.success) {
      throw new HocBaError("CLI_BAD_ARGS", {
        detail: `--buoc «${values.buoc}»: gvcn, thu-truong hoặc dong-dau`,
      });
    }
    return create(rest, values.out, buoc?.data, verify, io);
  }
  if (sub === "check" || sub === "import") {
    if (rest.length !== 1) {
      throw new HocBaError("CLI_BAD_ARGS", { detail: `cần đúng một gói: hocba package ${sub} GÓI` });
    }
    const file = path.resolve(io.cwd, rest[0] ?? "");
    const zip = await readBounded(file, HANDOFF_LIMITS.maxZipBytes);
    const fileName = path.basename(file);
    if (sub === "check") {
      const check = await checkHandoffPackage(zip, { fileName, verify });
      if (values.json) writeLine(io.stdout, JSON.stringify(checkJson(check), null, 2));
      else writeLine(io.stdout, formatCheck(check));
      return check.ok ? 0 : 1;
    }
    const where = archivePath({
      env: io.env,
      platform: process.platform,
      homedir: os.homedir(),
      flag: values.archive,
      cwd: io.cwd,
    });
    const archive = HocBaArchive.open(where);
    try {
      const result = await importHandoffPackage(archive, zip, {
        fileName,
        verify,
        batchId: `import-${randomUUID()}`,
      });
      if (values.json) {
        writeLine(
          io.stdout,
          JSON.stringify(
            {
              file: fileName,
              imported: result.imported,
              alreadyPresent: result.alreadyPresent,
              refused: result.refused,
              problems: result.check.problems,
              documents: result.documents,
            },
            null,
            2,
          ),
        );
      } else {
        const m = result.check.manifest;
        writeLine(
          io.stdout,
          `Nhập gói ${fileName}: lớp ${m.lop}, năm học ${m.namHoc}, bước ${m.buoc} → kho ${where}`,
        );
        for (const p of result.check.problems) writeLine(io.stdout, `  ! ${p.message}`);
        for (const d of result.documents) {
          const label = { imported: "đã nhập", "already-present": "đã có trong kho", refused: "TỪ CHỐI" }[
            d.outcome
          ];
          writeLine(io.stdout, `  ${label}: ${d.fileName} (${d.hoTen}, ${d.maHocVien})`);
          for (const p of d.problems) writeLine(io.stdout, `      - ${p.message}`);
        }
        writeLine(
          io.stdout,
          `Đã nhập ${result.imported}, đã có ${result.alreadyPresent}, từ chối ${result.refused} tài liệu.`,
        );
      }
      return result.refused === 0 ? 0 : 1;
    } finally {
      archive.close();
    }
  }
  throw new HocBaError("CLI_BAD_ARGS", {
    detail: `lệnh con phải là create, check hoặc import (nhận «${sub ?? ""}»)`,
  });
}

async function create(
  files: string[],
  out: string,
  buoc: HandoffBuoc | undefined,
  verify: ReturnType<typeof localVerifier>,
  io: CliIo,
): Promise<number> {
  const documents = [];
  const bad: string[] = [];
  for (const f of files) {
    const full = path.resolve(io.cwd, f);
    const bytes = await readBounded(full, HANDOFF_LIMITS.maxEntryBytes);
    const fileName = path.basename(full);
    const v = await verify(bytes, fileName);
    if (!v.valid) {
      bad.push(
        `${fileName}: ${verificationProblems(v)
          .map((p) => p.message)
          .join("; ")}`,
      );
      continue;
    }
    documents.push({ fileName, bytes, roles: rolesSigned(v) });
  }
  if (bad.length > 0) {
    writeLine(io.stderr, "Không đóng gói: các tệp sau không hợp lệ:");
    for (const line of bad) writeLine(io.stderr, `  - ${line}`);
    return 1;
  }
  const built = buildHandoffPackage({ documents, createdAt: new Date(), ...(buoc ? { buoc } : {}) });
  let target = path.resolve(io.cwd, out);
  try {
    if ((await stat(target)).isDirectory()) target = path.join(target, built.fileName);
  } catch {
    // Not there yet: the file to write.
  }
  writeFileAtomicSync(target, built.bytes);
  const m = built.manifest;
  writeLine(
    io.stdout,
    `Đã tạo gói ${target}: lớp ${m.lop}, năm học ${m.namHoc}, bước ${m.buoc}, ${m.documents.length} tài liệu.`,
  );
  return 0;
}

function checkJson(check: HandoffPackageCheck): unknown {
  const m = check.manifest;
  return {
    file: check.fileName,
    ok: check.ok,
    lop: m.lop,
    namHoc: m.namHoc,
    buoc: m.buoc,
    institution: m.institution,
    problems: check.problems,
    documents: check.documents.map((d) => ({
      fileName: d.fileName,
      maHocVien: d.maHocVien,
      hoTen: d.hoTen,
      ok: d.ok,
      complete: d.verification?.complete ?? false,
      roles: d.verification ? rolesSigned(d.verification) : [],
      problems: d.problems,
    })),
  };
}

function formatCheck(check: HandoffPackageCheck): string {
  const m = check.manifest;
  const bad = check.documents.filter((d) => !d.ok);
  const lines = [
    `Gói ${check.fileName}: lớp ${m.lop}, năm học ${m.namHoc}, ${m.institution.tenTruong}, bước ${m.buoc}, ${m.documents.length} tài liệu`,
  ];
  for (const p of check.problems) lines.push(`  ! ${p.message}`);
  for (const d of check.documents) {
    lines.push(`  ${d.ok ? "HỢP LỆ   " : "KHÔNG HỢP LỆ"} ${d.fileName} (${d.hoTen}, ${d.maHocVien})`);
    for (const p of d.problems) lines.push(`      - ${p.message}`);
  }
  lines.push(
    check.ok
      ? `Kết quả: gói hợp lệ, cả ${check.documents.length} tài liệu hợp lệ.`
      : `Kết quả: gói KHÔNG hợp lệ: ${bad.length}/${check.documents.length} tài liệu có lỗi${check.problems.length > 0 ? `, ${check.problems.length} lỗi của gói` : ""}.`,
  );
  return lines.join("\n");
}

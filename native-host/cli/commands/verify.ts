import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { HocBaError } from "../../../shared/errors/hocba-error.ts";
import { formatVerifyReport } from "../../verify/format-verify-report.ts";
import { HOCBA_INPUT_LIMITS } from "../../xmldsig/inspect-hocba.ts";
import { TrustAnchors } from "../../xmldsig/trust-anchors.ts";
import { verifyIssue } from "../../xmldsig/verify-issue.ts";
import { verifyHocBa, type VerifyReport } from "../../verify/verify-hocba.ts";
import { writeLine, type CliCommand, type CliIo } from "../cli-io.ts";
import { parseCliArgs } from "../parse-cli-args.ts";

const usage = `Cách dùng:
  hocba verify TỆP... [--trust GỐC.pem]... [--json]

Kiểm tra chữ ký số của các tệp học bạ: cấu trúc, toàn vẹn dữ liệu, thứ tự ký, chứng thư số của
người ký (chuỗi tới chứng thư gốc tin cậy, hiệu lực tại thời điểm ký, mục đích ký số).
  --trust   thêm chứng thư gốc tin cậy (PEM hoặc DER; có thể lặp lại). Luôn dùng thêm các tệp
            *.pem trong native-host/trust-store
  --json    in báo cáo dạng JSON (UTF-8)
Mã thoát: 0 khi mọi tệp đều hợp lệ hoàn toàn, 1 khi có tệp không hợp lệ.`;

export const command: CliCommand = { usage, run: runVerify };

async function runVerify(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCliArgs(args, { trust: { type: "string", multiple: true }, json: { type: "boolean" } });
  const files = parsed.positionals;
  if (files.length === 0) throw new HocBaError("CLI_BAD_ARGS", { detail: "cần ít nhất một tệp học bạ" });
  const anchors = TrustAnchors.load({
    trustRootFiles: (parsed.values.trust ?? []).map((f) => path.resolve(io.cwd, f)),
  });
  const reports: VerifyReport[] = [];
  const unreadable = (file: string, issue: ReturnType<typeof verifyIssue>): VerifyReport => ({
    file,
    ok: false,
    complete: false,
    roles: [],
    issues: [issue],
    signatures: [],
  });
  for (const file of files) {
    let bytes: Buffer;
    try {
      const full = path.resolve(io.cwd, file);
      // Not read at all when too large: the verifier would refuse it anyway, after the memory is spent.
      const { size } = await stat(full);
      if (size > HOCBA_INPUT_LIMITS.maxBytes) {
        reports.push(
          unreadable(file, verifyIssue("VERIFY_TOO_LARGE", { size, max: HOCBA_INPUT_LIMITS.maxBytes })),
        );
        continue;
      }
      bytes = await readFile(full);
    } catch (err) {
      const detail = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
      reports.push(unreadable(file, verifyIssue("CLI_FILE_UNREADABLE", { file, detail })));
      continue;
    }
    reports.push(await verifyHocBa(bytes, { anchors, file }));
  }
  const ok = reports.every((r) => r.ok);
  if (parsed.values.json) {
    // The canonical data stays out of the JSON: it is large, and `view` says what it holds.
    const light = reports.map((r) => ({
      ...r,
      ...(r.signedData ? { signedData: { view: r.signedData.view } } : {}),
    }));
    writeLine(io.stdout, JSON.stringify({ ok, files: light }, null, 2));
  } else {
    writeLine(io.stdout, reports.map(formatVerifyReport).join("\n\n"));
    if (files.length > 1) {
      const good = reports.filter((r) => r.ok).length;
      writeLine(io.stdout, `\nTổng cộng: ${good}/${reports.length} tệp hợp lệ.`);
    }
  }
  return ok ? 0 : 1;
}

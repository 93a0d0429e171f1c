import { readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { HocBaError } from "../../../shared/errors/hocba-error.ts";
import { fsErrorDetail } from "../../fs/fs-error-detail.ts";
import { formatVerifyReport } from "../../verify/format-verify-report.ts";
import { TrustAnchors } from "../../xmldsig/trust-anchors.ts";
import { verifyIssue } from "../../xmldsig/verify-issue.ts";
import { readHocBa } from "../../../shared/xml/hocbaso-v1/read-hoc-ba.ts";
import { unsignedHocBa } from "../../../shared/xml/hocbaso-v1/unsigned-hoc-ba.ts";
import type { VerifyReport } from "../../verify/verify-hocba.ts";
import { verifyFiles } from "../../verify/verify-files.ts";
import { testVerifyWorkers } from "../../verify/test-verify-workers.ts";
import { archiveExists, archivePath, processDataDirEnv } from "../../archive/data-dir.ts";
import { HocBaArchive } from "../../archive/hocba-archive.ts";
import { readRecordVersions } from "../../archive/read-record-versions.ts";
import {
  checkVersionChain,
  describeVersion,
  type VersionChainReport,
} from "../../verify/check-version-chain.ts";
import { formatVersionChain } from "../../verify/format-version-chain.ts";
import { writeLine, type CliCommand, type CliIo } from "../cli-io.ts";
import { parseCliArgs } from "../parse-cli-args.ts";

const usage = `Cách dùng:
  hocba verify TỆP... [--trust GỐC.pem]... [--previous BẢN_TRƯỚC.xml]... [--archive KHO | --chain] [--at NGÀY] [--json]

Kiểm tra chữ ký số của các tệp học bạ: cấu trúc, toàn vẹn dữ liệu, thứ tự ký, chứng thư số của
người ký (chuỗi tới chứng thư gốc tin cậy, hiệu lực tại thời điểm ký, mục đích ký số) và thẩm
quyền ký (người ký đúng là người học bạ ghi cho vai trò: GVCN, thủ trưởng hoặc cấp phó ký thay KT.,
con dấu của đơn vị).
  --trust   thêm chứng thư gốc tin cậy (PEM hoặc DER; có thể lặp lại). Luôn dùng thêm các tệp
            *.pem trong native-host/trust-store
  --at      kiểm tra như vào ngày NGÀY (ví dụ 2041-01-01 hoặc 2041-01-01T08:00:00+07:00): chữ ký không
            có dấu thời gian cần chứng thư còn hiệu lực vào ngày đó
  --json    in báo cáo dạng JSON (UTF-8)
Mỗi chữ ký có mức: B-B (thời điểm ký do người ký tự ghi) hoặc B-T (có dấu thời gian RFC 3161 của
đơn vị cấp dấu thời gian tin cậy; hiệu lực chứng thư được xét tại thời điểm của dấu thời gian).
Mỗi tệp cho biết là phiên bản nào của bản ghi (IdBanGhi) và, nếu là phiên bản sau, thay thế phiên
bản nào, lý do và các chỗ sửa. Kiểm tra chuỗi phiên bản (cùng IdBanGhi, phiên bản cao hơn đúng 1,
SHA-256 bản bị thay thế khớp, danh sách sửa đúng) khi có bản trước:
  --previous  tệp phiên bản trước (đã ký hoặc chưa; có thể lặp lại, ghép theo IdBanGhi)
  --archive   tìm phiên bản trước trong kho lưu KHO
  --chain     tìm phiên bản trước trong kho lưu mặc định của trình ký
Mã thoát: 0 khi mọi tệp đều hợp lệ hoàn toàn, 1 khi có tệp không hợp lệ.`;

export const command: CliCommand = { usage, run: runVerify };

/** --at: a date (midnight, Vietnam time) or a date-time with an offset. */
function parseAt(text: string): Date {
  const withTime = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00+07:00` : text;
  const ok = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})$/.test(withTime);
  const d = new Date(withTime);
  if (!ok || Number.isNaN(d.getTime())) {
    throw new HocBaError("CLI_BAD_ARGS", { detail: `--at «${text}»: cần ngày dạng 2041-01-01` });
  }
  return d;
}

async function runVerify(args: string[], io: CliIo): Promise<number> {
  const parsed = parseCliArgs(args, {
    trust: { type: "string", multiple: true },
    json: { type: "boolean" },
    previous: { type: "string", multiple: true },
    archive: { type: "string" },
    chain: { type: "boolean" },
    at: { type: "string" },
  });
  const at = parsed.values.at === undefined ? undefined : parseAt(parsed.values.at);
  const files = parsed.positionals;
  if (files.length === 0) throw new HocBaError("CLI_BAD_ARGS", { detail: "cần ít nhất một tệp học bạ" });
  const trustRootFiles = (parsed.values.trust ?? []).map((f) => path.resolve(io.cwd, f));
  const anchors = TrustAnchors.load({ trustRootFiles });
  // Earlier versions are read (and the archive opened) first: a missing one stops before the work.
  const chains = await openVersionChains(parsed.values, io);
  const json = parsed.values.json === true;
  // Many files are shared with worker threads (one per further idle core). Each report is reduced
  // to its text as it comes, so a large batch does not hold every file's data to the end.
  const workers = testVerifyWorkers(io.env);
  let results: Array<{ ok: boolean; text: string }>;
  try {
    results = await verifyFiles(
      files,
      {
        cwd: io.cwd,
        anchors,
        trustRootFiles,
        ...(at ? { at } : {}),
        ...(workers !== undefined ? { workers } : {}),
      },
      (r) => {
        const chain = chains.check(r);
        if (chain?.intact === false) r.ok = false;
        if (!json) {
          return {
            ok: r.ok,
            text: [formatVerifyReport(r), ...formatVersionChain(chain, r.roles)].join("\n"),
          };
        }
        // The canonical data stays out of the JSON: it is large, and `view` says what it holds.
        const light = {
          ...r,
          ...(r.signedData ? { signedData: { view: r.signedData.view } } : {}),
          ...(chain ? { versionChain: chain } : {}),
        };
        return { ok: r.ok, text: JSON.stringify(light, null, 2) };
      },
    );
  } finally {
    chains.close();
  }
  const ok = results.every((r) => r.ok);
  if (json) {
    // As JSON.stringify({ ok, files }, null, 2) would write it, from the files' own texts.
    const entries = results.map((r) => `    ${r.text.replaceAll("\n", "\n    ")}`).join(",\n");
    writeLine(io.stdout, `{\n  "ok": ${ok},\n  "files": [\n${entries}\n  ]\n}`);
  } else {
    writeLine(io.stdout, results.map((r) => r.text).join("\n\n"));
    if (files.length > 1) {
      const good = results.filter((r) => r.ok).length;
      writeLine(io.stdout, `\nTổng cộng: ${good}/${results.length} tệp hợp lệ.`);
    }
  }
  return ok ? 0 : 1;
}

/** Each report's place in its record's history, while the earlier versions stay at hand. */
interface VersionChains {
  check(report: VerifyReport): VersionChainReport | undefined;
  close(): void;
}

/**
 * Each file's place in its record's history (from its verified data only), checked against the
 * earlier version when one is given (--previous, matched by IdBanGhi; a single one is used as is)
 * or found in the archive (--archive, --chain).
 */
async function openVersionChains(
  values: { previous?: string[] | undefined; archive?: string | undefined; chain?: boolean | undefined },
  io: CliIo,
): Promise<VersionChains> {
  const previous: Array<{ file: string; bytes: Uint8Array; idBanGhi?: string }> = [];
  for (const file of values.previous ?? []) {
    let bytes: Buffer;
    try {
      bytes = await readFile(path.resolve(io.cwd, file));
    } catch (err) {
      const detail = fsErrorDetail(err);
      throw new HocBaError("CLI_FILE_UNREADABLE", { file, detail });
    }
    let idBanGhi: string | undefined;
    try {
      idBanGhi = readHocBa(unsignedHocBa(bytes) ?? bytes).ttChung.idBanGhi.toLowerCase();
    } catch {
      idBanGhi = undefined; // reported as unreadable when compared
    }
    previous.push({ file, bytes, ...(idBanGhi ? { idBanGhi } : {}) });
  }
  let archive: HocBaArchive | null = null;
  if (values.archive !== undefined || values.chain) {
    const file = archivePath({
      ...processDataDirEnv(io.env, os.homedir()),
      flag: values.archive,
      cwd: io.cwd,
    });
    if (!archiveExists(file)) throw new HocBaError("CLI_FILE_UNREADABLE", { file, detail: "ENOENT" });
    archive = HocBaArchive.open(file);
  }
  const check = (r: VerifyReport): VersionChainReport | undefined => {
    const view = r.signedData?.view;
    const data = r.signedData?.canonicalXml;
    if (!view || data === undefined) return undefined;
    const tt = view.ttChung;
    if (!tt.thayThe) return describeVersion(view);
    const id = tt.idBanGhi.toLowerCase();
    const given = previous.length === 1 ? previous[0] : previous.find((p) => p.idBanGhi === id);
    if (given) return checkVersionChain({ view, data }, given.bytes, given.file);
    if (archive) {
      const found = readRecordVersions(archive, {
        namHoc: tt.namHoc,
        maHocVien: view.hocVien.maHocVien,
        idBanGhi: tt.idBanGhi,
      }).versions.find((v) => v.phienBan === tt.thayThe?.phienBanTruoc);
      if (found) {
        return checkVersionChain(
          { view, data },
          found.unsigned,
          `${archive.path} #${found.documents[0]?.id ?? "?"}`,
        );
      }
      const missing = describeVersion(view);
      missing.intact = false;
      missing.issues.push(
        verifyIssue("VERSION_CHAIN_PREVIOUS_MISSING", {
          source: archive.path,
          phienBanTruoc: tt.thayThe.phienBanTruoc,
          idBanGhi: tt.idBanGhi,
        }),
      );
      return missing;
    }
    return describeVersion(view);
  };
  return { check, close: () => archive?.close() };
}

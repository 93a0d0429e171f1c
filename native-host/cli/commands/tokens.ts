import { HocBaError, isHocBaError } from "../../../shared/errors/hocba-error.ts";
import { allowsDocumentSigning, formatDateVi, type CertificateInfo } from "../../token/certificate-info.ts";
import { certificatePolicyProblem } from "../../token/certificate-policy.ts";
import { describePinStatusVi } from "../../token/pin-status.ts";
import { probeTokenModules, type TokenModuleCandidate } from "../../token/probe-token-modules.ts";
import {
  listTokens,
  openTokenSession,
  type TokenCertificate,
  type TokenSummary,
} from "../../token/token-session.ts";
import { writeLine, type CliCommand, type CliIo } from "../cli-io.ts";
import { modulePathArg } from "../module-path-arg.ts";
import { parseCliArgs } from "../parse-cli-args.ts";

const usage = `Cách dùng:
  hocba tokens [--module ĐƯỜNG_DẪN] [--json]

Liệt kê các USB token đang cắm và chứng thư số trên từng token (không cần mã PIN).
  --module   thư viện PKCS#11 của token (mặc định: dò các thư viện của nhà cung cấp chữ ký số Việt Nam
             có trên máy, theo danh sách shared/config/token-modules.json)
  --json     in kết quả dạng JSON (UTF-8)
Mã thoát: 0 khi thấy ít nhất một token, 1 khi không có token nào.`;

/** How a certificate can be used, for the listing. */
export type CertificateStatus =
  | "ky-duoc"
  | "het-han"
  | "chua-hieu-luc"
  | "khong-cho-phep-ky"
  | "khong-dat-chinh-sach"
  | "ca"
  | "khong-doc-duoc";

interface CertificateListing {
  label: string;
  id: string;
  status: CertificateStatus;
  commonName?: string;
  organization?: string;
  ids?: CertificateInfo["ids"];
  subjectSerialNumber?: string;
  keyUsage?: CertificateInfo["keyUsage"];
  subject?: string;
  issuer?: string;
  serial?: string;
  notBefore?: string;
  notAfter?: string;
  keyType?: string;
  keyBits?: number;
  error?: string;
}

interface ModuleListing {
  module: string;
  vendor: string;
  tokens: Array<TokenSummary & { certificates: CertificateListing[]; error?: string }>;
  error?: string;
}

export const command: CliCommand = {
  usage,
  run(args: string[], io: CliIo): Promise<number> {
    return Promise.resolve(runTokens(args, io));
  },
};

function statusOf(c: TokenCertificate, now: Date): CertificateStatus {
  const i = c.info;
  if (!i) return "khong-doc-duoc";
  if (i.isCa) return "ca";
  if (now > i.notAfter) return "het-han";
  if (now < i.notBefore) return "chua-hieu-luc";
  if (!allowsDocumentSigning(i)) return "khong-cho-phep-ky";
  return certificatePolicyProblem(i) ? "khong-dat-chinh-sach" : "ky-duoc";
}

const STATUS_VI: Readonly<Record<CertificateStatus, string>> = {
  "ky-duoc": "dùng để ký được",
  "het-han": "HẾT HẠN",
  "chua-hieu-luc": "CHƯA CÓ HIỆU LỰC",
  "khong-cho-phep-ky": "không cho phép ký số",
  "khong-dat-chinh-sach":
    "không dùng để ký học bạ (khoá yếu, ký bằng SHA-1, sai mục đích sử dụng hoặc có phần mở rộng lạ)",
  ca: "chứng thư của tổ chức cấp (CA)",
  "khong-doc-duoc": "không đọc được",
};

function listCertificates(t: TokenSummary, now: Date): CertificateListing[] {
  const session = openTokenSession({ modulePath: t.modulePath, tokenLabel: t.label });
  try {
    const certs = session.listCertificates(); // by ID, as the token session lists them
    return certs.map((c) => {
      const i = c.info;
      return {
        label: c.label,
        id: c.id,
        status: statusOf(c, now),
        ...(i
          ? {
              commonName: i.commonName,
              ...(i.organization ? { organization: i.organization } : {}),
              ids: i.ids,
              ...(i.subjectSerialNumber ? { subjectSerialNumber: i.subjectSerialNumber } : {}),
              ...(i.keyUsage ? { keyUsage: i.keyUsage } : {}),
              subject: i.subject,
              issuer: i.issuer,
              serial: i.serialHex,
              notBefore: i.notBefore.toISOString(),
              notAfter: i.notAfter.toISOString(),
              keyType: i.keyType,
              ...(i.keyBits !== undefined ? { keyBits: i.keyBits } : {}),
            }
          : { error: c.error ?? "" }),
      };
    });
  } finally {
    session.close();
  }
}

function runTokens(args: string[], io: CliIo): number {
  const { values } = parseCliArgs(args, { module: { type: "string" }, json: { type: "boolean" } }, false);
  const modules: TokenModuleCandidate[] = values.module
    ? [{ vendor: "--module", path: modulePathArg(values.module, io.cwd), verified: true }]
    : probeTokenModules({ env: io.env });
  if (modules.length === 0) throw new HocBaError("TOKEN_MODULE_NOT_FOUND");
  const now = new Date();
  const listing: ModuleListing[] = [];
  for (const m of modules) {
    try {
      const tokens = listTokens({ modulePath: m.path }).map((t) => {
        try {
          return { ...t, certificates: listCertificates(t, now) };
        } catch (err) {
          return { ...t, certificates: [], error: isHocBaError(err) ? err.message : String(err) };
        }
      });
      listing.push({ module: m.path, vendor: m.vendor, tokens });
    } catch (err) {
      // With an explicit --module the failure is the answer; when probing, other modules may work.
      if (values.module) throw err;
      listing.push({
        module: m.path,
        vendor: m.vendor,
        tokens: [],
        error: isHocBaError(err) ? err.message : String(err),
      });
    }
  }
  const count = listing.reduce((n, m) => n + m.tokens.length, 0);
  if (values.json) writeLine(io.stdout, JSON.stringify({ modules: listing }, null, 2));
  else printListing(listing, io);
  if (count === 0) {
    writeLine(
      io.stderr,
      `Lỗi: ${new HocBaError("TOKEN_NONE_PRESENT", { module: modules.map((m) => m.path).join(", ") }).message}`,
    );
    return 1;
  }
  return 0;
}

function printListing(listing: ModuleListing[], io: CliIo): void {
  for (const m of listing) {
    writeLine(io.stdout, `Thư viện PKCS#11: ${m.module} (${m.vendor})`);
    if (m.error) writeLine(io.stdout, `  Lỗi: ${m.error}`);
    if (!m.error && m.tokens.length === 0) writeLine(io.stdout, "  (không có token nào đang cắm)");
    for (const t of m.tokens) {
      writeLine(io.stdout, `  Token «${t.label}»: ${t.manufacturer} ${t.model}, số sê-ri ${t.serialNumber}`);
      writeLine(io.stdout, `    Trạng thái PIN: ${describePinStatusVi(t.pin)}`);
      if (t.error) writeLine(io.stdout, `    Lỗi: ${t.error}`);
      if (t.certificates.length === 0 && !t.error) writeLine(io.stdout, "    (không có chứng thư số)");
      for (const c of t.certificates) {
        const who = [c.commonName, c.ids?.cccd && `CCCD ${c.ids.cccd}`, c.ids?.mst && `MST ${c.ids.mst}`]
          .filter(Boolean)
          .join(", ");
        writeLine(
          io.stdout,
          `    [ID ${c.id}] «${c.label}»: ${who || c.error || ""} (${STATUS_VI[c.status]})`,
        );
        if (c.notBefore && c.notAfter) {
          writeLine(
            io.stdout,
            `        cấp bởi: ${c.issuer ?? ""}; số hiệu ${c.serial ?? ""}; hiệu lực ${formatDateVi(new Date(c.notBefore))} – ${formatDateVi(new Date(c.notAfter))}; khoá ${c.keyType ?? ""}${c.keyBits ? ` ${c.keyBits} bit` : ""}`,
          );
        }
      }
    }
  }
}

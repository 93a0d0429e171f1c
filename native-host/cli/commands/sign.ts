import { randomBytes } from "node:crypto";
import { readFileSync, realpathSync, rmdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { HocBaError, isHocBaError } from "../../../shared/errors/hocba-error.ts";
import { fsErrorDetail } from "../../fs/fs-error-detail.ts";
import { makeFolder } from "../../fs/make-folder.ts";
import { formatMessage } from "../../../shared/errors/message-table.ts";
import { archivePath } from "../../archive/data-dir.ts";
import { HocBaArchive } from "../../archive/hocba-archive.ts";
import { signArchivedBatch } from "../../archive/sign-archived-batch.ts";
import { checkResumable } from "../../sign/check-resumable.ts";
import { checkedOnFirstRead, checkSignable } from "../../sign/check-signable.ts";
import { CheckedDocuments } from "../../sign/checked-documents.ts";
import { expectedCertificate } from "../../sign/expected-certificate.ts";
import { roleLabel } from "../../xmldsig/role-label.ts";
import { tokenBatchSigner } from "../../sign/token-batch-signer.ts";
import { checkTsaUrl, requestTimestamp, type TsaSettings } from "../../trust/request-timestamp.ts";
import { checkSignerRevocation } from "../../sign/check-signer-revocation.ts";
import { completeSignerChain } from "../../sign/complete-signer-chain.ts";
import { collectValidationData } from "../../sign/collect-validation-data.ts";
import { describeCertificate } from "../../token/certificate-info.ts";
import { findTokenModule } from "../../token/find-token-module.ts";
import { readPinLine } from "../../token/read-pin.ts";
import { openTokenSession } from "../../token/token-session.ts";
import type { TokenSigner } from "../../token/token-signer.ts";
import { TrustAnchors } from "../../xmldsig/trust-anchors.ts";
import { writeLine, type CliCommand, type CliIo } from "../cli-io.ts";
import { modulePathArg } from "../module-path-arg.ts";
import { parseCliArgs } from "../parse-cli-args.ts";
import { SignedOutputs } from "../signed-outputs.ts";
import { parseSigningRole } from "../parse-signing-role.ts";
import { signedLevel, type SignatureLevel } from "../../sign/signed-level.ts";

const usage = `Cách dùng:
  hocba sign TỆP... --role gvcn|thu-truong|don-vi --token NHÃN [--cert NHÃN|ID] [--module ĐƯỜNG_DẪN]
             (--pin-stdin | --pin-env TÊN_BIẾN) --out THƯ_MỤC [--trust GỐC.pem]... [--archive TỆP]
             [--tsa URL [--allow-no-timestamp]] [--require-revocation] [--allow-revocation-unchecked]
             [--crl-fallback] [--no-issuer-download] [--json]

Ký số các tệp học bạ bằng USB token, theo vai trò và đúng thứ tự: gvcn (giáo viên chủ nhiệm), rồi
thu-truong (Giám đốc/Hiệu trưởng), rồi don-vi (con dấu đơn vị). Văn bản hủy học bạ (SuKien CANCEL,
"hocba build --cancel") do thu-truong ký trước, rồi có thể don-vi; gvcn không ký văn bản hủy.
Đăng nhập token một lần cho cả lớp.
Chỉ ký bằng chứng thư số của người học bạ ghi cho vai trò (GVCN; thủ trưởng, hoặc cấp phó ký thay
KT. khi học bạ ghi; chứng thư tổ chức của đơn vị trong TenTruong): tệp ghi người khác bị từ chối
trước khi hỏi mã PIN, nêu tên cả hai người.
Bản đã ký được ghi vào THƯ_MỤC, cùng tên tệp; tệp gốc không bị sửa. Mỗi bản đã ký được lưu vào kho
(như trình ký của tiện ích) ngay sau khi ký; chạy lại sau khi bị ngắt thì tệp nào đã ký với vai trò
này được lấy từ kho, không ký lại, nếu bản trong kho do chính chứng thư đang chọn ký và vẫn hợp lệ
(với --trust nếu có); nếu không, tệp được ký lại và kết quả ghi rõ lý do.
  --token       nhãn của token (xem "hocba tokens")
  --cert        nhãn hoặc ID (hệ 16) của chứng thư số, khi token có nhiều chứng thư ký được
  --module      thư viện PKCS#11 của token (mặc định: dò theo danh sách nhà cung cấp)
  --pin-stdin   đọc mã PIN từ một dòng của đầu vào chuẩn (không hiện khi gõ)
  --pin-env     đọc mã PIN từ biến môi trường TÊN_BIẾN
  --trust       kiểm tra thêm chứng thư của các chữ ký có sẵn tới chứng thư gốc này
  --archive     kho lưu (mặc định: biến HOCBA_ARCHIVE, hoặc archive.sqlite trong thư mục dữ liệu)
  --tsa         máy chủ cấp dấu thời gian RFC 3161 (mặc định: biến HOCBA_TSA_URL; không có thì chữ ký
                ở mức B-B). Mỗi chữ ký được gắn dấu thời gian (mức B-T) trước khi ghi tệp; không kết
                nối được thì dừng trước khi hỏi mã PIN
  --allow-no-timestamp  khi không kết nối được máy chủ dấu thời gian, vẫn ký ở mức B-B (ghi cảnh báo)
Trước khi hỏi mã PIN, chứng thư số được kiểm tra thu hồi qua OCSP, hoặc CRL khi chứng thư chỉ ghi
địa chỉ CRL: chứng thư đã bị thu hồi thì không ký; chứng thư không ghi địa chỉ nào thì ký kèm cảnh
báo. Có --tsa thì sau dấu thời gian, câu trả lời OCSP (hoặc CRL) và các chứng thư của chuỗi được lưu
vào chữ ký (mức B-LT) để kiểm tra lại được nhiều năm sau mà không cần mạng.
  --require-revocation          không ký khi chứng thư không ghi địa chỉ OCSP hay CRL
  --allow-revocation-unchecked  khi không kết nối được máy chủ OCSP/CRL, vẫn ký (ghi cảnh báo; B-T)
  --crl-fallback                khi máy chủ OCSP không trả lời được, kiểm tra bằng CRL của chứng thư
Cũng trước khi hỏi mã PIN: token không có chứng thư CA trung gian đã cấp chứng thư số thì chứng thư
đó được lấy từ thư mục trust-store của chương trình ký (IT đặt vào), nếu không có thì tải từ địa chỉ
caIssuers ghi trong chứng thư (HTTP); chứng thư trung gian được ghi vào chữ ký, sau chứng thư người
ký, để kiểm tra được mà không cần mạng. Không tải được, hoặc tải về không đúng chứng thư: không ký.
  --no-issuer-download          không tải chứng thư CA trung gian qua mạng (chỉ dùng token và trust-store)
  --json        in kết quả dạng JSON (UTF-8)
Mã PIN không bao giờ được in, ghi nhật ký hay lưu lại; nhập sai thì không tự thử lại.
Mã thoát: 0 khi mọi tệp đều được ký, 1 khi có tệp không ký được (các tệp khác vẫn được ký).`;

export const command: CliCommand = { usage, run: runSign };

interface FileOutcome {
  index: number;
  file: string;
  ok: boolean;
  output?: string;
  /** Taken from the archive: signed by an earlier run, not signed again. */
  resumed?: boolean;
  /** Signed again although archived: why the archived copy was not used. */
  renewed?: { code: string; message: string };
  error?: { code: string; message: string };
}

function asHocBaError(err: unknown): HocBaError {
  if (isHocBaError(err)) return err;
  return new HocBaError(
    "CLI_INTERNAL",
    { detail: err instanceof Error ? err.message : String(err) },
    { cause: err },
  );
}

async function runSign(args: string[], io: CliIo): Promise<number> {
  // parseCliArgs: Vietnamese reasons, and `--out a --out b` refused rather than the last one taken.
  const parsed = parseCliArgs(args, {
    role: { type: "string" },
    token: { type: "string" },
    cert: { type: "string" },
    module: { type: "string" },
    "pin-stdin": { type: "boolean" },
    "pin-env": { type: "string" },
    out: { type: "string" },
    trust: { type: "string", multiple: true },
    archive: { type: "string" },
    tsa: { type: "string" },
    "allow-no-timestamp": { type: "boolean" },
    "require-revocation": { type: "boolean" },
    "allow-revocation-unchecked": { type: "boolean" },
    "crl-fallback": { type: "boolean" },
    "no-issuer-download": { type: "boolean" },
    json: { type: "boolean" },
  });
  const v = parsed.values;
  const files = parsed.positionals.map((f) => path.resolve(io.cwd, f));
  if (files.length === 0) throw new HocBaError("CLI_BAD_ARGS", { detail: "cần ít nhất một tệp học bạ" });
  if (!v.role) throw new HocBaError("CLI_BAD_ARGS", { detail: "thiếu --role gvcn|thu-truong|don-vi" });
  const tokenLabel = v.token;
  if (!tokenLabel) {
    throw new HocBaError("CLI_BAD_ARGS", { detail: "thiếu --token NHÃN (xem «hocba tokens»)" });
  }
  if (!v.out) throw new HocBaError("CLI_BAD_ARGS", { detail: "thiếu --out THƯ_MỤC" });
  if (v["pin-stdin"] === (v["pin-env"] !== undefined)) throw new HocBaError("SIGN_PIN_SOURCE");
  const role = parseSigningRole(v.role);
  const outDir = path.resolve(io.cwd, v.out);
  checkOutputs(files, outDir);
  const anchors = v.trust?.length
    ? TrustAnchors.load({ trustRootFiles: v.trust.map((f) => path.resolve(io.cwd, f)) })
    : undefined;

  let pin: string | undefined;
  if (v["pin-env"] !== undefined) {
    pin = io.env[v["pin-env"]];
    if (!pin) throw new HocBaError("SIGN_PIN_ENV_EMPTY", { name: v["pin-env"] });
  }
  const archiveFile = archivePath({
    env: io.env,
    platform: process.platform,
    homedir: os.homedir(),
    flag: v.archive,
    cwd: io.cwd,
  });
  const tsaUrl = v.tsa ?? (io.env.HOCBA_TSA_URL || undefined);
  const tsa: TsaSettings | undefined = tsaUrl ? { url: tsaUrl } : undefined;
  // A typo is said now (exit 1, before the token), never taken for an unreachable server that
  // --allow-no-timestamp would sign past.
  if (tsa) checkTsaUrl(tsa.url);
  // Recorded in the batch-started audit entry: the level this run signs at, and why.
  const audit: Record<string, string> = {
    tool: "hocba sign",
    tokenLabel,
    ...(v.cert !== undefined ? { cert: v.cert } : {}),
    level: tsa ? "B-T" : "B-B",
    ...(tsa ? { tsa: tsa.url } : {}),
  };
  let timestamp: ((data: Buffer) => Promise<Uint8Array>) | undefined;
  /** Asks the TSA once before the login: an unreachable TSA stops the run before the PIN. */
  const checkTsa = async (): Promise<void> => {
    if (!tsa) return;
    try {
      await requestTimestamp(tsa, Buffer.from("hocba: kiểm tra máy chủ dấu thời gian", "utf8"));
      timestamp = (data) => requestTimestamp(tsa, data).then((t) => t.token);
    } catch (err) {
      if (!v["allow-no-timestamp"] || !isHocBaError(err)) throw err;
      const warning = formatMessage("TSA_FALLBACK_NO_TIMESTAMP", { url: tsa.url, detail: err.message });
      writeLine(io.stderr, `⚠ ${warning}`);
      audit.level = "B-B";
      audit.timestampWarning = warning;
    }
  };
  const revocationSettings = {
    require: v["require-revocation"] === true,
    allowUnchecked: v["allow-revocation-unchecked"] === true,
    crlFallback: v["crl-fallback"] === true,
  };
  // The token's certificates (public objects): the signer's issuer, maybe the root (B-LT); and the
  // CA certificates the token lacks, from the trust store or the certificate's caIssuers.
  let candidates: Buffer[] = [];
  // KeyInfo's CA certificates, completed before the login for this certificate.
  let completed: { leaf: Buffer; chain: Buffer[] } | undefined;
  // The trust store's intermediates and roots, read only when the token lacks an issuer.
  let storeAnchors: TrustAnchors | undefined;
  const store = (): TrustAnchors => (storeAnchors ??= anchors ?? TrustAnchors.load());
  /**
   * Before the login: the chain of the certificate this run signs with is completed (a download
   * that fails refuses here), and the certificate must not be revoked.
   */
  const checkRevocationBeforeLogin = async (): Promise<void> => {
    const leaf = await certificateBeforeLogin().catch(() => undefined);
    if (!leaf) return;
    const session = openTokenSession({ modulePath: tokenModule(), tokenLabel });
    try {
      candidates = session.listCertificates().map((c) => c.der);
    } finally {
      session.close();
    }
    const issuers = await completeSignerChain(leaf, candidates, store, {
      download: v["no-issuer-download"] !== true,
    });
    completed = { leaf, chain: issuers.chain };
    candidates = [...candidates, ...issuers.chain];
    if (issuers.downloaded.length > 0) audit.caIssuers = issuers.downloaded.join(" ");
    const finding = await checkSignerRevocation(leaf, candidates, revocationSettings);
    Object.assign(audit, finding.audit);
    if (finding.warning) writeLine(io.stderr, `⚠ ${finding.warning}`);
  };
  const archive = HocBaArchive.open(archiveFile);
  // This run's commits wait for the disk once per group reported together, on libuv's pool beside
  // the output files' fsyncs, not each on the main thread: every document is still on disk, file
  // and archive, before its line.
  const syncsArchive = archive.deferDurability();
  const outcomes: FileOutcome[] = [];
  const outputs = new SignedOutputs(syncsArchive ? { sync: () => archive.durable() } : {});
  // Facts of the files checked before the login, so that signing does not parse them again.
  const checked = new CheckedDocuments();
  let modulePath: string | undefined;
  const tokenModule = (): string =>
    (modulePath ??=
      v.module !== undefined
        ? modulePathArg(v.module, io.cwd)
        : findTokenModule(tokenLabel, { env: io.env }));
  let tokenSigner: TokenSigner | undefined;
  let tokenName: string | undefined;
  let madeOutDir = false;
  // Who signed the copies taken from the archive, for the summary when no login was needed.
  let archivedCert: Buffer | undefined;
  // The levels of the documents taken from the archive: a run that signs nothing reports those.
  const resumedLevels = new Set<SignatureLevel>();
  const record = (o: FileOutcome): void => {
    outcomes.push(o);
    if (!v.json) printOutcome(o, io);
  };
  // The certificate this run signs with, read once before the login (a token's certificates are
  // public objects): archived copies answer by it, and every file is checked against the
  // signer-authority rule with it, so someone the records do not name never gets to the PIN.
  let beforeLogin: Promise<Buffer | undefined> | undefined;
  const certificateBeforeLogin = (): Promise<Buffer | undefined> =>
    (beforeLogin ??= new Promise((resolve) => {
      const session = openTokenSession({ modulePath: tokenModule(), tokenLabel });
      try {
        resolve(expectedCertificate(session.listCertificates(), v.cert));
      } finally {
        session.close();
      }
    }));
  try {
    const result = await signArchivedBatch({
      archive,
      batchId: `cli-${new Date().toISOString()}-${randomBytes(3).toString("hex")}`,
      role,
      documents: files.map((file, index) => ({
        index,
        fileName: path.basename(file),
        // Checked (format, XSD, signing order, signer authority) on the first read, which comes
        // before the login: files that may not be signed never ask for the PIN nor spend a PIN try.
        read: checkedOnFirstRead(
          // Synchronous: a small file in the page cache reads faster than a thread-pool round trip,
          // and those threads are the token's (npm run bench, cli-bench).
          () => {
            try {
              return readFileSync(file);
            } catch (err) {
              const detail = fsErrorDetail(err);
              throw new HocBaError("CLI_FILE_UNREADABLE", { file, detail });
            }
          },
          role,
          certificateBeforeLogin,
          (bytes, r, subject) => checkSignable(bytes, r, subject, checked),
        ),
      })),
      // Read before the login: a rerun of a finished class answers from the archive without a PIN,
      // but only with copies this certificate signed.
      expectedCertificate: certificateBeforeLogin,
      checkResume: checkResumable({ role, trust: anchors }),
      // Only when something is left to sign.
      openSigner: async () => {
        await checkRevocationBeforeLogin();
        await checkTsa();
        const session = openTokenSession({ modulePath: tokenModule(), tokenLabel });
        try {
          if (v["pin-stdin"] && !session.pinStatus().protectedAuthPath) {
            pin = await readPinLine(io.stdin, io.stderr);
          }
          session.login(pin);
          pin = undefined;
          tokenSigner = session.selectSigner(v.cert !== undefined ? { cert: v.cert } : {});
          tokenName = session.label;
          // B-LT: validation data after each timestamp, when the certificate names where to ask.
          const lt = timestamp && audit.revocation === "good";
          if (lt) audit.level = "B-LT";
          const chain = completed?.leaf.equals(tokenSigner.certificate) ? completed.chain : undefined;
          return tokenBatchSigner(tokenSigner, {
            chain,
            trust: anchors,
            close: () => session.close(),
            timestamp,
            validationData: lt ? collectValidationData(candidates, revocationSettings) : undefined,
            checked,
          });
        } catch (err) {
          session.close();
          throw err;
        } finally {
          pin = undefined;
        }
      },
      audit,
      // More documents in flight than the helper keeps (4): the ones the token signs while the
      // archive commits form the next group, one fsync for all of them. The CLI has no cancel to
      // keep quick (Ctrl-C ends the process; what is archived is kept).
      window: 16,
      // Up to 8 stored in one transaction: the reports wait for the files' fsyncs anyway.
      gather: 8,
      callerSyncsArchive: syncsArchive,
      onEvent: async (event) => {
        if (event.type === "progress") return;
        const file = files[event.index] ?? event.fileName;
        if (event.type === "signed") {
          const target = path.join(outDir, path.basename(file));
          if (!madeOutDir) {
            makeFolder(outDir);
            madeOutDir = true;
          }
          if (event.resumed) {
            archivedCert ??= event.document.signerCertDer;
            const level = signedLevel(event.document.bytes, role);
            if (level) resumedLevels.add(level);
          }
          const { index, resumed, renewed } = event;
          // Written while the token signs the next ones (a folder fsync per group, not per file),
          // and reported only once on disk; the document is in the archive already. The batch
          // waits here only when many are waiting to be written.
          await outputs.write(target, event.document.bytes, (error) =>
            record(
              error
                ? { index, file, ok: false, error: { code: error.code, message: error.message } }
                : {
                    index,
                    file,
                    ok: true,
                    output: target,
                    resumed,
                    ...(renewed ? { renewed: { code: renewed.code, message: renewed.message } } : {}),
                  },
            ),
          );
          return;
        }
        const e = asHocBaError(event.error);
        outputs.then(() =>
          record({ index: event.index, file, ok: false, error: { code: e.code, message: e.message } }),
        );
      },
    }).finally(() => outputs.drain());
    outcomes.sort((a, b) => a.index - b.index);
    const ok = outcomes.filter((o) => o.ok).length;
    const signer = tokenSigner?.info ?? (archivedCert ? describeCertificate(archivedCert) : undefined);
    if (v.json) {
      writeLine(
        io.stdout,
        JSON.stringify(
          {
            ok: ok === files.length,
            role,
            signer: signer
              ? {
                  name: signer.commonName,
                  ...signer.ids,
                  certSerial: signer.serialHex,
                  ...(tokenName !== undefined ? { token: tokenName } : {}),
                }
              : null,
            archive: archiveFile,
            level: tokenSigner || resumedLevels.size === 0 ? audit.level : lowestLevel(resumedLevels),
            ...(audit.timestampWarning ? { timestampWarning: audit.timestampWarning } : {}),
            ...(audit.revocation ? { revocation: audit.revocation } : {}),
            ...(audit.revocationWarning ? { revocationWarning: audit.revocationWarning } : {}),
            files: outcomes.map(({ index: _index, ...o }) => o),
          },
          null,
          2,
        ),
      );
    } else {
      const summary = formatMessage("SIGN_SUMMARY", {
        ok,
        total: files.length,
        role: roleLabel(role),
        signer: signer?.commonName ?? "?",
      });
      writeLine(io.stdout, summary);
      if (!tsa) writeLine(io.stdout, formatMessage("TSA_NOT_CONFIGURED"));
      if (result.resumed > 0) {
        writeLine(
          io.stdout,
          formatMessage("SIGN_SUMMARY_ARCHIVE", { resumed: result.resumed, archive: archiveFile }),
        );
      }
      const renewed = outcomes.filter((o) => o.renewed).length;
      if (renewed > 0) writeLine(io.stdout, formatMessage("SIGN_SUMMARY_RESIGNED", { count: renewed }));
    }
    return ok === files.length ? 0 : 1;
  } finally {
    archive.close();
  }
}

function printOutcome(o: FileOutcome, io: CliIo): void {
  const from = o.resumed
    ? ` (${formatMessage("SIGN_FROM_ARCHIVE")})`
    : o.renewed
      ? ` (${formatMessage("SIGN_RESIGNED", { reason: o.renewed.message })})`
      : "";
  if (o.ok) writeLine(io.stdout, `✓ ${o.file} → ${o.output ?? ""}${from}`);
  else writeLine(io.stderr, `✗ ${o.file}: ${o.error?.message ?? ""}`);
}

/**
 * Refuses, before the PIN is asked, an output folder that cannot be made (a file on its path, a
 * place like /proc), an output folder that would overwrite an input, and two inputs with the same
 * name. The folder is made and removed again: it is made for good after the first signature, so a
 * run that signs nothing leaves none.
 */
function checkOutputs(files: string[], outDir: string): void {
  for (const made of makeFolder(outDir).reverse()) rmdirSync(made);
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return p;
    }
  };
  const outReal = real(outDir);
  const names = new Set<string>();
  for (const f of files) {
    const name = path.basename(f);
    if (names.has(name)) throw new HocBaError("SIGN_DUPLICATE_OUTPUT", { name });
    names.add(name);
    if (real(path.dirname(f)) === outReal) {
      throw new HocBaError("SIGN_OUT_IS_INPUT", { dir: outDir, file: f });
    }
  }
}

/** The weakest of some documents' levels (what the whole run can promise). */
function lowestLevel(levels: ReadonlySet<SignatureLevel>): SignatureLevel {
  return (["B-B", "B-T", "B-LT"] as const).find((l) => levels.has(l)) ?? "B-B";
}

import { realpathSync } from "node:fs";
import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { HocBaError, isHocBaError } from "../../../shared/errors/hocba-error.ts";
import { formatMessage } from "../../../shared/errors/message-table.ts";
import { writeFileAtomic } from "../../fs/write-file-atomic.ts";
import { parseVaiTroKy, roleDisplay } from "../../sign/roles.ts";
import { signHocBaBatch, type HocBaInput } from "../../sign/sign-hocba-batch.ts";
import { findTokenModule } from "../../token/find-token-module.ts";
import { readPinLine } from "../../token/read-pin.ts";
import { openTokenSession } from "../../token/token-session.ts";
import { TrustAnchors } from "../../verify/trust-anchors.ts";
import { writeLine, type CliCommand, type CliIo } from "../cli-io.ts";

const usage = `Cách dùng:
  hocba sign TỆP... --role gvcn|thu-truong|don-vi --token NHÃN [--cert NHÃN|ID] [--module ĐƯỜNG_DẪN]
             (--pin-stdin | --pin-env TÊN_BIẾN) --out THƯ_MỤC [--trust GỐC.pem]... [--json]

Ký số các tệp học bạ bằng USB token, theo vai trò và đúng thứ tự: gvcn (giáo viên chủ nhiệm), rồi
thu-truong (Giám đốc/Hiệu trưởng), rồi don-vi (con dấu đơn vị). Đăng nhập token một lần cho cả lớp.
Bản đã ký được ghi vào THƯ_MỤC, cùng tên tệp; tệp gốc không bị sửa.
  --token       nhãn của token (xem "hocba tokens")
  --cert        nhãn hoặc ID (hệ 16) của chứng thư số, khi token có nhiều chứng thư ký được
  --module      thư viện PKCS#11 của token (mặc định: dò theo danh sách nhà cung cấp)
  --pin-stdin   đọc mã PIN từ một dòng của đầu vào chuẩn (không hiện khi gõ)
  --pin-env     đọc mã PIN từ biến môi trường TÊN_BIẾN
  --trust       kiểm tra thêm chứng thư của các chữ ký có sẵn tới chứng thư gốc này
  --json        in kết quả dạng JSON (UTF-8)
Mã PIN không bao giờ được in, ghi nhật ký hay lưu lại; nhập sai thì không tự thử lại.
Mã thoát: 0 khi mọi tệp đều được ký, 1 khi có tệp không ký được (các tệp khác vẫn được ký).`;

export const command: CliCommand = { usage, run: runSign };

interface FileOutcome {
  file: string;
  ok: boolean;
  output?: string;
  error?: { code: string; message: string };
}

async function runSign(args: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args,
      allowPositionals: true,
      options: {
        role: { type: "string" },
        token: { type: "string" },
        cert: { type: "string" },
        module: { type: "string" },
        "pin-stdin": { type: "boolean" },
        "pin-env": { type: "string" },
        out: { type: "string" },
        trust: { type: "string", multiple: true },
        json: { type: "boolean" },
      },
    });
  } catch (err) {
    throw new HocBaError("CLI_BAD_ARGS", { detail: (err as Error).message });
  }
  const v = parsed.values;
  const files = parsed.positionals.map((f) => path.resolve(io.cwd, f));
  if (files.length === 0) throw new HocBaError("CLI_BAD_ARGS", { detail: "cần ít nhất một tệp học bạ" });
  if (!v.role) throw new HocBaError("CLI_BAD_ARGS", { detail: "thiếu --role gvcn|thu-truong|don-vi" });
  if (!v.token) throw new HocBaError("CLI_BAD_ARGS", { detail: "thiếu --token NHÃN (xem «hocba tokens»)" });
  if (!v.out) throw new HocBaError("CLI_BAD_ARGS", { detail: "thiếu --out THƯ_MỤC" });
  if (v["pin-stdin"] === (v["pin-env"] !== undefined)) throw new HocBaError("SIGN_PIN_SOURCE");
  const role = parseVaiTroKy(v.role);
  const outDir = path.resolve(io.cwd, v.out);
  checkOutputs(files, outDir);
  const anchors = v.trust?.length
    ? TrustAnchors.load({ trustRootFiles: v.trust.map((f) => path.resolve(io.cwd, f)) })
    : undefined;
  const modulePath = v.module ?? findTokenModule(v.token, { env: io.env });

  let pin: string | undefined;
  if (v["pin-env"] !== undefined) {
    pin = io.env[v["pin-env"]];
    if (!pin) throw new HocBaError("SIGN_PIN_ENV_EMPTY", { name: v["pin-env"] });
  }
  const session = openTokenSession({ modulePath, tokenLabel: v.token });
  const outcomes: FileOutcome[] = [];
  try {
    if (v["pin-stdin"] && !session.pinStatus().protectedAuthPath) {
      pin = await readPinLine(io.stdin, io.stderr);
    }
    session.login(pin);
    pin = undefined;
    const signer = session.selectSigner(v.cert !== undefined ? { cert: v.cert } : {});
    await mkdir(outDir, { recursive: true });

    const unreadable = new Map<string, FileOutcome>();
    async function* inputs(): AsyncGenerator<HocBaInput> {
      for (const file of files) {
        try {
          yield { name: file, bytes: await readFile(file) };
        } catch (err) {
          const detail = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
          const e = new HocBaError("CLI_FILE_UNREADABLE", { file, detail });
          unreadable.set(file, { file, ok: false, error: { code: e.code, message: e.message } });
        }
      }
    }
    for await (const r of signHocBaBatch(signer, inputs(), role, anchors ? { trust: anchors } : {})) {
      if (r.ok) {
        const target = path.join(outDir, path.basename(r.name));
        try {
          await writeFileAtomic(target, r.bytes);
          outcomes.push({ file: r.name, ok: true, output: target });
        } catch (err) {
          const e = isHocBaError(err)
            ? err
            : new HocBaError("CLI_FILE_UNWRITABLE", { file: target, detail: String(err) });
          outcomes.push({ file: r.name, ok: false, error: { code: e.code, message: e.message } });
        }
      } else {
        outcomes.push({ file: r.name, ok: false, error: { code: r.error.code, message: r.error.message } });
      }
      const last = outcomes[outcomes.length - 1];
      if (!v.json && last) printOutcome(last, io);
    }
    for (const u of unreadable.values()) {
      outcomes.push(u);
      if (!v.json) printOutcome(u, io);
    }
    const ok = outcomes.filter((o) => o.ok).length;
    const signerName = signer.info.commonName;
    if (v.json) {
      writeLine(
        io.stdout,
        JSON.stringify(
          {
            ok: ok === files.length,
            role,
            signer: {
              name: signerName,
              ...signer.info.ids,
              certSerial: signer.info.serialHex,
              token: session.label,
            },
            files: outcomes,
          },
          null,
          2,
        ),
      );
    } else {
      const summary = formatMessage("SIGN_SUMMARY", {
        ok,
        total: files.length,
        role: roleDisplay(role),
        signer: signerName,
      });
      writeLine(io.stdout, summary);
    }
    return ok === files.length ? 0 : 1;
  } finally {
    session.close();
  }
}

function printOutcome(o: FileOutcome, io: CliIo): void {
  if (o.ok) writeLine(io.stdout, `✓ ${o.file} → ${o.output ?? ""}`);
  else writeLine(io.stderr, `✗ ${o.file}: ${o.error?.message ?? ""}`);
}

/** Refuses an output folder that would overwrite an input, and two inputs with the same name. */
function checkOutputs(files: string[], outDir: string): void {
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

import os from "node:os";
import path from "node:path";
import { format } from "node:util";
import { archivePath, userDataDir } from "../../archive/data-dir.ts";
import { favourMemory } from "../../host/favour-memory.ts";
import { openHostLog } from "../../host/host-log.ts";
import type { CliCommand, CliIo } from "../cli-io.ts";

const usage = `Cách dùng: hocba host <nơi gọi>

Chế độ native messaging: trình duyệt chạy lệnh này (qua tệp khởi chạy do «hocba install» tạo) và
trao đổi thông điệp qua stdin/stdout. Không chạy tay. Nhật ký: thư mục dữ liệu/logs/host.log.
Biến môi trường: HOCBA_ARCHIVE_URL (kho lưu chung, postgres://…), HOCBA_ARCHIVE (tệp kho lưu),
HOCBA_DATA_DIR (thư mục dữ liệu),
HOCBA_EXTRA_EXTENSION_IDS (mã tiện ích được phép thêm), HOCBA_DEBUG=1 (nhật ký ra stderr),
HOCBA_DOCUMENT_CHECK_TIMEOUT_MS (thời gian tối đa kiểm tra một tệp, mặc định 30000).`;

export const command: CliCommand = {
  usage,
  async run(args: string[], io: CliIo): Promise<number> {
    // Before the helper's modules load and its worker starts (favour-memory.ts says why).
    favourMemory();
    const where = { env: io.env, platform: process.platform, homedir: os.homedir() };
    const debug = io.env.HOCBA_DEBUG === "1";
    const log = openHostLog(path.join(userDataDir(where), "logs", "host.log"), debug ? io.stderr : null);
    // stdout carries frames only: anything a library prints goes to the log instead.
    for (const method of ["log", "info", "debug", "warn", "error", "trace"] as const) {
      console[method] = (...values: unknown[]) =>
        log.info("console", { text: format(...values).slice(0, 500) });
    }
    process.on("uncaughtException", (err) => {
      log.error("uncaught", { name: err.name, detail: err.message.slice(0, 300) });
      process.exit(70);
    });
    process.on("unhandledRejection", (reason) => {
      log.error("unhandled-rejection", { detail: String(reason).slice(0, 300) });
    });
    const [{ runHost }, { HOST_VERSION }, { lazyBackend }] = await Promise.all([
      import("../../host/run-host.ts"),
      import("../../host/host-version.ts"),
      import("../../host/lazy-backend.ts"),
    ]);
    const code = await runHost({
      args,
      stdin: io.stdin,
      stdout: io.stdout,
      env: io.env,
      log,
      hostVersion: HOST_VERSION,
      archivePath: archivePath({ ...where, cwd: io.cwd }),
      createBackend: () =>
        lazyBackend(async () =>
          (await import("../../host/pkcs11-backend.ts")).createPkcs11Backend({ env: io.env, log }),
        ),
    });
    // Whatever might still hold the event loop (a stuck PKCS#11 library), the browser is gone.
    setTimeout(() => process.exit(code), 5000).unref();
    return code;
  },
};

import { BROWSER_NAMES } from "../../install/browser-targets.ts";
import { applyInstall } from "../../install/apply-plan.ts";
import { describePlan } from "../../install/describe-plan.ts";
import { writeLine, type CliCommand, type CliIo } from "../cli-io.ts";
import { installPlanFromArgs } from "../install-plan-from-args.ts";

const usage = `Cách dùng: hocba install [--browser chrome|chromium|edge|coccoc|firefox|all] [--extension-id ID]
                     [--system] [--dry-run] [--user-data-dir THƯ_MỤC]

Đăng ký trình ký với trình duyệt (native messaging): tạo tệp khởi chạy và tệp khai báo (manifest)
trong thư mục của từng trình duyệt; trên Windows ghi thêm khóa registry (HKCU, hoặc HKLM với --system).
  --browser         trình duyệt (lặp lại hoặc phân tách bằng dấu phẩy; mặc định: all)
  --extension-id    cho phép thêm mã tiện ích (bản phát hành trên cửa hàng), dạng Chrome hoặc Firefox
  --system          cài cho mọi người dùng (cần quyền quản trị)
  --dry-run         chỉ in kế hoạch (đường dẫn và nội dung), không ghi gì; --os linux|darwin|win32 để xem hệ khác
  --user-data-dir   chỉ cài vào một hồ sơ Chromium (THƯ_MỤC/NativeMessagingHosts), ví dụ để kiểm thử`;

export const command: CliCommand = {
  usage,
  run(args: string[], io: CliIo): Promise<number> {
    const { input, plan, dryRun, apply } = installPlanFromArgs(args, io);
    if (dryRun) {
      writeLine(io.stdout, describePlan(plan, "install"));
      return Promise.resolve(0);
    }
    const written = applyInstall(plan, apply);
    for (const file of written) writeLine(io.stdout, `Đã ghi ${file}`);
    for (const r of plan.registry) writeLine(io.stdout, `Đã đăng ký ${r.hive}\\${r.key}`);
    for (const note of plan.notes) writeLine(io.stdout, `Lưu ý: ${note}`);
    const names = input.userDataDir
      ? `hồ sơ ${input.userDataDir}`
      : input.browsers.map((b) => BROWSER_NAMES[b]).join(", ");
    writeLine(io.stdout, `Xong: trình ký đã được đăng ký cho ${names}. Hãy khởi động lại trình duyệt.`);
    return Promise.resolve(0);
  },
};

import { applyUninstall } from "../../install/apply-plan.ts";
import { describePlan } from "../../install/describe-plan.ts";
import { writeLine, type CliCommand, type CliIo } from "../cli-io.ts";
import { installPlanFromArgs } from "../install-plan-from-args.ts";

const usage = `Cách dùng: hocba uninstall [--browser ...|all] [--system] [--dry-run] [--user-data-dir THƯ_MỤC]

Gỡ đăng ký trình ký khỏi trình duyệt: xóa tệp khai báo (chỉ tệp của hocba), tệp khởi chạy và
(Windows) khóa registry. Kho lưu học bạ đã ký và nhật ký được giữ nguyên. Với --user-data-dir: chỉ
xóa tệp khai báo trong hồ sơ đó; tệp khởi chạy được giữ vì các trình duyệt đã cài vẫn dùng nó.`;

export const command: CliCommand = {
  usage,
  run(args: string[], io: CliIo): Promise<number> {
    const { plan, dryRun, apply } = installPlanFromArgs(args, io);
    if (dryRun) {
      writeLine(io.stdout, describePlan(plan, "uninstall"));
      return Promise.resolve(0);
    }
    const removed = applyUninstall(plan, apply);
    for (const file of removed) writeLine(io.stdout, `Đã xóa ${file}`);
    for (const r of plan.registry) writeLine(io.stdout, `Đã gỡ ${r.hive}\\${r.key}`);
    writeLine(io.stdout, removed.length > 0 ? "Xong: đã gỡ đăng ký trình ký." : "Không có gì để gỡ.");
    return Promise.resolve(0);
  },
};

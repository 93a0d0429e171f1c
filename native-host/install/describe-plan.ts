import type { InstallPlan } from "./plan-install.ts";

/** The plan as text for `--dry-run`: every file with its mode and content, registry values, notes. */
export function describePlan(plan: InstallPlan, action: "install" | "uninstall"): string {
  const lines: string[] = [
    action === "install"
      ? `Kế hoạch cài đặt (${plan.os}, ${plan.scope === "system" ? "toàn máy" : "người dùng hiện tại"}; chạy thử, không ghi gì):`
      : `Kế hoạch gỡ cài đặt (${plan.os}; chạy thử, không xóa gì):`,
  ];
  for (const file of plan.files) {
    if (action === "uninstall") {
      lines.push(`  xóa ${file.path}`);
      continue;
    }
    lines.push("", `── ${file.path}  (${file.kind}, quyền ${file.mode.toString(8)}, ${file.encoding})`);
    lines.push(
      ...file.content
        .replace(/\r\n/g, "\n")
        .replace(/\n$/, "")
        .split("\n")
        .map((l) => `   ${l}`),
    );
  }
  if (plan.registry.length > 0) {
    lines.push("", action === "install" ? "Khóa registry sẽ ghi:" : "Khóa registry sẽ xóa:");
    for (const r of plan.registry) lines.push(`  ${r.hive}\\${r.key} = ${r.manifest}`);
  }
  if (plan.notes.length > 0) lines.push("", "Lưu ý:", ...plan.notes.map((n) => `  - ${n}`));
  return lines.join("\n");
}

import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Gradebook } from "../../shared/model/gradebook.ts";
import { withDemoMovement } from "./demo-movement.ts";
import { startPortal } from "./start-portal.ts";
import { vtsmasYearId } from "./vtsmas.ts";

/** `npm run portal [-- --port N --data FILE...]`: runs the simulator until Ctrl+C. */

const DEFAULT_DATA = ["gradebook-gdtx-10.json", "gradebook-thpt-11.json"].map((f) =>
  fileURLToPath(new URL(`../fixtures/${f}`, import.meta.url)),
);
const USAGE = `Cổng quản lý điểm mô phỏng (vnEdu, SMAS) để thử tiện ích và lệnh hocba extract.

Cách dùng: npm run portal -- [--port N] [--data SỔ_ĐIỂM.json ...]
  --port N     cổng nghe trên 127.0.0.1 (mặc định 8765; 0 = cổng trống bất kỳ)
  --data FILE  sổ điểm (hocba-gradebook/1) để phục vụ, lặp lại được; mặc định hai sổ mẫu trong tests/fixtures
               (lớp GDTX mẫu có ba học viên chuyển đi, thôi học, chuyển đến kèm quá trình học tập)`;

export async function runPortalCli(argv: string[]): Promise<number> {
  let port = 8765;
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--help" || arg === "-h") {
      console.log(USAGE);
      return 0;
    }
    const value = argv[i + 1];
    if ((arg === "--port" || arg === "--data") && value === undefined) {
      console.error(`Lỗi: thiếu giá trị cho ${arg}`);
      return 2;
    }
    if (arg === "--port") {
      port = Number(value);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        console.error(`Lỗi: cổng không hợp lệ: ${value}`);
        return 2;
      }
      i++;
    } else if (arg === "--data") {
      files.push(value as string);
      i++;
    } else {
      console.error(`Lỗi: tham số không hiểu: ${arg}\n\n${USAGE}`);
      return 2;
    }
  }
  const gradebooks: Gradebook[] = [];
  for (const file of files.length > 0 ? files : DEFAULT_DATA) {
    try {
      const gb = Gradebook.parse(JSON.parse(readFileSync(file, "utf8")));
      // The demo shows learners who leave or arrive in the first sample class.
      gradebooks.push(files.length === 0 && file === DEFAULT_DATA[0] ? withDemoMovement(gb) : gb);
    } catch (err) {
      console.error(
        `Lỗi: không đọc được sổ điểm ${file}: ${err instanceof Error ? err.message.split("\n")[0] : String(err)}`,
      );
      return 2;
    }
  }
  let portal;
  try {
    portal = await startPortal({ port, gradebooks });
  } catch (err) {
    console.error(`Lỗi: không mở được cổng ${port}: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  console.log(`Cổng mô phỏng đang chạy: ${portal.url}/`);
  console.log(`  kiểu vnEdu: ${portal.url}/vnedu/   kiểu SMAS: ${portal.url}/smas/`);
  console.log(
    `  vnEdu v5: ${portal.url}/v5/ (mở Sổ điểm, chọn lớp, bấm Xem)   SMAS mới: ${portal.url}/vtsmas/login`,
  );
  console.log(`  tài khoản: ${portal.users.map((u) => `${u.username} / ${u.password}`).join(", ")}`);
  for (const c of portal.classes) {
    console.log(
      `  lớp ${c.gradebook.lop} (${c.gradebook.learners.length} ${c.gradebook.school.capHoc === "05" ? "học viên" : "học sinh"}): ` +
        `${portal.url}/vnedu/lop?lop_id=${c.id}  ${portal.url}/smas/Lop/ChiTiet?lopId=${c.id}  ` +
        `${portal.url}/vtsmas/so-diem?classId=c${c.id}&schoolYearId=${vtsmasYearId(c.gradebook)}`,
    );
  }
  console.log("Nhấn Ctrl+C để dừng.");
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await portal.close();
  return 0;
}

/**
 * `npm run demo`: the whole product on this machine, with nothing real at stake. A throw-away
 * SoftHSM token stands in for the USB tokens, the portal simulator for vnEdu/SMAS, and a headless
 * Chromium (or a visible one with --headed) for the teacher's and the director's browsers. The
 * signed files and a screenshot of every step are written to ./demo-output, then a summary in
 * Vietnamese is printed.
 *
 * `--smoke` is the same flow on a class of a few learners (no other classes read), for `npm test`:
 * a broken demo fails the test run. `--out DIR` writes elsewhere than ./demo-output.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Gradebook } from "../../shared/model/gradebook.ts";
import { buildExtension, ExtensionBrowser, ROOT } from "../../tests/e2e/support/extension-browser.ts";
import {
  addPortalInOptions,
  classPagePath,
  downloadAndUnzip,
  loginToPortal,
  openApprovalFromPopup,
  openReviewFromPanel,
  readClassWithPanel,
  signInReview,
  verifySignedFiles,
  type ReadResult,
} from "../../tests/e2e/support/flow.ts";
import { startPortal } from "../../tests/portal-sim/start-portal.ts";
import { makeTestTokenIn } from "../../tests/support/make-test-token.ts";

const argv = process.argv.slice(2);
const headed = argv.includes("--headed");
const smoke = argv.includes("--smoke");
const outArg = argv.indexOf("--out");
const OUT = path.resolve((outArg >= 0 ? argv[outArg + 1] : undefined) ?? path.join(ROOT, "demo-output"));
/** Learners of the smoke run's class: enough for a batch, few enough for a test. */
const SMOKE_LEARNERS = 4;
const seconds = (ms: number) => (ms / 1000).toFixed(1).replace(".", ",");
/** The page's result line inside a summary line: «Xong: đã ký 42, lỗi 0.» without its full stop. */
const sentence = (text: string) => text.replace(/\.$/, "");
const fixture = (name: string) =>
  Gradebook.parse(JSON.parse(readFileSync(path.join(ROOT, "tests/fixtures", name), "utf8")));

function step(text: string): void {
  console.log(`::: ${text}`);
}

async function main(): Promise<number> {
  const t0 = performance.now();
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const work = mkdtempSync(path.join(tmpdir(), "hocba-demo-"));
  const fullGdtx = fixture("gradebook-gdtx-10.json");
  const gdtx = smoke ? { ...fullGdtx, learners: fullGdtx.learners.slice(0, SMOKE_LEARNERS) } : fullGdtx;
  const thpt = fixture("gradebook-thpt-11.json");
  const withErrors = fixture("gradebook-errors.json");

  step("tạo USB token thử (SoftHSM) và chứng thư thử");
  const token = makeTestTokenIn(path.join(work, "token"));
  const { pin, pkiDir } = token;

  step("đóng gói tiện ích (wxt build -b chrome)");
  buildExtension();

  step("chạy cổng quản lý điểm mô phỏng (vnEdu, SMAS)");
  const portal = await startPortal({ gradebooks: smoke ? [gdtx] : [gdtx, thpt, withErrors] });
  const browser = await ExtensionBrowser.launch({
    env: {
      ...process.env,
      SOFTHSM2_CONF: token.softhsm2Conf,
      HOCBA_DATA_DIR: path.join(work, "helper-data"),
    },
    headed,
    artifacts: path.join(OUT, "anh-chup"),
  });
  try {
    step("đăng ký trình ký với trình duyệt (hocba install --user-data-dir)");
    browser.installHelper();

    step("cài đặt tiện ích: thêm địa chỉ cổng");
    await browser.preGrantHostPermission(
      `${new URL(portal.url).protocol}//${new URL(portal.url).hostname}/*`,
    );
    await addPortalInOptions(browser, portal.url);

    const page = await browser.context.newPage();
    step("giáo viên đăng nhập cổng kiểu SMAS, đọc sổ điểm lớp 10A1");
    await loginToPortal(page, portal.url, "smas");
    const read10A1 = await readClassWithPanel(
      browser,
      page,
      portal.url + classPagePath("smas", "1001"),
      "smas-10A1",
    );
    let others: string[] = [];
    if (!smoke) {
      step("đọc lớp 10A9 (dữ liệu trên cổng có lỗi)");
      const read10A9 = await readClassWithPanel(
        browser,
        page,
        portal.url + classPagePath("smas", "1003"),
        "smas-10A9",
      );
      step("đăng nhập cổng kiểu vnEdu, đọc sổ điểm lớp 11A2");
      await loginToPortal(page, portal.url, "vnedu");
      const read11A2 = await readClassWithPanel(
        browser,
        page,
        portal.url + classPagePath("vnedu", "1002"),
        "vnedu-11A2",
      );
      others = [describeRead("Lớp 11A2 (vnEdu)", read11A2), describeRead("Lớp 10A9 (SMAS)", read10A9)];
    }
    if (!read10A1.classKey) throw new Error(`không đọc được lớp 10A1: ${read10A1.errors.join("; ")}`);

    step(`mở trang Xem và ký của lớp 10A1; giáo viên chủ nhiệm ký ${gdtx.learners.length} học bạ`);
    await readClassWithPanel(browser, page, portal.url + classPagePath("smas", "1001"), "smas-10A1-lai");
    const review = await openReviewFromPanel(browser, page);
    const checkSummary = await review.getByTestId("check-summary").innerText();
    // Signer authority: the certificate list marks who may sign GVCN for this class.
    const certList = review.locator("[data-testid=cert-select] option[data-authority]");
    await review.getByTestId("cert-select").waitFor({ timeout: 30_000 });
    const certMarks = await certList.evaluateAll((options) =>
      options.map((o) => ({
        holder: (o.textContent ?? "").split(" – ")[0] ?? "",
        mark: o.getAttribute("data-authority"),
        usable: !(o as HTMLOptionElement).disabled,
      })),
    );
    const gvcn = await signInReview(browser, review, {
      role: "GVCN",
      certName: "Trần Thị Thu Hằng",
      pin,
      label: "gvcn",
      expectCount: gdtx.learners.length,
    });

    step("Giám đốc mở cửa sổ tiện ích, bấm «Ký tất cả»");
    const approval = await openApprovalFromPopup(browser);
    const thuTruong = await signInReview(browser, approval.review, {
      role: "ThuTruong",
      certName: "Nguyễn Văn Thắng",
      pin,
      label: "giam-doc",
    });

    step("tải tệp ZIP và kiểm tra từng tệp bằng hocba verify và xmlsec1");
    const zip = await downloadAndUnzip(browser, approval.review, path.join(OUT, "hoc-ba-da-ky"));
    const verify = verifySignedFiles(zip.files, pkiDir, ["GVCN", "ThuTruong"]);
    const valid = verify.reports.filter((r) => r.ok).length;
    const signatures = verify.reports.flatMap((r) => r.authority);
    const authorised = signatures.filter((a) => a?.ok).length;
    const asWord: Record<string, string> = {
      GVCN: "GVCN",
      ThuTruong: "Giám đốc",
      KyThay: "cấp phó ký thay",
      DonVi: "đơn vị",
    };
    const signersNamed = [
      ...new Set(signatures.map((a) => (a ? `${asWord[a.signedAs ?? ""] ?? "?"} ${a.named}` : "?"))),
    ];
    const holders = (mark: string) => [
      ...new Set(certMarks.filter((c) => c.usable && c.mark === mark).map((c) => c.holder)),
    ];
    const signedDir = path.join(OUT, "hoc-ba-da-ky");
    const firstFile = zip.files[0];
    const shown = (p: string) => (path.relative(ROOT, p).startsWith("..") ? p : path.relative(ROOT, p));

    const lines = [
      "",
      "=== Học bạ số: kết quả chạy thử ===",
      `Cổng mô phỏng: ${portal.url} (kiểu vnEdu và kiểu SMAS)`,
      describeRead("Lớp 10A1 (SMAS)", read10A1),
      ...others,
      `Kiểm tra theo Thông tư 43 (lớp 10A1): ${checkSummary}`,
      `Ký số: giáo viên chủ nhiệm: ${sentence(gvcn.resultText)} (${seconds(gvcn.signMs)} giây); Giám đốc: ${sentence(thuTruong.resultText)} (${seconds(thuTruong.signMs)} giây)`,
      `Tổng số chữ ký: ${verify.xmlsecRuns} trên ${zip.files.length} tệp`,
      `Xác minh: hocba verify ${valid}/${zip.files.length} tệp hợp lệ; xmlsec1 ${verify.xmlsecPassed}/${verify.xmlsecRuns} chữ ký hợp lệ`,
      `Thẩm quyền ký: ${authorised}/${signatures.length} chữ ký đúng người học bạ ghi cho vai trò (${signersNamed.join("; ")})`,
      `  danh sách chứng thư khi ký GVCN: được ký: ${holders("ok").join(", ") || "—"}; không phải người ký vai trò này: ${holders("refused").join(", ") || "—"}`,
      "",
      `Kết quả nằm trong ${shown(OUT)}/:`,
      `  - ${shown(zip.zip)}: tệp ZIP Giám đốc tải về (các học bạ đã ký đủ hai vai trò)`,
      `  - ${shown(signedDir)}/: từng tệp XML đã ký; mở bằng trình soạn thảo hoặc kiểm tra lại:`,
      `      node bin/hocba.mjs verify --trust ${shown(path.join(OUT, "root.pem"))} ${firstFile ? shown(firstFile) : ""}`,
      `  - ${shown(path.join(OUT, "anh-chup"))}/: ảnh chụp từng bước (trang Xem và ký, cửa sổ Giám đốc...)`,
      `  - ${shown(path.join(OUT, "tom-tat.txt"))}: bản tóm tắt này`,
      `Thời gian: ${seconds(performance.now() - t0)} giây`,
    ];
    // The test root goes beside the files, so the printed verify command works after the demo.
    copyFileSync(path.join(pkiDir, "root.pem"), path.join(OUT, "root.pem"));
    const ok =
      valid === zip.files.length &&
      verify.xmlsecPassed === verify.xmlsecRuns &&
      verify.xmlsecRuns === zip.files.length * 2 &&
      authorised === zip.files.length * 2 &&
      zip.files.length === gdtx.learners.length;
    lines.push(
      ok ? "Kết quả: THÀNH CÔNG" : `Kết quả: CÓ LỖI ${verify.xmlsecFailures.slice(0, 3).join("; ")}`,
    );
    writeFileSync(path.join(OUT, "tom-tat.txt"), lines.join("\n").trim() + "\n");
    console.log(lines.join("\n"));
    return ok ? 0 : 1;
  } finally {
    await browser.close();
    await portal.close();
    rmSync(work, { recursive: true, force: true });
  }
}

function describeRead(name: string, read: ReadResult): string {
  if (read.classKey) return `${name}: ${read.panelText}, đọc trong ${seconds(read.readMs)} giây`;
  const first = read.errors[0] ?? "?";
  return `${name}: cổng có ${read.errors.length} lỗi nên chưa tạo học bạ (ví dụ: ${first})`;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(`Lỗi: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  },
);

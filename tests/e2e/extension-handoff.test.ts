import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatMessage } from "../../shared/errors/message-table.ts";
import { Gradebook } from "../../shared/model/gradebook.ts";
import { startPortal, type RunningPortal } from "../portal-sim/start-portal.ts";
import { useTestToken } from "../support/test-token.ts";
import { buildExtension, ExtensionBrowser, ROOT } from "./support/extension-browser.ts";
import {
  addPortalInOptions,
  classPagePath,
  downloadAndUnzip,
  loginToPortal,
  openReviewFromPanel,
  readClassWithPanel,
  signInReview,
  verifySignedFiles,
} from "./support/flow.ts";

/**
 * The centre's year across two PCs (issue 11), in Chromium with two browser profiles and two helper
 * data directories: the teacher's PC reads a class, the Tổ chuyên môn confirms its check (required
 * by the options before the GVCN signs), the GVCN signs and prints, «Gửi Giám đốc» downloads the
 * class's hand-off package; on the director's PC the package is imported (a tampered copy refuses
 * the changed record alone and names it; importing again changes nothing), the class fills «Chờ
 * Giám đốc ký», the director signs, the class moves to «Chờ đóng dấu», the seal is put, the class
 * leaves both queues and the progress page counts it. Packages are checked with `hocba package
 * check`, the signed files with `hocba verify` and xmlsec1. Screenshots: test-artifacts/e2e/handoff-*.
 */

const ARTIFACTS = path.join(ROOT, "test-artifacts/e2e");
const full = Gradebook.parse(
  JSON.parse(readFileSync(path.join(ROOT, "tests/fixtures/gradebook-gdtx-10.json"), "utf8")),
);
const CLASS: Gradebook = { ...structuredClone(full), learners: full.learners.slice(0, 5) };
const COUNT = CLASS.learners.length;
const TO_TRUONG = "Phạm Thị Tổ Trưởng";

function hocba(args: string[], env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, [path.join(ROOT, "bin/hocba.mjs"), ...args], {
    env,
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** Clicks a button that downloads a file and saves it under `dir`; returns its path. */
async function download(page: Page, testId: string, dir: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const [file] = await Promise.all([
    page.waitForEvent("download", { timeout: 60_000 }).catch(async (err: unknown) => {
      // What the page said instead (an error box), not just a timeout.
      throw new Error(`${String(err)}\n${await page.locator("body").innerText()}`);
    }),
    page.getByTestId(testId).click(),
  ]);
  const out = path.join(dir, file.suggestedFilename());
  await file.saveAs(out);
  return out;
}

/** Drops a file on the page's package drop zone, as dragging it from the file manager does. */
async function dropPackage(page: Page, file: string): Promise<void> {
  const bytes = [...readFileSync(file)];
  await page.evaluate(
    ([name, data]) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(data)], name, { type: "application/zip" }));
      const zone = document.querySelector("[data-testid=package-drop]");
      zone?.dispatchEvent(new DragEvent("dragover", { bubbles: true, cancelable: true, dataTransfer: dt }));
      zone?.dispatchEvent(new DragEvent("drop", { bubbles: true, cancelable: true, dataTransfer: dt }));
    },
    [path.basename(file), bytes] as const,
  );
}

/** The latest import result's counts, once the helper answered. */
async function importCounts(page: Page, results: number): Promise<Record<string, number>> {
  await page
    .locator("[data-testid=import-summary]")
    .nth(results - 1)
    .waitFor({ timeout: 120_000 });
  const summary = page.locator("[data-testid=import-summary]").first();
  const count = async (name: string) => Number(await summary.getAttribute(`data-${name}`));
  return {
    imported: await count("imported"),
    already: await count("already"),
    refused: await count("refused"),
  };
}

describe("extension: hand-off between the teacher's PC and the director's PC", () => {
  const token = useTestToken();
  let portal: RunningPortal;
  let teacher: ExtensionBrowser;
  let director: ExtensionBrowser;
  let work: string;
  let teacherEnv: NodeJS.ProcessEnv;
  let directorEnv: NodeJS.ProcessEnv;
  let classKey = "";
  let gvcnPackage = "";
  let files: string[] = [];
  /** What the progress page says to run for the hand-in package. */
  let submissionCommand = "";

  beforeAll(async () => {
    buildExtension();
    mkdirSync(ARTIFACTS, { recursive: true });
    for (const name of readdirSync(ARTIFACTS)) {
      if (/^handoff-.*\.(png|pdf)$/.test(name)) rmSync(path.join(ARTIFACTS, name), { force: true });
    }
    work = mkdtempSync(path.join(tmpdir(), "hocba-e2e-handoff-"));
    // Each PC has its own helper data (archive, audit log); both trust the test root.
    const pc = (name: string) => ({
      ...token.env,
      HOCBA_DATA_DIR: path.join(work, `${name}-data`),
      HOCBA_TRUST_ROOTS: token.rootPem,
      // Where «Tạo gói nộp Sở/Bộ» writes (instead of the user's Documents/HocBa-NopSo).
      HOCBA_SUBMISSION_DIR: path.join(work, `${name}-nop-so`),
    });
    teacherEnv = pc("teacher");
    directorEnv = pc("director");
    portal = await startPortal({ gradebooks: [CLASS] });
    teacher = await ExtensionBrowser.launch({
      env: teacherEnv,
      artifacts: ARTIFACTS,
      shotPrefix: "handoff-gv-",
    });
    director = await ExtensionBrowser.launch({
      env: directorEnv,
      artifacts: ARTIFACTS,
      shotPrefix: "handoff-gd-",
    });
    teacher.installHelper();
    director.installHelper();
  });

  afterAll(async () => {
    await teacher?.close();
    await director?.close();
    await portal?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("teacher's PC: the options require the Tổ chuyên môn's check; the class is read; GVCN cannot sign it yet", async () => {
    await teacher.preGrantHostPermission(
      `${new URL(portal.url).protocol}//${new URL(portal.url).hostname}/*`,
    );
    await addPortalInOptions(teacher, portal.url);
    const options = await teacher.openExtensionPage("options.html");
    expect(await options.getByTestId("plan-dot1").inputValue()).toBe("2026-06-25");
    expect(await options.getByTestId("plan-dot2").inputValue()).toBe("2026-08-10");
    expect(await options.getByTestId("plan-phase-thu-truong").inputValue()).toBe("7");
    // A seal due before the head's signature is refused where it is typed, and nothing is saved.
    await options.getByTestId("plan-phase-dong-dau").fill("10");
    await options.getByTestId("options-save").click();
    expect(await options.getByTestId("plan-error").innerText()).toContain("«Đóng dấu» (10 ngày trước hạn)");
    await options.getByTestId("plan-phase-dong-dau").fill("3");
    await options.getByTestId("plan-require-tcm").check();
    await options.getByTestId("options-save").click();
    await options.getByText("Đã lưu").first().waitFor();
    await teacher.shot(options, "options-plan");
    await options.close();

    const portalPage = await teacher.context.newPage();
    await loginToPortal(portalPage, portal.url, "smas");
    const read = await readClassWithPanel(
      teacher,
      portalPage,
      portal.url + classPagePath("smas", "1001"),
      "read",
    );
    expect(read.errors).toEqual([]);
    classKey = read.classKey;
    const review = await openReviewFromPanel(teacher, portalPage);
    const status = review.getByTestId("tcm-status");
    await status.waitFor({ timeout: 20_000 });
    expect(await status.getAttribute("data-confirmed")).toBe("false");
    expect(await status.innerText()).toContain("chưa được xác nhận");
    expect(await review.getByTestId("sign-start").isDisabled()).toBe(true);
    await teacher.shot(review, "review-tcm-required");
    await review.close();
    await portalPage.close();
  });

  it("the Tổ chuyên môn's report: findings, score bands and levels per subject; exported and confirmed into the audit log", async () => {
    const report = await teacher.openExtensionPage(`report.html?lop=${encodeURIComponent(classKey)}`);
    await report.getByTestId("class-report").waitFor({ timeout: 20_000 });
    expect(await report.getByTestId("report-summary").innerText()).toMatch(
      new RegExp(`^${COUNT} học viên · 0 lỗi · \\d+ cảnh báo$`),
    );
    const subjects = report.locator("[data-testid=report-subjects] tbody tr");
    expect(await subjects.count()).toBe(CLASS.subjects.length);
    // Each scored subject's bands add up to the learners with a year average.
    const scored = CLASS.subjects.find((s) => s.hinhThuc === "DiemSo");
    const cells = await report
      .locator(`[data-testid=report-subjects] tr[data-ma-mon="${scored?.ma}"] td`)
      .allInnerTexts();
    const withAverage = CLASS.learners.filter(
      (l) => l.ketQua.find((k) => k.maMon === scored?.ma)?.cn.tbm !== null,
    ).length;
    expect(cells.slice(3, 8).reduce((n, c) => n + Number(c), 0)).toBe(withAverage);
    const levels = await report
      .locator("[data-testid=report-levels] tr[data-level=hocTap] td")
      .allInnerTexts();
    expect(levels.reduce((n, c) => n + Number(c), 0)).toBe(CLASS.learners.filter((l) => l.hocTap.cn).length);
    await teacher.shot(report, "report");

    const xlsx = await download(report, "report-export", path.join(work, "exports"));
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    const sheet = book.worksheets[0];
    expect(sheet?.getRow(3).getCell(1).value).toBe("Môn");
    expect(sheet?.getRow(4).getCell(1).value).toBe(CLASS.subjects[0]?.ten);

    await report.getByTestId("tcm-name").fill(TO_TRUONG);
    // One subject confirmed alone (its teacher group), then the whole class.
    const subjectRow = report.locator(`[data-testid=report-subjects] tr[data-ma-mon="${scored?.ma}"]`);
    await subjectRow.getByTestId("tcm-subject-confirm").click();
    await subjectRow.locator('[data-testid=tcm-subject][data-confirmed="true"]').waitFor({ timeout: 20_000 });
    expect(await subjectRow.getByTestId("tcm-subject").innerText()).toContain(TO_TRUONG);
    expect(await report.locator('[data-testid=tcm-subject][data-confirmed="true"]').count()).toBe(1);
    await report.getByTestId("tcm-confirm-button").click();
    const confirmed = report.getByTestId("tcm-confirmed");
    await confirmed.waitFor({ timeout: 20_000 });
    expect(await confirmed.innerText()).toContain(`Tổ chuyên môn đã kiểm tra: ${TO_TRUONG}`);
    await report.emulateMedia({ media: "print" });
    await teacher.shot(report, "report-print");
    await report.close();
  });

  it("the GVCN's review page shows the confirmation; the class prints as paper học bạ on A4; GVCN signs; «Gửi Giám đốc» downloads the package", async () => {
    const review = await teacher.openExtensionPage(`review.html?lop=${encodeURIComponent(classKey)}`);
    await review.getByTestId("learner-table").waitFor({ timeout: 30_000 });
    const status = review.getByTestId("tcm-status");
    await review.waitForFunction(
      () => document.querySelector("[data-testid=tcm-status]")?.getAttribute("data-confirmed") === "true",
    );
    expect(await status.innerText()).toContain(TO_TRUONG);

    const outcome = await signInReview(teacher, review, {
      role: "GVCN",
      certName: "Trần Thị Thu Hằng",
      pin: token.pin,
      label: "gvcn",
      expectCount: COUNT,
    });
    expect(outcome.resultText).toBe(`Xong: đã ký ${COUNT}, lỗi 0.`);

    // Printing: the whole class, one A4 sheet per learner at least, each with its signature block.
    await review.evaluate(() => {
      window.print = () => undefined;
    });
    expect(await review.getByTestId("print-class").innerText()).toBe(`In cả lớp (${COUNT})`);
    await review.getByTestId("print-class").click();
    const batch = review.getByTestId("print-batch");
    await batch.waitFor({ state: "attached" });
    expect(await batch.locator("article.paper").count()).toBe(COUNT);
    const stamp = batch.locator('[data-role="GVCN"] .sig-stamp').first();
    expect(await stamp.innerText()).toMatch(
      /Đã ký số[\s\S]*Người ký: Trần Thị Thu Hằng[\s\S]*Số hiệu chứng thư: [0-9A-F]+/,
    );
    await review.emulateMedia({ media: "print" });
    expect(await review.getByTestId("sign-panel").isVisible()).toBe(false);
    await teacher.shot(review, "review-print-class");
    const pdf = await review.pdf({
      path: path.join(ARTIFACTS, "handoff-gv-print-class.pdf"),
      preferCSSPageSize: true,
    });
    const pages = (strFromU8(pdf, true).match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    expect(pages).toBe(COUNT);
    await review.emulateMedia({ media: "screen" });

    const handoff = review.getByTestId("handoff-head");
    expect(await handoff.innerText()).toBe(`Gửi Giám đốc (${COUNT})`);
    gvcnPackage = await download(review, "handoff-head", path.join(work, "teacher-downloads"));
    expect(path.basename(gvcnPackage)).toBe(`${CLASS.lop}_${CLASS.namHoc}_gvcn.hocba.zip`);
    await review.getByTestId("handoff-made").waitFor();
    await teacher.shot(review, "review-package-made");
    await review.close();

    const check = hocba(["package", "check", gvcnPackage, "--json", "--trust", token.rootPem], teacherEnv);
    expect(check.status, check.stdout + check.stderr).toBe(0);
  });

  it("director's PC: a tampered copy refuses the changed record alone; the real package fills «Chờ Giám đốc ký»; importing again changes nothing", async () => {
    // The first learner's name changed in the XML after signing: its SHA-256 and signature no longer hold.
    const entries = unzipSync(new Uint8Array(readFileSync(gvcnPackage)));
    const first = CLASS.learners[0]?.hocVien.hoTen ?? "";
    const xmlName = Object.keys(entries).find(
      (n) => n.endsWith(".xml") && strFromU8(entries[n] ?? new Uint8Array()).includes(first),
    );
    if (!xmlName) throw new Error("no document of the first learner");
    entries[xmlName] = strToU8(
      strFromU8(entries[xmlName] ?? new Uint8Array()).replace(first, `${first} Sửa`),
    );
    const tampered = path.join(work, "tampered", path.basename(gvcnPackage));
    mkdirSync(path.dirname(tampered), { recursive: true });
    writeFileSync(tampered, zipSync(entries));

    const popup = await director.openExtensionPage("popup.html");
    // Nothing in this PC's archive yet: the head's queue is empty.
    await popup.getByTestId("queue-head").getByText("Không có học bạ nào đang chờ ký duyệt.").waitFor();
    await popup.getByTestId("package-input").setInputFiles(tampered);
    expect(await importCounts(popup, 1)).toEqual({ imported: COUNT - 1, already: 0, refused: 1 });
    const refused = popup.locator('[data-testid=import-result] tr[data-outcome="refused"]');
    expect(await refused.getAttribute("data-ma-hoc-vien")).toBe(CLASS.learners[0]?.hocVien.maHocVien);
    expect(await refused.innerText()).toMatch(/[À-ỹ]/);
    await director.shot(popup, "popup-import-tampered");

    // The real package, dragged onto the popup: the changed record comes in, the others are there.
    await dropPackage(popup, gvcnPackage);
    expect(await importCounts(popup, 2)).toEqual({ imported: 1, already: COUNT - 1, refused: 0 });
    await dropPackage(popup, gvcnPackage);
    expect(await importCounts(popup, 3)).toEqual({ imported: 0, already: COUNT, refused: 0 });
    await popup.locator(`[data-testid=queue] li[data-count="${COUNT}"]`).waitFor({ timeout: 20_000 });
    expect(await popup.getByTestId("queue-head").innerText()).toContain(`${COUNT} học bạ chờ ký`);
    expect(await popup.locator("#queue-title").innerText()).toBe("Chờ Giám đốc ký");
    await director.shot(popup, "popup-queue-head");
    await popup.close();
  });

  it("the director signs from the queue; «Gửi đóng dấu» downloads the next package; the class moves to «Chờ đóng dấu»", async () => {
    const review = await openFromQueue("sign-all");
    expect(await review.getByTestId("role-ThuTruong").isChecked()).toBe(true);
    expect(await review.getByTestId("archive-class-info").innerText()).toContain(
      `${COUNT} học bạ từ kho lưu`,
    );
    const outcome = await signInReview(director, review, {
      role: "ThuTruong",
      certName: "Nguyễn Văn Thắng",
      pin: token.pin,
      label: "giam-doc",
      expectCount: COUNT,
    });
    expect(outcome.resultText).toBe(`Xong: đã ký ${COUNT}, lỗi 0.`);
    const sealPackage = await download(review, "handoff-seal", path.join(work, "director-downloads"));
    expect(path.basename(sealPackage)).toBe(`${CLASS.lop}_${CLASS.namHoc}_thu-truong.hocba.zip`);
    const check = hocba(["package", "check", sealPackage, "--json", "--trust", token.rootPem], directorEnv);
    expect(check.status, check.stdout + check.stderr).toBe(0);
    await review.close();

    const popup = await director.openExtensionPage("popup.html");
    await popup
      .locator(`[data-testid=queue-seal-list] li[data-count="${COUNT}"]`)
      .waitFor({ timeout: 20_000 });
    expect(await popup.getByTestId("queue-head").innerText()).toContain(
      "Không có học bạ nào đang chờ ký duyệt.",
    );
    await director.shot(popup, "popup-queue-seal");
    await popup.close();
  });

  it("the seal is put from «Chờ đóng dấu»; the class leaves both queues; every file verifies (hocba verify, xmlsec1)", async () => {
    const review = await openFromQueue("seal-all");
    expect(await review.getByTestId("role-DonVi").isChecked()).toBe(true);
    const outcome = await signInReview(director, review, {
      role: "DonVi",
      certName: "Trung tâm GDNN-GDTX Việt Trì",
      pin: token.pin,
      label: "dong-dau",
      expectCount: COUNT,
    });
    expect(outcome.resultText).toBe(`Xong: đã ký ${COUNT}, lỗi 0.`);
    const zip = await downloadAndUnzip(director, review, path.join(work, "zip"));
    files = zip.files;
    expect(files).toHaveLength(COUNT);
    expect(path.basename(zip.zip)).toBe(`hocba_${CLASS.lop}_${CLASS.namHoc}.zip`);
    await review.close();

    const verified = verifySignedFiles(files, token.pkiDir, ["GVCN", "ThuTruong", "DonVi"]);
    expect(verified.xmlsecFailures).toEqual([]);
    expect(verified.xmlsecPassed).toBe(COUNT * 3);
    expect(verified.hocbaExit).toBe(0);
    expect(verified.reports.every((r) => r.ok && r.roles.join(",") === "GVCN,ThuTruong,DonVi")).toBe(true);

    const popup = await director.openExtensionPage("popup.html");
    await popup.getByTestId("queue-seal").getByText("Không có lớp nào đang chờ.").waitFor();
    expect(await popup.getByTestId("queue-head").innerText()).toContain(
      "Không có học bạ nào đang chờ ký duyệt.",
    );
    await director.shot(popup, "popup-queues-empty");
    await popup.close();
  });

  it("the progress page counts the class from the director's archive, days to each wave, late in red; exports .xlsx", async () => {
    const page = await director.openExtensionPage("progress.html?ngay=2026-06-20");
    const row = page.locator(`[data-testid=progress-table] tr[data-lop="${CLASS.lop}"]`);
    await row.waitFor({ timeout: 20_000 });
    const counts = ((await row.getAttribute("data-counts")) ?? "").split(",");
    // learners, (without errors: unknown on this PC), GVCN, head, sealed.
    expect([counts[0], counts[2], counts[3], counts[4]]).toEqual([
      `${COUNT}`,
      `${COUNT}`,
      `${COUNT}`,
      `${COUNT}`,
    ]);
    expect(await row.getAttribute("data-late")).toBe("false");
    const waves = page.locator("[data-testid=progress-waves] li");
    expect(await waves.nth(0).innerText()).toBe("Đợt 1: hạn 25/06/2026 · còn 5 ngày");
    expect(await waves.nth(1).innerText()).toBe("Đợt 2: hạn 10/08/2026 · còn 51 ngày");
    expect(await page.getByTestId("progress-plan").innerText()).toContain(
      "GVCN ký 14 · Giám đốc ký 7 · Đóng dấu 3 · Đóng gói nộp 1",
    );
    submissionCommand = await page.getByTestId("submission-command").innerText();
    expect(submissionCommand).toBe(`hocba submission --nam-hoc ${CLASS.namHoc} --dot 1 --out nop-dot-1`);
    await director.shot(page, "progress");
    const xlsx = await download(page, "progress-export", path.join(work, "exports"));
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(xlsx);
    const sheet = book.worksheets[0];
    const data = sheet?.getRow(4).values as unknown[];
    expect(data.slice(1, 3)).toEqual([CLASS.lop, COUNT]);
    await page.close();

    // Wave 1's deadline day, nothing packaged for hand-in yet (due the day before): late, in red.
    const late = await director.openExtensionPage("progress.html?ngay=2026-06-25");
    const lateRow = late.locator(`[data-testid=progress-table] tr[data-lop="${CLASS.lop}"]`);
    await lateRow.waitFor({ timeout: 20_000 });
    expect(await lateRow.getAttribute("data-late")).toBe("true");
    expect(await lateRow.evaluate((tr) => getComputedStyle(tr.querySelector("td") as Element).color)).toBe(
      "rgb(179, 38, 30)",
    );
    await late.emulateMedia({ media: "print" });
    await director.shot(late, "progress-late-print");
    await late.close();
  });

  it("the wave 1 submission from the director's archive holds the sealed class; hocba verify and xmlsec1 pass; the progress page counts it handed in", async () => {
    // The command the progress page gives, run in a work folder (plus --json and the test root).
    const args = submissionCommand.split(" ").slice(1);
    const at = args.indexOf("--out") + 1;
    const out = path.join(work, args[at] ?? "nop");
    args[at] = out;
    const run = hocba([...args, "--json", "--trust", token.rootPem], directorEnv);
    expect(run.status, run.stderr).toBe(0);
    const made = JSON.parse(run.stdout) as { included: { maHocVien: string }[]; notIncluded: unknown[] };
    expect(made.included.map((r) => r.maHocVien).sort()).toEqual(
      CLASS.learners.map((l) => l.hocVien.maHocVien).sort(),
    );
    expect(made.notIncluded).toEqual([]);
    const handedIn = readdirSync(out, { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".xml"))
      .map((f) => path.join(out, f));
    expect(handedIn).toHaveLength(COUNT);
    const verified = verifySignedFiles(handedIn, token.pkiDir, ["GVCN", "ThuTruong", "DonVi"]);
    expect(verified.xmlsecFailures).toEqual([]);
    expect(verified.xmlsecPassed).toBe(COUNT * 3);
    expect(verified.hocbaExit).toBe(0);
    const csv = readFileSync(path.join(out, "manifest.csv"), "utf8").trim().split(/\r?\n/);
    expect(csv).toHaveLength(COUNT + 1);

    // On wave 1's deadline day the class is no longer late: everything is handed in.
    const page = await director.openExtensionPage("progress.html?ngay=2026-06-25");
    const row = page.locator(`[data-testid=progress-table] tr[data-lop="${CLASS.lop}"]`);
    await row.waitFor({ timeout: 20_000 });
    expect(((await row.getAttribute("data-counts")) ?? "").split(",")[5]).toBe(`${COUNT}`);
    expect(await row.getAttribute("data-late")).toBe("false");
    await director.shot(page, "progress-handed-in");

    // The page's button: the helper makes the same wave again, into a new folder it names.
    const button = page.getByTestId("submission-make");
    expect(await button.innerText()).toBe("Tạo gói nộp Sở/Bộ (đợt 1)");
    await button.click();
    const result = page.getByTestId("submission-result");
    await result.waitFor({ timeout: 120_000 });
    expect(await result.getAttribute("data-included")).toBe(`${COUNT}`);
    expect(await result.getAttribute("data-not-included")).toBe("0");
    expect(await result.innerText()).toContain(
      `Đã tạo gói nộp đợt 1 năm học ${CLASS.namHoc}: ${COUNT} học bạ, trong thư mục:`,
    );
    const dir = await page.getByTestId("submission-dir").innerText();
    expect(path.dirname(dir)).toBe(directorEnv.HOCBA_SUBMISSION_DIR);
    const fromButton = readdirSync(dir)
      .filter((f) => f.endsWith(".xml"))
      .map((f) => path.join(dir, f));
    expect(fromButton).toHaveLength(COUNT);
    const checked = verifySignedFiles(fromButton, token.pkiDir, ["GVCN", "ThuTruong", "DonVi"]);
    expect(checked.xmlsecFailures).toEqual([]);
    expect(checked.hocbaExit).toBe(0);
    expect(readFileSync(path.join(dir, "SHA256SUMS"), "utf8")).toContain("manifest.json");
    await director.shot(page, "progress-submission-made");
    await page.close();
  });

  it("English: the progress page and the popup's queues follow the language of the options", async () => {
    const options = await director.openExtensionPage("options.html");
    await options.getByTestId("language-select").selectOption("en");
    await options.getByTestId("options-save").click();
    await options.getByText(formatMessage("EXT_UI_SAVED", {}, "en")).waitFor();
    await options.close();
    const page = await director.openExtensionPage("progress.html?ngay=2026-06-20");
    await page.locator("h1", { hasText: formatMessage("EXT_UI_PROGRESS_TITLE", {}, "en") }).waitFor();
    await page.getByTestId("progress-table").waitFor({ timeout: 20_000 });
    const chrome = await page
      .locator("thead th, [data-testid=progress-waves] li, .actions button")
      .allInnerTexts();
    expect(chrome.filter((text) => /[À-ỹ]/.test(text))).toEqual([]);
    expect(chrome).toContain("Director signed");
    expect(await page.getByTestId("progress-waves").innerText()).toContain(
      "Wave 1: due 25/06/2026 · 5 days left",
    );
    await director.shot(page, "progress-english");
    await page.close();
    const popup = await director.openExtensionPage("popup.html");
    await popup
      .getByTestId("queue-head")
      .getByText(formatMessage("EXT_UI_POPUP_QUEUE_EMPTY", {}, "en"))
      .waitFor();
    expect(await popup.locator("h2").allInnerTexts()).toEqual(
      expect.arrayContaining([
        "Waiting for the Director's signature",
        "Waiting for the seal",
        "Import a hand-off package",
      ]),
    );
    await director.shot(popup, "popup-english");
    await popup.close();
  });

  /** Opens the director's popup and clicks a queue's «Ký tất cả»: the review tab it opens. */
  async function openFromQueue(button: "sign-all" | "seal-all"): Promise<Page> {
    const popup = await director.openExtensionPage("popup.html");
    await popup.getByTestId(button).waitFor({ timeout: 20_000 });
    const [review] = await Promise.all([
      director.context.waitForEvent("page", { timeout: 20_000 }),
      popup.getByTestId(button).click(),
    ]);
    await review.waitForLoadState();
    await review
      .getByTestId("learner-table")
      .waitFor({ timeout: 30_000 })
      .catch(async (err: unknown) => {
        // The page's own words say why (an error box), not just a timeout.
        throw new Error(`${String(err)}\n${await review.locator("body").innerText()}`);
      });
    await review
      .locator("[data-testid=learner-table] tbody tr")
      .nth(COUNT - 1)
      .waitFor({ timeout: 30_000 });
    await director.shot(review, `review-${button}`);
    return review;
  }
});

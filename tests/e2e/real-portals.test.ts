import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Gradebook } from "../../shared/model/gradebook.ts";
import { startPortal, type RunningPortal } from "../portal-sim/start-portal.ts";
import { vtsmasYearId } from "../portal-sim/vtsmas.ts";
import { classWorkbook, workbookBytes } from "../unit/adapters/class-workbook.ts";
import { buildExtension, ExtensionBrowser, ROOT } from "./support/extension-browser.ts";
import { addPortalInOptions, storedGradebook } from "./support/flow.ts";

/**
 * The real portals' shapes in Chromium with the built extension: a teacher logs in to vnEdu v5,
 * opens the Sổ điểm window of her class (the panel appears once the window is drawn), and reads
 * the class: the content script POSTs the fragments with the page's my_token. On the new SMAS she
 * logs in (the app keeps its bearer token in localStorage), opens the class, and reads it: the
 * content script calls the gateway with the page's own token. Both stored gradebooks equal the
 * portal's data. Excel files exported from a portal, chosen in the review page's drop zone, give
 * the same class. Screenshots go to test-artifacts/e2e/real-portals-*.png.
 */

const ARTIFACTS = path.join(ROOT, "test-artifacts/e2e");
const fixture = (name: string) =>
  Gradebook.parse(JSON.parse(readFileSync(path.join(ROOT, "tests/fixtures", name), "utf8")));

/** Waits for the panel, clicks its button, waits for the counts or the errors. */
async function readWithPanel(b: ExtensionBrowser, page: Page, label: string) {
  const panel = page.locator("hocba-panel");
  await panel.waitFor({ state: "attached", timeout: 30_000 });
  await b.shot(page, `real-portals-${label}-panel`);
  await panel.locator(".panel button:not(.close)").click();
  await page.waitForFunction(
    () => {
      const host = document.querySelector("hocba-panel");
      return host?.hasAttribute("data-class-key") || host?.hasAttribute("data-errors");
    },
    undefined,
    { timeout: 120_000 },
  );
  await b.shot(page, `real-portals-${label}-read`);
  return {
    classKey: (await panel.getAttribute("data-class-key")) ?? "",
    errors: JSON.parse((await panel.getAttribute("data-errors")) ?? "[]") as string[],
    text: (await panel.getAttribute("data-text")) ?? "",
  };
}

describe("extension on vnEdu v5 and the new SMAS (Chromium + portal simulator)", () => {
  const gdtx = fixture("gradebook-gdtx-10.json"); // class 1001
  const thpt = fixture("gradebook-thpt-11.json"); // class 1002
  let portal: RunningPortal;
  let browser: ExtensionBrowser;

  beforeAll(async () => {
    buildExtension();
    portal = await startPortal({ gradebooks: [gdtx, thpt] });
    browser = await ExtensionBrowser.launch({ env: { ...process.env }, artifacts: ARTIFACTS });
    await browser.preGrantHostPermission(`http://${new URL(portal.url).hostname}/*`);
    await addPortalInOptions(browser, portal.url);
  });

  afterAll(async () => {
    await browser?.close();
    await portal?.close();
  });

  it("vnEdu v5: log in, open the class's Sổ điểm window, read the class with the panel", async () => {
    const page = await browser.context.newPage();
    await page.goto(`${portal.url}/v5/`);
    await page.locator('input[name="txtUsername"]').fill("gvcn");
    await page.locator('input[name="txtPassword"]').fill("123456");
    await Promise.all([page.waitForURL(/\/v5\/$/), page.locator('input[name="txtPassword"]').press("Enter")]);
    // No class window yet: no panel.
    await page.waitForTimeout(1500);
    expect(await page.locator("hocba-panel").count()).toBe(0);
    await page.locator(".ux-desktop-shortcut", { hasText: "Sổ điểm" }).click();
    await page.locator("#cboLop").selectOption("1002");
    await page.locator("#cboMon").selectOption({ label: "Toán" });
    await page.locator("#btnXem").click();
    await page.locator("table.tablefix").waitFor({ timeout: 15_000 });
    const read = await readWithPanel(browser, page, "vnedu-v5");
    expect(read.errors).toEqual([]);
    expect(read.text).toBe(`${thpt.learners.length} học sinh · 0 lỗi`);
    expect(await storedGradebook(await browser.openExtensionPage("popup.html"), read.classKey)).toEqual(thpt);
    await page.close();
  });

  it("vnEdu v5: a grade typed in the window and not saved stops the read, naming the cell", async () => {
    const page = await browser.context.newPage();
    await page.goto(`${portal.url}/v5/`);
    await page.locator(".ux-desktop-shortcut", { hasText: "Sổ điểm" }).click();
    await page.locator("#cboLop").selectOption("1001");
    await page.locator("#btnXem").click();
    const cell = page.locator('table.tablefix tbody tr:first-child td[data-cot="gk"] input');
    await cell.fill("9,75");
    const read = await readWithPanel(browser, page, "vnedu-v5-unsaved");
    expect(read.classKey).toBe("");
    expect(read.errors[0]).toContain("ô đang ghi «9,75» nhưng cổng đã lưu");
    await page.close();
  });

  it("new SMAS: log in, open the class, read it with the page's own token", async () => {
    const page = await browser.context.newPage();
    const classPath = `/vtsmas/so-diem?classId=c1001&schoolYearId=${vtsmasYearId(gdtx)}`;
    await page.goto(`${portal.url}/vtsmas/login?next=${encodeURIComponent(classPath)}`);
    await page.locator('input[name="username"]').fill("gvcn");
    await page.locator('input[name="password"]').fill("123456");
    await Promise.all([page.waitForURL(/so-diem/), page.locator('input[name="password"]').press("Enter")]);
    await page.locator("#hoc-sinh li").first().waitFor({ timeout: 15_000 });
    const read = await readWithPanel(browser, page, "vtsmas");
    expect(read.errors).toEqual([]);
    expect(read.text).toBe(`${gdtx.learners.length} học viên · 0 lỗi`);
    expect(await storedGradebook(await browser.openExtensionPage("popup.html"), read.classKey)).toEqual(gdtx);
    await page.close();
  });

  it("Excel exports chosen in the review page's drop zone: the class is checked, stored and shown", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "hocba-xlsx-"));
    try {
      const file = path.join(dir, "11A2.xlsx");
      writeFileSync(file, await workbookBytes(classWorkbook(thpt, { numbers: "mixed", hiddenJunk: true })));
      const broken = path.join(dir, "hong.xlsx");
      writeFileSync(broken, "not a workbook");
      const review = await browser.openExtensionPage("review.html");
      const drop = review.getByTestId("excel-drop");
      await drop.waitFor({ timeout: 20_000 });
      // A file that is not a workbook: named, nothing stored.
      await review.getByTestId("excel-input").setInputFiles(broken);
      await review.getByTestId("excel-problems").waitFor({ timeout: 30_000 });
      expect(await review.getByTestId("excel-problems").innerText()).toContain(
        "Tệp hong.xlsx không phải tệp Excel",
      );
      await Promise.all([
        review.waitForURL(/lop=/, { timeout: 60_000 }),
        review.getByTestId("excel-input").setInputFiles(file),
      ]);
      await review.getByTestId("learner-table").waitFor({ timeout: 30_000 });
      await browser.shot(review, "real-portals-excel-review");
      const classKey = new URL(review.url()).searchParams.get("lop") ?? "";
      expect(await storedGradebook(review, classKey)).toEqual(thpt);
      await review.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

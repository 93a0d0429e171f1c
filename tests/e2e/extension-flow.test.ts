import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkGradebook } from "../../shared/check/check-gradebook.ts";
import { Gradebook } from "../../shared/model/gradebook.ts";
import { loadProfile } from "../../shared/rules/load-profile.ts";
import { readHocBa } from "../../shared/xml/hocbaso-v1/read-hoc-ba.ts";
import { startPortal, type RunningPortal } from "../portal-sim/start-portal.ts";
import { useTestToken } from "../support/test-token.ts";
import { buildExtension, ExtensionBrowser, ROOT } from "./support/extension-browser.ts";
import {
  addPortalInOptions,
  classPagePath,
  downloadAndUnzip,
  loginToPortal,
  openApprovalFromPopup,
  openReviewFromPanel,
  readClassWithPanel,
  signInReview,
  storedGradebook,
  verifySignedFiles,
} from "./support/flow.ts";

/**
 * The whole product in a real browser: headless Chromium with the built extension, the helper
 * registered in the profile and reaching the SoftHSM test token, the portal simulator in both
 * layouts. A teacher reads the 42-learner class and signs it as GVCN; the director approves from
 * the popup; the ZIP's files are verified by `hocba verify` and xmlsec1. Screenshots of each step
 * go to test-artifacts/e2e/.
 *
 * Test-only path: headless Chromium cannot show the permissions.request prompt, so the portal's
 * host permission is pre-granted through chrome://extensions (developerPrivate.addHostPermission,
 * what "Site access → Add a site" does); the options page then runs its normal permissions.request.
 */

const ARTIFACTS = path.join(ROOT, "test-artifacts/e2e");
const fixture = (name: string) =>
  Gradebook.parse(JSON.parse(readFileSync(path.join(ROOT, "tests/fixtures", name), "utf8")));

describe("extension end to end (Chromium + helper + SoftHSM + portal simulator)", () => {
  const token = useTestToken();
  const gdtx = fixture("gradebook-gdtx-10.json"); // 10A1, 42 learners, class id 1001
  const thpt = fixture("gradebook-thpt-11.json"); // 11A2, 35 learners, class id 1002
  const withErrors = fixture("gradebook-errors.json"); // 10A9, one deliberate error per learner, class id 1003
  let portal: RunningPortal;
  let browser: ExtensionBrowser;
  let work: string;
  let portalPage: Page;
  const classKeys: Record<string, string> = {};
  let files: string[] = [];

  beforeAll(async () => {
    buildExtension();
    // Only this file's screenshots ("NN-name.png"): extension-failures.test.ts shares the folder.
    mkdirSync(ARTIFACTS, { recursive: true });
    for (const name of readdirSync(ARTIFACTS)) {
      if (/^\d{2}-.*\.png$/.test(name)) rmSync(path.join(ARTIFACTS, name), { force: true });
    }
    work = mkdtempSync(path.join(tmpdir(), "hocba-e2e-"));
    portal = await startPortal({ gradebooks: [gdtx, thpt, withErrors] });
    browser = await ExtensionBrowser.launch({
      env: { ...token.env, HOCBA_DATA_DIR: path.join(work, "helper-data") },
      artifacts: ARTIFACTS,
    });
  });

  afterAll(async () => {
    await browser?.close();
    await portal?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it("the popup explains, in Vietnamese, how to install a missing helper", async () => {
    const popup = await browser.openExtensionPage("popup.html");
    const error = popup.getByTestId("helper-error");
    await error.waitFor({ timeout: 20_000 });
    expect(await error.getAttribute("data-code")).toBe("EXT_HOST_NOT_FOUND");
    expect(await error.innerText()).toContain("hocba install");
    await browser.shot(popup, "popup-helper-missing");
    await popup.close();
  });

  it("after `hocba install --user-data-dir`, the popup sees the helper and the test token", async () => {
    expect(browser.installHelper()).toContain("NativeMessagingHosts");
    const popup = await browser.openExtensionPage("popup.html");
    const tokens = popup.getByTestId("helper-tokens");
    await tokens.waitFor({ timeout: 20_000 });
    expect(await tokens.innerText()).toContain(token.tokenLabel);
    await browser.shot(popup, "popup-helper-ready");
    await popup.close();
  });

  it("the options page adds the portal (permission granted, content script registered)", async () => {
    await browser.preGrantHostPermission(
      `${new URL(portal.url).protocol}//${new URL(portal.url).hostname}/*`,
    );
    await addPortalInOptions(browser, portal.url);
    const scripts = await browser.serviceWorker.evaluate(() =>
      chrome.scripting.getRegisteredContentScripts(),
    );
    expect(scripts.map((s) => s.matches)).toEqual([["http://127.0.0.1/*"]]);
  });

  it.each([
    ["smas", "1001", gdtx],
    ["vnedu", "1002", thpt],
  ] as const)(
    "%s layout: the panel reads class %s and the stored gradebook equals the portal's data",
    async (layout, id, source) => {
      portalPage ??= await browser.context.newPage();
      await loginToPortal(portalPage, portal.url, layout);
      const read = await readClassWithPanel(
        browser,
        portalPage,
        portal.url + classPagePath(layout, id),
        layout,
      );
      expect(read.errors).toEqual([]);
      expect(read.panelText).toBe(
        `${source.learners.length} ${layout === "smas" ? "học viên" : "học sinh"} · 0 lỗi`,
      );
      classKeys[layout] = read.classKey;
      const stored = await storedGradebook(await browser.openExtensionPage("popup.html"), read.classKey);
      // Field by field, every learner, every subject, every score.
      expect(stored).toEqual(source);
    },
  );

  it("a class with errors: the panel counts them and the review page lets no blocked learner be signed", async () => {
    const read = await readClassWithPanel(
      browser,
      portalPage,
      portal.url + classPagePath("smas", "1003"),
      "smas-errors",
    );
    // The data is readable; its problems are the grading errors that `check` finds in the source.
    expect(read.errors).toEqual([]);
    const expected = checkGradebook(withErrors, loadProfile(withErrors.profile));
    expect(expected.errorCount).toBeGreaterThan(0);
    expect(read.panelText).toBe(`${withErrors.learners.length} học viên · ${expected.errorCount} lỗi`);
    const stored = await storedGradebook(await browser.openExtensionPage("popup.html"), read.classKey);
    expect(stored).toEqual(withErrors);
    const errors = expected.errorCount;
    const review = await openReviewFromPanel(browser, portalPage);
    expect(await review.getByTestId("check-summary").innerText()).toContain(`${errors} lỗi`);
    const rows = review.locator("[data-testid=learner-table] tbody tr");
    const blocked = await review.locator("[data-testid=learner-table] tbody tr:has(.badge.error)").count();
    expect(blocked).toBeGreaterThan(0);
    const signable = (await rows.count()) - blocked;
    expect(await review.getByTestId("sign-start").innerText()).toContain(`Ký ${signable} học bạ`);
    expect(
      await review
        .locator("[data-testid=learner-table] tbody tr:has(.badge.error) input[type=checkbox]:enabled")
        .count(),
    ).toBe(0);
    await browser.shot(review, "review-class-with-errors");
    await review.close();
  });

  it("the review page shows the checks and a paper-like preview of the exact document, then GVCN signs 42", async () => {
    const review = await openReviewFromPanel(browser, await loadClassPage("smas", "1001"));
    expect(await review.getByTestId("check-summary").innerText()).toMatch(
      /^42 học viên · 0 lỗi · \d+ cảnh báo$/,
    );
    expect(await review.locator("[data-testid=learner-table] tbody tr").count()).toBe(42);
    const first = gdtx.learners[0];
    expect(await review.getByTestId("preview-ho-ten").innerText()).toBe(first?.hocVien.hoTen);
    expect(await review.getByTestId("preview-nhan-xet").innerText()).toBe(first?.nhanXetGVCN);
    await browser.shot(review, "review-preview");

    // A wrong PIN: the helper refuses the batch, the page says so, nothing is signed, nothing retried.
    const select = review.getByTestId("cert-select");
    await select.waitFor({ timeout: 30_000 });
    await select.selectOption(
      (await select.locator("option", { hasText: "Trần Thị Thu Hằng" }).first().getAttribute("value")) ?? "",
    );
    await review.getByTestId("pin-input").fill("000000");
    await review.getByTestId("sign-start").click();
    const batchError = review.getByTestId("batch-error");
    await batchError.waitFor({ timeout: 60_000 });
    expect(await batchError.getAttribute("data-code")).toMatch(/^TOKEN_PIN_INCORRECT/);
    expect(await batchError.innerText()).toMatch(/PIN/);
    expect(await review.locator('[data-testid=learner-table] tbody tr[data-signed="GVCN"]').count()).toBe(0);
    await browser.shot(review, "review-wrong-pin");

    const outcome = await signInReview(browser, review, {
      role: "GVCN",
      certName: "Trần Thị Thu Hằng",
      pin: token.pin,
      label: "gvcn",
      expectCount: 42,
    });
    expect(outcome.resultText).toBe("Xong: đã ký 42, lỗi 0.");
    expect(await review.locator('[data-testid=learner-table] tbody tr[data-signed="GVCN"]').count()).toBe(42);
    // The preview now shows who signed, read from the signed bytes.
    expect(await review.locator('[data-testid=preview-signatures] [data-role="GVCN"]').innerText()).toContain(
      "Trần Thị Thu Hằng",
    );
    await review.close();
  });

  it("the director approves the 42 from the popup's «Ký tất cả», and downloads the ZIP", async () => {
    const { popupQueue, review } = await openApprovalFromPopup(browser);
    expect(popupQueue).toContain("42 học bạ chờ ký");
    expect(await review.getByTestId("role-ThuTruong").isChecked()).toBe(true);
    const outcome = await signInReview(browser, review, {
      role: "ThuTruong",
      certName: "Nguyễn Văn Thắng",
      pin: token.pin,
      label: "giam-doc",
      expectCount: 42,
    });
    expect(outcome.resultText).toBe("Xong: đã ký 42, lỗi 0.");
    const zip = await downloadAndUnzip(browser, review, path.join(work, "zip"));
    files = zip.files;
    expect(files).toHaveLength(42);
    expect(path.basename(zip.zip)).toBe("hocba_10A1_2025-2026.zip");
  });

  it("every file verifies with `hocba verify` and xmlsec1, and says exactly what the portal said", () => {
    const outcome = verifySignedFiles(files, token.pkiDir, ["GVCN", "ThuTruong"]);
    expect(outcome.xmlsecFailures).toEqual([]);
    expect(outcome.xmlsecPassed).toBe(84);
    expect(outcome.hocbaExit).toBe(0);
    expect(outcome.reports.every((r) => r.ok && r.roles.join(",") === "GVCN,ThuTruong")).toBe(true);
    for (const file of files) {
      const view = readHocBa(readFileSync(file));
      const learner = gdtx.learners.find((l) => l.hocVien.maHocVien === view.hocVien.maHocVien);
      expect(view.hocVien).toEqual(learner?.hocVien);
      expect(view.nhanXetGVCN).toBe(learner?.nhanXetGVCN);
      expect(view.vaiTroCoChuKy).toEqual(["GVCN", "ThuTruong"]);
    }
  });

  async function loadClassPage(layout: "smas" | "vnedu", id: string): Promise<Page> {
    await portalPage.goto(portal.url + classPagePath(layout, id));
    await portalPage.locator("hocba-panel").waitFor({ state: "attached", timeout: 20_000 });
    // A fresh page starts on "Đọc sổ điểm": read again (same data) to get "Xem và ký".
    await portalPage.locator("hocba-panel .panel button:not(.close)").click();
    await portalPage.waitForFunction(
      () => document.querySelector("hocba-panel")?.hasAttribute("data-class-key"),
      undefined,
      {
        timeout: 120_000,
      },
    );
    return portalPage;
  }
});

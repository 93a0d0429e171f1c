import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXTENSION_ID, NATIVE_HOST_NAME } from "../../shared/config/extension-identity.ts";
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
import {
  archiveCheck,
  archiveEntries,
  dumpExtensionStorage,
  filesContaining,
  helperLog,
  jsonWithoutXml,
  pidOfLastBatch,
  propertyNames,
  putStoredDocuments,
  storedDocuments,
} from "./support/inspect.ts";

/**
 * What goes wrong, in a real browser: a helper registered for another extension id, a portal page
 * missing a column, a batch cancelled in its middle, the helper dying in the middle of a batch and
 * "retry the failed ones", a wrong PIN, the three signatures (GVCN, Giám đốc, seal) of one class,
 * the PIN kept nowhere, and the English UI. Same harness as extension-flow.test.ts: headless
 * Chromium, the built extension, the real helper on the SoftHSM test token, the portal simulator.
 *
 * Test-only settings: HOCBA_TEST_SIGN_DELAY_MS makes each signature take as long as on a real USB
 * token (SoftHSM signs 42 documents in about two seconds), so that a cancel or a crash lands in the
 * middle of a batch; the simulator serves one sổ điểm page without its ĐĐGck column
 * (startPortal's brokenSoDiem). Screenshots go to test-artifacts/e2e/failures-NN-*.png.
 */

const ARTIFACTS = path.join(ROOT, "test-artifacts/e2e");
const SHOT_PREFIX = "failures-";
const SIGN_DELAY_MS = 60;
/** A wrong PIN nobody would find in a document by chance: it must end up nowhere. */
const WRONG_PIN = "97531864";
const fixture = (name: string) =>
  Gradebook.parse(JSON.parse(readFileSync(path.join(ROOT, "tests/fixtures", name), "utf8")));
const vi = (code: Parameters<typeof formatMessage>[0], params = {}) => formatMessage(code, params, "vi");
const en = (code: Parameters<typeof formatMessage>[0], params = {}) => formatMessage(code, params, "en");

describe("extension failure paths end to end (Chromium + helper + SoftHSM + portal simulator)", () => {
  const token = useTestToken();
  const gdtx = fixture("gradebook-gdtx-10.json"); // 10A1, 42 learners, class id 1001
  const thpt = fixture("gradebook-thpt-11.json"); // 11A2, 35 learners, class id 1002: its Vật lí page is broken
  let portal: RunningPortal;
  let browser: ExtensionBrowser;
  let work: string;
  let dataDir: string;
  let portalPage: Page;
  let review: Page;
  let classKey = "";

  beforeAll(async () => {
    buildExtension();
    mkdirSync(ARTIFACTS, { recursive: true });
    for (const name of readdirSync(ARTIFACTS)) {
      if (name.startsWith(SHOT_PREFIX)) rmSync(path.join(ARTIFACTS, name), { force: true });
    }
    work = mkdtempSync(path.join(tmpdir(), "hocba-e2e-failures-"));
    dataDir = path.join(work, "helper-data");
    portal = await startPortal({
      gradebooks: [gdtx, thpt],
      brokenSoDiem: { classId: "1002", monId: "VL", dropColumn: "ĐĐGck" },
    });
    browser = await ExtensionBrowser.launch({
      env: { ...token.env, HOCBA_DATA_DIR: dataDir, HOCBA_TEST_SIGN_DELAY_MS: String(SIGN_DELAY_MS) },
      artifacts: ARTIFACTS,
      shotPrefix: SHOT_PREFIX,
    });
  });

  afterAll(async () => {
    await browser?.close();
    await portal?.close();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  const rowsSigned = (page: Page, role: string) =>
    page.locator(`[data-testid=learner-table] tbody tr[data-signed~="${role}"]`).count();
  const rowsInState = (page: Page, state: string) =>
    page.locator(`[data-testid=learner-table] tbody td.batch-state[data-state="${state}"]`).count();

  /** Chooses role and certificate, types the PIN and clicks «Ký»; does not wait for the end. */
  async function startSigning(page: Page, role: string, certName: string, pin: string): Promise<void> {
    const radio = page.getByTestId(`role-${role}`);
    if (!(await radio.isChecked())) await radio.check();
    const select = page.getByTestId("cert-select");
    await select.waitFor({ timeout: 30_000 });
    const value = await select.locator("option", { hasText: certName }).first().getAttribute("value");
    await select.selectOption(value ?? "");
    await page.getByTestId("pin-input").fill(pin);
    await page.getByTestId("sign-start").click();
  }

  /** Waits until the progress bar says at least `done` documents were processed. */
  async function waitForProgress(page: Page, done: number): Promise<void> {
    await page.waitForFunction(
      (n) =>
        Number(
          document
            .querySelector("[data-testid=sign-progress] [role=progressbar]")
            ?.getAttribute("aria-valuenow") ?? "0",
        ) >= n,
      done,
      { timeout: 60_000, polling: 20 },
    );
  }

  it("a helper registered for another extension id: the popup says «forbidden» and gives the exact fix", async () => {
    browser.installHelper();
    // As an older installer or a store-only deployment would leave it: our id is not allowed.
    const manifestFile = path.join(browser.userDataDir, "NativeMessagingHosts", `${NATIVE_HOST_NAME}.json`);
    const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as { allowed_origins: string[] };
    expect(manifest.allowed_origins).toContain(`chrome-extension://${EXTENSION_ID}/`);
    manifest.allowed_origins = ["chrome-extension://abcdefghijklmnopabcdefghijklmnop/"];
    writeFileSync(manifestFile, JSON.stringify(manifest, null, 2));

    const popup = await browser.openExtensionPage("popup.html");
    const error = popup.getByTestId("helper-error");
    await error.waitFor({ timeout: 20_000 });
    expect(await error.getAttribute("data-code")).toBe("EXT_HOST_FORBIDDEN");
    const text = await error.innerText();
    expect(text).toContain(vi("EXT_HOST_FORBIDDEN", { host: NATIVE_HOST_NAME, extensionId: EXTENSION_ID }));
    expect(text).toContain(`hocba install --extension-id ${EXTENSION_ID}`);
    await browser.shot(popup, "popup-helper-forbidden");
    await popup.close();

    // The fix the message gives, run as written (in this profile).
    browser.installHelper(["--extension-id", EXTENSION_ID]);
    const fixed = await browser.openExtensionPage("popup.html");
    await fixed.getByTestId("helper-tokens").waitFor({ timeout: 20_000 });
    expect(await fixed.getByTestId("helper-error").count()).toBe(0);
    await browser.shot(fixed, "popup-helper-fixed");
    await fixed.close();
  });

  it("a sổ điểm page without its ĐĐGck column: the panel names the page and the column, nothing is stored", async () => {
    await browser.preGrantHostPermission(`http://${new URL(portal.url).hostname}/*`);
    await addPortalInOptions(browser, portal.url);
    portalPage = await browser.context.newPage();
    await loginToPortal(portalPage, portal.url, "smas");
    const read = await readClassWithPanel(
      browser,
      portalPage,
      portal.url + classPagePath("smas", "1002"),
      "smas-broken-page",
    );
    expect(read.classKey).toBe("");
    const page = `${portal.url}/smas/SoDiem/Index?lopId=1002&monId=VL`;
    expect(read.errors[0]).toBe(
      `Trang «Sổ điểm môn Vật lí - Lớp 11A2 - SMAS (${page})»: không thấy cột «CK (Học kỳ I)» trong bảng «Sổ điểm môn Vật lí».`,
    );
    // Every other page was fine: the only problems are about that page.
    expect(read.errors.every((e) => e.includes(page))).toBe(true);
    // The panel itself shows the first problem, in Vietnamese, in red.
    expect(read.panelText.startsWith(read.errors[0] ?? "?")).toBe(true);
    expect(await portalPage.locator("hocba-panel .text.error").innerText()).toBe(read.panelText);

    const popup = await browser.openExtensionPage("popup.html");
    const dump = await dumpExtensionStorage(popup);
    await popup.close();
    expect(dump.indexedDb.hocba?.gradebooks ?? []).toEqual([]);
    expect(dump.indexedDb.hocba?.documents ?? []).toEqual([]);
  });

  it("cancel in the middle of a batch: the page says how many were signed and how many not; those stay signed, in the extension and in the helper's archive", async () => {
    const read = await readClassWithPanel(
      browser,
      portalPage,
      portal.url + classPagePath("smas", "1001"),
      "smas-10a1",
    );
    expect(read.errors).toEqual([]);
    classKey = read.classKey;
    review = await openReviewFromPanel(browser, portalPage);
    expect(await review.getByTestId("sign-start").innerText()).toContain("Ký 42 học bạ");

    await startSigning(review, "GVCN", "Trần Thị Thu Hằng", token.pin);
    expect(await review.getByTestId("pin-input").inputValue()).toBe("");
    await waitForProgress(review, 3);
    await review.getByTestId("sign-cancel").click();
    const result = review.getByTestId("sign-result");
    await result.waitFor({ timeout: 60_000 });
    const match = /^Đã hủy: đã ký (\d+), lỗi 0, chưa ký (\d+)\.$/.exec((await result.innerText()).trim());
    expect(match, await result.innerText()).not.toBeNull();
    const signed = Number(match?.[1]);
    const notSigned = Number(match?.[2]);
    expect(signed).toBeGreaterThanOrEqual(3);
    expect(notSigned).toBeGreaterThan(0);
    expect(signed + notSigned).toBe(42);
    expect(await rowsSigned(review, "GVCN")).toBe(signed);
    expect(await rowsInState(review, "signed")).toBe(signed);
    expect(await rowsInState(review, "cancelled")).toBe(notSigned);
    expect(await review.getByTestId("pin-input").inputValue()).toBe("");
    await browser.shot(review, "review-cancelled");

    // Reload: the signed ones are still signed, the others untouched.
    await review.reload();
    await review.getByTestId("learner-table").waitFor();
    expect(await rowsSigned(review, "GVCN")).toBe(signed);
    expect(await review.getByTestId("sign-start").innerText()).toContain(`Ký ${notSigned} học bạ`);
    await browser.shot(review, "review-cancelled-reloaded");

    // Nothing partial: exactly the signed learners are stored, each with the GVCN signature only,
    // and the helper's archive holds exactly those.
    const stored = await storedDocuments(review, classKey);
    expect(stored).toHaveLength(signed);
    expect(stored.every((d) => d.signedRoles.join() === "GVCN")).toBe(true);
    const signedCodes = await review
      .locator('[data-testid=learner-table] tbody tr[data-signed~="GVCN"]')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-ma-hoc-vien")));
    expect(stored.map((d) => d.maHocVien).sort()).toEqual(signedCodes.sort());
    const archived = archiveEntries(browser.env);
    expect(archived.map((e) => `${e.maHocVien} ${e.role}`).sort()).toEqual(
      stored.map((d) => `${d.maHocVien} GVCN`).sort(),
    );
    const files = stored.map((d) => {
      const file = path.join(work, "cancelled", `${d.maHocVien}.xml`);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, d.xml);
      return file;
    });
    const verified = verifySignedFiles(files, token.pkiDir, ["GVCN"]);
    expect(verified.xmlsecFailures).toEqual([]);
    expect(verified.reports.every((r) => r.ok && r.roles.join() === "GVCN")).toBe(true);
  });

  it("the helper dies in the middle of a batch: each learner not signed says why; «retry the failed ones» signs them all, none twice", async () => {
    const before = await rowsSigned(review, "GVCN");
    await startSigning(review, "GVCN", "Trần Thị Thu Hằng", token.pin);
    await waitForProgress(review, 2);
    // The helper process (started by this browser) is killed as a crashing token library would.
    process.kill(pidOfLastBatch(dataDir), "SIGKILL");
    const batchError = review.getByTestId("batch-error");
    await batchError.waitFor({ timeout: 30_000 });
    expect(await batchError.getAttribute("data-code")).toBe("EXT_HOST_EXITED");
    await review.getByTestId("sign-start").waitFor();

    const signedNow = await rowsSigned(review, "GVCN");
    expect(signedNow).toBeGreaterThanOrEqual(before + 2);
    const failed = review.locator('[data-testid=learner-table] tbody td.batch-state[data-state="failed"]');
    const failedCount = await failed.count();
    expect(failedCount).toBe(42 - signedNow);
    expect(failedCount).toBeGreaterThan(0);
    // Per learner, in Vietnamese: why it is not signed.
    const reason = vi("EXT_HOST_EXITED", { host: NATIVE_HOST_NAME, extensionId: EXTENSION_ID });
    expect(await failed.evaluateAll((cells) => cells.map((c) => c.getAttribute("data-code")))).toEqual(
      Array<string>(failedCount).fill("EXT_HOST_EXITED"),
    );
    expect(await failed.first().innerText()).toBe(vi("EXT_UI_ROW_NOT_SIGNED_STOPPED"));
    expect(await failed.first().locator("span").getAttribute("title")).toBe(reason);
    expect(await batchError.locator("p").first().innerText()).toBe(reason);
    await browser.shot(review, "review-helper-died");

    // Nothing is lost: what the extension shows as signed is stored, the archive is intact.
    expect(await storedDocuments(review, classKey)).toHaveLength(signedNow);
    expect(archiveCheck(browser.env).ok).toBe(true);

    const retry = review.getByTestId("retry-failed");
    expect(await retry.innerText()).toBe(vi("EXT_UI_RETRY_FAILED", { count: failedCount }));
    await retry.click();
    const outcome = await signInReview(browser, review, {
      role: "GVCN",
      certName: "Trần Thị Thu Hằng",
      pin: token.pin,
      label: "gvcn-retry",
      expectCount: failedCount,
    });
    // The document the helper signed just before it died is answered from its archive ("resumed").
    expect(outcome.resultText).toBe(`Xong: đã ký ${failedCount}, lỗi 0.`);
    expect(await rowsSigned(review, "GVCN")).toBe(42);
    expect(await review.getByTestId("pin-input").inputValue()).toBe("");

    const stored = await storedDocuments(review, classKey);
    expect(stored).toHaveLength(42);
    const gvcn = archiveEntries(browser.env).filter((e) => e.role === "GVCN");
    expect(gvcn).toHaveLength(42);
    expect(new Set(gvcn.map((e) => e.maHocVien)).size).toBe(42);
    expect(archiveCheck(browser.env).ok).toBe(true);
  });

  it("two stored copies altered after GVCN signed: the helper refuses those two, each row says why; restored, «retry the failed ones» signs them", async () => {
    // TEST-ONLY damage: the extension's stored copy of two GVCN-signed records is changed (one
    // character of the GVCN's SignatureValue), as a faulty tool or a disk error would do. The data
    // stays as the portal gave it: changed data is a new version of the record (asked for a
    // reason before signing), a broken signature over the same data is the helper's to refuse.
    const victims = [gdtx.learners[9], gdtx.learners[19]].map(
      (l) => l?.hocVien ?? { maHocVien: "", hoTen: "" },
    );
    const originals = (await storedDocuments(review, classKey)).filter((d) =>
      victims.some((v) => v.maHocVien === d.maHocVien),
    );
    expect(originals).toHaveLength(2);
    const damaged = originals.map((d) => {
      const at = d.xml.indexOf("<ds:SignatureValue>") + "<ds:SignatureValue>".length + 10;
      expect(at).toBeGreaterThan(100);
      const flipped = d.xml[at] === "A" ? "B" : "A";
      const xml = d.xml.slice(0, at) + flipped + d.xml.slice(at + 1);
      expect(xml).not.toBe(d.xml);
      return { ...d, xml };
    });
    await putStoredDocuments(review, damaged);
    await review.reload();
    await review.getByTestId("learner-table").waitFor();

    const outcome = await signInReview(browser, review, {
      role: "ThuTruong",
      certName: "Nguyễn Văn Thắng",
      pin: token.pin,
      label: "giam-doc-two-refused",
      expectCount: 42,
    });
    expect(outcome.resultText).toBe("Xong: đã ký 40, lỗi 2.");
    expect(await rowsSigned(review, "ThuTruong")).toBe(40);
    const failed = review.locator('[data-testid=learner-table] tbody td.batch-state[data-state="failed"]');
    expect(
      await failed.evaluateAll((cells) =>
        cells.map(
          (c) => `${c.closest("tr")?.getAttribute("data-ma-hoc-vien")} ${c.getAttribute("data-code")}`,
        ),
      ),
    ).toEqual(victims.map((v) => `${v.maHocVien} SIGN_EARLIER_SIGNATURE_INVALID`));
    // Per learner, in Vietnamese: the GVCN signature of this record no longer matches its content.
    for (const text of await failed.allInnerTexts()) {
      expect(text).toMatch(/^Chữ ký có sẵn của Giáo viên chủ nhiệm không hợp lệ, nên không ký tiếp: .+/);
    }
    await browser.shot(review, "review-two-refused");
    // Refused documents are not archived in the Giám đốc's role.
    const archivedHead = archiveEntries(browser.env).filter((e) => e.role === "ThuTruong");
    expect(archivedHead).toHaveLength(40);
    expect(archivedHead.some((e) => victims.some((v) => v.maHocVien === e.maHocVien))).toBe(false);

    // The cause fixed (the good copies put back), «retry the failed ones» reads them again.
    await putStoredDocuments(review, originals);
    await review.getByTestId("retry-failed").click();
    const retried = await signInReview(browser, review, {
      role: "ThuTruong",
      certName: "Nguyễn Văn Thắng",
      pin: token.pin,
      label: "giam-doc-retry",
      expectCount: 2,
    });
    expect(retried.resultText).toBe("Xong: đã ký 2, lỗi 0.");
    expect(await rowsSigned(review, "ThuTruong")).toBe(42);
  });

  it("a wrong PIN is refused and nothing changes; the seal (DonVi) after GVCN and Giám đốc; the ZIP verifies with three signatures", async () => {
    await startSigning(review, "DonVi", "Trung tâm GDNN-GDTX Việt Trì", WRONG_PIN);
    const batchError = review.getByTestId("batch-error");
    await batchError.waitFor({ timeout: 60_000 });
    expect(await batchError.getAttribute("data-code")).toMatch(/^TOKEN_PIN_INCORRECT/);
    expect(await review.getByTestId("pin-input").inputValue()).toBe("");
    expect(await rowsSigned(review, "DonVi")).toBe(0);
    expect(await review.getByTestId("retry-failed").count()).toBe(0);
    await browser.shot(review, "review-seal-wrong-pin");

    const outcome = await signInReview(browser, review, {
      role: "DonVi",
      certName: "Trung tâm GDNN-GDTX Việt Trì",
      pin: token.pin,
      label: "con-dau",
      expectCount: 42,
    });
    expect(outcome.resultText).toBe("Xong: đã ký 42, lỗi 0.");
    expect(await rowsSigned(review, "DonVi")).toBe(42);
    expect(await review.getByTestId("pin-input").inputValue()).toBe("");
    expect(
      await review.locator('[data-testid=preview-signatures] [data-role="DonVi"]').innerText(),
    ).toContain("Trung tâm GDNN-GDTX Việt Trì");

    const zip = await downloadAndUnzip(browser, review, path.join(work, "zip"));
    expect(zip.files).toHaveLength(42);
    const verified = verifySignedFiles(zip.files, token.pkiDir, ["GVCN", "ThuTruong", "DonVi"]);
    expect(verified.xmlsecFailures).toEqual([]);
    expect(verified.xmlsecPassed).toBe(126);
    expect(verified.hocbaExit).toBe(0);
    expect(verified.reports.every((r) => r.ok && r.roles.join() === "GVCN,ThuTruong,DonVi")).toBe(true);
    expect(archiveEntries(browser.env)).toHaveLength(42 * 3);
  });

  it("the PIN is kept nowhere: not in chrome.storage, not in IndexedDB, not in the helper's log or archive, not in the profile", async () => {
    const page = await browser.openExtensionPage("popup.html");
    const dump = await dumpExtensionStorage(page);
    await page.close();
    expect(dump.indexedDb.hocba?.documents).toHaveLength(42);
    const names = [...propertyNames(dump)];
    // No field named after a PIN (pin, userPin, pin_code…; "genericMapping" is fine).
    const words = (name: string) => name.split(/(?<=[a-z0-9])(?=[A-Z])|[_\W]+/).map((w) => w.toLowerCase());
    expect(names.filter((n) => words(n).includes("pin"))).toEqual([]);
    const everything = JSON.stringify(dump);
    expect(everything).not.toContain(WRONG_PIN);
    // Signed XML holds base64 and hex where any six digits may occur: the real PIN is looked for
    // everywhere else.
    expect(jsonWithoutXml(dump)).not.toContain(token.pin);

    const log = helperLog(dataDir);
    expect(log).toContain(" sign-batch ");
    expect(log).toContain(`test-sign-delay ms=${SIGN_DELAY_MS}`);
    expect(log).not.toContain(WRONG_PIN);
    expect(log).not.toContain(token.pin);
    expect(filesContaining(dataDir, WRONG_PIN)).toEqual([]);
    expect(filesContaining(browser.userDataDir, WRONG_PIN)).toEqual([]);
  });

  it("English: the options page switches the language, the review page and the popup follow; back to Vietnamese", async () => {
    const setLanguage = async (language: "vi" | "en") => {
      const options = await browser.openExtensionPage("options.html");
      await options.getByTestId("language-select").selectOption(language);
      await options.getByTestId("options-save").click();
      await options.getByText(formatMessage("EXT_UI_SAVED", {}, language)).waitFor();
      return options;
    };
    const options = await setLanguage("en");
    // The page re-renders in the new language after it says "saved": waited for, not raced.
    await expect
      .poll(() => options.locator("h1").innerText(), { timeout: 15_000 })
      .toBe(en("EXT_UI_OPTIONS_TITLE"));
    await browser.shot(options, "options-english");
    await options.close();

    await review.reload();
    await review.getByTestId("learner-table").waitFor();
    await review.locator("h1", { hasText: en("EXT_UI_REVIEW_TITLE") }).waitFor();
    expect(await review.getByTestId("check-summary").innerText()).toMatch(
      /^42 learners · 0 errors · \d+ warnings$/,
    );
    expect(await review.getByTestId("download-zip").innerText()).toBe(
      en("EXT_UI_DOWNLOAD_ZIP", { count: 42 }),
    );
    expect(await review.getByTestId("role-DonVi").locator("xpath=..").innerText()).toBe(
      en("EXT_UI_ROLE_DON_VI"),
    );
    // The page's own words (headings, labels, buttons, column titles) are English; the names,
    // the school and the paper preview of the document stay as they are.
    const chrome = await review
      .locator(
        ".review-side h2, .review-side legend, .review-side label.radio, .review-side button, thead th",
      )
      .allInnerTexts();
    expect(chrome.filter((s) => /[À-ỹ]/.test(s))).toEqual([]);
    await browser.shot(review, "review-english");

    // The first heading the page ever draws, recorded as it appears (mount.tsx reads the language
    // before the first frame: an English user must not see a Vietnamese one flash first).
    await browser.context.addInitScript(() => {
      const w = window as unknown as { hocbaFirstH1?: string };
      new MutationObserver((_records, observer) => {
        const h1 = document.querySelector("h1");
        if (!h1 || w.hocbaFirstH1 !== undefined) return;
        w.hocbaFirstH1 = h1.textContent ?? "";
        observer.disconnect();
      }).observe(document, { childList: true, subtree: true, characterData: true });
    });
    const popup = await browser.openExtensionPage("popup.html");
    await popup.getByTestId("helper-tokens").waitFor({ timeout: 20_000 });
    expect(await popup.evaluate(() => (window as unknown as { hocbaFirstH1?: string }).hocbaFirstH1)).toBe(
      en("EXT_UI_APP_NAME"),
    );
    await expect.poll(() => popup.locator("h1").innerText(), { timeout: 15_000 }).toBe(en("EXT_UI_APP_NAME"));
    // The queues render as their data arrives.
    await expect
      .poll(() => popup.locator("h2").allInnerTexts(), { timeout: 15_000 })
      .toEqual([
        en("EXT_UI_QUEUE_HEAD_TITLE", { head: "Director" }),
        en("EXT_UI_QUEUE_SEAL_TITLE"),
        en("EXT_UI_IMPORT_TITLE"),
        en("EXT_UI_POPUP_CLASSES_TITLE"),
        en("EXT_UI_HELPER_TITLE"),
      ]);
    expect(await popup.getByTestId("helper-tokens").innerText()).not.toMatch(/[À-ỹ]/);
    await browser.shot(popup, "popup-english");
    await popup.close();

    await (await setLanguage("vi")).close();
    await review.locator("h1", { hasText: vi("EXT_UI_REVIEW_TITLE") }).waitFor();
    expect(await review.getByTestId("download-zip").innerText()).toBe(
      vi("EXT_UI_DOWNLOAD_ZIP", { count: 42 }),
    );
    await browser.shot(review, "review-vietnamese-again");
  });
});

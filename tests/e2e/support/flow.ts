import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { unzipSync } from "fflate";
import type { Page } from "playwright-core";
import type { Gradebook } from "../../../shared/model/gradebook.ts";
import { xmlsec1Verify } from "../../support/xmlsec1.ts";
import { ROOT, type ExtensionBrowser } from "./extension-browser.ts";

/**
 * The user's steps, as Playwright drives them: configure the portal in the options page, log in to
 * the portal, read a class from its page with the panel, sign in the review page, approve from the
 * popup, download the ZIP, then check the files with `hocba verify` and xmlsec1. Each step saves a
 * screenshot. Used by tests/e2e, `npm run demo` and the extension benchmark.
 */

export type Layout = "smas" | "vnedu";

/** The class page of a simulator class in each layout (class ids start at 1001). */
export function classPagePath(layout: Layout, classId: string): string {
  return layout === "smas" ? `/smas/Lop/ChiTiet?lopId=${classId}` : `/vnedu/lop?lop_id=${classId}`;
}

/** Options page: adds the portal origin (permissions.request) and waits until it is listed. */
export async function addPortalInOptions(b: ExtensionBrowser, origin: string): Promise<void> {
  const page = await b.openExtensionPage("options.html");
  await page.getByTestId("portal-input").fill(origin);
  await page.getByTestId("portal-add").click();
  await page.locator(`[data-testid=portal-list] li[data-origin="${origin}"]`).waitFor({ timeout: 15_000 });
  await b.shot(page, "options-portal-added");
  await page.close();
}

/** Logs in through the layout's own form, as a teacher would. */
export async function loginToPortal(
  page: Page,
  base: string,
  layout: Layout,
  user = "gvcn",
  password = "123456",
): Promise<void> {
  await page.goto(`${base}${layout === "smas" ? "/smas/Account/Login" : "/vnedu/login"}`);
  await page.locator('input[name="username"]').fill(user);
  await page.locator('input[name="password"]').fill(password);
  await Promise.all([
    page.waitForURL((url) => !/login/i.test(url.pathname)),
    page.locator('input[name="password"]').press("Enter"),
  ]);
}

export interface ReadResult {
  /** "" when reading failed. */
  classKey: string;
  /** The problems the panel reported (Vietnamese), when reading failed. */
  errors: string[];
  /** The panel's text after reading, e.g. "42 học viên · 0 lỗi". */
  panelText: string;
  /** ms from the click on "Đọc sổ điểm" to the counts. */
  readMs: number;
}

/** Opens the class page, waits for the panel, clicks "Đọc sổ điểm" and waits for the counts (or the errors). */
export async function readClassWithPanel(
  b: ExtensionBrowser,
  page: Page,
  url: string,
  label: string,
): Promise<ReadResult> {
  await page.goto(url);
  const panel = page.locator("hocba-panel");
  await panel.waitFor({ state: "attached", timeout: 20_000 });
  await page.waitForFunction(() => document.querySelector("hocba-panel")?.getAttribute("data-action") !== "");
  await b.shot(page, `portal-${label}-panel`);
  const started = performance.now();
  await panel.locator(".panel button:not(.close)").click();
  await page.waitForFunction(
    () => {
      const host = document.querySelector("hocba-panel");
      return host?.hasAttribute("data-class-key") || host?.hasAttribute("data-errors");
    },
    undefined,
    { timeout: 120_000 },
  );
  const readMs = performance.now() - started;
  const errors = JSON.parse((await panel.getAttribute("data-errors")) ?? "[]") as string[];
  await b.shot(page, `portal-${label}-read`);
  return {
    classKey: (await panel.getAttribute("data-class-key")) ?? "",
    errors,
    panelText: (await panel.getAttribute("data-text")) ?? "",
    readMs,
  };
}

/** Clicks the panel's "Xem và ký" and returns the review tab the extension opens. */
export async function openReviewFromPanel(b: ExtensionBrowser, page: Page): Promise<Page> {
  const [review] = await Promise.all([
    b.context.waitForEvent("page", { timeout: 20_000 }),
    page.locator("hocba-panel .panel button:not(.close)").click(),
  ]);
  await review.waitForLoadState();
  await review.getByTestId("learner-table").waitFor({ timeout: 30_000 });
  return review;
}

/** A stored gradebook, read back from the extension's IndexedDB through one of its pages. */
export async function storedGradebook(page: Page, classKey: string): Promise<Gradebook | undefined> {
  return page.evaluate(
    (key) =>
      new Promise<Gradebook | undefined>((resolve, reject) => {
        const open = indexedDB.open("hocba");
        open.onerror = () => reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const get = open.result.transaction("gradebooks").objectStore("gradebooks").get(key);
          get.onsuccess = () => resolve((get.result as { gradebook: Gradebook } | undefined)?.gradebook);
          get.onerror = () => reject(new Error(String(get.error)));
        };
      }),
    classKey,
  );
}

export interface SignOutcome {
  resultText: string;
  /** ms from the click on "Ký" reaching the page to the result in its DOM (timed in the page). */
  signMs: number;
}

/**
 * In the review page: chooses the role and the certificate (by its holder's name), types the PIN,
 * signs the selected learners and waits for the result.
 */
export async function signInReview(
  b: ExtensionBrowser,
  review: Page,
  options: {
    role: "GVCN" | "ThuTruong" | "DonVi";
    certName: string;
    pin: string;
    label: string;
    expectCount?: number;
  },
): Promise<SignOutcome> {
  const roleRadio = review.getByTestId(`role-${options.role}`);
  if (!(await roleRadio.isChecked())) await roleRadio.check();
  const select = review.getByTestId("cert-select");
  await select.waitFor({ timeout: 30_000 });
  const value = await select.locator("option", { hasText: options.certName }).first().getAttribute("value");
  if (value === null) throw new Error(`no certificate of ${options.certName} on the token`);
  await select.selectOption(value);
  const start = review.getByTestId("sign-start");
  if (options.expectCount !== undefined) {
    await review.waitForFunction(
      (n) => document.querySelector("[data-testid=sign-start]")?.textContent?.includes(`Ký ${n} `) === true,
      options.expectCount,
    );
  }
  await review.getByTestId("pin-input").fill(options.pin);
  await b.shot(review, `review-${options.label}-before-sign`);
  await review.evaluate(TIME_IN_PAGE);
  const started = performance.now();
  await start.click();
  // The PIN field is emptied as soon as the batch starts.
  if ((await review.getByTestId("pin-input").inputValue()) !== "") throw new Error("PIN field not cleared");
  const result = review.getByTestId("sign-result");
  await result.waitFor({ timeout: 180_000 });
  const fallbackMs = performance.now() - started;
  const timed = await review.evaluate(() => (window as PageTiming).__hocbaSignTiming);
  const signMs =
    timed?.clickAt !== undefined && timed.resultAt !== undefined
      ? timed.resultAt - timed.clickAt
      : fallbackMs;
  await b.shot(review, `review-${options.label}-signed`);
  return { resultText: (await result.textContent()) ?? "", signMs };
}

type PageTiming = Window & { __hocbaSignTiming?: { clickAt?: number; resultAt?: number } };

/**
 * Runs in the review page: notes when the user's click on "Ký" reaches the page and when the batch
 * result enters the DOM. Timed there because Playwright's waitFor polls at growing intervals (up to
 * 500 ms), which would add the test driver's latency, not the extension's, to the figure. Plain
 * source, not a function: a transpiler that keeps names (tsx, esbuild keepNames) would wrap inner
 * functions in a `__name` helper that does not exist in the page.
 */
const TIME_IN_PAGE = `(() => {
  const timing = {};
  window.__hocbaSignTiming = timing;
  const result = () => document.querySelector("[data-testid=sign-result]") !== null;
  document.querySelector("[data-testid=sign-start]")?.addEventListener(
    "click",
    () => { timing.clickAt ??= performance.now(); },
    { capture: true, once: true },
  );
  // A result left from an earlier batch on this page is removed when the new one starts.
  let cleared = !result();
  const observer = new MutationObserver(() => {
    if (timing.clickAt === undefined) return;
    if (!result()) cleared = true;
    else if (cleared) {
      timing.resultAt = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document.body, { subtree: true, childList: true });
})()`;

/** Opens the popup as a page and clicks "Ký tất cả": returns the review tab it opens (role ThuTruong). */
export async function openApprovalFromPopup(
  b: ExtensionBrowser,
): Promise<{ popupQueue: string; review: Page }> {
  const popup = await b.openExtensionPage("popup.html");
  await popup.getByTestId("sign-all").waitFor({ timeout: 20_000 });
  await popup.getByTestId("helper-tokens").waitFor({ timeout: 20_000 });
  await b.shot(popup, "popup-director-queue");
  const popupQueue = (await popup.getByTestId("queue").innerText()).replace(/\s+/g, " ").trim();
  const [review] = await Promise.all([
    b.context.waitForEvent("page", { timeout: 20_000 }),
    popup.getByTestId("sign-all").click(),
  ]);
  await review.waitForLoadState();
  await review.getByTestId("learner-table").waitFor({ timeout: 30_000 });
  return { popupQueue, review };
}

/** Clicks "Tải tệp ZIP", saves it and unpacks it into `dir`; returns the XML files written. */
export async function downloadAndUnzip(
  b: ExtensionBrowser,
  review: Page,
  dir: string,
): Promise<{ zip: string; files: string[] }> {
  mkdirSync(dir, { recursive: true });
  const [download] = await Promise.all([
    review.waitForEvent("download"),
    review.getByTestId("download-zip").click(),
  ]);
  const zip = path.join(dir, download.suggestedFilename());
  await download.saveAs(zip);
  const entries = unzipSync(new Uint8Array(readFileSync(zip)));
  const files: string[] = [];
  for (const [name, bytes] of Object.entries(entries)) {
    if (name.endsWith("/")) continue;
    const out = path.join(dir, name);
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, bytes);
    files.push(out);
  }
  await b.shot(review, "review-downloaded");
  return { zip, files: files.sort() };
}

export interface VerifyOutcome {
  /** `hocba verify` exit code (0: every file fully valid). */
  hocbaExit: number;
  /** Per file: what `hocba verify --json` says. */
  reports: {
    file: string;
    ok: boolean;
    roles: string[];
    view?: unknown;
    /** Per signature: whether its signer is the one the record names for its role (signer authority). */
    authority: ({ ok: boolean; named: string; holder: string; signedAs?: string } | undefined)[];
  }[];
  /** xmlsec1 runs that passed / ran (one per file and signature). */
  xmlsecPassed: number;
  xmlsecRuns: number;
  xmlsecFailures: string[];
}

/** Checks every file with `hocba verify --trust root.pem --json` and with xmlsec1, signature by signature. */
export function verifySignedFiles(files: string[], pkiDir: string, roles: readonly string[]): VerifyOutcome {
  const root = path.join(pkiDir, "root.pem");
  const hocba = spawnSync(
    process.execPath,
    [path.join(ROOT, "bin/hocba.mjs"), "verify", "--trust", root, "--json", ...files],
    {
      encoding: "utf8",
      maxBuffer: 256 * 1024 * 1024,
    },
  );
  let list: {
    file: string;
    ok: boolean;
    roles: string[];
    signedData?: { view?: unknown };
    signatures?: { authority?: VerifyOutcome["reports"][number]["authority"][number] }[];
  }[] = [];
  try {
    list = (JSON.parse(hocba.stdout) as { files: typeof list }).files;
  } catch {
    throw new Error(`hocba verify printed no JSON (exit ${hocba.status}): ${hocba.stderr}`);
  }
  const reports = list.map((r) => ({
    file: r.file,
    ok: r.ok,
    roles: r.roles,
    view: r.signedData?.view,
    authority: (r.signatures ?? []).map((s) => s.authority),
  }));
  let xmlsecPassed = 0;
  let xmlsecRuns = 0;
  const xmlsecFailures: string[] = [];
  for (const file of files) {
    for (const role of roles) {
      xmlsecRuns++;
      const run = xmlsec1Verify(readFileSync(file), `sig-${role}`, {
        root,
        intermediate: path.join(pkiDir, "int.pem"),
      });
      if (run.ok) xmlsecPassed++;
      else {
        xmlsecFailures.push(
          `${path.basename(file)} sig-${role}: ${run.output.split("\n").slice(-3).join(" ")}`,
        );
      }
    }
  }
  return { hocbaExit: hocba.status ?? -1, reports, xmlsecPassed, xmlsecRuns, xmlsecFailures };
}

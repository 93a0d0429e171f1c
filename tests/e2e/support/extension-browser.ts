import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { chromium, type BrowserContext, type Page, type Worker } from "playwright-core";
import { EXTENSION_ID } from "../../../shared/config/extension-identity.ts";

/**
 * A real Chromium with the built extension loaded unpacked (its id pinned by manifest.key), in a
 * private profile, with the helper registered in that profile only (`hocba install
 * --user-data-dir`). Shared by the e2e test, `npm run demo` and the extension benchmark.
 */

export const ROOT = path.resolve(import.meta.dirname, "../../..");
export const EXTENSION_DIR = path.join(ROOT, ".output/chrome-mv3");
export const CHROMIUM = process.env.HOCBA_CHROMIUM ?? "/usr/bin/chromium";

/** Builds the Chrome extension (a few seconds); the e2e, the demo and the bench use fresh code. */
export function buildExtension(): void {
  // Vitest sets NODE_ENV=test; Vite would then bundle React's development build (StrictMode runs
  // every effect twice, twice the size), not what `npm run build` ships.
  const { NODE_ENV: _testMode, ...env } = process.env;
  execFileSync("npx", ["wxt", "build", "-b", "chrome"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (!existsSync(path.join(EXTENSION_DIR, "manifest.json"))) {
    throw new Error("wxt build produced no manifest");
  }
}

export interface LaunchOptions {
  /** Environment of the browser, inherited by the helper it starts (SOFTHSM2_CONF, HOCBA_DATA_DIR). */
  env: NodeJS.ProcessEnv;
  /** Show the window (under xvfb-run when there is no display). */
  headed?: boolean;
  /** Folder for screenshots. */
  artifacts: string;
  /** Put before each screenshot's number, so that two test files can share the folder ("failures-"). */
  shotPrefix?: string;
  /**
   * The folder of an unzipped helper package (npm run package): installHelper then runs its own
   * install.sh, so the browser starts the packaged Node and hocba.js instead of the repository's.
   */
  packagedHelper?: string;
}

export class ExtensionBrowser {
  private shotCount = 0;

  private constructor(
    readonly context: BrowserContext,
    readonly serviceWorker: Worker,
    readonly userDataDir: string,
    readonly env: NodeJS.ProcessEnv,
    readonly artifacts: string,
    readonly shotPrefix: string,
    readonly packagedHelper: string | undefined,
  ) {}

  static async launch(options: LaunchOptions): Promise<ExtensionBrowser> {
    const userDataDir = mkdtempSync(path.join(tmpdir(), "hocba-profile-"));
    mkdirSync(options.artifacts, { recursive: true });
    const context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: !options.headed,
      env: options.env,
      acceptDownloads: true,
      viewport: { width: 1366, height: 900 },
      locale: "vi-VN",
      ignoreDefaultArgs: ["--disable-extensions"],
      args: [
        `--disable-extensions-except=${EXTENSION_DIR}`,
        `--load-extension=${EXTENSION_DIR}`,
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    const serviceWorker =
      context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${EXTENSION_ID}/`)) ??
      (await context.waitForEvent("serviceworker", { timeout: 30_000 }));
    if (!serviceWorker.url().startsWith(`chrome-extension://${EXTENSION_ID}/`)) {
      throw new Error(
        `unexpected extension id: ${serviceWorker.url()} (manifest.key must pin ${EXTENSION_ID})`,
      );
    }
    return new ExtensionBrowser(
      context,
      serviceWorker,
      userDataDir,
      options.env,
      options.artifacts,
      options.shotPrefix ?? "",
      options.packagedHelper,
    );
  }

  /** Registers the helper in this profile only, as a user would with `hocba install` (plus `args`). */
  installHelper(args: readonly string[] = []): string {
    if (this.packagedHelper !== undefined) {
      // As IT would: the package's own script, run from a folder that is not the repository.
      return execFileSync(
        "sh",
        [path.join(this.packagedHelper, "install.sh"), "--user-data-dir", this.userDataDir, ...args],
        { cwd: tmpdir(), env: this.env, encoding: "utf8" },
      );
    }
    return execFileSync(
      process.execPath,
      [path.join(ROOT, "bin/hocba.mjs"), "install", "--user-data-dir", this.userDataDir, ...args],
      {
        cwd: ROOT,
        env: this.env,
        encoding: "utf8",
      },
    );
  }

  /** Opens an extension page (popup.html, options.html, review.html?...) in a new tab. */
  async openExtensionPage(pathAndQuery: string): Promise<Page> {
    const page = await this.context.newPage();
    await page.goto(`chrome-extension://${EXTENSION_ID}/${pathAndQuery}`);
    return page;
  }

  /**
   * TEST-ONLY: pre-grants a host permission the way chrome://extensions' "Site access → Add a site"
   * does (developerPrivate.addHostPermission), because headless Chromium cannot show the
   * permissions.request prompt. The options page then asks with permissions.request as for a real
   * user, and the browser answers "granted" without a prompt.
   */
  async preGrantHostPermission(pattern: string): Promise<void> {
    const page = await this.context.newPage();
    await page.goto("chrome://extensions/");
    const result = await page.evaluate(
      async ([id, host]) => {
        const api = (
          globalThis as unknown as {
            chrome: { developerPrivate: { addHostPermission(id: string, host: string): Promise<void> } };
          }
        ).chrome.developerPrivate;
        try {
          await api.addHostPermission(id, host);
          return "ok";
        } catch (err) {
          return String(err);
        }
      },
      [EXTENSION_ID, pattern] as const,
    );
    await page.close();
    if (result !== "ok") throw new Error(`developerPrivate.addHostPermission: ${result}`);
  }

  /** Saves a numbered screenshot of the page in the artifacts folder; returns its path. */
  async shot(page: Page, name: string): Promise<string> {
    this.shotCount++;
    const number = String(this.shotCount).padStart(2, "0");
    const file = path.join(this.artifacts, `${this.shotPrefix}${number}-${name}.png`);
    await page.screenshot({ path: file, fullPage: true });
    return file;
  }

  async close(): Promise<void> {
    await this.context.close();
    rmSync(this.userDataDir, { recursive: true, force: true });
  }
}

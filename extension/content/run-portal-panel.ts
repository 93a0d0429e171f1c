import type { browser as wxtBrowser } from "wxt/browser";
import { fillTemplate } from "../../shared/errors/fill-template.ts";
import type { MessageCode, MessageParams } from "../../shared/errors/message-table.ts";
import type {
  ActionMap,
  ActionName,
  ActionResult,
  PortalFetchReply,
  PortalFetchRequest,
  PortalProgress,
  SavedGradebook,
  WireError,
} from "../models/wire.ts";
import { loadSettings } from "../services/settings.ts";
import { markTypedValues } from "../../shared/portal-adapters/common/input-values.ts";
import { ContentError, contentWireError } from "./content-error.ts";
import { fetchPortalPage } from "./fetch-portal-page.ts";
import { findPageBearer } from "./find-page-bearer.ts";
import { PortalPanel } from "./portal-panel.ts";

type BrowserApi = typeof wxtBrowser;
type Runtime = BrowserApi["runtime"];

async function send<A extends ActionName>(
  runtime: Runtime,
  action: A,
  payload: ActionMap[A]["request"],
): Promise<ActionMap[A]["response"]> {
  const result = await runtime.sendMessage<unknown, ActionResult<A> | undefined>({ action, ...payload });
  if (!result) throw new ContentError("EXT_INTERNAL", { detail: `no answer to ${action}` });
  if (!result.ok) throw Object.assign(new Error(result.error.message), { wire: result.error });
  return result.value;
}

/**
 * The content script's work on a configured portal's page. It stays small: the background decides
 * whether the page is a class (from a snapshot of the page), runs the crawl and the adapters, and
 * asks this script to fetch each page with the user's own session. This script shows the panel,
 * fetches, and never sees the PIN or the helper.
 */
export async function runPortalPanel(
  browser: BrowserApi,
  doc: Document,
  location: Location,
): Promise<PortalPanel | undefined> {
  const settings = await loadSettings();
  if (!settings.portals.some((p) => p.origin === location.origin)) return undefined;
  // The page as the teacher sees it: a grade typed but not saved is marked (markup does not carry it).
  const snapshot = () => {
    const copy = doc.documentElement.cloneNode(true) as Element;
    markTypedValues(doc.documentElement, copy);
    return { url: location.href, html: copy.outerHTML };
  };
  const isClassPage = async () =>
    (await send(browser.runtime, "inspect-page", snapshot()).catch(() => undefined))?.classPage === true;

  // Portals drawn by script (vnEdu v5's windows, the new SMAS) show the class after load: look again
  // when the page changes, a few times, until it is a class page.
  if (!(await isClassPage()) && !(await waitForClassPage(doc, isClassPage))) return undefined;

  // The panel's texts in the user's language, worded by the background (this script has no table).
  const templates = await askTemplates(browser.runtime, PANEL_CODES);
  const tr = (code: MessageCode, params?: MessageParams) => fillTemplate(templates[code] ?? code, params);

  const panel = new PortalPanel({ title: tr("EXT_UI_PANEL_TITLE"), close: tr("EXT_UI_PANEL_CLOSE") }, doc);
  doc.body.append(panel.host);

  // The background's crawl asks for pages and reports progress; only our own background may ask.
  browser.runtime.onMessage.addListener(
    (
      message: unknown,
      sender: { id?: string; tab?: unknown },
      sendResponse: (reply: PortalFetchReply) => void,
    ) => {
      if (sender.id !== browser.runtime.id || sender.tab) return undefined;
      const request = message as PortalFetchRequest | PortalProgress;
      if (request.type === "hocba-progress") {
        panel.busy(tr("EXT_UI_PANEL_READING", { done: request.done, total: request.total }));
        return undefined;
      }
      if (request.type !== "hocba-fetch") return undefined;
      fetchPortalPage(request.url, location.origin, {
        ...(request.request ? { request: request.request } : {}),
        ...(request.apiOrigins ? { apiOrigins: request.apiOrigins } : {}),
        bearer: () => findPageBearer([localStorage, sessionStorage]),
      }).then(
        (page) => sendResponse({ ok: true, page }),
        (err: unknown) => sendResponse({ ok: false, error: contentWireError(err) }),
      );
      return true;
    },
  );

  const showErrors = async (errors: WireError[]) => {
    const first = errors[0];
    const worded = first ? await askTemplates(browser.runtime, [first.code]) : {};
    const template = first ? worded[first.code] : undefined;
    const text = first
      ? template !== undefined
        ? fillTemplate(template, first.params)
        : first.message
      : "?";
    const more = errors.length > 1 ? ` (+${errors.length - 1})` : "";
    panel.show(`${text}${more}`, { label: tr("EXT_UI_PANEL_READ"), onClick: read }, { error: true });
    panel.host.setAttribute("data-errors", JSON.stringify(errors.map((e) => e.message)));
  };

  const showSaved = (saved: SavedGradebook) => {
    panel.show(
      tr("EXT_UI_PANEL_SUMMARY", {
        learners: saved.learnerCount,
        nguoiHoc: saved.learnerWord,
        errors: saved.errorCount,
      }),
      {
        label: tr("EXT_UI_PANEL_REVIEW"),
        onClick: () =>
          void send(browser.runtime, "open-review", { classKeys: [saved.classKey] }).catch((err: unknown) =>
            showErrors([contentWireError(err)]),
          ),
      },
    );
    panel.host.setAttribute("data-class-key", saved.classKey);
  };

  function read(): void {
    panel.busy(tr("EXT_UI_PANEL_READING", { done: 0, total: "…" }));
    send(browser.runtime, "read-class", snapshot()).then(
      (result) => (result.saved ? showSaved(result.saved) : void showErrors(result.problems)),
      (err: unknown) => void showErrors([contentWireError(err)]),
    );
  }

  panel.show(tr("EXT_UI_PANEL_CLASS", { lop: classLabel(doc) }), {
    label: tr("EXT_UI_PANEL_READ"),
    onClick: read,
  });
  return panel;
}

const PANEL_CODES: readonly MessageCode[] = [
  "EXT_UI_PANEL_TITLE",
  "EXT_UI_PANEL_CLOSE",
  "EXT_UI_PANEL_CLASS",
  "EXT_UI_PANEL_READ",
  "EXT_UI_PANEL_READING",
  "EXT_UI_PANEL_SUMMARY",
  "EXT_UI_PANEL_REVIEW",
];

/** Templates from the background; none (the caller falls back) when it cannot answer. */
async function askTemplates(
  runtime: Runtime,
  codes: readonly MessageCode[],
): Promise<Record<string, string>> {
  return send(runtime, "message-templates", { codes: [...codes] }).then(
    (reply) => reply.templates,
    () => ({}),
  );
}

/** Resolves true once the page (changing under a script) becomes a class page; false after a while. */
function waitForClassPage(doc: Document, check: () => Promise<boolean>): Promise<boolean> {
  return new Promise((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let checks = 0;
    const observer = new MutationObserver(() => {
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => {
        checks++;
        void check().then((yes) => {
          if (yes || checks >= 60) {
            observer.disconnect();
            resolve(yes);
          }
        });
      }, 600);
    });
    observer.observe(doc.documentElement, { childList: true, subtree: true });
  });
}

/** A short name for the class from the page title ("Sổ điểm lớp 12A1 - ..."), else the title. */
function classLabel(doc: Document): string {
  const title = doc.title.normalize("NFC");
  return /l[ớo]p\s+([0-9A-Za-zĐđ._-]+)/i.exec(title)?.[1] ?? title.slice(0, 40);
}

import { HocBaError } from "../../../shared/errors/hocba-error.ts";
import type { Gradebook } from "../../../shared/model/gradebook.ts";
import type { HeaderMapping } from "../../../shared/portal-adapters/common/header-mapping.ts";
import type { ClassInfo, PageData, PortalPage } from "../../../shared/portal-adapters/common/page-data.ts";
import { crawlClass, type FetchedPage } from "../../../shared/portal-adapters/crawl-class.ts";
import { extractPages } from "../../../shared/portal-adapters/extract-gradebook.ts";
import type { PortalAdapter } from "../../../shared/portal-adapters/portal-adapter.ts";
import { createAdapters, detectAdapter } from "../../../shared/portal-adapters/registry.ts";
import type { AdapterChoice, SchoolSetting } from "../../services/settings.ts";

const ADAPTER_ID: Readonly<Record<Exclude<AdapterChoice, "auto">, string>> = {
  vnedu: "vnedu-style",
  smas: "smas-style",
  generic: "generic-table",
};

/** The adapter for a page: the one forced in the options (if it recognises the page), else the first that does. */
export function chooseAdapter(
  page: PortalPage,
  choice: AdapterChoice,
  mapping: HeaderMapping | undefined,
): PortalAdapter | undefined {
  const adapters = createAdapters({ mapping });
  if (choice === "auto") return detectAdapter(page, adapters);
  const forced = adapters.find((a) => a.id === ADAPTER_ID[choice]);
  return forced?.detect(page) ? forced : undefined;
}

/** Whether the page is a class page the adapter can read the whole class from. */
export function isClassPage(adapter: PortalAdapter, page: PortalPage): boolean {
  return adapter.pageKind(page) !== "dangNhap" && adapter.links(page).length > 0;
}

export interface ReadClassOptions {
  adapter: PortalAdapter;
  start: PortalPage;
  fetchPage: (url: string) => Promise<FetchedPage>;
  parseHtml: (html: string, url: string) => Document;
  concurrency: number;
  /** School information from the options page, used only where the portal shows none. */
  school: SchoolSetting;
  /** Rules profile from the options page, used when the portal does not name one. */
  profile: string;
  onProgress?: (done: number, total: number) => void;
}

export interface ReadClassResult {
  gradebook: Gradebook | null;
  problems: HocBaError[];
  pageCount: number;
}

/** The options page's values as one more "page", holding only what the portal pages lack. */
export function settingsPage(
  pages: readonly PageData[],
  school: SchoolSetting,
  profile: string,
): PageData | undefined {
  const known = new Set(pages.flatMap((p) => Object.keys(p.info)));
  const candidates: Partial<ClassInfo> = { ...school, profile };
  const info: Partial<ClassInfo> = {};
  for (const [key, value] of Object.entries(candidates) as [keyof ClassInfo, string][]) {
    if (value.trim() !== "" && !known.has(key)) (info as Record<string, string>)[key] = value.trim();
  }
  if (Object.keys(info).length === 0) return undefined;
  return {
    page: { url: "chrome-extension://options", title: "Cài đặt của tiện ích" },
    kind: "khac",
    info,
    subjects: [],
    profiles: [],
    soDiem: [],
    tongKet: [],
    nhanXet: [],
  };
}

/**
 * Reads a whole class from the page the user has open: crawls its pages through `fetchPage` (the
 * content script's fetch with the user's own session, a few at a time), extracts each, then
 * assembles the gradebook. Every problem comes back at once; the gradebook only when there is none.
 */
export async function readClass(options: ReadClassOptions): Promise<ReadClassResult> {
  const { adapter } = options;
  const crawl = await crawlClass({
    adapter,
    start: options.start,
    fetchPage: options.fetchPage,
    parseHtml: options.parseHtml,
    concurrency: options.concurrency,
    onProgress: ({ done, queued }) => options.onProgress?.(done, queued),
  });
  const { data, problems: pageProblems } = extractPages(adapter, crawl.pages);
  const problems = [...crawl.problems, ...pageProblems];
  if (problems.length > 0) return { gradebook: null, problems, pageCount: crawl.pages.length };
  const extra = settingsPage(data, options.school, options.profile);
  const assembled = adapter.assemble(extra ? [...data, extra] : data);
  return { gradebook: assembled.gradebook, problems: assembled.problems, pageCount: crawl.pages.length };
}

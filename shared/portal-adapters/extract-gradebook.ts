import { isHocBaError, type HocBaError } from "../errors/hocba-error.ts";
import type { Gradebook } from "../model/gradebook.ts";
import type { AssembleOptions } from "./common/assemble-gradebook.ts";
import type { PageData, PortalPage } from "./common/page-data.ts";
import { crawlClass, type CrawlOptions } from "./crawl-class.ts";
import type { PortalAdapter } from "./portal-adapter.ts";

/**
 * Runs an adapter over pages and assembles the gradebook. Every page is read even when an earlier
 * one failed, so all problems come back together; the gradebook is returned only when there is
 * none (never a partial gradebook).
 */
export interface ExtractResult {
  gradebook: Gradebook | null;
  problems: HocBaError[];
  /** How many pages were read. */
  pageCount: number;
  /** In a partial read: what a complete record still needs, and from which page or file. */
  stillNeeded?: HocBaError[];
}

/** Each page through the adapter; a page it cannot read adds a problem and the rest are still read. */
export function extractPages(
  adapter: PortalAdapter,
  pages: readonly PortalPage[],
): { data: PageData[]; problems: HocBaError[] } {
  const problems: HocBaError[] = [];
  const data: PageData[] = [];
  for (const page of pages) {
    try {
      const result = adapter.extract(page);
      data.push(result.data);
      problems.push(...result.problems);
    } catch (err) {
      if (!isHocBaError(err)) throw err;
      problems.push(err);
    }
  }
  return { data, problems };
}

/**
 * Information from outside the portal (the extension's options: school, rules profile) as one more
 * page, given what the portal's pages hold; it should fill only what they lack.
 */
export type ExtraPage = (pages: readonly PageData[]) => PageData | undefined;

export function extractGradebook(
  adapter: PortalAdapter,
  pages: readonly PortalPage[],
  extraPage?: ExtraPage,
  options: AssembleOptions = {},
): ExtractResult {
  const { data, problems } = extractPages(adapter, pages);
  if (problems.length > 0) return { gradebook: null, problems, pageCount: pages.length };
  const extra = extraPage?.(data);
  const assembled = adapter.assemble(extra ? [...data, extra] : data, options);
  return {
    gradebook: assembled.gradebook,
    problems: assembled.problems,
    pageCount: pages.length,
    ...(assembled.stillNeeded && assembled.stillNeeded.length > 0
      ? { stillNeeded: assembled.stillNeeded }
      : {}),
  };
}

export interface ReadClassOptions extends CrawlOptions {
  extraPage?: ExtraPage;
}

/**
 * Crawl from the open class page, then extract and assemble: the one composition, used by the
 * extension (pages fetched by the content script with the user's session) and by tests and tools
 * with their own fetch. A page that could not be fetched is reported first, with what its absence
 * leaves missing.
 */
export async function readClassFromPortal(options: ReadClassOptions): Promise<ExtractResult> {
  const crawl = await crawlClass(options);
  const result = extractGradebook(options.adapter, crawl.pages, options.extraPage);
  if (crawl.problems.length === 0) return result;
  return {
    gradebook: null,
    problems: [...crawl.problems, ...result.problems],
    pageCount: crawl.pages.length,
  };
}

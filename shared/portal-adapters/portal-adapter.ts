import type { HocBaError } from "../errors/hocba-error.ts";
import type { AssembleOptions, AssembleResult } from "./common/assemble-gradebook.ts";
import type { PageData, PageKind, PortalPage } from "./common/page-data.ts";
import type { PortalLink } from "./common/portal-request.ts";

/**
 * One vendor portal's reader. Pure: it looks at a Document (or a JSON API response) and its URL,
 * never at browser or Node APIs, so the extension's content script and `hocba extract` share it.
 * Crawling (which pages, how many at a time) is crawlClass's job; the adapter only says which
 * links of a page lead to the rest of the class.
 */
export interface PageResult {
  data: PageData;
  /** Every problem found on the page (bad cells, missing columns); empty when the page is fine. */
  problems: HocBaError[];
}

export interface PortalAdapter {
  readonly id: string;
  /** Name shown to the user (Vietnamese). */
  readonly label: string;
  /** Whether this page belongs to the adapter's portal. */
  detect(page: PortalPage): boolean;
  pageKind(page: PortalPage): PageKind;
  /**
   * The pages this page leads to that are needed for the class (crawl plan): absolute URLs, or
   * requests (a form POST, an API call with the page's token).
   */
  links(page: PortalPage): PortalLink[];
  /**
   * Origins besides the start page's that the class's data comes from (the new SMAS's API
   * gateway), derived from the start page only. The crawl fetches nothing else.
   */
  apiOrigins?(start: PortalPage): string[];
  /**
   * Reads one page. Cell and table problems come back in `problems`; a page that cannot be read at
   * all (empty, the login form, JSON that is not the portal's) throws a HocBaError naming it.
   */
  extract(page: PortalPage): PageResult;
  /** Puts the pages of one class together; the gradebook only when there is no problem (see AssembleOptions.partial). */
  assemble(pages: readonly PageData[], options?: AssembleOptions): AssembleResult;
}

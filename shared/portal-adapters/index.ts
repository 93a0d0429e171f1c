/**
 * Portal adapters: read a class's gradebook from a vendor portal's pages (vnEdu style, SMAS
 * style, or any HTML tables through a header mapping). Pure, DOM-only: used by the extension's
 * content script (live Document, DOMParser, fetch with the user's session) and by `hocba extract`
 * (saved files, linkedom). See README.md in this folder.
 */
export type { PortalAdapter, PageResult } from "./portal-adapter.ts";
export type { PortalPage, PageData, PageKind } from "./common/page-data.ts";
export { createAdapters, detectAdapter, findAdapter, ADAPTER_IDS } from "./registry.ts";
export { crawlClass, type CrawlOptions, type CrawlResult, type FetchedPage } from "./crawl-class.ts";
export {
  extractGradebook,
  readClassFromPortal,
  type ExtractResult,
  type ReadClassOptions,
} from "./extract-gradebook.ts";
export { HeaderMapping, mergeMappings } from "./common/header-mapping.ts";
export { DEFAULT_MAPPING } from "./common/default-mapping.ts";
export { createGenericTableAdapter, parseHeaderMapping } from "./generic-table/generic-table-adapter.ts";

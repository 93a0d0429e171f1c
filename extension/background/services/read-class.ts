import type { HeaderMapping } from "../../../shared/portal-adapters/common/header-mapping.ts";
import type { ClassInfo, PageData, PortalPage } from "../../../shared/portal-adapters/common/page-data.ts";
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

import { HocBaError } from "../errors/hocba-error.ts";
import type { HeaderMapping } from "./common/header-mapping.ts";
import type { PortalPage } from "./common/page-data.ts";
import { createGenericTableAdapter } from "./generic-table/generic-table-adapter.ts";
import type { PortalAdapter } from "./portal-adapter.ts";
import { smasAdapter } from "./smas-style/smas-adapter.ts";
import { vneduAdapter } from "./vnedu-style/vnedu-adapter.ts";
import { vneduV5Adapter } from "./vnedu-v5/vnedu-v5-adapter.ts";
import { vtsmasAdapter } from "./vtsmas/vtsmas-adapter.ts";

/** The adapters, most specific first: the generic table adapter is the fallback. */
export function createAdapters(options: { mapping?: HeaderMapping } = {}): PortalAdapter[] {
  return [
    vneduV5Adapter,
    vtsmasAdapter,
    vneduAdapter,
    smasAdapter,
    createGenericTableAdapter(options.mapping),
  ];
}

export const ADAPTER_IDS = ["vnedu-v5", "vtsmas", "vnedu-style", "smas-style", "generic-table"] as const;

export function findAdapter(id: string, options: { mapping?: HeaderMapping } = {}): PortalAdapter {
  const adapter = createAdapters(options).find((a) => a.id === id);
  if (!adapter) {
    throw new HocBaError("EXTRACT_UNKNOWN_ADAPTER", { adapter: id, adapters: ADAPTER_IDS.join(", ") });
  }
  return adapter;
}

/** The first adapter that recognises the page, if any. */
export function detectAdapter(
  page: PortalPage,
  adapters: readonly PortalAdapter[] = createAdapters(),
): PortalAdapter | undefined {
  return adapters.find((a) => a.detect(page));
}

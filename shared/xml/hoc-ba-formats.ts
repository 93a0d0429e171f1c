import type { HocBaFormat } from "./hoc-ba-format.ts";
import { hocBaSoV1 } from "./hocbaso-v1/index.ts";

/** Known formats by PhienBan; the first one is what `build` writes. */
export const HOCBA_FORMATS: readonly HocBaFormat[] = [hocBaSoV1];

export const CURRENT_HOCBA_FORMAT: HocBaFormat = hocBaSoV1;

export function hocBaFormat(phienBan: string): HocBaFormat | undefined {
  return HOCBA_FORMATS.find((f) => f.phienBan === phienBan);
}

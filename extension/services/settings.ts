import { storage } from "wxt/utils/storage";
import { HocBaError } from "../../shared/errors/hocba-error.ts";
import type { Locale } from "../../shared/errors/message-table.ts";
import type { CapHoc } from "../../shared/model/gradebook.ts";
import { DEFAULT_PHASES } from "../../shared/progress/compute-progress.ts";
import type { PlanPhase, PlanStep } from "../../shared/progress/progress-report.ts";

/** Which adapter reads a portal: detected from the page, or forced. */
export type AdapterChoice = "auto" | "vnedu" | "smas" | "generic";
export const ADAPTER_CHOICES: readonly AdapterChoice[] = ["auto", "vnedu", "smas", "generic"];

export interface PortalSetting {
  /** `scheme://host[:port]`, as the browser reports origins. */
  origin: string;
  adapter: AdapterChoice;
}

/** School information used where the portal does not show it. */
export interface SchoolSetting {
  maSo: string;
  maTruong: string;
  tenTruong: string;
  diaDanh: string;
  /** manhomcaphoc: 05 GDTX, 04 THPT. */
  capHoc: CapHoc;
}

/** The year's plan: the two hand-in dates and whether the Tổ chuyên môn must confirm before GVCN signs. */
export interface PlanSetting {
  /** Wave 1 hand-in date, YYYY-MM-DD. */
  dot1: string;
  /** Make-up wave hand-in date, YYYY-MM-DD. */
  dot2: string;
  /** GVCN cannot sign a class the Tổ chuyên môn has not confirmed as checked. */
  requireToChuyenMon: boolean;
  /** Days before each wave's date by which every learner of a class should have passed each step. */
  phaseDays: Record<PlanStep, number>;
}

export interface Settings {
  portals: PortalSetting[];
  /** The generic adapter's header mapping, as JSON text (validated when saved). */
  genericMapping: string;
  school: SchoolSetting;
  /** Rules profile id (gdtx-tt43, thpt-tt22). */
  profile: string;
  language: Locale;
  plan: PlanSetting;
}

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  portals: [],
  genericMapping: "{}",
  school: { maSo: "", maTruong: "", tenTruong: "", diaDanh: "", capHoc: "05" },
  profile: "gdtx-tt43",
  language: "vi",
  // The centre's plan: wave 1 by 25/6/2026, the make-up wave by 10/8/2026.
  plan: {
    dot1: "2026-06-25",
    dot2: "2026-08-10",
    requireToChuyenMon: false,
    phaseDays: Object.fromEntries(DEFAULT_PHASES.map((p) => [p.step, p.daysBefore])) as Record<
      PlanStep,
      number
    >,
  },
}) as Settings;

const settingsItem = storage.defineItem<Settings>("local:settings", { fallback: DEFAULT_SETTINGS });

/** Versions before 04 offered "03" labelled THPT: that choice meant THPT, which is 04. */
function legacyCapHoc(stored: string | undefined): Partial<SchoolSetting> {
  return stored === "03" ? { capHoc: "04" } : {};
}

/** Current settings; fields missing from an older stored version get their defaults. */
export async function loadSettings(): Promise<Settings> {
  const stored = await settingsItem.getValue();
  return {
    ...DEFAULT_SETTINGS,
    ...stored,
    school: { ...DEFAULT_SETTINGS.school, ...stored.school, ...legacyCapHoc(stored.school?.capHoc) },
    portals: [...(stored.portals ?? [])],
    plan: {
      ...DEFAULT_SETTINGS.plan,
      ...stored.plan,
      phaseDays: { ...DEFAULT_SETTINGS.plan.phaseDays, ...stored.plan?.phaseDays },
    },
  };
}

/** The plan's step days as the progress computation takes them, in the year's order. */
export function planPhases(plan: PlanSetting): PlanPhase[] {
  return DEFAULT_PHASES.map((p) => ({ step: p.step, daysBefore: plan.phaseDays[p.step] ?? p.daysBefore }));
}

export async function saveSettings(settings: Settings): Promise<void> {
  await settingsItem.setValue(settings);
}

/** Applies a change to the stored settings and returns the result. */
export async function updateSettings(change: (current: Settings) => Settings): Promise<Settings> {
  const next = change(await loadSettings());
  await saveSettings(next);
  return next;
}

/** Calls `listener` with the new settings whenever they change (any context). */
export function watchSettings(listener: (settings: Settings) => void): () => void {
  return settingsItem.watch(() => {
    void loadSettings().then(listener);
  });
}

/**
 * The origin of a portal address the user typed. A pasted page URL is reduced to its origin;
 * anything that is not http(s) is refused.
 */
export function normalizeOrigin(input: string): string {
  const value = input.trim();
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new HocBaError("EXT_ORIGIN_INVALID", { value });
  }
  if ((url.protocol !== "https:" && url.protocol !== "http:") || url.hostname === "") {
    throw new HocBaError("EXT_ORIGIN_INVALID", { value });
  }
  return url.origin;
}

/** The match pattern that covers every page of an origin (used for permissions and registration). */
export function originPattern(origin: string): string {
  const url = new URL(origin);
  // Chrome match patterns carry no port: a pattern for the host covers every port of it.
  return `${url.protocol}//${url.hostname}/*`;
}

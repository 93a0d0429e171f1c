import type { PlanStep } from "../../../shared/progress/progress-report.ts";

/** The label of each step of the year's plan (options page, progress page); `{head}` from the profile. */
export const PLAN_PHASE_LABEL = {
  gvcn: "EXT_UI_OPTIONS_PHASE_GVCN",
  "thu-truong": "EXT_UI_OPTIONS_PHASE_THU_TRUONG",
  "dong-dau": "EXT_UI_OPTIONS_PHASE_DONG_DAU",
  nop: "EXT_UI_OPTIONS_PHASE_NOP",
} as const satisfies Record<PlanStep, string>;

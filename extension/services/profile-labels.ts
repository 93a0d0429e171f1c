import type { Locale } from "../../shared/errors/message-table.ts";

/** What the rules profile calls the learner and the head: học viên / Giám đốc (GDTX), học sinh / Hiệu trưởng (THPT). */
export interface ProfileLabels {
  learner: string;
  head: string;
}

/**
 * The built-in profiles' `labels` (shared/rules/profiles/*.json), copied so that the popup does not
 * bundle the whole profiles for two words; tests/extension/year-services.test.ts checks they match.
 */
export const PROFILE_LABELS: Readonly<Record<string, ProfileLabels>> = {
  "gdtx-tt43": { learner: "học viên", head: "Giám đốc" },
  "thpt-tt22": { learner: "học sinh", head: "Hiệu trưởng" },
};

const GDTX: ProfileLabels = { learner: "học viên", head: "Giám đốc" };

/** The profiles' words in the English UI (the profiles themselves are Vietnamese). */
const ENGLISH: Readonly<Record<string, string>> = {
  "học viên": "learners",
  "học sinh": "students",
  "Giám đốc": "Director",
  "Hiệu trưởng": "Principal",
};

/** The labels of a built-in profile (GDTX's when the id is unknown), in the UI's language. */
export function profileLabels(profileId: string, locale: Locale = "vi"): ProfileLabels {
  const value: ProfileLabels = PROFILE_LABELS[profileId] ?? GDTX;
  const word = (text: string) => (locale === "en" ? (ENGLISH[text] ?? text) : text);
  return { learner: word(value.learner), head: word(value.head) };
}

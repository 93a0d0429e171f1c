import type { Locale } from "../../shared/errors/message-table.ts";
import { builtInProfile } from "./built-in-profiles.ts";

/** What the rules profile calls the learner and the head: học viên / Giám đốc (GDTX), học sinh / Hiệu trưởng (THPT). */
export interface ProfileLabels {
  learner: string;
  head: string;
}

/** The profiles' words in the English UI (the profiles themselves are Vietnamese). */
const ENGLISH: Readonly<Record<string, string>> = {
  "học viên": "learners",
  "học sinh": "students",
  "Giám đốc": "Director",
  "Hiệu trưởng": "Principal",
};

/** The labels of a built-in profile (GDTX's when the id is unknown), in the UI's language. */
export function profileLabels(profileId: string, locale: Locale = "vi"): ProfileLabels {
  let value;
  try {
    value = builtInProfile(profileId).labels.value;
  } catch {
    value = builtInProfile("gdtx-tt43").labels.value;
  }
  const word = (text: string) => (locale === "en" ? (ENGLISH[text] ?? text) : text);
  return { learner: word(value.learner), head: word(value.head) };
}

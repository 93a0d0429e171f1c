import type { Gradebook, Learner } from "../model/gradebook.ts";
import { INVISIBLE_CHARACTER } from "../xml/hocbaso-v1/text-rules.ts";
import type { Findings, LearnerScope } from "./findings.ts";
import { fieldLabel } from "./labels.ts";

/** What XML 1.0 cannot carry (as the builder refuses it: C0 controls but tab/newline, U+FFFE/F, lone surrogates). */
// eslint-disable-next-line no-control-regex
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|\p{Cs}/u;

function badCodePoint(value: string): string | undefined {
  const bad = XML_FORBIDDEN.exec(value) ?? INVISIBLE_CHARACTER.exec(value.normalize("NFC"));
  return bad ? (bad[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0") : undefined;
}

/** Every string under `value`, with its path (hocVien.hoTen, quaTrinhHocTap[0].noiDung). */
function* strings(value: unknown, at: string): Generator<[string, string]> {
  if (typeof value === "string") yield [at, value];
  else if (Array.isArray(value)) {
    for (const [i, v] of value.entries()) yield* strings(v, `${at}[${i}]`);
  } else if (value !== null && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) yield* strings(v, at ? `${at}.${k}` : k);
  }
}

/**
 * A control or invisible character in a learner's text: «hocba build» refuses that learner, so the
 * check says so first (it said «Không có lỗi» and build then skipped the learner).
 */
export function checkLearnerCharacters(
  scope: LearnerScope,
  learner: Learner,
  subjectName: (ma: string) => string,
): void {
  const { ketQua, ...rest } = learner;
  for (const [field, value] of strings(rest, "")) {
    const codePoint = badCodePoint(value);
    if (codePoint) scope.error("CHECK_INVALID_CHAR", field, { codePoint });
  }
  for (const k of ketQua) {
    const mon = subjectName(k.maMon);
    for (const [field, value] of strings(k, "")) {
      const codePoint = badCodePoint(value);
      if (codePoint) {
        const truong = `${fieldLabel(field)}, môn ${mon}`;
        scope.forSubject(k.maMon, mon).error("CHECK_INVALID_CHAR", field, { codePoint, truong });
      }
    }
  }
}

/** The same for the gradebook's own texts (school, class, GVCN, head, subjects). */
export function checkGradebookCharacters(gb: Gradebook, findings: Findings): void {
  const { learners: _learners, ...rest } = gb;
  for (const [field, value] of strings(rest, "")) {
    const codePoint = badCodePoint(value);
    if (codePoint) {
      findings.error(
        "CHECK_GRADEBOOK_INVALID_CHAR",
        { field, truong: fieldLabel(field), codePoint },
        { field },
      );
    }
  }
}

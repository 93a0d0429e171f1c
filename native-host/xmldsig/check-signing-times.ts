import type { Element } from "@xmldom/xmldom";
import { isValidThoiDiem } from "../../shared/xml/hocbaso-v1/xml-dates.ts";
import type { SigningRole } from "../../shared/xml/hocbaso-v1/signature-profile.ts";
import { verifyIssue, type VerifyIssue } from "./verify-issue.ts";
import { elementChildren, isElement, ownText } from "./xml-dom.ts";

/** What the signed data says about when the record was made: TTChung/ThoiGianLap and NamHoc, as written. */
export interface RecordTimes {
  thoiGianLap?: string;
  namHoc?: string;
}

/** One signature's role and SigningTime (SignatureFacts has these). */
export interface SigningTimeOf {
  role: SigningRole;
  signingTime?: Date;
  signingTimeText?: string;
}

/**
 * Clocks of different PCs disagree by a little: a time up to this much before the one it must
 * follow is not called back-dated (the same allowance as for a SigningTime in the future).
 */
const CLOCK_SKEW_MS = 5 * 60_000;

/** The profile writes SigningTime in Vietnam time. */
const VIETNAM_OFFSET = "+07:00";

/**
 * A school year's records cannot be signed before it starts: 1 August of its first year, before
 * the earliest start of a school year in the Ministry's yearly time frame (late August).
 */
function schoolYearStart(namHoc: string | undefined): { text: string; time: number } | undefined {
  const m = /^([0-9]{4})-[0-9]{4}$/.exec(namHoc ?? "");
  if (!m) return undefined;
  const text = `${m[1]}-08-01T00:00:00${VIETNAM_OFFSET}`;
  return { text, time: Date.parse(text) };
}

/** TTChung/ThoiGianLap and TTChung/NamHoc of a DLHocBa element, as written (undefined when absent). */
export function recordTimesOf(dlHocBa: Element): RecordTimes {
  const ttChung = elementChildren(dlHocBa).find((e) => isElement(e, null, "TTChung"));
  if (!ttChung) return {};
  const kids = elementChildren(ttChung);
  const text = (name: string) => {
    const el = kids.find((e) => isElement(e, null, name));
    return el ? ownText(el).trim() : undefined;
  };
  return { thoiGianLap: text("ThoiGianLap"), namHoc: text("NamHoc") };
}

/**
 * Signing times that contradict the signed data or each other, per signature, as verifier issues:
 * an offset other than +07:00; a SigningTime before the record was made (ThoiGianLap) or before its
 * school year began; a signature dated before an earlier role's signature that it covers (ThuTruong
 * before GVCN, DonVi before either). `signatures` in document order. A SigningTime that is not a
 * valid dateTime is reported elsewhere (VERIFY_SIG_SIGNING_TIME) and skipped here, as is a
 * ThoiGianLap the schema check refuses.
 *
 * These find back-dating that the data itself betrays. A signer who also controls ThoiGianLap (the
 * first signer, building the record) can still date both inside an expired certificate's validity,
 * after the school year began: only a trusted timestamp closes that (XAdES B-T).
 */
export function checkSigningTimes(
  record: RecordTimes,
  signatures: readonly SigningTimeOf[],
): Array<{ role: SigningRole; issue: VerifyIssue }> {
  const found: Array<{ role: SigningRole; issue: VerifyIssue }> = [];
  const created =
    record.thoiGianLap !== undefined && isValidThoiDiem(record.thoiGianLap)
      ? { text: record.thoiGianLap, time: Date.parse(record.thoiGianLap) }
      : undefined;
  const yearStart = schoolYearStart(record.namHoc);
  const earlier: Array<{ role: SigningRole; text: string; time: number }> = [];
  for (const s of signatures) {
    if (!s.signingTime || s.signingTimeText === undefined) continue;
    const { role } = s;
    const text = s.signingTimeText;
    const time = s.signingTime.getTime();
    const add = (issue: VerifyIssue) => found.push({ role, issue });
    if (!text.endsWith(VIETNAM_OFFSET)) add(verifyIssue("VERIFY_SIG_TIME_OFFSET", { role, value: text }));
    if (created && time < created.time - CLOCK_SKEW_MS) {
      add(verifyIssue("VERIFY_SIG_TIME_BEFORE_CREATED", { role, time: text, created: created.text }));
    }
    if (yearStart && time < yearStart.time) {
      add(
        verifyIssue("VERIFY_SIG_TIME_BEFORE_SCHOOL_YEAR", {
          role,
          time: text,
          namHoc: record.namHoc ?? "",
          start: yearStart.text,
        }),
      );
    }
    const latest = earlier.reduce<(typeof earlier)[number] | undefined>(
      (a, b) => (a === undefined || b.time > a.time ? b : a),
      undefined,
    );
    if (latest && time < latest.time - CLOCK_SKEW_MS) {
      add(
        verifyIssue("VERIFY_SIG_TIME_BEFORE_EARLIER", {
          role,
          time: text,
          earlier: latest.role,
          earlierTime: latest.text,
        }),
      );
    }
    earlier.push({ role, text, time });
  }
  return found;
}

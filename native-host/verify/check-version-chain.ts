import { createHash } from "node:crypto";
import { diffHocBa } from "../../shared/xml/hocbaso-v1/diff-hoc-ba.ts";
import type { HocBaView } from "../../shared/xml/hocbaso-v1/hoc-ba-view.ts";
import { readHocBa } from "../../shared/xml/hocbaso-v1/read-hoc-ba.ts";
import { unsignedHocBa } from "../../shared/xml/hocbaso-v1/unsigned-hoc-ba.ts";
import { verifyIssue, type VerifyIssue } from "../xmldsig/verify-issue.ts";

/*
 * Whether a later version links to the one it replaces (docs/format-hocbaso.md, "Versions"): same
 * IdBanGhi, a version number exactly one higher, TTChung/ThayThe naming that version and the
 * SHA-256 of its unsigned form, and a SuaDoi list that is exactly what changed between the two.
 * The earlier version may be given signed or not: its unsigned form is derived by emptying DSCKS.
 */

/** What a document says about its place in the record's history, and the check against the earlier one. */
export interface VersionChainReport {
  idBanGhi: string;
  phienBan: number;
  suKien: HocBaView["ttChung"]["suKien"];
  /** What it replaces, when it is a later version. */
  thayThe?: NonNullable<HocBaView["ttChung"]["thayThe"]>;
  /** The earlier version it was compared with: where it came from and what it is. */
  previous?: { source: string; phienBan?: number; sha256?: string };
  /** True when compared and intact; false when broken; absent when there was nothing to compare. */
  intact?: boolean;
  issues: VerifyIssue[];
}

const sha256Hex = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");

/** The document's own version facts, before any comparison. */
export function describeVersion(view: HocBaView): VersionChainReport {
  const tt = view.ttChung;
  return {
    idBanGhi: tt.idBanGhi,
    phienBan: tt.phienBanBanGhi,
    suKien: tt.suKien,
    ...(tt.thayThe ? { thayThe: tt.thayThe } : {}),
    issues: [],
  };
}

/**
 * Checks a later version (its verified data: the view and the DLHocBa text the signatures cover)
 * against `previous`, the bytes of the version it should replace (from `source`, a file name or the
 * archive, named in messages).
 */
export function checkVersionChain(
  current: { view: HocBaView; data: string | Uint8Array },
  previous: Uint8Array,
  source: string,
): VersionChainReport {
  const view = current.view;
  const report = describeVersion(view);
  const issues = report.issues;
  const fail = (...found: VerifyIssue[]) => {
    issues.push(...found);
    report.intact = false;
    return report;
  };
  const thayThe = view.ttChung.thayThe;
  if (!thayThe) return fail(verifyIssue("VERSION_CHAIN_NO_THAY_THE", { phienBan: report.phienBan }));

  const unsigned = unsignedHocBa(previous);
  let before: HocBaView;
  try {
    if (unsigned === null) throw new Error("DSCKS");
    before = readHocBa(unsigned);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    return fail(verifyIssue("VERSION_CHAIN_PREVIOUS_UNREADABLE", { source, detail }));
  }
  const sha256 = sha256Hex(unsigned);
  const tb = before.ttChung;
  report.previous = { source, phienBan: tb.phienBanBanGhi, sha256 };
  if (tb.idBanGhi.toLowerCase() !== report.idBanGhi.toLowerCase()) {
    issues.push(
      verifyIssue("VERSION_CHAIN_OTHER_RECORD", { source, expected: report.idBanGhi, actual: tb.idBanGhi }),
    );
  }
  if (tb.phienBanBanGhi !== thayThe.phienBanTruoc || report.phienBan !== tb.phienBanBanGhi + 1) {
    issues.push(
      verifyIssue("VERSION_CHAIN_NOT_NEXT", {
        source,
        phienBan: report.phienBan,
        phienBanTruoc: thayThe.phienBanTruoc,
        actual: tb.phienBanBanGhi,
      }),
    );
  }
  if (sha256 !== thayThe.sha256BanTruoc) {
    issues.push(
      verifyIssue("VERSION_CHAIN_HASH_MISMATCH", {
        source,
        expected: thayThe.sha256BanTruoc,
        actual: sha256,
      }),
    );
  } else {
    // Only meaningful for the right predecessor: the changes the document declares are the real ones.
    const real = diffHocBa(unsigned, current.data);
    const said = thayThe.suaDoi;
    const same =
      real.length === said.length &&
      real.every((c, i) => c.truong === said[i]?.truong && c.cu === said[i]?.cu && c.moi === said[i]?.moi);
    // A CANCEL carries the withdrawn version's data unchanged: no SuaDoi, and nothing may differ.
    if (!same) {
      issues.push(verifyIssue("VERSION_CHAIN_CHANGES_MISMATCH", { said: said.length, real: real.length }));
    }
  }
  report.intact = issues.length === 0;
  return report;
}

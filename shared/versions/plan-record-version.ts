import type { Learner } from "../model/gradebook.ts";
import type { BuiltHocBa, RecordEnvelope } from "../xml/hocbaso-v1/build-hoc-ba-xml.ts";
import { diffHocBa } from "../xml/hocbaso-v1/diff-hoc-ba.ts";
import type { HocBaView, SuaDoiView } from "../xml/hocbaso-v1/hoc-ba-view.ts";
import type { SigningRole } from "../xml/hocbaso-v1/signature-profile.ts";

/*
 * What building a learner's record gives once a version of it has been signed (docs/format-hocbaso.md,
 * "Versions"). A signed record is never rebuilt in place: the same data gives back exactly the
 * signed version's unsigned form (nothing new to sign), different data gives the next version of
 * the same IdBanGhi (SuKien UPDATE), naming the version it replaces, its SHA-256, the reason and
 * every change. Pure: the caller finds the signed version (archive, browser storage) and hashes.
 */

/** The latest signed version of a learner's record. */
export interface SignedVersion {
  /** Its unsigned form: the document as built, DSCKS empty (unsigned-hoc-ba.ts). */
  unsigned: Uint8Array;
  /** SHA-256 of `unsigned`, lowercase hex. */
  sha256: string;
  /** What it says (readHocBa of `unsigned`). */
  view: HocBaView;
  /** The roles that have signed it, in signing order. */
  roles: SigningRole[];
}

export type VersionPlan =
  /** Nothing signed before: the learner's first version (or the portal's envelope). */
  | { kind: "first"; built: BuiltHocBa }
  /** The same data as the signed version: its unsigned form, byte for byte. */
  | { kind: "unchanged"; built: BuiltHocBa; previous: SignedVersion }
  /** The next version, to be signed through the roles again. */
  | { kind: "new-version"; built: BuiltHocBa; changes: SuaDoiView[]; previous: SignedVersion }
  /** Changed, but no reason given: nothing is built. */
  | { kind: "needs-reason"; changes: SuaDoiView[]; previous: SignedVersion }
  /** The record was cancelled: no version follows a CANCEL. */
  | { kind: "cancelled"; previous: SignedVersion };

export interface PlanRecordVersionInput {
  /** The per-learner builder of the gradebook (createHocBaBuilder). */
  build: (learner: Learner, envelope?: RecordEnvelope) => BuiltHocBa;
  learner: Learner;
  previous: SignedVersion | null;
  /** Why the signed record changes (TTChung/ThayThe/LyDo). */
  lyDo?: string | undefined;
  /**
   * ThoiGianLap of a new version: the builder's (`build`), unless it is not later than the replaced
   * version's (a gradebook that still carries the first issue's time), then `now`.
   */
  thoiGianLap?: { build: string; now: string } | undefined;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** The envelope a version was built with, so that its data can be rebuilt exactly. */
export function envelopeOf(view: HocBaView): RecordEnvelope {
  const tt = view.ttChung;
  return {
    idBanGhi: tt.idBanGhi,
    suKien: tt.suKien,
    phienBan: tt.phienBanBanGhi,
    thoiGianLap: tt.thoiGianLap,
    ...(tt.thayThe ? { thayThe: tt.thayThe } : {}),
  };
}

/** Throws the builder's HocBaError for a learner whose data cannot be built. */
export function planRecordVersion(input: PlanRecordVersionInput): VersionPlan {
  const { build, learner, previous } = input;
  if (previous === null) return { kind: "first", built: build(learner) };
  if (previous.view.ttChung.suKien === "CANCEL") return { kind: "cancelled", previous };

  // Today's data in the signed version's envelope and time: equal bytes mean equal data.
  const again = build(learner, envelopeOf(previous.view));
  const unchanged = {
    kind: "unchanged",
    built: { fileName: again.fileName, bytes: previous.unsigned },
    previous,
  } as const;
  if (sameBytes(again.bytes, previous.unsigned)) return unchanged;
  const changes = diffHocBa(previous.unsigned, again.bytes);
  // Different bytes, same fields (a version written by an older builder): still nothing to sign.
  if (changes.length === 0) return unchanged;

  const lyDo = input.lyDo?.normalize("NFC");
  if (lyDo === undefined || !/\S/.test(lyDo)) return { kind: "needs-reason", changes, previous };
  const tt = previous.view.ttChung;
  const times = input.thoiGianLap;
  const stale = times !== undefined && !(Date.parse(times.build) > Date.parse(tt.thoiGianLap));
  const built = build(learner, {
    idBanGhi: tt.idBanGhi,
    suKien: "UPDATE",
    phienBan: tt.phienBanBanGhi + 1,
    ...(stale ? { thoiGianLap: times.now } : {}),
    thayThe: { phienBanTruoc: tt.phienBanBanGhi, sha256BanTruoc: previous.sha256, lyDo, suaDoi: changes },
  });
  return { kind: "new-version", built, changes, previous };
}

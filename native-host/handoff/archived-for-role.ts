import { SIGNING_ROLES, type SigningRole } from "../../shared/xml/hocbaso-v1/signature-profile.ts";
import type { LearnerStatus } from "./read-learner-statuses.ts";

/**
 * The learners of a class whose latest version waits for `role`: signed in every role before it
 * and not in it (a cancelled record waits for nobody here). Their `document` is what that role
 * signs next.
 */
export function waitingFor(
  statuses: readonly LearnerStatus[],
  where: { namHoc: string; lop: string; maTruong?: string | undefined },
  role: SigningRole,
): LearnerStatus[] {
  const before = SIGNING_ROLES.slice(0, SIGNING_ROLES.indexOf(role));
  return statuses.filter(
    (s) =>
      s.namHoc === where.namHoc &&
      s.lop === where.lop &&
      (where.maTruong === undefined || s.maTruong === where.maTruong) &&
      s.version.suKien !== "CANCEL" &&
      s.roles.length === before.length &&
      before.every((r, i) => s.roles[i] === r),
  );
}

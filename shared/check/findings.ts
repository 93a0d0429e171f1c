import { formatMessage, type MessageCode, type MessageParams } from "../errors/message-table.ts";
import type { Learner } from "../model/gradebook.ts";
import type { RulesProfile } from "../rules/rules-profile.ts";
import type { CheckItem, CheckPath, Severity } from "./check-report.ts";
import { capitalize, fieldLabel } from "./labels.ts";

/** Collects check items; formats each message once, in Vietnamese, from its code. */
export class Findings {
  readonly items: CheckItem[] = [];

  add(severity: Severity, code: MessageCode, params: MessageParams, path: CheckPath): void {
    this.items.push({ severity, code, message: formatMessage(code, params, "vi"), params, path });
  }

  error(code: MessageCode, params: MessageParams, path: CheckPath): void {
    this.add("error", code, params, path);
  }

  warning(code: MessageCode, params: MessageParams, path: CheckPath): void {
    this.add("warning", code, params, path);
  }
}

/** Reports about one learner (and optionally one subject): fills in who, where and the field name. */
export class LearnerScope {
  constructor(
    private readonly findings: Findings,
    readonly learner: Learner,
    readonly learnerIndex: number,
    readonly profile: RulesProfile,
    private readonly subject?: { maMon: string; ten: string },
  ) {}

  forSubject(maMon: string, ten: string): LearnerScope {
    return new LearnerScope(this.findings, this.learner, this.learnerIndex, this.profile, { maMon, ten });
  }

  private params(field: string | undefined, extra: MessageParams): MessageParams {
    const hv = this.learner.hocVien;
    const base: Record<string, string | number> = {
      nguoiHoc: capitalize(this.profile.labels.value.learner),
      nguoiHocThuong: this.profile.labels.value.learner,
      hoTen: hv.hoTen.trim() || `(dòng ${this.learnerIndex + 1})`,
      maHocVien: hv.maHocVien,
    };
    if (this.subject) {
      base.mon = this.subject.ten;
      base.maMon = this.subject.maMon;
    }
    if (field !== undefined) {
      base.field = field;
      base.truong =
        field === "hocVien.maHocVien" ? `mã ${this.profile.labels.value.learner}` : fieldLabel(field);
    }
    return { ...base, ...extra };
  }

  private path(field: string | undefined): CheckPath {
    const hv = this.learner.hocVien;
    return {
      maHocVien: hv.maHocVien,
      hoTen: hv.hoTen,
      learnerIndex: this.learnerIndex,
      ...(this.subject ? { maMon: this.subject.maMon } : {}),
      ...(field !== undefined ? { field } : {}),
    };
  }

  error(code: MessageCode, field?: string, extra: MessageParams = {}): void {
    this.findings.error(code, this.params(field, extra), this.path(field));
  }

  warning(code: MessageCode, field?: string, extra: MessageParams = {}): void {
    this.findings.warning(code, this.params(field, extra), this.path(field));
  }
}

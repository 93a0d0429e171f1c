import { mkdirSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { vietnamDateTime } from "../../../shared/check/check-dates.ts";
import type { MakeSubmissionRequest } from "../../../shared/protocol/requests.ts";
import { SUBMISSION_REPLY_MAX_LISTED } from "../../../shared/protocol/responses.ts";
import { makeFolder } from "../../fs/make-folder.ts";
import { planSubmission } from "../../handoff/plan-submission.ts";
import { SUBMISSION_REPORT, writeSubmission } from "../../handoff/write-submission.ts";
import type { HostContext } from "../host-context.ts";

/** Where the packages made from the extension go: HOCBA_SUBMISSION_DIR, else Documents/HocBa-NopSo. */
export function submissionRoot(env: NodeJS.ProcessEnv = process.env, home: string = os.homedir()): string {
  if (env.HOCBA_SUBMISSION_DIR) return path.resolve(env.HOCBA_SUBMISSION_DIR);
  return path.join(home, "Documents", "HocBa-NopSo");
}

/** Vietnam wall-clock time as 20260625-143005 (the folder name the văn thư sees). */
function stamp(now: Date): string {
  const t = vietnamDateTime(now);
  return `${t.slice(0, 10).replace(/-/g, "")}-${t.slice(11, 19).replace(/:/g, "")}`;
}

/**
 * Claims a new folder: mkdir without `recursive` fails when the name exists, so an earlier package
 * (or one made the same second) is never written into.
 */
function newFolder(root: string, base: string): string {
  makeFolder(root);
  for (let n = 1; ; n++) {
    const dir = path.join(root, n === 1 ? base : `${base}-${n}`);
    try {
      mkdirSync(dir);
      return dir;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST" || n >= 100) throw err;
    }
  }
}

const cut = (text: string, max = 300) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * `make-submission`: the same plan and writer as `hocba submission` (every record of the year
 * complete, valid, latest; wave 2 only what is new or changed), each record verified again in the
 * document worker, written into a new folder; answered by one `submission-made` naming the folder.
 * No qualifying record: no folder, the reply lists why.
 */
export async function makeSubmission(ctx: HostContext, request: MakeSubmissionRequest): Promise<void> {
  const { namHoc, dot } = request;
  const archive = ctx.archive();
  const plan = await planSubmission(archive, {
    namHoc,
    dot,
    verify: (bytes, fileName) => ctx.documents.verify(bytes, fileName),
  });
  let dir: string | undefined;
  let files: string[] = [];
  if (plan.included.length > 0) {
    const now = new Date();
    dir = newFolder(submissionRoot(), `${namHoc}-dot${dot}-${stamp(now)}`);
    ({ files } = writeSubmission(archive, plan, dir, now));
  }
  ctx.log.info("submission", { namHoc, dot, included: plan.included.length, left: plan.notIncluded.length });
  await ctx.reply.send({
    type: "submission-made",
    requestId: request.requestId,
    namHoc,
    dot,
    ...(dir ? { dir } : {}),
    // The XML files are one per record: manifest.json names them; the reply names the others.
    files: files.filter((f) => !f.endsWith(".xml")),
    included: plan.included.length,
    notIncludedCount: plan.notIncluded.length,
    notIncluded: plan.notIncluded.slice(0, SUBMISSION_REPLY_MAX_LISTED).map((n) => ({
      maHocVien: cut(n.maHocVien, 64),
      hoTen: cut(n.hoTen, 128),
      lop: cut(n.lop, 64),
      phienBan: n.phienBan,
      code: n.code,
      lyDo: cut(n.lyDo),
    })),
    report: SUBMISSION_REPORT,
  });
}

import { z } from "zod";
import { HocBaError } from "../../shared/errors/hocba-error.ts";
import { RequestId } from "../../shared/protocol/common.ts";
import { HostRequest, REQUEST_TYPES } from "../../shared/protocol/requests.ts";

export type ParsedRequest =
  { ok: true; request: HostRequest } | { ok: false; requestId: string | null; error: HocBaError };

const vietnamese = z.locales.vi();

/**
 * Validates one decoded frame against the protocol. An unknown `type` is HOST_UNKNOWN_COMMAND;
 * anything else wrong (unknown field, wrong type, bad value) is HOST_BAD_REQUEST naming the field.
 * The requestId is echoed only when it is itself valid. Values are never echoed back (a PIN could
 * be among them); field names are, cut short.
 */
export function parseRequest(value: unknown): ParsedRequest {
  const record =
    value !== null && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  const idCheck = RequestId.safeParse(record?.requestId);
  const requestId = idCheck.success ? idCheck.data : null;
  const type = record?.type;
  if (record === null || typeof type !== "string") {
    const field = record === null ? "(toàn bộ yêu cầu)" : "type";
    const detail = record === null ? "phải là một đối tượng JSON" : "trường «type»: thiếu loại lệnh (chuỗi)";
    return {
      ok: false,
      requestId,
      error: new HocBaError("HOST_BAD_REQUEST", { command: "?", field, detail }),
    };
  }
  if (!(REQUEST_TYPES as readonly string[]).includes(type)) {
    return {
      ok: false,
      requestId,
      error: new HocBaError("HOST_UNKNOWN_COMMAND", { command: type.slice(0, 64) }),
    };
  }
  const parsed = HostRequest.safeParse(value, { error: vietnamese.localeError });
  if (parsed.success) return { ok: true, request: parsed.data };
  const issues = parsed.error.issues.slice(0, 3);
  const first = issues[0];
  const field = first ? fieldOf(first) : "?";
  const detail = issues
    .map((i) => `trường «${fieldOf(i)}»: ${i.message}`)
    .join("; ")
    .slice(0, 500);
  return {
    ok: false,
    requestId,
    error: new HocBaError("HOST_BAD_REQUEST", { command: type, field, detail }),
  };
}

/** "documents[3].fileName"; for unknown keys, the keys themselves. */
function fieldOf(issue: z.core.$ZodIssue): string {
  const base = issue.path
    .map((p, i) => (typeof p === "number" ? `[${p}]` : `${i === 0 ? "" : "."}${String(p)}`))
    .join("");
  if (issue.code === "unrecognized_keys") {
    const keys = issue.keys.map((k) => k.slice(0, 40)).join(", ");
    return base ? `${base}.{${keys}}` : keys;
  }
  return base || "(toàn bộ yêu cầu)";
}

import { createHash } from "node:crypto";

/**
 * The audit log is a hash chain: each entry's hash covers its own fields and the previous entry's
 * hash, so editing, deleting or reordering an entry breaks every later link.
 */

export const GENESIS_HASH = "0".repeat(64);

export const AUDIT_EVENTS = [
  "batch-started",
  "document-signed",
  "signing-failed",
  /** An archived copy was not used (another certificate, or it no longer verifies): signed anew. */
  "resume-refused",
  "batch-finished",
  "batch-cancelled",
  "export",
  "verify",
  /** A hand-off package was imported (hocba package import, the helper's import-package). */
  "package-imported",
  /** "Tổ chuyên môn đã kiểm tra" for a class (and subject): who, when. */
  "check-confirmed",
  /** The review page's check of a class: learners, records with and without errors (only when it changed). */
  "check-summary",
  /** A submission package (hand-in wave) was written: what it holds. */
  "submission",
] as const;
export type AuditEvent = (typeof AUDIT_EVENTS)[number];

export interface AuditEntry {
  /** 1, 2, 3... without gaps. */
  seq: number;
  /** ISO 8601 UTC. */
  at: string;
  event: AuditEvent;
  batchId: string | null;
  /** Canonical JSON (sorted keys) of the event's details, exactly as hashed. */
  details: string;
  prevHash: string;
  hash: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** JSON with object keys sorted at every level, so the same details always hash the same. */
export function canonicalJson(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k] ?? null)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export type AuditDetails = { [key: string]: Json };

/** The hash of an entry: SHA-256 over its fields, newline-separated (none of them can hold one). */
export function auditEntryHash(entry: Omit<AuditEntry, "hash">): string {
  const text = [entry.seq, entry.at, entry.event, entry.batchId ?? "", entry.details, entry.prevHash].join(
    "\n",
  );
  return createHash("sha256").update(text, "utf8").digest("hex");
}

export function sha256Hex(bytes: Uint8Array | string): string {
  return createHash("sha256").update(bytes).digest("hex");
}

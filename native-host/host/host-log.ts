import { appendFileSync, chmodSync, renameSync, statSync } from "node:fs";
import path from "node:path";
import { makeFolder } from "../fs/make-folder.ts";

type Field = string | number | boolean | null | undefined;

/**
 * The helper's log: one line per event, in a file in the user's data folder (stdout carries frames
 * only). It takes named primitive fields, never whole requests, so a PIN or a document cannot end
 * up in it by accident; a field named like "pin" is dropped all the same.
 */
export interface HostLog {
  readonly file: string | null;
  info(event: string, fields?: Record<string, Field>): void;
  error(event: string, fields?: Record<string, Field>): void;
}

const MAX_LOG_BYTES = 2 * 1024 * 1024;

export function openHostLog(file: string | null, stderr: NodeJS.WritableStream | null): HostLog {
  let usable = file !== null;
  if (file !== null) {
    try {
      makeFolder(path.dirname(file), { mode: 0o700 });
      const existing = statSync(file, { throwIfNoEntry: false });
      // The modes above apply only to what is created now: tighten what an older version left
      // (the log names learners' files and signers; on a shared school PC others must not read it).
      if (process.platform !== "win32") {
        chmodSync(path.dirname(file), 0o700);
        if (existing) chmodSync(file, 0o600);
      }
      if ((existing?.size ?? 0) > MAX_LOG_BYTES) renameSync(file, `${file}.1`);
    } catch {
      usable = false;
    }
  }
  const write = (level: string, event: string, fields: Record<string, Field> = {}): void => {
    const parts = Object.entries(fields)
      .filter(([k, v]) => v !== undefined && !/pin/i.test(k))
      .map(([k, v]) => `${k}=${JSON.stringify(v)}`);
    const line = `${new Date().toISOString()} ${level} pid=${process.pid} ${event} ${parts.join(" ")}\n`;
    if (usable && file !== null) {
      try {
        appendFileSync(file, line, { mode: 0o600 });
      } catch {
        usable = false;
      }
    }
    stderr?.write(line);
  };
  return {
    file,
    info: (event, fields) => write("INFO", event, fields),
    error: (event, fields) => write("ERROR", event, fields),
  };
}

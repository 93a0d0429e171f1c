import type { Readable, Writable } from "node:stream";

/** What a command may touch: injected so tests can run commands in-process. */
export interface CliIo {
  stdout: Writable;
  stderr: Writable;
  stdin: Readable;
  env: NodeJS.ProcessEnv;
  cwd: string;
}

export interface CliCommand {
  /** Runs the command; returns the process exit code. Throw HocBaError for user-facing failures. */
  run(args: string[], io: CliIo): Promise<number>;
  /** Usage text shown by `hocba <command> --help`, in Vietnamese. */
  usage: string;
}

// C0/C1 controls but tab and newline, and the bidi overrides: what a learner's name or a file's
// text could carry to a terminal (an ESC sequence rewrites the screen, U+202E reverses a line).
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Writes one line of output with control characters shown as `\u001b` instead of acted on. */
export function writeLine(stream: Writable, line = ""): void {
  stream.write(
    line.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`) + "\n",
  );
}

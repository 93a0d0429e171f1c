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

export function writeLine(stream: Writable, line = ""): void {
  stream.write(line + "\n");
}

/**
 * What to tell the user when Ctrl-C stops the process while files are being written (the CLI sets
 * its Vietnamese line; the helper sets none). A module of its own so that setting it loads nothing.
 */
let notice: (() => void) | undefined;

export function setInterruptNotice(fn: (() => void) | undefined): void {
  notice = fn;
}

export function interruptNotice(): (() => void) | undefined {
  return notice;
}

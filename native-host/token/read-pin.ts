import type { Readable, Writable } from "node:stream";
import type { ReadStream } from "node:tty";
import { HocBaError } from "../../shared/errors/hocba-error.ts";

/**
 * Reads one line (the PIN) from `input`. On a terminal the typed characters are not echoed.
 * The PIN is returned to the caller only: never printed, logged or stored.
 */
export async function readPinLine(input: Readable, prompt?: Writable): Promise<string> {
  const tty = input as Partial<ReadStream>;
  if (tty.isTTY && typeof tty.setRawMode === "function") {
    return readPinFromTerminal(tty as ReadStream, prompt);
  }
  const pin = await new Promise<string>((resolve, reject) => {
    let buffered = "";
    const done = (value: string) => {
      input.off("data", onData);
      input.off("end", onEnd);
      input.off("error", onError);
      input.pause();
      resolve(value);
    };
    const onData = (chunk: Buffer | string) => {
      buffered += chunk.toString();
      const nl = buffered.search(/\r?\n/);
      if (nl !== -1) done(buffered.slice(0, nl));
    };
    const onEnd = () => done(buffered);
    const onError = (err: Error) => reject(err);
    input.on("data", onData);
    input.on("end", onEnd);
    input.on("error", onError);
    input.resume();
  });
  if (pin === "") throw new HocBaError("SIGN_PIN_STDIN_EMPTY");
  return pin;
}

function readPinFromTerminal(input: ReadStream, prompt?: Writable): Promise<string> {
  prompt?.write("Nhập mã PIN của token (không hiện trên màn hình): ");
  return new Promise((resolve, reject) => {
    let pin = "";
    input.setRawMode(true);
    input.resume();
    const finish = (err?: Error) => {
      input.setRawMode(false);
      input.pause();
      input.off("data", onData);
      prompt?.write("\n");
      if (err) reject(err);
      else if (pin === "") reject(new HocBaError("SIGN_PIN_STDIN_EMPTY"));
      else resolve(pin);
    };
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString("utf8")) {
        if (ch === "\r" || ch === "\n") return finish();
        if (ch === "\u0003") return finish(new HocBaError("SIGN_CANCELLED"));
        if (ch === "\u007f" || ch === "\b") pin = pin.slice(0, -1);
        else pin += ch;
      }
    };
    input.on("data", onData);
  });
}

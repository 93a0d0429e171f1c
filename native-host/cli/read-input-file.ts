import { readFile } from "node:fs/promises";
import { HocBaError } from "../../shared/errors/hocba-error.ts";

/**
 * Input files named on the command line: read as UTF-8 text (a leading BOM dropped, as Windows
 * editors add one), with a Vietnamese reason naming the file as the user wrote it (`shownAs`).
 */
export async function readInputText(path: string, shownAs: string): Promise<string> {
  // «hocba check ""» (an unset variable in a script) resolved to the current folder.
  if (shownAs.trim() === "") throw new HocBaError("CLI_BAD_ARGS", { detail: "tên tệp để trống" });
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const detail =
      e.code === "ENOENT"
        ? "không có tệp này"
        : e.code === "EISDIR"
          ? "đây là thư mục"
          : e.code === "EACCES" || e.code === "EPERM"
            ? "không có quyền đọc"
            : (e.message ?? String(err));
    throw new HocBaError("CLI_FILE_UNREADABLE", { file: shownAs, detail }, { cause: err });
  }
  return decodeInputText(bytes, shownAs);
}

/**
 * Text in UTF-8 (or UTF-16 with its BOM, as Notepad's «Unicode» saves it). Anything else is refused
 * with the line of the first bad byte: decoding it leniently would put U+FFFD into a learner's name
 * or a subject in the record about to be signed, and nobody would notice.
 */
export function decodeInputText(bytes: Uint8Array, shownAs: string): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeStrict(bytes.subarray(2), "utf-16le", shownAs);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeStrict(bytes.subarray(2), "utf-16be", shownAs);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  return decodeStrict(bytes, "utf-8", shownAs);
}

function decodeStrict(
  bytes: Uint8Array,
  encoding: "utf-8" | "utf-16le" | "utf-16be",
  shownAs: string,
): string {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (err) {
    let line = 1;
    if (encoding === "utf-8") {
      // The first line that does not decode alone is the one to show the user.
      const decoder = new TextDecoder("utf-8", { fatal: true });
      let start = 0;
      while (start <= bytes.length) {
        const nl = bytes.indexOf(0x0a, start);
        const end = nl === -1 ? bytes.length : nl;
        try {
          decoder.decode(bytes.subarray(start, end));
        } catch {
          break;
        }
        if (nl === -1) break;
        line++;
        start = nl + 1;
      }
    }
    throw new HocBaError("CLI_FILE_NOT_UTF8", { file: shownAs, line }, { cause: err });
  }
}

export function parseInputJson(text: string, shownAs: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new HocBaError(
      "CLI_NOT_JSON",
      { file: shownAs, detail: jsonErrorDetail(text, err) },
      { cause: err },
    );
  }
}

/** Where JSON.parse stopped, as a line and column the user can find in an editor. */
function jsonErrorDetail(text: string, err: unknown): string {
  if (text.trim() === "") return "tệp trống";
  const message = err instanceof Error ? err.message : String(err);
  const position = /at position (\d+)/.exec(message);
  if (position) {
    const before = text.slice(0, Number(position[1]));
    const line = before.split("\n").length;
    const column = before.length - before.lastIndexOf("\n");
    return `sai cú pháp ở dòng ${line}, cột ${column}`;
  }
  if (/end of JSON input/i.test(message)) return "tệp bị cắt cụt (kết thúc giữa chừng)";
  const token = /Unexpected token '(.+?)'/.exec(message);
  if (token?.[1] !== undefined && text.trimStart().startsWith(token[1])) {
    return "tệp không bắt đầu bằng { hay [";
  }
  return `sai cú pháp (${message})`;
}

export async function readInputJson(path: string, shownAs: string): Promise<unknown> {
  return parseInputJson(await readInputText(path, shownAs), shownAs);
}

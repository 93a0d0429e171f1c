import { readFile } from "node:fs/promises";
import { HocBaError } from "../../shared/errors/hocba-error.ts";

/**
 * Input files named on the command line: read as UTF-8 text (a leading BOM dropped, as Windows
 * editors add one), with a Vietnamese reason naming the file as the user wrote it (`shownAs`).
 */
export async function readInputText(path: string, shownAs: string): Promise<string> {
  try {
    return (await readFile(path, "utf8")).replace(/^\uFEFF/, "");
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    const detail =
      e.code === "ENOENT"
        ? "không có tệp này"
        : e.code === "EISDIR"
          ? "đây là thư mục"
          : e.code === "EACCES"
            ? "không có quyền đọc"
            : (e.message ?? String(err));
    throw new HocBaError("CLI_FILE_UNREADABLE", { file: shownAs, detail }, { cause: err });
  }
}

export function parseInputJson(text: string, shownAs: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new HocBaError("CLI_NOT_JSON", { file: shownAs, detail: (err as Error).message }, { cause: err });
  }
}

export async function readInputJson(path: string, shownAs: string): Promise<unknown> {
  return parseInputJson(await readInputText(path, shownAs), shownAs);
}

import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { HocBaError } from "../../../shared/errors/hocba-error.ts";
import { makeFolder } from "../../../native-host/fs/make-folder.ts";

const tmp = mkdtempSync(join(tmpdir(), "hocba-make-folder-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function failure(fn: () => unknown): HocBaError {
  try {
    fn();
  } catch (err) {
    if (err instanceof HocBaError) return err;
    throw err;
  }
  throw new Error("expected a HocBaError");
}

// Under /proc (where Node 20's recursive mkdir never returns) it is tested through the CLI in
// tests/unit/cli/hostile-input.test.ts: in a child process that is killed if it hangs.
describe("makeFolder", () => {
  it("makes the missing levels one by one and returns them, outermost first", () => {
    const made = makeFolder(join(tmp, "a", "b", "c"), { mode: 0o700 });
    expect(made).toEqual([join(tmp, "a"), join(tmp, "a", "b"), join(tmp, "a", "b", "c")]);
    expect(statSync(join(tmp, "a", "b", "c")).isDirectory()).toBe(true);
    if (process.platform !== "win32") expect(statSync(join(tmp, "a", "b")).mode & 0o777).toBe(0o700);
    expect(makeFolder(join(tmp, "a", "b"))).toEqual([]);
  });

  it("a file on the path: CLI_FOLDER_UNCREATABLE naming the folder as the user wrote it, nothing made", () => {
    writeFileSync(join(tmp, "tep"), "x");
    const err = failure(() => makeFolder(join(tmp, "tep", "con"), { shownAs: "tep/con" }));
    expect(err.code).toBe("CLI_FOLDER_UNCREATABLE");
    expect(err.message).toBe(
      "Không tạo được thư mục tep/con: trên đường dẫn có một tệp chỗ cần một thư mục. Không có tệp nào được ghi; hãy chọn thư mục khác.",
    );
    expect(readdirSync(tmp).sort()).toEqual(["a", "tep"]);
  });
});

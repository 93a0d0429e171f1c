import type { PlannedFile } from "./plan-install.ts";

/** The bytes of a planned file in its encoding. */
export function encodePlannedFile(file: Pick<PlannedFile, "content" | "encoding">): Buffer {
  if (file.encoding === "utf16le-bom") return Buffer.from(`\ufeff${file.content}`, "utf16le");
  if (file.encoding === "utf8-bom") return Buffer.from(`\ufeff${file.content}`, "utf8");
  return Buffer.from(file.content, "utf8");
}

import { z } from "zod";
import { HocBaError } from "../errors/hocba-error.ts";
import { Gradebook } from "./gradebook.ts";

/** How many schema problems the message names; the rest are counted. */
const SHOWN_ISSUES = 4;
/** Deeper than any gradebook: beyond this the input is left as is (zod rejects it anyway). */
const MAX_DEPTH = 64;

/** Every string NFC-normalised (keys too), as a fresh plain structure; safe against "__proto__" keys. */
export function normalizeStrings(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return value.normalize("NFC");
  if (depth > MAX_DEPTH || value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => normalizeStrings(v, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k.normalize("NFC"), normalizeStrings(v, depth + 1)]),
  );
}

/** `learners[3].hocVien.ngaySinh` */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const seg of path) {
    if (typeof seg === "number") out += `[${seg}]`;
    else out += out === "" ? String(seg) : `.${String(seg)}`;
  }
  return out || "(toàn bộ tệp)";
}

function kindOf(input: unknown): string {
  if (input === undefined) return "không có";
  if (input === null) return "null";
  if (Array.isArray(input)) return "mảng";
  switch (typeof input) {
    case "string":
      return `chuỗi «${input.length > 30 ? input.slice(0, 30) + "…" : input}»`;
    case "number":
      return `số ${input}`;
    case "boolean":
      return input ? "true" : "false";
    case "object":
      return "đối tượng";
    default:
      return typeof input;
  }
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: "chuỗi",
  number: "số",
  int: "số nguyên",
  boolean: "true/false",
  array: "mảng",
  object: "đối tượng",
  null: "null",
};

/** One zod issue, in plain Vietnamese. */
function describeIssue(issue: z.core.$ZodIssue): string {
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case "invalid_type":
      if (input === undefined) return "thiếu";
      return `phải là ${TYPE_NAMES[issue.expected] ?? issue.expected}, đang là ${kindOf(input)}`;
    case "invalid_value":
      return `phải là ${issue.values.map((v) => JSON.stringify(v)).join(" hoặc ")}, đang là ${kindOf(input)}`;
    case "invalid_format":
      if (issue.format === "uuid") return `phải là UUID, đang là ${kindOf(input)}`;
      if (issue.format === "regex") return `sai dạng (${kindOf(input)})`;
      return `sai dạng ${issue.format} (${kindOf(input)})`;
    case "too_small":
      if (issue.origin === "string" && Number(issue.minimum) === 1) return "không được để trống";
      if (issue.origin === "array") return `phải có ít nhất ${Number(issue.minimum)} phần tử`;
      return `phải từ ${Number(issue.minimum)} trở lên, đang là ${kindOf(input)}`;
    case "too_big":
      if (issue.origin === "array") return `chỉ được có tối đa ${Number(issue.maximum)} phần tử`;
      return `phải nhỏ hơn hoặc bằng ${Number(issue.maximum)}, đang là ${kindOf(input)}`;
    case "invalid_union": {
      // «7,5» or «7.5» typed as text (an Excel cell, a comma for the decimal point): say how to write it.
      const hint =
        typeof input === "string" && /^\s*\d+([.,]\d+)?\s*$/.test(input)
          ? `; hãy ghi điểm là số, dấu chấm thập phân, không có ngoặc kép: ${input.trim().replace(",", ".")}`
          : "";
      return `phải là điểm số, «Đ», «CĐ» hoặc null, đang là ${kindOf(input)}${hint}`;
    }
    case "unrecognized_keys":
      return `có trường lạ: ${issue.keys.join(", ")}`;
    default:
      return issue.message;
  }
}

/** « (Phạm Minh Châu, mã 2507510001, môn TO)» for a path inside a learner, when the file says. */
function whose(json: unknown, path: readonly PropertyKey[]): string {
  if (path[0] !== "learners" || typeof path[1] !== "number") return "";
  const learner = (json as { learners?: unknown[] } | null)?.learners?.[path[1]] as
    | { hocVien?: { hoTen?: unknown; maHocVien?: unknown }; ketQua?: Array<{ maMon?: unknown } | null> }
    | null
    | undefined;
  const parts: string[] = [];
  const hoTen = learner?.hocVien?.hoTen;
  const ma = learner?.hocVien?.maHocVien;
  if (typeof hoTen === "string" && hoTen.trim()) parts.push(hoTen.trim());
  if (typeof ma === "string" && ma.trim()) parts.push(`mã ${ma.trim()}`);
  const maMon =
    path[2] === "ketQua" && typeof path[3] === "number" ? learner?.ketQua?.[path[3]]?.maMon : undefined;
  if (typeof maMon === "string") parts.push(`môn ${maMon}`);
  return parts.length > 0 ? ` (${parts.join(", ")})` : "";
}

/** The first few problems, "path: what is wrong", then how many more. */
export function describeZodError(error: z.ZodError, json?: unknown): string {
  const issues = error.issues;
  const shown = issues
    .slice(0, SHOWN_ISSUES)
    .map((i) => `${formatIssuePath(i.path)}${whose(json, i.path)}: ${describeIssue(i)}`);
  const more = issues.length - shown.length;
  return shown.join("; ") + (more > 0 ? `; và ${more} lỗi khác` : "");
}

/**
 * Reads a gradebook from parsed JSON: validates it against the model, NFC-normalises every string,
 * and throws HocBaError CLI_NOT_GRADEBOOK naming the first bad paths (e.g.
 * `learners[3].hocVien.ngaySinh: thiếu`). Never throws anything else.
 */
export function parseGradebook(json: unknown, source = "(dữ liệu)"): Gradebook {
  try {
    const parsed = Gradebook.safeParse(normalizeStrings(json), { reportInput: true });
    if (!parsed.success) {
      throw new HocBaError("CLI_NOT_GRADEBOOK", {
        file: source,
        detail: describeZodError(parsed.error, json),
      });
    }
    return parsed.data;
  } catch (err) {
    if (err instanceof HocBaError) throw err;
    throw new HocBaError("CLI_NOT_GRADEBOOK", { file: source, detail: String(err) }, { cause: err });
  }
}

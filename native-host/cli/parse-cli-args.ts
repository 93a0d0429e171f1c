import { parseArgs, type ParseArgsConfig } from "node:util";
import { HocBaError } from "../../shared/errors/hocba-error.ts";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** node:util parseArgs, with an unknown or malformed option reported as CLI_BAD_ARGS (exit 2). */
export function parseCliArgs<const T extends Options, const P extends boolean = true>(
  args: string[],
  options: T,
  allowPositionals: P = true as P,
): ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: P }>> {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals, tokens: true });
  } catch (err) {
    throw new HocBaError("CLI_BAD_ARGS", { detail: parseArgsDetail(err as NodeJS.ErrnoException) });
  }
  // parseArgs keeps the last of `--out a --out b` silently; the user meant one of them, not both.
  const seen = new Set<string>();
  for (const token of parsed.tokens) {
    const option = token.kind === "option" ? options[token.name] : undefined;
    if (token.kind !== "option" || option?.type !== "string" || option.multiple) continue;
    if (seen.has(token.name)) {
      throw new HocBaError("CLI_BAD_ARGS", {
        detail: `--${token.name} được ghi hơn một lần; chỉ ghi một lần`,
      });
    }
    seen.add(token.name);
  }
  const { tokens: _tokens, ...result } = parsed;
  return result;
}

/** node:util's reasons are English only; the ones a user can cause, in Vietnamese. */
export function parseArgsDetail(err: NodeJS.ErrnoException): string {
  const quoted = /'([^']+)'/.exec(err.message)?.[1] ?? "";
  switch (err.code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `không có tuỳ chọn ${quoted}`;
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return `thừa tham số «${quoted}»`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE": {
      const option = quoted.split(" ")[0] ?? quoted;
      return / argument missing/.test(err.message)
        ? `${option} cần một giá trị`
        : `${option} không nhận giá trị`;
    }
    default:
      return err.message;
  }
}

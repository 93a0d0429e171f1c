import { parseArgs, type ParseArgsConfig } from "node:util";
import { HocBaError } from "../../shared/errors/hocba-error.ts";

type Options = NonNullable<ParseArgsConfig["options"]>;

/** node:util parseArgs, with an unknown or malformed option reported as CLI_BAD_ARGS (exit 2). */
export function parseCliArgs<const T extends Options, const P extends boolean = true>(
  args: string[],
  options: T,
  allowPositionals: P = true as P,
): ReturnType<typeof parseArgs<{ args: string[]; options: T; allowPositionals: P }>> {
  try {
    return parseArgs({ args, options, allowPositionals });
  } catch (err) {
    throw new HocBaError("CLI_BAD_ARGS", { detail: (err as Error).message });
  }
}

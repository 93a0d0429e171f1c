import { HocBaError } from "../../errors/hocba-error.ts";
import { CellValueError } from "./parse-values.ts";
import { pageName, type PageRef } from "./page-data.ts";

/**
 * Parses cells and records every bad one as a located HocBaError instead of stopping at the
 * first: the user fixes a page once, not once per error.
 */
export class CellReader {
  readonly problems: HocBaError[] = [];

  constructor(
    readonly page: PageRef,
    readonly table: string,
  ) {}

  read<T>(
    text: string,
    parse: (text: string) => T,
    where: { row: number; learner: string; column: string },
    fallback: T,
  ): T {
    try {
      return parse(text);
    } catch (err) {
      if (!(err instanceof CellValueError)) throw err;
      this.problems.push(
        new HocBaError(err.code, {
          page: pageName(this.page),
          table: this.table,
          row: where.row,
          learner: where.learner,
          column: where.column,
          value: text,
          expected: err.expected,
        }),
      );
      return fallback;
    }
  }
}

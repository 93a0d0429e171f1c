/**
 * A copy of `text` that holds no reference to the string it was cut from. V8 keeps a substring of
 * 13 characters or more as a view into its parent, so one SigningTime or name kept in a report kept
 * the whole decoded file alive: about 16 KB per report, which `hocba verify` of 1,000 files held
 * and its garbage collector copied until the end. Small strings only (a time, a name).
 */
export function detachString(text: string): string {
  return JSON.parse(JSON.stringify(text)) as string;
}

/**
 * Markup the format forbids: DOCTYPE, comments, CDATA, processing instructions other than the XML
 * declaration at offset 0. Outside those constructs "<" only ever starts a tag, so "<!" and "<?"
 * find exactly them without parsing (and before any parser could act on a DOCTYPE).
 */
export interface ForbiddenMarkup {
  kind: "DOCTYPE" | "comment" | "CDATA" | "PI";
  line: number;
}

export function findForbiddenMarkup(text: string, limit = 50): ForbiddenMarkup[] {
  const found: ForbiddenMarkup[] = [];
  const pattern = /<!--|<!\[CDATA\[|<!|<\?/g;
  for (let m = pattern.exec(text); m !== null && found.length < limit; m = pattern.exec(text)) {
    if (m.index === 0 && /^<\?xml[ \t\r\n]/.test(text)) continue;
    const kind =
      m[0] === "<?" ? "PI" : m[0] === "<!--" ? "comment" : m[0] === "<![CDATA[" ? "CDATA" : "DOCTYPE";
    found.push({ kind, line: lineAt(text, m.index) });
  }
  return found;
}

/** 1-based line of a string offset. */
export function lineAt(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i !== -1 && i < index; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

/** Decodes strict UTF-8 (a BOM is kept as U+FEFF so callers can refuse it); null if not UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

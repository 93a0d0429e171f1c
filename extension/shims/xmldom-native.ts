/**
 * Stands in for @xmldom/xmldom in the extension bundles (see wxt.config.ts): the browser's own
 * DOMParser reads XML, so the pages do not ship a second, 80 KB parser. Only what shared code
 * uses is provided. Node code (CLI, helper, tests) keeps the real xmldom.
 */

/** xmldom's "stop on warnings" hook; the browser parser stops at the first error anyway. */
export function onWarningStopParsing(): void {}

/** Same contract as xmldom's DOMParser: a malformed document throws instead of returning an error page. */
export class DOMParser {
  constructor(_options?: unknown) {}

  parseFromString(text: string, mimeType: DOMParserSupportedType): Document {
    const doc = new globalThis.DOMParser().parseFromString(text, mimeType);
    const error = doc.getElementsByTagName("parsererror")[0];
    if (error) throw new Error((error.textContent ?? "parsererror").trim().slice(0, 300));
    return doc;
  }
}

export class XMLSerializer extends globalThis.XMLSerializer {}

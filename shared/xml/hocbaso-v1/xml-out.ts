/**
 * Where the mapping writes elements. The mapping only ever emits element-only content or a single
 * text node, with attribute values it controls, so two writers can produce the same bytes: the
 * small string writer below (the default: fast, and nothing extra in the extension bundle) and
 * xmlbuilder2 (xmlbuilder2-out.ts, the independent reference the tests compare every document to).
 */
export interface XmlOut {
  open(name: string, attributes?: Readonly<Record<string, string>>): void;
  /** An element holding only text; an empty string gives `<name/>`. */
  leaf(name: string, text: string): void;
  close(): void;
  /** The serialized element tree, without XML declaration. */
  finish(): string;
}

/** The default writer. */
export function createStringXmlOut(): XmlOut {
  return new StringXmlOut();
}

/** Escapes text content the way xmlbuilder2 does: &, < and > (so "]]>" never appears raw). */
export function escapeText(text: string): string {
  if (!/[&<>]/.test(text)) return text;
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Escapes a double-quoted attribute value, including the whitespace a parser would normalize. */
export function escapeAttribute(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/\t/g, "&#x9;")
    .replace(/\n/g, "&#xA;")
    .replace(/\r/g, "&#xD;");
}

class StringXmlOut implements XmlOut {
  private readonly parts: string[] = [];
  /** Open elements: name, index of the start tag in parts, whether anything was written inside. */
  private readonly stack: { name: string; index: number; empty: boolean }[] = [];

  open(name: string, attributes?: Readonly<Record<string, string>>): void {
    this.markParentNotEmpty();
    let tag = "<" + name;
    if (attributes) {
      for (const [key, value] of Object.entries(attributes)) tag += ` ${key}="${escapeAttribute(value)}"`;
    }
    this.stack.push({ name, index: this.parts.length, empty: true });
    this.parts.push(tag + ">");
  }

  leaf(name: string, text: string): void {
    this.markParentNotEmpty();
    this.parts.push(text === "" ? `<${name}/>` : `<${name}>${escapeText(text)}</${name}>`);
  }

  close(): void {
    const top = this.stack.pop();
    if (top === undefined) throw new Error("XmlOut.close without open");
    if (top.empty) this.parts[top.index] = (this.parts[top.index] ?? "").slice(0, -1) + "/>";
    else this.parts.push(`</${top.name}>`);
  }

  finish(): string {
    if (this.stack.length > 0) {
      throw new Error(`XmlOut.finish with open elements: ${this.stack.map((e) => e.name).join("/")}`);
    }
    return this.parts.join("");
  }

  private markParentNotEmpty(): void {
    const parent = this.stack[this.stack.length - 1];
    if (parent) parent.empty = false;
  }
}

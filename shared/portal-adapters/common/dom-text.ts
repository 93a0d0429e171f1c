import { cleanMultiline, cleanText } from "./normalize-text.ts";

/**
 * DOM reading that works the same on a live page, a DOMParser document and linkedom (which has no
 * layout, no innerText and no table.rows): only tagName, attributes, children and text nodes.
 */

const HIDDEN_CLASSES = new Set(["hidden", "d-none", "hide", "x-hide-display", "x-hidden", "sr-only"]);
const ELEMENT_NODE = 1;
const TEXT_NODE = 3;

/**
 * The body (or root) of a document; null for an empty one (linkedom throws on `body` there). An
 * HTML fragment (vnEdu's `?load=` answers) parsed by linkedom has its first element as the root
 * and an empty body inside it: the root is the content then.
 */
export function documentRoot(doc: Document): Element | null {
  try {
    const root = doc.documentElement;
    if (root && root.tagName !== "HTML") return root;
    return doc.body ?? root ?? null;
  } catch {
    return null;
  }
}

/** Whether the element itself is hidden by attribute, inline style or a well-known class. */
export function isHiddenElement(el: Element): boolean {
  if (el.hasAttribute("hidden")) return true;
  if ((el.getAttribute("type") ?? "").toLowerCase() === "hidden" && el.tagName === "INPUT") return true;
  const style = (el.getAttribute("style") ?? "").toLowerCase().replace(/\s+/g, "");
  if (/(^|;)display:none/.test(style) || /(^|;)visibility:hidden/.test(style)) return true;
  const cls = el.getAttribute("class");
  if (cls) for (const c of cls.split(/\s+/)) if (HIDDEN_CLASSES.has(c)) return true;
  return false;
}

/** Whether the element or an ancestor below `stop` (exclusive) is hidden. */
export function isHiddenWithin(el: Element, stop: Element | null): boolean {
  for (let e: Element | null = el; e && e !== stop; e = e.parentElement) if (isHiddenElement(e)) return true;
  return false;
}

function collectText(node: Node, out: string[]): void {
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === TEXT_NODE) out.push(child.textContent ?? "");
    else if (child.nodeType === ELEMENT_NODE) {
      const el = child as Element;
      const tag = el.tagName;
      if (tag === "SCRIPT" || tag === "STYLE" || tag === "TEMPLATE" || isHiddenElement(el)) continue;
      if (tag === "BR") out.push("\n");
      else if (tag === "INPUT") out.push(el.getAttribute("value") ?? "");
      else if (tag === "SELECT") {
        const selected = el.querySelector("option[selected]") ?? el.querySelector("option");
        out.push(selected?.textContent ?? "");
      } else {
        const block = /^(P|DIV|LI|TR)$/.test(tag);
        if (block) out.push("\n");
        collectText(el, out);
        if (block) out.push("\n");
      }
    }
  }
}

/** Visible text of an element: hidden parts and scripts skipped, <br> kept as a line break, NFC. */
export function visibleText(el: Element, multiline = false): string {
  const out: string[] = [];
  collectText(el, out);
  const raw = out.join("");
  return multiline ? cleanMultiline(raw) : cleanText(raw);
}

/** The document's title, else its first heading; used to name a page in messages. */
export function documentTitle(doc: Document): string {
  if (!documentRoot(doc)) return "";
  const title = cleanText(doc.querySelector("title")?.textContent ?? "");
  if (title) return title;
  const h = doc.querySelector("h1, h2, .x-window-header-text, .page-title");
  return h ? visibleText(h) : "";
}

const HEADING_SELECTOR =
  "h1, h2, h3, h4, h5, h6, legend, .x-window-header-text, .x-panel-header-text, .panel-title, .title";

function isHeading(el: Element): boolean {
  return (
    /^(H[1-6]|LEGEND)$/.test(el.tagName) ||
    el.matches(".x-window-header-text, .x-panel-header-text, .panel-title, .title")
  );
}

/** The title of a table: its caption, else the nearest visible heading before it in the document. */
export function titleBefore(el: Element): string {
  const caption =
    el.tagName === "TABLE" ? Array.from(el.children).find((c) => c.tagName === "CAPTION") : undefined;
  if (caption) {
    const text = visibleText(caption);
    if (text) return text;
  }
  let steps = 0;
  for (let node: Element | null = el; node && steps < 200; node = node.parentElement) {
    for (
      let sib = node.previousElementSibling;
      sib && steps < 200;
      sib = sib.previousElementSibling, steps++
    ) {
      if (isHiddenElement(sib)) continue;
      if (isHeading(sib)) {
        const text = visibleText(sib);
        if (text) return text;
      }
      const inner = Array.from(sib.querySelectorAll(HEADING_SELECTOR)).filter((h) => !isHiddenWithin(h, sib));
      const last = inner[inner.length - 1];
      if (last) {
        const text = visibleText(last);
        if (text) return text;
      }
    }
  }
  return "";
}

const LINE_SELECTOR =
  "h1, h2, h3, .page-title, .title, .breadcrumb, [aria-label='breadcrumb'], .breadcrumbs, .x-window-header-text, .x-panel-header-text, caption";

/**
 * The page's own header lines, in order: its title, headings and breadcrumbs (a breadcrumb's items
 * joined with "›"). Pages without an information table name the school, year and class there.
 */
export function headerLines(doc: Document): string[] {
  const root = documentRoot(doc);
  if (!root) return [];
  const lines: string[] = [];
  const title = cleanText(doc.querySelector("title")?.textContent ?? "");
  if (title) lines.push(title);
  for (const el of Array.from(root.querySelectorAll(LINE_SELECTOR))) {
    if (isHiddenWithin(el, null)) continue;
    const items = Array.from(el.querySelectorAll("li, a, span.crumb"));
    const text =
      /breadcrumb/i.test(`${el.getAttribute("class") ?? ""} ${el.getAttribute("aria-label") ?? ""}`) &&
      items.length > 0
        ? items
            .map((i) => visibleText(i))
            .filter(Boolean)
            .join(" › ")
        : visibleText(el);
    if (text && !lines.includes(text)) lines.push(text);
  }
  return lines;
}

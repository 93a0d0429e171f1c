import { documentRoot, isHiddenElement, isHiddenWithin, visibleText } from "./dom-text.ts";

/**
 * "Label: value" pairs shown on a page (class information, a learner's profile). Found in table
 * rows that alternate <th>label</th><td>value</td>, in <dl> lists, in label elements followed by
 * their value, and in leaf elements whose text reads "Label: value".
 */
export interface KeyValue {
  label: string;
  value: string;
}

const LABEL_CLASS = /(^|\s)(label|lbl|field-label|x-form-item-label|control-label)(\s|$)/;
const MAX_LABEL = 80;

function stripColon(text: string): string {
  return text.replace(/\s*:\s*$/, "");
}

export function readKeyValues(doc: Document): KeyValue[] {
  const out: KeyValue[] = [];
  const root = documentRoot(doc);
  if (!root) return out;
  const visible = (el: Element) => !isHiddenWithin(el, null);

  for (const tr of Array.from(root.querySelectorAll("tr"))) {
    if (!visible(tr) || tr.parentElement?.tagName === "THEAD") continue;
    const cells = Array.from(tr.children).filter((c) => c.tagName === "TD" || c.tagName === "TH");
    for (let i = 0; i + 1 < cells.length; i++) {
      const [a, b] = [cells[i], cells[i + 1]];
      if (!a || !b || isHiddenElement(a) || isHiddenElement(b)) continue;
      const labelText = visibleText(a);
      const isLabel =
        (a.tagName === "TH" && b.tagName === "TD") ||
        (a.tagName === "TD" &&
          b.tagName === "TD" &&
          (LABEL_CLASS.test(a.getAttribute("class") ?? "") || /:$/.test(labelText)));
      if (isLabel && labelText.length <= MAX_LABEL) {
        out.push({ label: stripColon(labelText), value: visibleText(b, true) });
        i++;
      }
    }
  }

  for (const dt of Array.from(root.querySelectorAll("dt"))) {
    const dd = dt.nextElementSibling;
    if (dd?.tagName === "DD" && visible(dt) && visible(dd)) {
      out.push({ label: stripColon(visibleText(dt)), value: visibleText(dd, true) });
    }
  }

  for (const el of Array.from(root.querySelectorAll("label, span, div, b, strong"))) {
    if (!LABEL_CLASS.test(el.getAttribute("class") ?? "") && el.tagName !== "LABEL") continue;
    const value = el.nextElementSibling;
    if (!value || !visible(el) || !visible(value)) continue;
    const label = stripColon(visibleText(el));
    if (label && label.length <= MAX_LABEL) out.push({ label, value: visibleText(value, true) });
  }

  for (const el of Array.from(root.querySelectorAll("p, li, span, div"))) {
    if (el.children.length > 0 || !visible(el) || el.closest("td, th, dd, dt")) continue;
    if (LABEL_CLASS.test(el.getAttribute("class") ?? "")) continue;
    const m = /^([^:]{1,80}):\s*(.+)$/s.exec(visibleText(el, true));
    if (m?.[1] && m[2]) out.push({ label: m[1].trim(), value: m[2].trim() });
  }
  return out;
}

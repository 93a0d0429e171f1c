import { cleanMultiline } from "./normalize-text.ts";

/**
 * Grade cells that are form inputs (vnEdu's sổ điểm). What the portal saved is in the markup (the
 * input's `value` attribute, the selected option, the textarea's text); what the teacher has typed
 * since is the element's live value. The extension's snapshot of a live page carries a typed value
 * that differs from the saved one in `data-hocba-typed` (markup does not serialise live values).
 * A cell whose typed value differs from the saved one is an unsaved edit: it is reported, never
 * silently read one way or the other.
 */

export const TYPED_ATTRIBUTE = "data-hocba-typed";

const FIELDS = "input, select, textarea";

function savedValue(el: Element): string {
  switch (el.tagName) {
    case "TEXTAREA":
      return el.textContent ?? "";
    case "SELECT": {
      const selected = el.querySelector("option[selected]") ?? el.querySelector("option");
      return selected?.getAttribute("value") ?? selected?.textContent ?? "";
    }
    default:
      return el.getAttribute("value") ?? "";
  }
}

function typedValue(el: Element): string | undefined {
  const marked = el.getAttribute(TYPED_ATTRIBUTE);
  if (marked !== null) return marked;
  const live = (el as unknown as { value?: unknown }).value;
  return typeof live === "string" ? live : undefined;
}

/**
 * The saved value of a grade cell that holds an input: the input's, never the cell's other text
 * (a tooltip, a marker); a select gives its selected option's text. Undefined for a cell without one.
 */
export function savedInputText(cell: Element | undefined): string | undefined {
  if (!cell) return undefined;
  const el = Array.from(cell.querySelectorAll(FIELDS)).find(
    (e) => (e.getAttribute("type") ?? "").toLowerCase() !== "hidden",
  );
  if (!el) return undefined;
  if (el.tagName === "SELECT") {
    const selected = el.querySelector("option[selected]") ?? el.querySelector("option");
    return selected?.textContent ?? "";
  }
  return savedValue(el);
}

/** The first input of a cell whose typed value is not what the portal saved, with both values. */
export function unsavedEdit(cell: Element | undefined): { typed: string; saved: string } | undefined {
  if (!cell) return undefined;
  for (const el of Array.from(cell.querySelectorAll(FIELDS))) {
    if ((el.getAttribute("type") ?? "").toLowerCase() === "hidden") continue;
    const saved = savedValue(el);
    const typed = typedValue(el);
    if (typed !== undefined && cleanMultiline(typed) !== cleanMultiline(saved)) return { typed, saved };
  }
  return undefined;
}

/**
 * Marks, on a copy of a live page, every input whose typed value differs from its markup, so that
 * the copy's HTML says what the teacher sees (used by the extension's content script).
 */
export function markTypedValues(live: Element, copy: Element): void {
  const a = Array.from(live.querySelectorAll(FIELDS));
  const b = Array.from(copy.querySelectorAll(FIELDS));
  if (a.length !== b.length) return;
  a.forEach((el, i) => {
    // Grade cells only: a password or search box typed elsewhere on the page stays out of the copy.
    const type = (el.getAttribute("type") ?? "").toLowerCase();
    if (type === "password" || type === "hidden" || el.closest("td") === null) return;
    const typed = (el as unknown as { value?: unknown }).value;
    const target = b[i];
    if (target && typeof typed === "string" && typed !== savedValue(el)) {
      target.setAttribute(TYPED_ATTRIBUTE, typed);
    }
  });
}

/**
 * The small panel the content script shows on a portal's class page, in a shadow root so the portal's
 * CSS cannot restyle it. Plain DOM (no React): the content script must stay small. It shows counts
 * and two buttons, nothing secret (the PIN is only ever typed in the extension's own page), so an
 * open shadow root is fine and lets end-to-end tests click it.
 */

const STYLE = `
:host { all: initial; }
.panel {
  position: fixed; right: 16px; bottom: 16px; z-index: 2147483647;
  display: flex; align-items: center; gap: 10px; max-width: 560px;
  padding: 10px 12px; border-radius: 10px; border: 1px solid #0b5cad;
  background: #fff; color: #1d2430; box-shadow: 0 4px 16px rgba(0,0,0,.18);
  font: 14px/1.4 "Segoe UI", Roboto, "Noto Sans", Arial, sans-serif;
}
.title { font-weight: 700; color: #0b5cad; white-space: nowrap; }
.text { flex: 1; }
.text.error { color: #b3261e; }
button {
  font: inherit; border-radius: 6px; padding: 5px 10px; cursor: pointer;
  border: 1px solid #0b5cad; background: #0b5cad; color: #fff; font-weight: 600; white-space: nowrap;
}
button[disabled] { opacity: .6; cursor: default; }
button.close { background: none; color: #5b6575; border: none; font-size: 18px; padding: 0 4px; }
`;

export interface PanelTexts {
  title: string;
  close: string;
}

export class PortalPanel {
  readonly host: HTMLElement;
  readonly #text: HTMLSpanElement;
  readonly #button: HTMLButtonElement;
  #onClick: (() => void) | undefined;

  constructor(texts: PanelTexts, doc: Document = document) {
    this.host = doc.createElement("hocba-panel");
    this.host.setAttribute("data-testid", "hocba-panel");
    const shadow = this.host.attachShadow({ mode: "open" });
    const style = doc.createElement("style");
    style.textContent = STYLE;
    const panel = doc.createElement("div");
    panel.className = "panel";
    panel.setAttribute("role", "status");
    const title = doc.createElement("span");
    title.className = "title";
    title.textContent = `${texts.title}:`;
    this.#text = doc.createElement("span");
    this.#text.className = "text";
    this.#button = doc.createElement("button");
    this.#button.type = "button";
    this.#button.addEventListener("click", () => this.#onClick?.());
    const close = doc.createElement("button");
    close.type = "button";
    close.className = "close";
    close.textContent = "×";
    close.title = texts.close;
    close.setAttribute("aria-label", texts.close);
    close.addEventListener("click", () => this.host.remove());
    panel.append(title, this.#text, this.#button, close);
    shadow.append(style, panel);
    // The state is mirrored on the host element for tests and for assistive tooling.
    this.#mirror("", "");
  }

  /** Shows a message and, optionally, one action button. */
  show(
    text: string,
    action?: { label: string; onClick: () => void },
    options: { error?: boolean } = {},
  ): void {
    this.#text.textContent = text;
    this.#text.className = options.error ? "text error" : "text";
    this.#onClick = action?.onClick;
    this.#button.hidden = !action;
    this.#button.disabled = false;
    this.#button.textContent = action?.label ?? "";
    this.#mirror(text, action?.label ?? "");
  }

  /** Shows progress; the button stays visible but disabled so the panel does not jump. */
  busy(text: string): void {
    this.#text.textContent = text;
    this.#text.className = "text";
    this.#button.disabled = true;
    this.#mirror(text, "");
  }

  /** Runs the current action (what a click on the button does). */
  click(): void {
    if (!this.#button.disabled && !this.#button.hidden) this.#onClick?.();
  }

  #mirror(text: string, action: string): void {
    this.host.setAttribute("data-text", text);
    this.host.setAttribute("data-action", action);
  }
}

import { StrictMode, type ReactNode } from "react";
import { createRoot } from "react-dom/client";
import { readPageLocale } from "../services/read-page-locale.ts";
import { LocaleProvider } from "./locale-context.tsx";
import "./styles.css";

/**
 * Renders a page's root component inside the locale provider, in the user's language from the
 * first frame (readPageLocale: the settings and, for English, its table are read first).
 */
export function mountPage(element: ReactNode): void {
  const container = document.getElementById("root");
  if (!container) return;
  void readPageLocale().then((locale) =>
    createRoot(container).render(
      <StrictMode>
        <LocaleProvider initial={locale}>{element}</LocaleProvider>
      </StrictMode>,
    ),
  );
}

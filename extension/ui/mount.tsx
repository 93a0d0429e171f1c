import { StrictMode, type ReactNode } from "react";
import { createRoot } from "react-dom/client";
import { LocaleProvider } from "./locale-context.tsx";
import "./styles.css";

/** Renders a page's root component inside the locale provider. */
export function mountPage(element: ReactNode): void {
  const container = document.getElementById("root");
  if (!container) return;
  createRoot(container).render(
    <StrictMode>
      <LocaleProvider>{element}</LocaleProvider>
    </StrictMode>,
  );
}

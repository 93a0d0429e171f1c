import { useEffect, useState } from "react";

/**
 * Printing every learner's paper at once: the batch is rendered only while printing (42 papers are
 * not kept in the page), the body is marked `print-all` so the stylesheet prints the batch instead
 * of the single preview, and the mark is removed after the print dialog closes.
 */
export function usePrintAll(): { printingAll: boolean; printOne: () => void; printAll: () => void } {
  const [printingAll, setPrintingAll] = useState(false);
  useEffect(() => {
    if (!printingAll) return;
    document.body.classList.add("print-all");
    const finish = () => {
      document.body.classList.remove("print-all");
      setPrintingAll(false);
    };
    window.addEventListener("afterprint", finish, { once: true });
    // After the batch is in the DOM: one frame for React's commit, one for layout.
    const frame = requestAnimationFrame(() => requestAnimationFrame(() => window.print()));
    return () => {
      cancelAnimationFrame(frame);
      window.removeEventListener("afterprint", finish);
      document.body.classList.remove("print-all");
    };
  }, [printingAll]);
  return {
    printingAll,
    printOne: () => {
      document.body.classList.remove("print-all");
      window.print();
    },
    printAll: () => setPrintingAll(true),
  };
}

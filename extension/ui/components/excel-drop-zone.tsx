import { useState, type DragEvent } from "react";
import type { SavedGradebook, WireError } from "../../models/wire.ts";
import { toWireError } from "../../models/wire-error.ts";
import { callBackground } from "../../services/background-client.ts";
import { loadSettings } from "../../services/settings.ts";
import { useI18n } from "../locale-context.tsx";

/**
 * Drop (or choose) the Excel files exported from the portal: sổ điểm per subject, the year
 * summary, the learner list. They are read in this page (exceljs loaded on first use), the class
 * is checked and stored by the background like a class read from the portal, and the page moves
 * on to it. Every problem is listed, in the user's language, naming the sheet and the column.
 */
export function ExcelDropZone({ onImported }: { onImported: (saved: SavedGradebook) => void }) {
  const { t, errorText } = useI18n();
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<WireError[]>([]);
  const [over, setOver] = useState(false);

  const read = async (files: File[]) => {
    const xlsx = files.filter((f) => /\.xlsx$/i.test(f.name));
    if (xlsx.length === 0) return;
    setBusy(true);
    setProblems([]);
    try {
      const settings = await loadSettings();
      // The mapping's schema (zod) and the reader (exceljs) load on first use, not with the page.
      const [{ validateMapping }, { readExcelFiles }] = await Promise.all([
        import("../../services/validate-mapping.ts"),
        import("../../services/read-excel-files.ts"),
      ]);
      let mapping;
      try {
        mapping = validateMapping(settings.genericMapping);
      } catch {
        mapping = undefined; // an old invalid mapping is not used (the options page refuses new ones)
      }
      const result = await readExcelFiles(xlsx, mapping);
      if (!result.gradebook) {
        setProblems(result.problems.map((p) => p.toJSON()));
        return;
      }
      onImported(await callBackground("import-gradebook", { gradebook: result.gradebook }));
    } catch (err) {
      setProblems([toWireError(err)]);
    } finally {
      setBusy(false);
    }
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    void read(Array.from(e.dataTransfer.files));
  };

  return (
    <section
      className={`drop-zone${over ? " over" : ""}`}
      data-testid="excel-drop"
      aria-labelledby="excel-drop-title"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <h2 id="excel-drop-title">{t("EXTRACT_UI_DROP_TITLE")}</h2>
      <p className="muted">{t("EXTRACT_UI_DROP_HINT")}</p>
      <label className="button">
        {t("EXTRACT_UI_DROP_CHOOSE")}
        <input
          type="file"
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          multiple
          hidden
          data-testid="excel-input"
          disabled={busy}
          onChange={(e) => void read(Array.from(e.currentTarget.files ?? []))}
        />
      </label>
      {busy && <p className="muted">{t("EXTRACT_UI_DROP_READING")}</p>}
      {problems.length > 0 && (
        <div className="error-box" role="alert" data-testid="excel-problems">
          <p>{t("EXTRACT_UI_DROP_PROBLEMS", { count: problems.length })}</p>
          <ul>
            {problems.map((p, i) => (
              <li key={i} data-code={p.code}>
                {errorText(p)}
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

import { useState, type DragEvent } from "react";
import { HocBaError } from "../../../shared/errors/hocba-error.ts";
import type { PackageImport, WireError } from "../../models/wire.ts";
import { toWireError } from "../../models/wire-error.ts";
import { callBackground } from "../../services/background-client.ts";
import { readFileBase64 } from "../../services/read-file-base64.ts";
import { useI18n } from "../locale-context.tsx";

const OUTCOME = {
  imported: "EXT_UI_IMPORT_IMPORTED",
  "already-present": "EXT_UI_IMPORT_ALREADY",
  refused: "EXT_UI_IMPORT_REFUSED",
} as const;

/**
 * Drop (or choose) a hand-off package (.hocba.zip) made on another PC: the helper verifies each
 * document and adds the good ones to its archive, so the class shows in the next role's queue.
 * The outcome of every document is listed; a refused one says why, in the user's language.
 */
export function PackageDropZone({
  onImported,
  compact = false,
  onOpenInTab,
}: {
  onImported?: (result: PackageImport) => void;
  /** The popup's narrow layout: no help paragraph. */
  compact?: boolean;
  /**
   * The popup offers the same import in a tab: on some systems a popup closes when the file dialog
   * opens or a window is dragged over it.
   */
  onOpenInTab?: () => void;
}) {
  const { t, errorText } = useI18n();
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<WireError>();
  const [results, setResults] = useState<PackageImport[]>([]);
  const [over, setOver] = useState(false);

  const importFiles = async (files: File[]) => {
    setError(undefined);
    for (const file of files) {
      if (!/\.zip$/i.test(file.name)) {
        setError(new HocBaError("EXT_UI_IMPORT_NOT_ZIP", { file: file.name }).toJSON());
        continue;
      }
      setBusy(file.name);
      try {
        const zipBase64 = await readFileBase64(file);
        const result = await callBackground("import-package", { fileName: file.name, zipBase64 });
        setResults((r) => [result, ...r]);
        onImported?.(result);
      } catch (err) {
        setError(toWireError(err));
      } finally {
        setBusy(undefined);
      }
    }
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    void importFiles(Array.from(e.dataTransfer.files));
  };

  return (
    <section
      className={`drop-zone package-drop${over ? " over" : ""}`}
      data-testid="package-drop"
      aria-labelledby="package-drop-title"
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <h2 id="package-drop-title">{t("EXT_UI_IMPORT_TITLE")}</h2>
      {!compact && <p className="muted">{t("EXT_UI_IMPORT_HELP")}</p>}
      <label className="button">
        {t("EXT_UI_IMPORT_CHOOSE")}
        <input
          type="file"
          accept=".zip,application/zip"
          multiple
          hidden
          data-testid="package-input"
          disabled={busy !== undefined}
          onChange={(e) => {
            const files = Array.from(e.currentTarget.files ?? []);
            e.currentTarget.value = "";
            void importFiles(files);
          }}
        />
      </label>
      {onOpenInTab && (
        <>
          {" "}
          <button type="button" className="link" data-testid="package-open-tab" onClick={onOpenInTab}>
            {t("EXT_UI_IMPORT_OPEN_TAB")}
          </button>
        </>
      )}
      {busy && (
        <p className="muted" data-testid="package-busy">
          {t("EXT_UI_IMPORT_RUNNING", { file: busy })}
        </p>
      )}
      {error && (
        <div className="error-box" role="alert" data-testid="package-error" data-code={error.code}>
          <p>{errorText(error)}</p>
        </div>
      )}
      {results.map((r) => (
        <div key={`${r.packageFileName}|${r.imported}|${r.alreadyPresent}`} data-testid="import-result">
          <p
            className={r.refused > 0 ? "warning-text" : "ok-text"}
            data-testid="import-summary"
            data-imported={r.imported}
            data-already={r.alreadyPresent}
            data-refused={r.refused}
          >
            {t("EXT_UI_IMPORT_SUMMARY", {
              file: r.packageFileName,
              imported: r.imported,
              already: r.alreadyPresent,
              refused: r.refused,
            })}
          </p>
          {r.problems.map((p, i) => (
            <p key={i} className="error-text" data-code={p.code}>
              {errorText(p)}
            </p>
          ))}
          <table className="import-documents small">
            <tbody>
              {r.documents.map((d) => (
                <tr key={d.index} data-outcome={d.outcome} data-ma-hoc-vien={d.maHocVien}>
                  <td>{d.hoTen}</td>
                  <td className={d.outcome === "refused" ? "error-text" : "ok-text"}>
                    {t(OUTCOME[d.outcome])}
                  </td>
                  <td>
                    {d.problems.map((p, i) => (
                      <div key={i} data-code={p.code}>
                        {errorText(p)}
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </section>
  );
}

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { namedSignersOfGradebook } from "../../../shared/authority/named-signers-of-gradebook.ts";
import type { ActionMap, DocumentToSign, SignerRole, SignPortEvent, WireError } from "../../models/wire.ts";
import { callBackground } from "../../services/background-client.ts";
import { toWireError } from "../../models/wire-error.ts";
import { documentIdOf, HocBaDb, type StoredDocument } from "../../services/hocba-db.ts";
import { loadReview, type ReviewData } from "../../services/load-review.ts";
import { classFolderName } from "../../services/class-folder-name.ts";
import { saveBytes } from "../../services/save-bytes.ts";
import { canSign, currentDocument, suggestedRole, type LearnerRow } from "../../services/review-model.ts";
import { parseReviewQuery, reviewPath } from "../../services/review-url.ts";
import { documentVersionOf } from "../../services/document-version.ts";
import { signedRolesOf } from "../../services/signed-roles.ts";
import { ErrorBox } from "../components/error-box.tsx";
import { ExcelDropZone } from "../components/excel-drop-zone.tsx";
import { usePrintAll } from "../components/use-print-all.ts";
import { PackageDropZone } from "../components/package-drop-zone.tsx";
import { useProfileLabels } from "../components/use-profile-labels.ts";
import { loadArchiveReview, type ArchiveClassView } from "../../services/load-archive-review.ts";
import { checkConfirmationOf } from "../../services/check-confirmation-of.ts";
import { checkSummaryOf } from "../../services/check-summary-of.ts";
import { loadSettings } from "../../services/settings.ts";
import type { CheckConfirmation, PackageImport } from "../../models/wire.ts";
import { HandoffPanel, TcmStatus } from "./year-panels.tsx";
import { useI18n } from "../locale-context.tsx";
import { CheckReportView } from "./check-report-view.tsx";
import { HocBaPreview } from "./hoc-ba-preview.tsx";
import { LearnerTable, type RowBatchState } from "./learner-table.tsx";
import { rowsAfterBatch } from "./rows-after-batch.ts";
import { SignPanel } from "./sign-panel.tsx";
import { CancelRecord, canCancel } from "./cancel-record.tsx";
import type { CancelDocument } from "../../services/cancel-document.ts";

/**
 * The review page: the check report of each class, the learners with their signatures, a preview
 * of the exact document to be signed, the sign flow, and the ZIP of signed files.
 */
export function ReviewApp() {
  const { t } = useI18n();
  const query = useMemo(() => parseReviewQuery(location.search), []);
  const [data, setData] = useState<ReviewData>();
  const [loadError, setLoadError] = useState<WireError>();
  const [role, setRole] = useState<SignerRole>(query.role ?? "GVCN");
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [batch, setBatch] = useState<Map<string, RowBatchState>>(new Map());
  const [running, setRunning] = useState(false);
  const [previewId, setPreviewId] = useState<string>();
  /** The reason typed once for the batch: signed records whose data changed get their next version. */
  const [lyDo, setLyDo] = useState<string>();
  const [lyDoDraft, setLyDoDraft] = useState("");
  /** How the running batch ended, for the rows it did not reach. */
  const batchEnd = useRef<{ error?: WireError; cancelled?: boolean }>({});
  const { printingAll, printOne, printAll } = usePrintAll();
  const labels = useProfileLabels();
  /** Classes known only from the helper's archive (a package from another PC). */
  const [archiveClasses, setArchiveClasses] = useState<ArchiveClassView[]>([]);
  /** The Tổ chuyên môn's confirmations (helper's audit log), and whether GVCN must wait for them. */
  const [confirmations, setConfirmations] = useState<CheckConfirmation[]>();
  const [requireTcm, setRequireTcm] = useState(false);
  const [lastImport, setLastImport] = useState<PackageImport>();
  /** The head's CANCEL of one signed record, prepared: while set, it is the only document signed. */
  const [cancelDoc, setCancelDoc] = useState<{ rowId: string; doc: CancelDocument }>();

  useEffect(() => {
    void loadSettings().then((s) => setRequireTcm(s.plan.requireToChuyenMon));
    callBackground("check-confirmations", {}).then(
      (r) => setConfirmations(r.confirmations),
      () => setConfirmations([]),
    );
  }, []);

  useEffect(() => {
    HocBaDb.open()
      .then(async (db) => {
        // Versions are counted from the helper's archive first (signed on another PC, or before
        // this profile was cleared), from this browser's store when the helper cannot answer.
        const archivedVersions = async (request: ActionMap["record-versions"]["request"]) =>
          (await callBackground("record-versions", request)).versions;
        const loaded = await loadReview(db, query.classKeys, { lyDo, archivedVersions });
        db.close();
        // Classes of the helper's archive: their documents as archived, for the role's queue.
        const localKeys = new Set(loaded.classes.map((c) => c.classKey));
        const refs = query.archived.filter(
          (ref) => !localKeys.has(`${ref.maTruong ?? ""}/${ref.namHoc}/${ref.lop}`.normalize("NFC")),
        );
        if (refs.length > 0) {
          const archive = await loadArchiveReview(refs, query.role, async (ref, forRole) => {
            const { documents } = await callBackground("archived-documents", { ...ref, forRole });
            return documents;
          });
          loaded.rows = [...loaded.rows, ...archive.rows];
          loaded.signedDocuments = [...loaded.signedDocuments, ...archive.signedDocuments];
          setArchiveClasses(archive.classes);
        }
        setData(loaded);
        // Each checked class's counts to the helper, for the progress table's «Hồ sơ không lỗi»
        // (kept there only when they changed). Without a helper the page works as before.
        const checkedAt = new Date();
        for (const c of loaded.classes) {
          const summary = checkSummaryOf(c, checkedAt);
          if (summary) callBackground("record-check-summary", summary).catch(() => undefined);
        }
        const startRole = query.role ?? suggestedRole(loaded.rows);
        setRole(startRole);
        setSelected(new Set(loaded.rows.filter((r) => canSign(r, startRole)).map((r) => r.id)));
        setPreviewId(loaded.rows[0]?.id);
      })
      .catch((err: unknown) => setLoadError(toWireError(err)));
  }, [query, lyDo]);

  const rows = data?.rows ?? [];
  const changeRole = (next: SignerRole) => {
    setRole(next);
    setCancelDoc(undefined);
    setBatch(new Map());
    setSelected(new Set(rows.filter((r) => canSign(r, next)).map((r) => r.id)));
  };

  const onEvent = useCallback((event: SignPortEvent) => {
    if (event.type === "signed") {
      setData((d) => d && { ...d, rows: d.rows.map((r) => (r.id === event.id ? withSigned(r, event) : r)) });
      setBatch((b) => new Map(b).set(event.id, { status: "signed", resumed: event.resumed }));
      setCancelDoc((c) => (c?.rowId === event.id ? undefined : c));
      setSelected((s) => {
        const next = new Set(s);
        next.delete(event.id);
        return next;
      });
    }
    if (event.type === "sign-failed") {
      setBatch((b) => new Map(b).set(event.id, { status: "failed", error: event.error }));
    }
    if (event.type === "error") batchEnd.current = { error: event.error };
    if (event.type === "done") batchEnd.current = { cancelled: event.cancelled };
  }, []);

  if (loadError) return <ErrorBox error={loadError} />;
  if (!data) return <p className="muted page">{t("EXT_UI_LOADING")}</p>;

  // The settings may require the Tổ chuyên môn's "đã kiểm tra" before the GVCN signs a class.
  const tcmBlocked = new Set(
    role === "GVCN" && requireTcm
      ? data.classes
          .filter((c) => !checkConfirmationOf(confirmations ?? [], c.gradebook.namHoc, c.gradebook.lop))
          .map((c) => c.classKey)
      : [],
  );
  const cancelRow = cancelDoc && rows.find((r) => r.id === cancelDoc.rowId);
  const documents: DocumentToSign[] =
    cancelDoc && cancelRow
      ? [
          {
            id: cancelRow.id,
            classKey: cancelRow.classKey,
            maHocVien: cancelRow.maHocVien,
            hoTen: cancelRow.hoTen,
            fileName: cancelDoc.doc.fileName,
            xml: cancelDoc.doc.xml,
          },
        ]
      : rows
          .filter((r) => selected.has(r.id) && canSign(r, role) && !tcmBlocked.has(r.classKey))
          .flatMap((r) => {
            const doc = currentDocument(r);
            return doc
              ? [{ id: r.id, classKey: r.classKey, maHocVien: r.maHocVien, hoTen: r.hoTen, ...doc }]
              : [];
          });
  const failedIds = [...batch].filter(([, s]) => s.status === "failed").map(([id]) => id);
  const signedRows = rows.filter((r) => r.stored || r.change);
  const pendingReason = rows.filter((r) => r.change?.needsReason);
  const newVersions = rows.filter((r) => r.change && !r.change.needsReason);
  const subjects = new Map(data.classes.map((c) => [c.classKey, c.gradebook.subjects]));
  const preview = rows.find((r) => r.id === previewId);
  // The learner the head may cancel: the one whose CANCEL is prepared, else the previewed one.
  const cancelTarget =
    role === "ThuTruong" ? (cancelRow ?? (preview && canCancel(preview) ? preview : undefined)) : undefined;
  // Every learner with a document to show, in list order: "In cả lớp" prints one sheet each.
  const printable = rows.filter((r) => currentDocument(r) !== undefined);

  // Who each class's records name as signers: the sign panel marks the certificates by it.
  const namedSigners = [
    ...data.classes.map((c) => namedSignersOfGradebook(c.gradebook)),
    ...archiveClasses.flatMap((c) => (c.namedSigners ? [c.namedSigners] : [])),
  ];

  /**
   * Selects the failed rows again, with their documents read again from the store: the cause may
   * have been fixed meanwhile (the stored copy restored, the earlier role signed in another tab).
   */
  const retryFailed = async () => {
    let fresh = new Map<string, StoredDocument | undefined>();
    // The store keys each version of a record: look up the version each row is signing.
    const storeIdOf = (id: string) => {
      const r = rows.find((x) => x.id === id);
      return r ? documentIdOf(r.classKey, r.maHocVien, r.version ?? 1) : id;
    };
    try {
      const db = await HocBaDb.open();
      try {
        fresh = new Map(
          await Promise.all(failedIds.map(async (id) => [id, await db.getDocument(storeIdOf(id))] as const)),
        );
      } finally {
        db.close();
      }
    } catch {
      // The store cannot be read now: select them again with the documents the page holds.
    }
    const refresh = (r: LearnerRow): LearnerRow => (fresh.has(r.id) ? { ...r, stored: fresh.get(r.id) } : r);
    setData((d) => d && { ...d, rows: d.rows.map(refresh) });
    setSelected(
      new Set(
        rows
          .map(refresh)
          .filter((r) => failedIds.includes(r.id) && canSign(r, role))
          .map((r) => r.id),
      ),
    );
  };

  const downloadZip = async () => {
    // Every signed version of every record: a later version never hides the one it replaces.
    // What this page signed replaces what was loaded for the same version (more signatures).
    const byId = new Map(data.signedDocuments.map((d) => [d.id, d]));
    for (const r of rows) if (r.stored) byId.set(r.stored.id, r.stored);
    const folderOf = new Map(rows.map((r) => [r.classKey, classFolderName(r.lop, r.namHoc)]));
    const entries = [...byId.values()].map((doc) => ({ folder: folderOf.get(doc.classKey) ?? "", ...doc }));
    // Classes read in this browser and classes from the helper's archive alike.
    const named = [
      ...data.classes.map((c) => classFolderName(c.gradebook.lop, c.gradebook.namHoc)),
      ...archiveClasses.map((c) => classFolderName(c.lop, c.namHoc)),
    ];
    const name = named.length === 1 ? `hocba_${named[0]}.zip` : `hocba_${named.length}-lop.zip`;
    // The zip library is loaded on click: most visits to this page never download a ZIP.
    const { makeZip } = await import("../../services/make-zip.ts");
    saveBytes(makeZip(entries), name, "application/zip");
  };

  return (
    <main className="page review">
      <header className="review-header">
        <h1>{t("EXT_UI_REVIEW_TITLE")}</h1>
        {data.classes.map((c) => (
          <p key={c.classKey} className="class-info" data-testid="class-info">
            {t("EXT_UI_REVIEW_CLASS", {
              lop: c.gradebook.lop,
              namHoc: c.gradebook.namHoc,
              truong: c.gradebook.school.tenTruong,
              gvcn: c.gradebook.gvcn,
              count: c.gradebook.learners.length,
            })}
          </p>
        ))}
        {data.classes.map((c) => (
          <TcmStatus
            key={c.classKey}
            namHoc={c.gradebook.namHoc}
            lop={c.gradebook.lop}
            confirmations={confirmations}
            required={requireTcm && role === "GVCN"}
          />
        ))}
        {archiveClasses.map((c) => (
          <p key={c.classKey} className="class-info" data-testid="archive-class-info">
            {t("EXT_UI_REVIEW_ARCHIVE_CLASS", {
              lop: c.lop,
              namHoc: c.namHoc,
              truong: c.tenTruong,
              count: c.count,
            })}
          </p>
        ))}
        {data.archiveError && (
          <p className="muted" data-testid="archive-versions-unavailable">
            {t("EXT_UI_ARCHIVE_VERSIONS_UNAVAILABLE", { detail: data.archiveError.message })}
          </p>
        )}
        {data.missing.map((k) => (
          <ErrorBox
            key={k}
            error={{ code: "EXT_GRADEBOOK_NOT_FOUND", params: { classKey: k }, message: k }}
          />
        ))}
        <ExcelDropZone
          onImported={(saved) =>
            location.assign(reviewPath([...new Set([...query.classKeys, saved.classKey])], query.role))
          }
        />
        <PackageDropZone onImported={setLastImport} />
        {lastImport && lastImport.imported + lastImport.alreadyPresent > 0 && (
          <button
            type="button"
            className="primary"
            data-testid="import-open-queue"
            onClick={() =>
              location.assign(
                reviewPath(query.classKeys, lastImport.buoc === "gvcn" ? "ThuTruong" : "DonVi", [
                  ...query.archived,
                  { namHoc: lastImport.namHoc, lop: lastImport.lop, maTruong: lastImport.maTruong },
                ]),
              )
            }
          >
            {t("EXT_UI_IMPORT_OPEN_QUEUE")}
          </button>
        )}
      </header>

      {data.classes.map((c) => (
        <CheckReportView key={c.classKey} review={c} />
      ))}

      {(pendingReason.length > 0 || lyDo !== undefined) && (
        <section className="reason" data-testid="reason">
          <h2>{t("EXT_UI_REASON_TITLE")}</h2>
          {pendingReason.length > 0 && (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                if (/\S/.test(lyDoDraft)) setLyDo(lyDoDraft.trim());
              }}
            >
              <p className="muted">{t("EXT_UI_REASON_HELP", { count: pendingReason.length })}</p>
              <label>
                {t("EXT_UI_REASON_LABEL")}{" "}
                <input
                  type="text"
                  data-testid="reason-input"
                  value={lyDoDraft}
                  onChange={(e) => setLyDoDraft(e.target.value)}
                />
              </label>{" "}
              <button type="submit" data-testid="reason-apply" disabled={!/\S/.test(lyDoDraft) || running}>
                {t("EXT_UI_REASON_APPLY")}
              </button>
            </form>
          )}
          {lyDo !== undefined && newVersions.length > 0 && (
            <p data-testid="reason-applied">
              {t("EXT_UI_REASON_APPLIED", { count: newVersions.length, lyDo })}
            </p>
          )}
        </section>
      )}

      <div className="review-grid">
        <div className="review-main">
          <LearnerTable
            rows={rows}
            role={role}
            selected={selected}
            batch={batch}
            previewId={previewId}
            showClass={data.classes.length > 1}
            onToggle={(id) =>
              setSelected((s) => {
                const next = new Set(s);
                if (!next.delete(id)) next.add(id);
                return next;
              })
            }
            onToggleAll={(on) =>
              setSelected(on ? new Set(rows.filter((r) => canSign(r, role)).map((r) => r.id)) : new Set())
            }
            onPreview={setPreviewId}
            subjects={subjects}
          />
        </div>
        <aside className="review-side">
          {cancelTarget && (
            <CancelRecord
              key={cancelTarget.id}
              row={cancelTarget}
              prepared={cancelDoc?.doc}
              running={running}
              onPrepared={(doc) => {
                setCancelDoc({ rowId: cancelTarget.id, doc });
                setPreviewId(cancelTarget.id);
              }}
              onDiscard={() => setCancelDoc(undefined)}
            />
          )}
          <SignPanel
            role={role}
            onRoleChange={changeRole}
            namedSigners={namedSigners}
            documents={documents}
            running={running}
            onEvent={onEvent}
            onBatchStart={(ids) => {
              batchEnd.current = {};
              setRunning(true);
              setBatch(new Map(ids.map((id) => [id, { status: "queued" }])));
            }}
            onBatchEnd={() => {
              setRunning(false);
              const end = batchEnd.current;
              setBatch((b) => rowsAfterBatch(b, end));
            }}
          />
          {!running && failedIds.length > 0 && (
            <button type="button" data-testid="retry-failed" onClick={() => void retryFailed()}>
              {t("EXT_UI_RETRY_FAILED", { count: failedIds.length })}
            </button>
          )}
          <section className="download">
            <h2>{t("EXT_UI_DOWNLOAD_TITLE")}</h2>
            <p className="muted">{t("EXT_UI_DOWNLOAD_HELP", { count: signedRows.length })}</p>
            <button
              type="button"
              data-testid="download-zip"
              disabled={signedRows.length === 0 || running}
              onClick={() => void downloadZip()}
            >
              {t("EXT_UI_DOWNLOAD_ZIP", { count: signedRows.length })}
            </button>
          </section>
          <HandoffPanel
            docs={rows.flatMap((r) => (r.stored ? [r.stored] : []))}
            running={running}
            head={labels.head}
          />
        </aside>
      </div>

      {preview && (
        <>
          <div className="print-bar no-print">
            <button type="button" data-testid="print-one" onClick={printOne}>
              {t("EXT_UI_PRINT_ONE")}
            </button>
            <button
              type="button"
              data-testid="print-class"
              disabled={printable.length === 0}
              onClick={printAll}
            >
              {t("EXT_UI_PRINT_CLASS", { count: printable.length })}
            </button>
          </div>
          <div className="print-single">
            <HocBaPreview
              row={
                cancelDoc?.rowId === preview.id
                  ? {
                      ...preview,
                      stored: undefined,
                      built: { fileName: cancelDoc.doc.fileName, xml: cancelDoc.doc.xml },
                    }
                  : preview
              }
            />
          </div>
        </>
      )}
      {printingAll && (
        <div className="print-batch" data-testid="print-batch">
          {printable.map((r) => (
            <HocBaPreview key={r.id} row={r} />
          ))}
        </div>
      )}
    </main>
  );
}

/** The row after its document was signed: the new bytes become the current document. */
function withSigned(row: LearnerRow, event: Extract<SignPortEvent, { type: "signed" }>): LearnerRow {
  const phienBan = documentVersionOf(event.xml);
  // A signed CANCEL withdraws the record: nothing more is built or signed for it.
  const cancelled = /<SuKien>CANCEL<\/SuKien>/.test(event.xml);
  return {
    ...row,
    ...(cancelled ? { cancelledVersion: phienBan } : {}),
    stored: {
      id: documentIdOf(row.classKey, row.maHocVien, phienBan),
      phienBan,
      classKey: row.classKey,
      maHocVien: row.maHocVien,
      hoTen: row.hoTen,
      fileName: event.fileName,
      xml: event.xml,
      signedRoles: signedRolesOf(event.xml),
      updatedAt: event.signingTime,
    },
  };
}

import { useCallback, useEffect, useState } from "react";
import { browser } from "wxt/browser";
import type { ArchiveClassRef, ClassSummary, HelperStatus, QueueClass } from "../../models/wire.ts";
import { toWireError } from "../../models/wire-error.ts";
import { callBackground } from "../../services/background-client.ts";
import { summarizeClasses, waitingForThuTruong } from "../../services/class-summary.ts";
import { HocBaDb } from "../../services/hocba-db.ts";
import { HelperStatusView } from "../components/helper-status-view.tsx";
import { PackageDropZone } from "../components/package-drop-zone.tsx";
import { useProfileLabels } from "../components/use-profile-labels.ts";
import { useI18n } from "../locale-context.tsx";

/** One class waiting for a role: from the helper's archive, or (helper unreachable) this browser's store. */
interface QueueEntry {
  classKey: string;
  lop: string;
  namHoc: string;
  count: number;
  /** The class's gradebook is in this browser: the review page checks and shows it from there. */
  local: boolean;
  ref: ArchiveClassRef;
}

type QueueRole = "ThuTruong" | "DonVi";

/** The queue of a role: the archive's counts first (packages imported from other PCs count). */
function queueOf(
  role: QueueRole,
  archive: readonly QueueClass[] | undefined,
  local: readonly ClassSummary[],
): QueueEntry[] {
  const localKeys = new Set(local.map((c) => c.classKey));
  if (archive) {
    return archive
      .map((c) => {
        const classKey = `${c.maTruong}/${c.namHoc}/${c.lop}`.normalize("NFC");
        return {
          classKey,
          lop: c.lop,
          namHoc: c.namHoc,
          count: role === "ThuTruong" ? c.waitingThuTruong : c.waitingDonVi,
          local: localKeys.has(classKey),
          ref: { namHoc: c.namHoc, lop: c.lop, maTruong: c.maTruong },
        };
      })
      .filter((e) => e.count > 0);
  }
  // The helper cannot be asked: what this browser signed is all it knows.
  return local
    .map((c) => ({
      classKey: c.classKey,
      lop: c.lop,
      namHoc: c.namHoc,
      count: role === "ThuTruong" ? waitingForThuTruong(c) : c.signedBy.ThuTruong - c.signedBy.DonVi,
      local: true,
      ref: { namHoc: c.namHoc, lop: c.lop },
    }))
    .filter((e) => e.count > 0);
}

/** The toolbar popup: the queues by role ("Chờ Giám đốc ký", "Chờ đóng dấu"), packages, classes, the helper. */
export function PopupApp() {
  const { t } = useI18n();
  const labels = useProfileLabels();
  const [helper, setHelper] = useState<HelperStatus>();
  const [classes, setClasses] = useState<ClassSummary[]>();
  const [archive, setArchive] = useState<QueueClass[] | null>();

  const refresh = useCallback(() => {
    callBackground("queues", {}).then(
      (r) => setArchive(r.classes),
      () => setArchive(null),
    );
    void HocBaDb.open().then(async (db) => {
      setClasses(await summarizeClasses(db));
      db.close();
    });
  }, []);

  useEffect(() => {
    callBackground("get-helper-status", {}).then(setHelper, (err: unknown) =>
      setHelper({ installed: false, tokens: [], error: toWireError(err) }),
    );
    refresh();
  }, [refresh]);

  const loading = classes === undefined || archive === undefined;
  const open = (entries: readonly QueueEntry[], role?: QueueRole) =>
    void callBackground("open-review", {
      classKeys: entries.filter((e) => e.local).map((e) => e.classKey),
      archived: entries.filter((e) => !e.local).map((e) => e.ref),
      ...(role ? { role } : {}),
    }).then(() => window.close());
  const openPage = (path: "/progress.html" | "/review.html" | "/report.html") =>
    void browser.tabs.create({ url: browser.runtime.getURL(path) });

  const queue = (role: QueueRole) => {
    const entries = loading ? [] : queueOf(role, archive ?? undefined, classes);
    const total = entries.reduce((n, e) => n + e.count, 0);
    const head = role === "ThuTruong";
    const id = head ? "queue-title" : "queue-seal-title";
    return (
      <section aria-labelledby={id} data-testid={head ? "queue-head" : "queue-seal"}>
        <h2 id={id}>
          {head ? t("EXT_UI_QUEUE_HEAD_TITLE", { head: labels.head }) : t("EXT_UI_QUEUE_SEAL_TITLE")}
        </h2>
        {loading && <p className="muted">{t("EXT_UI_LOADING")}</p>}
        {!loading && entries.length === 0 && (
          <p className="muted">{t(head ? "EXT_UI_POPUP_QUEUE_EMPTY" : "EXT_UI_QUEUE_EMPTY")}</p>
        )}
        {entries.length > 0 && (
          <>
            <ul className="class-list" data-testid={head ? "queue" : "queue-seal-list"}>
              {entries.map((e) => (
                <li key={e.classKey} data-class-key={e.classKey} data-count={e.count}>
                  <button type="button" className="link" onClick={() => open([e], role)}>
                    {t("EXT_UI_CLASS_LABEL", { lop: e.lop, namHoc: e.namHoc })}
                  </button>
                  <span className="count">{t("EXT_UI_POPUP_WAITING", { count: e.count })}</span>
                </li>
              ))}
            </ul>
            <button
              type="button"
              className="primary"
              data-testid={head ? "sign-all" : "seal-all"}
              onClick={() => open(entries, role)}
            >
              {t("EXT_UI_POPUP_SIGN_ALL", { count: total })}
            </button>
          </>
        )}
        {archive && entries.length > 0 && <p className="muted small">{t("EXT_UI_QUEUE_FROM_ARCHIVE")}</p>}
      </section>
    );
  };

  return (
    <main className="popup">
      <header className="popup-header">
        <h1>{t("EXT_UI_APP_NAME")}</h1>
      </header>

      {queue("ThuTruong")}
      {queue("DonVi")}

      <PackageDropZone compact onImported={refresh} onOpenInTab={() => openPage("/review.html")} />

      {classes !== undefined && classes.length > 0 && (
        <section aria-labelledby="classes-title">
          <h2 id="classes-title">{t("EXT_UI_POPUP_CLASSES_TITLE")}</h2>
          <ul className="class-list">
            {classes.map((c) => (
              <li key={c.classKey}>
                <button
                  type="button"
                  className="link"
                  onClick={() =>
                    open([
                      {
                        classKey: c.classKey,
                        lop: c.lop,
                        namHoc: c.namHoc,
                        count: 0,
                        local: true,
                        ref: { namHoc: c.namHoc, lop: c.lop },
                      },
                    ])
                  }
                >
                  {t("EXT_UI_CLASS_LABEL", { lop: c.lop, namHoc: c.namHoc })}
                </button>
                <span className="count">
                  {t("EXT_UI_POPUP_CLASS_COUNTS", {
                    learners: c.learnerCount,
                    gvcn: c.signedBy.GVCN,
                    thuTruong: c.signedBy.ThuTruong,
                  })}
                  {(c.laterVersions ?? 0) > 0 && (
                    <span data-testid="class-versions">
                      {" · "}
                      {t("EXT_UI_POPUP_VERSIONS", { count: c.laterVersions ?? 0 })}
                    </span>
                  )}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section aria-labelledby="helper-title">
        <h2 id="helper-title">{t("EXT_UI_HELPER_TITLE")}</h2>
        <HelperStatusView status={helper} />
      </section>

      <footer>
        <button type="button" className="link" onClick={() => void browser.runtime.openOptionsPage()}>
          {t("EXT_UI_OPEN_OPTIONS")}
        </button>{" "}
        <button
          type="button"
          className="link"
          data-testid="open-excel"
          onClick={() => openPage("/review.html")}
        >
          {t("EXTRACT_UI_DROP_TITLE")}
        </button>{" "}
        <button
          type="button"
          className="link"
          data-testid="open-progress"
          onClick={() => openPage("/progress.html")}
        >
          {t("EXT_UI_PROGRESS_OPEN")}
        </button>{" "}
        <button
          type="button"
          className="link"
          data-testid="open-report"
          onClick={() => openPage("/report.html")}
        >
          {t("EXT_UI_TCM_OPEN")}
        </button>
      </footer>
    </main>
  );
}

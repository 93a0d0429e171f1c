import { useEffect, useState } from "react";
import { browser } from "wxt/browser";
import type { ClassSummary, HelperStatus } from "../../models/wire.ts";
import { toWireError } from "../../models/wire-error.ts";
import { callBackground } from "../../services/background-client.ts";
import { summarizeClasses, waitingForThuTruong } from "../../services/class-summary.ts";
import { HocBaDb } from "../../services/hocba-db.ts";
import { HelperStatusView } from "../components/helper-status-view.tsx";
import { useI18n } from "../locale-context.tsx";

/** The toolbar popup: the head's queue ("Ký tất cả") and the helper's status. */
export function PopupApp() {
  const { t } = useI18n();
  const [helper, setHelper] = useState<HelperStatus>();
  const [classes, setClasses] = useState<ClassSummary[]>();

  useEffect(() => {
    callBackground("get-helper-status", {}).then(setHelper, (err: unknown) =>
      setHelper({ installed: false, tokens: [], error: toWireError(err) }),
    );
    void HocBaDb.open().then(async (db) => {
      setClasses(await summarizeClasses(db));
      db.close();
    });
  }, []);

  const waiting = (classes ?? []).filter((c) => waitingForThuTruong(c) > 0);
  const totalWaiting = waiting.reduce((n, c) => n + waitingForThuTruong(c), 0);
  const open = (classKeys: string[], role?: "ThuTruong") =>
    void callBackground("open-review", { classKeys, ...(role ? { role } : {}) }).then(() => window.close());

  return (
    <main className="popup">
      <header className="popup-header">
        <h1>{t("EXT_UI_APP_NAME")}</h1>
      </header>

      <section aria-labelledby="queue-title">
        <h2 id="queue-title">{t("EXT_UI_POPUP_QUEUE_TITLE")}</h2>
        {classes === undefined && <p className="muted">{t("EXT_UI_LOADING")}</p>}
        {classes !== undefined && waiting.length === 0 && (
          <p className="muted">{t("EXT_UI_POPUP_QUEUE_EMPTY")}</p>
        )}
        {waiting.length > 0 && (
          <>
            <ul className="class-list" data-testid="queue">
              {waiting.map((c) => (
                <li key={c.classKey} data-class-key={c.classKey}>
                  <span className="class-name">
                    {t("EXT_UI_CLASS_LABEL", { lop: c.lop, namHoc: c.namHoc })}
                  </span>
                  <span className="count">
                    {t("EXT_UI_POPUP_WAITING", { count: waitingForThuTruong(c) })}
                  </span>
                </li>
              ))}
            </ul>
            <button
              type="button"
              className="primary"
              data-testid="sign-all"
              onClick={() =>
                open(
                  waiting.map((c) => c.classKey),
                  "ThuTruong",
                )
              }
            >
              {t("EXT_UI_POPUP_SIGN_ALL", { count: totalWaiting })}
            </button>
          </>
        )}
      </section>

      {classes !== undefined && classes.length > 0 && (
        <section aria-labelledby="classes-title">
          <h2 id="classes-title">{t("EXT_UI_POPUP_CLASSES_TITLE")}</h2>
          <ul className="class-list">
            {classes.map((c) => (
              <li key={c.classKey}>
                <button type="button" className="link" onClick={() => open([c.classKey])}>
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
          onClick={() => void browser.tabs.create({ url: browser.runtime.getURL("/review.html") })}
        >
          {t("EXTRACT_UI_DROP_TITLE")}
        </button>
      </footer>
    </main>
  );
}

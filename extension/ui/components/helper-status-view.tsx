import type { HelperStatus } from "../../models/wire.ts";
import { useI18n } from "../locale-context.tsx";
import { ErrorBox } from "./error-box.tsx";

/** The helper's state: installed with version and tokens, or what is wrong and how to fix it. */
export function HelperStatusView({ status }: { status: HelperStatus | undefined }) {
  const { t } = useI18n();
  if (!status) return <p className="muted">{t("EXT_UI_HELPER_CHECKING")}</p>;
  return (
    <div className="helper-status" data-testid="helper-status" data-installed={String(status.installed)}>
      {status.installed && (
        <p>
          <span className="badge ok">{t("EXT_UI_HELPER_INSTALLED")}</span>{" "}
          {t("EXT_UI_HELPER_VERSION", { version: status.version ?? "?" })}
        </p>
      )}
      {status.installed && !status.error && (
        <p data-testid="helper-tokens">
          {status.tokens.length > 0
            ? t("EXT_UI_HELPER_TOKENS", { count: status.tokens.length, labels: status.tokens.join(", ") })
            : t("EXT_UI_HELPER_NO_TOKEN")}
        </p>
      )}
      {status.installed && status.archive && (
        <p data-testid="helper-archive" data-engine={status.archive.engine}>
          {status.archive.engine === "postgres"
            ? t("EXT_UI_HELPER_ARCHIVE_SHARED", {
                server: status.archive.server ?? "?",
                count: status.archive.documents,
              })
            : t("EXT_UI_HELPER_ARCHIVE_LOCAL", { count: status.archive.documents })}
        </p>
      )}
      {status.error && <ErrorBox error={status.error} testId="helper-error" />}
    </div>
  );
}

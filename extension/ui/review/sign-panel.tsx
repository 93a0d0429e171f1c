import { useEffect, useRef, useState } from "react";
import { authorityMessage } from "../../../shared/authority/authority-message.ts";
import type { NamedSigners } from "../../../shared/authority/signer-authority.ts";
import { HocBaError } from "../../../shared/errors/hocba-error.ts";
import type { CertificateInfo, TokenInfo } from "../../../shared/protocol/responses.ts";
import {
  SIGNER_ROLES,
  type DocumentToSign,
  type SignerRole,
  type SignPortEvent,
  type TokenList,
  type WireError,
} from "../../models/wire.ts";
import { toWireError } from "../../models/wire-error.ts";
import { callBackground, startSignBatch, type RunningBatch } from "../../services/background-client.ts";
import { formatDate } from "../../services/i18n.ts";
import { markCertificates } from "../../services/mark-certificates.ts";
import { ErrorBox } from "../components/error-box.tsx";
import { ProgressBar } from "../components/progress-bar.tsx";
import { useI18n } from "../locale-context.tsx";
import { ROLE_LABEL } from "./roles.ts";

interface CertChoice {
  key: string;
  token: TokenInfo;
  cert: CertificateInfo;
}

function certChoices(list: TokenList | undefined): CertChoice[] {
  return (list?.tokens ?? []).flatMap((token) =>
    token.certificates
      .filter((cert) => cert.hasPrivateKey)
      .map((cert) => ({ key: `${token.label}\u0000${cert.id}`, token, cert })),
  );
}

const AUTHORITY_MARK = {
  ok: "EXT_UI_SIGN_CERT_MARK_OK",
  warning: "EXT_UI_SIGN_CERT_MARK_WARNING",
  partly: "EXT_UI_SIGN_CERT_MARK_PARTLY",
  refused: "EXT_UI_SIGN_CERT_MARK_REFUSED",
} as const;

/**
 * Role, certificate and PIN, then one batch with progress and Cancel. The PIN is typed here, in the
 * extension's own page, sent once with the batch and cleared at once; it is never stored.
 */
export function SignPanel({
  role,
  onRoleChange,
  namedSigners,
  documents,
  onEvent,
  onBatchStart,
  onBatchEnd,
  running,
}: {
  role: SignerRole;
  onRoleChange: (role: SignerRole) => void;
  /** Who each class's records name as signers: certificates are marked and preselected by them. */
  namedSigners: readonly NamedSigners[];
  /** The selected documents, each the exact bytes shown in the preview. */
  documents: DocumentToSign[];
  onEvent: (event: SignPortEvent) => void;
  onBatchStart: (ids: string[]) => void;
  onBatchEnd: () => void;
  running: boolean;
}) {
  const { t } = useI18n();
  const [tokens, setTokens] = useState<TokenList>();
  const [tokensError, setTokensError] = useState<WireError>();
  const [certKey, setCertKey] = useState<string>();
  const [pin, setPin] = useState("");
  const [formError, setFormError] = useState<WireError>();
  const [progress, setProgress] = useState<{ done: number; total: number; fileName: string }>();
  const [result, setResult] = useState<Extract<SignPortEvent, { type: "done" }>>();
  const [batchError, setBatchError] = useState<WireError>();
  const batchRef = useRef<RunningBatch | undefined>(undefined);

  const loadTokens = () => {
    setTokensError(undefined);
    setTokens(undefined);
    callBackground("list-tokens", {}).then(setTokens, (err: unknown) => setTokensError(toWireError(err)));
  };
  useEffect(loadTokens, []);

  const choices = certChoices(tokens);
  const { marks, preferred } = markCertificates(choices, role, namedSigners);
  // A new role suggests its signer's certificate; a reloaded token list keeps the user's choice.
  useEffect(() => {
    setCertKey(preferred?.key);
  }, [role]);
  useEffect(() => {
    if (!tokens) return;
    setCertKey((current) =>
      current !== undefined && choices.some((c) => c.key === current && c.cert.usableForSigning)
        ? current
        : preferred?.key,
    );
  }, [tokens]);
  const chosen = choices.find((c) => c.key === certKey);
  const chosenAuthority = chosen ? marks.get(chosen) : undefined;
  const explained = chosenAuthority?.verdict && authorityMessage(chosenAuthority.verdict, "sign");
  const pinPad = chosen?.token.pin.protectedAuthenticationPath ?? false;

  const start = () => {
    setFormError(undefined);
    setBatchError(undefined);
    setResult(undefined);
    if (documents.length === 0) return setFormError(new HocBaError("EXT_NOTHING_SELECTED").toJSON());
    if (!chosen) return setFormError(new HocBaError("EXT_CERTIFICATE_REQUIRED").toJSON());
    // Someone the records do not name for this role: refused here, before the PIN leaves the page.
    if (chosenAuthority?.status === "refused" && explained) {
      return setFormError(new HocBaError(explained.code, explained.params).toJSON());
    }
    if (!pinPad && pin.length === 0) return setFormError(new HocBaError("EXT_PIN_REQUIRED").toJSON());
    const typedPin = pin;
    setPin("");
    onBatchStart(documents.map((d) => d.id));
    setProgress({ done: 0, total: documents.length, fileName: "" });
    const batch = startSignBatch(
      {
        type: "start",
        role,
        tokenLabel: chosen.token.label,
        certId: chosen.cert.id,
        ...(pinPad ? {} : { pin: typedPin }),
        documents,
      },
      (event) => {
        if (event.type === "progress") {
          setProgress({ done: event.done, total: event.total, fileName: event.fileName });
        }
        if (event.type === "done") {
          setResult(event);
          setProgress((p) => (p ? { ...p, done: event.signed + event.resumed + event.failed } : p));
        }
        if (event.type === "error") setBatchError(event.error);
        onEvent(event);
      },
    );
    batchRef.current = batch;
    void batch.finished.then(() => {
      batchRef.current = undefined;
      onBatchEnd();
      // The token's PIN state (count low, final try) may have changed.
      loadTokens();
    });
  };

  return (
    <section className="sign-panel" data-testid="sign-panel">
      <h2>{t("EXT_UI_SIGN_TITLE")}</h2>
      <fieldset disabled={running}>
        <legend>{t("EXT_UI_SIGN_ROLE")}</legend>
        {SIGNER_ROLES.map((r) => (
          <label key={r} className="radio">
            <input
              type="radio"
              name="role"
              value={r}
              checked={role === r}
              data-testid={`role-${r}`}
              onChange={() => onRoleChange(r)}
            />
            {t(ROLE_LABEL[r])}
          </label>
        ))}
      </fieldset>

      <fieldset disabled={running}>
        <legend>{t("EXT_UI_SIGN_CERT")}</legend>
        {!tokens && !tokensError && <p className="muted">{t("EXT_UI_SIGN_LOADING_TOKENS")}</p>}
        {tokensError && <ErrorBox error={tokensError} testId="tokens-error" />}
        {tokens && choices.length === 0 && <p className="error-text">{t("EXT_UI_SIGN_NO_CERT")}</p>}
        {choices.length > 0 && (
          <select
            value={certKey ?? ""}
            data-testid="cert-select"
            onChange={(e) => setCertKey(e.target.value)}
          >
            {choices.map((c) => {
              const mark = marks.get(c)?.status ?? "ok";
              const label = t(
                c.cert.usableForSigning ? "EXT_UI_SIGN_CERT_OPTION" : "EXT_UI_SIGN_CERT_UNUSABLE",
                { cn: c.cert.commonName, token: c.token.label, until: formatDate(c.cert.notAfter) },
              );
              return (
                <option key={c.key} value={c.key} disabled={!c.cert.usableForSigning} data-authority={mark}>
                  {c.cert.usableForSigning ? `${label} · ${t(AUTHORITY_MARK[mark])}` : label}
                </option>
              );
            })}
          </select>
        )}
        {chosen && (
          <p className="muted cert-detail" data-testid="cert-detail">
            {t("EXT_UI_SIGN_CERT_DETAIL", {
              issuer: /CN=([^,\n]+)/.exec(chosen.cert.issuer)?.[1] ?? chosen.cert.issuer,
              serial: chosen.cert.serialNumber,
              from: formatDate(chosen.cert.notBefore),
              until: formatDate(chosen.cert.notAfter),
            })}
          </p>
        )}
        {explained && (
          <p
            className={chosenAuthority?.status === "refused" ? "error-text" : "warning-text"}
            data-testid="cert-authority"
            data-code={explained.code}
          >
            {t(explained.code, explained.params)}
          </p>
        )}
        <button type="button" className="link" onClick={loadTokens}>
          {t("EXT_UI_SIGN_RELOAD_TOKENS")}
        </button>
      </fieldset>

      <fieldset disabled={running}>
        <legend>{t("EXT_UI_SIGN_PIN")}</legend>
        {chosen?.token.pin.locked && <p className="error-text">{t("EXT_UI_PIN_LOCKED")}</p>}
        {chosen?.token.pin.finalTry && <p className="error-text">{t("EXT_UI_PIN_FINAL_TRY")}</p>}
        {chosen?.token.pin.countLow && !chosen.token.pin.finalTry && (
          <p className="warning-text">{t("EXT_UI_PIN_COUNT_LOW")}</p>
        )}
        {pinPad ? (
          <p className="muted">{t("EXT_UI_PIN_PAD")}</p>
        ) : (
          <input
            type="password"
            autoComplete="off"
            inputMode="numeric"
            value={pin}
            data-testid="pin-input"
            aria-label={t("EXT_UI_SIGN_PIN")}
            onChange={(e) => setPin(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === "Enter") start();
            }}
          />
        )}
        <p className="muted small">{t("EXT_UI_PIN_NOTE")}</p>
      </fieldset>

      {formError && <ErrorBox error={formError} testId="sign-form-error" />}

      {!running ? (
        <button
          type="button"
          className="primary"
          data-testid="sign-start"
          onClick={start}
          disabled={documents.length === 0}
        >
          {t("EXT_UI_SIGN_START", { count: documents.length, role: t(ROLE_LABEL[role]) })}
        </button>
      ) : (
        <button
          type="button"
          className="danger"
          data-testid="sign-cancel"
          onClick={() => batchRef.current?.cancel()}
        >
          {t("EXT_UI_CANCEL")}
        </button>
      )}

      {progress && (running || result) && (
        <ProgressBar
          done={progress.done}
          total={progress.total}
          label={
            running
              ? t("EXT_UI_SIGN_PROGRESS", {
                  done: progress.done,
                  total: progress.total,
                  file: progress.fileName,
                })
              : t("EXT_UI_SIGN_PROGRESS_END", { done: progress.done, total: progress.total })
          }
        />
      )}
      {batchError && <ErrorBox error={batchError} testId="batch-error" />}
      {result && (
        <p className={result.failed > 0 ? "warning-text" : "ok-text"} data-testid="sign-result">
          {t(result.cancelled ? "EXT_UI_SIGN_RESULT_CANCELLED" : "EXT_UI_SIGN_RESULT", {
            signed: result.signed + result.resumed,
            failed: result.failed,
            skipped: result.skipped,
          })}
        </p>
      )}
    </section>
  );
}

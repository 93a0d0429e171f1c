import path from "node:path";
import { HocBaError, isHocBaError } from "../../shared/errors/hocba-error.ts";
import type { ErrorBody } from "../../shared/protocol/common.ts";
import type {
  CertificateInfo as WireCertificate,
  ModuleStatus,
  TokenInfo,
} from "../../shared/protocol/responses.ts";
import { checkResumable } from "../sign/check-resumable.ts";
import { expectedCertificate } from "../sign/expected-certificate.ts";
import { tokenBatchSigner } from "../sign/token-batch-signer.ts";
import { checkSignerRevocation, type RevocationSettings } from "../sign/check-signer-revocation.ts";
import { collectValidationData } from "../sign/collect-validation-data.ts";
import { completeSignerChain } from "../sign/complete-signer-chain.ts";
import { requestTimestamp } from "../trust/request-timestamp.ts";
import { allowsDocumentSigning, type SubjectIds } from "../token/certificate-info.ts";
import { certificatePolicyProblem } from "../token/certificate-policy.ts";
import { acquireModule, type ModuleHandle } from "../token/module-registry.ts";
import { probeTokenModules } from "../token/probe-token-modules.ts";
import { listTokens, openTokenSession, type TokenCertificate } from "../token/token-session.ts";
import { TrustAnchors } from "../xmldsig/trust-anchors.ts";
import { verifyHocBa } from "../verify/verify-hocba.ts";
import { errorTag } from "./error-body.ts";
import type { HostLog } from "./host-log.ts";
import { withTestSignDelay } from "./test-sign-delay.ts";
import { toVerification } from "./to-verification.ts";
import type { SigningBackend } from "./signing-backend.ts";

export interface Pkcs11BackendOptions {
  /**
   * HOCBA_PKCS11_MODULES: extra PKCS#11 library paths (path-delimiter separated), tried before the
   * probe list. HOCBA_TRUST_ROOTS: extra trusted root files for verification (same separator).
   */
  env: Readonly<Record<string, string | undefined>>;
  log: HostLog;
}

function splitList(value: string | undefined): string[] {
  return (value ?? "")
    .split(path.delimiter)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * The helper's backend on the real token code (native-host/token, sign, verify). Each PKCS#11
 * library is loaded and initialised once for the life of the helper (some libraries misbehave
 * when re-initialised) and finalised in `close()`. Callers serialise token operations.
 */
export function createPkcs11Backend(options: Pkcs11BackendOptions): SigningBackend {
  const { env, log } = options;
  /**
   * XAdES B-T when IT set HOCBA_TSA_URL (docs/format-hocbaso.md, "Levels"): the TSA is asked once
   * before the login, and an unreachable one stops the batch before the PIN, unless
   * HOCBA_ALLOW_NO_TIMESTAMP=1 (then B-B, logged).
   */
  const timestampBeforeLogin = async (): Promise<((data: Buffer) => Promise<Uint8Array>) | undefined> => {
    const url = env.HOCBA_TSA_URL;
    if (!url) return undefined;
    try {
      await requestTimestamp({ url }, Buffer.from("hocba: kiểm tra máy chủ dấu thời gian", "utf8"));
    } catch (err) {
      if (env.HOCBA_ALLOW_NO_TIMESTAMP !== "1" || !isHocBaError(err)) throw err;
      log.error("timestamp-unavailable", { url, code: err.code, level: "B-B" });
      return undefined;
    }
    return (data) => requestTimestamp({ url }, data).then((t) => t.token);
  };
  /**
   * Revocation (docs/format-hocbaso.md, "Levels"): the signer's certificate is checked before the
   * login (OCSP, or the CRL of a certificate with only a CRL address); HOCBA_REQUIRE_REVOCATION=1
   * refuses a certificate that names neither, HOCBA_ALLOW_REVOCATION_UNCHECKED=1 signs when the
   * responder cannot be reached (logged), HOCBA_CRL_FALLBACK=1 tries the CRL when OCSP fails.
   * With a TSA, the answer is asked again after each timestamp and kept in the signature (B-LT).
   */
  const revocationSettings: RevocationSettings = {
    require: env.HOCBA_REQUIRE_REVOCATION === "1",
    allowUnchecked: env.HOCBA_ALLOW_REVOCATION_UNCHECKED === "1",
    crlFallback: env.HOCBA_CRL_FALLBACK === "1",
  };
  /**
   * A CA certificate the token lacks is taken from the trust store, else downloaded from the
   * certificate's caIssuers before the login, unless HOCBA_NO_ISSUER_DOWNLOAD=1.
   */
  const issuerDownload = env.HOCBA_NO_ISSUER_DOWNLOAD !== "1";
  const held = new Map<string, ModuleHandle>();
  const failed = new Map<string, ErrorBody>();
  let anchors: TrustAnchors | null = null;

  const candidates = (): string[] => {
    const extra = splitList(env.HOCBA_PKCS11_MODULES);
    const probed = probeTokenModules({ env: env }).map((c) => c.path);
    return [...new Set([...extra, ...probed])];
  };

  /** Loads every candidate library once; remembers which failed. */
  const loadModules = (): ModuleStatus[] =>
    candidates().map((modulePath) => {
      if (!held.has(modulePath) && !failed.has(modulePath)) {
        try {
          held.set(modulePath, acquireModule(modulePath));
          log.info("module-loaded", { module: modulePath });
        } catch (err) {
          const body = isHocBaError(err)
            ? err.toJSON()
            : { code: "TOKEN_MODULE_LOAD_FAILED", message: String(err) };
          failed.set(modulePath, body);
          log.error("module-failed", { module: modulePath, code: errorTag(err) });
        }
      }
      const error = failed.get(modulePath);
      return error ? { path: modulePath, loaded: false, error } : { path: modulePath, loaded: true };
    });

  /** The library that reaches the token labelled `wanted` (TOKEN_NOT_FOUND when none does). */
  const moduleWithToken = (wanted: string): string => {
    const seen: string[] = [];
    for (const status of loadModules().filter((s) => s.loaded)) {
      try {
        const labels = listTokens({ modulePath: status.path }).map((t) => t.label);
        seen.push(...labels);
        if (labels.includes(wanted)) return status.path;
      } catch (err) {
        log.error("list-tokens-failed", { module: status.path, code: errorTag(err) });
      }
    }
    if (loadModules().every((s) => !s.loaded)) throw new HocBaError("TOKEN_MODULE_NOT_FOUND");
    throw new HocBaError("TOKEN_NOT_FOUND", {
      label: wanted,
      available: seen.map((l) => `«${l}»`).join(", ") || "(không có)",
    });
  };

  const trust = (): TrustAnchors =>
    (anchors ??= TrustAnchors.load({ trustRootFiles: splitList(env.HOCBA_TRUST_ROOTS) }));

  return {
    modules: () => Promise.resolve(loadModules()),

    listTokens() {
      const statuses = loadModules();
      const tokens: TokenInfo[] = [];
      const moduleErrors = statuses.filter((s) => !s.loaded);
      for (const status of statuses.filter((s) => s.loaded)) {
        let summaries;
        try {
          summaries = listTokens({ modulePath: status.path });
        } catch (err) {
          moduleErrors.push({ path: status.path, loaded: true, error: toBody(err) });
          continue;
        }
        for (const summary of summaries) {
          let certificates: WireCertificate[] = [];
          const session = openTokenSession({ modulePath: status.path, tokenLabel: summary.label });
          try {
            certificates = session.listCertificates().flatMap(toWireCertificate);
          } catch (err) {
            moduleErrors.push({ path: status.path, loaded: true, error: toBody(err) });
          } finally {
            session.close();
          }
          tokens.push({
            label: summary.label,
            manufacturer: summary.manufacturer,
            model: summary.model,
            serialNumber: summary.serialNumber,
            modulePath: summary.modulePath,
            pin: {
              protectedAuthenticationPath: summary.pin.protectedAuthPath,
              countLow: summary.pin.countLow,
              finalTry: summary.pin.finalTry,
              locked: summary.pin.locked,
              toBeChanged: summary.pin.toBeChanged,
            },
            certificates,
          });
        }
      }
      return Promise.resolve({ tokens, moduleErrors });
    },

    async openSigner({ tokenLabel, certId, pin }) {
      const timestamp = await timestampBeforeLogin();
      const wanted = tokenLabel.trim().normalize("NFC");
      const modulePath = moduleWithToken(wanted);
      const session = openTokenSession({ modulePath, tokenLabel: wanted });
      try {
        const onToken = session.listCertificates();
        let candidates = onToken.map((c) => c.der);
        const leaf = expectedCertificate(onToken, certId);
        // Signing unchecked (the responder could not be reached): the documents do not ask it again
        // one by one (each would wait for it up to the timeout), as hocba sign; they stay B-T.
        let unchecked = false;
        // KeyInfo's CA certificates when the token lacks some: from the trust store or caIssuers.
        let chain: Buffer[] | undefined;
        if (leaf) {
          const issuers = await completeSignerChain(leaf, candidates, trust, { download: issuerDownload });
          chain = issuers.chain;
          candidates = [...candidates, ...issuers.chain];
          for (const url of issuers.downloaded) log.info("issuer-downloaded", { url });
          const finding = await checkSignerRevocation(leaf, candidates, revocationSettings);
          // The outcome only: the warning's text names the certificate holder.
          if (finding.warning) log.error("revocation-warning", { revocation: finding.audit.revocation });
          unchecked = finding.audit.revocation === "unchecked";
        }
        // One login attempt; a wrong PIN throws and is reported, never retried. C_Login runs on a
        // worker thread: a PIN pad waits for the user without holding the event loop.
        await session.loginAsync(pin);
        const tokenSigner = session.selectSigner({ cert: certId });
        const signer = tokenBatchSigner(withTestSignDelay(tokenSigner, env, log), {
          chain: leaf?.equals(tokenSigner.certificate) ? chain : undefined,
          trust: trust(),
          close: () => session.close(),
          timestamp,
          validationData:
            timestamp && !unchecked ? collectValidationData(candidates, revocationSettings) : undefined,
        });
        return signer;
      } catch (err) {
        session.close();
        throw err;
      }
    },

    signingCertificate({ tokenLabel, certId }) {
      const wanted = tokenLabel.trim().normalize("NFC");
      const session = openTokenSession({ modulePath: moduleWithToken(wanted), tokenLabel: wanted });
      try {
        return Promise.resolve(expectedCertificate(session.listCertificates(), certId));
      } finally {
        session.close();
      }
    },

    checkResume(stored, role, certificateDer) {
      return checkResumable({ role, trust: trust() })(stored, certificateDer);
    },

    async verify(bytes, fileName) {
      const report = await verifyHocBa(bytes, { anchors: trust(), file: fileName, readView: false });
      return toVerification(report);
    },

    close() {
      for (const [modulePath, handle] of held) {
        handle.release();
        log.info("module-finalized", { module: modulePath });
      }
      held.clear();
      return Promise.resolve();
    },
  };
}

function toBody(err: unknown): ErrorBody {
  if (isHocBaError(err)) return err.toJSON();
  return { code: "TOKEN_PKCS11_ERROR", message: err instanceof Error ? err.message : String(err) };
}

function identifiers(ids: SubjectIds): string[] {
  const out: string[] = [];
  if (ids.cccd) out.push(`CCCD:${ids.cccd}`);
  if (ids.cmnd) out.push(`CMND:${ids.cmnd}`);
  if (ids.mst) out.push(`MST:${ids.mst}`);
  if (ids.hoChieu) out.push(`HC:${ids.hoChieu}`);
  return out;
}

function keyUsageNames(info: CertificateInfo): string[] {
  if (!info.keyUsage) return [];
  return Object.entries(info.keyUsage)
    .filter(([, on]) => on)
    .map(([name]) => name);
}

type CertificateInfo = NonNullable<TokenCertificate["info"]>;

/** A token certificate in protocol form; unreadable certificates are left out. */
function toWireCertificate(cert: TokenCertificate): WireCertificate[] {
  const info = cert.info;
  if (!info) return [];
  const now = new Date();
  return [
    {
      id: cert.id,
      label: cert.label,
      commonName: info.commonName,
      subject: info.subject,
      identifiers: identifiers(info.ids),
      issuer: info.issuer,
      serialNumber: info.serialHex,
      notBefore: info.notBefore.toISOString(),
      notAfter: info.notAfter.toISOString(),
      keyUsage: keyUsageNames(info),
      hasPrivateKey: !info.isCa,
      usableForSigning:
        !info.isCa &&
        allowsDocumentSigning(info) &&
        !certificatePolicyProblem(info) &&
        info.notBefore <= now &&
        now <= info.notAfter,
      sha256: info.sha256.toLowerCase(),
    },
  ];
}

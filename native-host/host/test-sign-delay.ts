import type { DocumentSigner } from "../token/token-signer.ts";
import type { HostLog } from "./host-log.ts";

/**
 * TEST-ONLY: HOCBA_TEST_SIGN_DELAY_MS makes each token signature take that much longer, one after
 * the other, as a real USB token does (a few hundred ms each; SoftHSM takes about one), so that
 * end-to-end tests can cancel a batch or stop the helper in its middle. Honoured only when set
 * explicitly to a whole number of ms (at most 5000), and logged when on; otherwise the signer is
 * returned unchanged.
 */
export function withTestSignDelay(
  signer: DocumentSigner,
  env: Readonly<Record<string, string | undefined>>,
  log: HostLog,
): DocumentSigner {
  const value = env.HOCBA_TEST_SIGN_DELAY_MS;
  if (value === undefined || !/^\d{1,4}$/.test(value) || Number(value) === 0) return signer;
  const ms = Math.min(Number(value), 5000);
  log.info("test-sign-delay", { ms });
  // The delay sits in the token's own queue: signatures stay one at a time, each `ms` slower.
  let last: Promise<unknown> = Promise.resolve();
  return {
    certificate: signer.certificate,
    chain: signer.chain,
    info: signer.info,
    keyType: signer.keyType,
    tokenLabel: signer.tokenLabel,
    certLabel: signer.certLabel,
    sign(data) {
      const turn = last.then(async () => {
        await new Promise((resolve) => setTimeout(resolve, ms));
        return signer.sign(data);
      });
      last = turn.catch(() => undefined);
      return turn;
    },
  };
}

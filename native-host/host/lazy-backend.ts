import type { SigningBackend } from "./signing-backend.ts";

/**
 * A backend loaded on first use: hello, cancel and archive-list answer without pulling in the
 * PKCS#11, XML-signing and verification code (half the helper's start-up time).
 */
export function lazyBackend(load: () => Promise<SigningBackend>): SigningBackend {
  let loaded: Promise<SigningBackend> | null = null;
  const get = (): Promise<SigningBackend> => (loaded ??= load());
  return {
    modules: async () => (await get()).modules(),
    listTokens: async () => (await get()).listTokens(),
    openSigner: async (options) => (await get()).openSigner(options),
    signingCertificate: async (options) => (await get()).signingCertificate(options),
    checkResume: async (stored, role, certificateDer) =>
      (await get()).checkResume(stored, role, certificateDer),
    verify: async (bytes, fileName) => (await get()).verify(bytes, fileName),
    close: async () => {
      if (loaded) await (await loaded).close();
    },
  };
}

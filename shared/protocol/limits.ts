/**
 * Version and size limits of the extension <-> helper protocol. Both sides import these, so the
 * extension can split a large batch before the helper would refuse it.
 */

/** Protocol version. Bump on any incompatible change; the helper refuses other versions at hello. */
export const PROTOCOL_VERSION = 1;

export const LIMITS = Object.freeze({
  /**
   * Largest request the helper accepts, in bytes of UTF-8 JSON (the 4-byte length excluded).
   * Chrome allows 64 MiB browser->helper; 8 MiB holds a class of 45 learners many times over, and a
   * centre of 2,000 learners is sent as several requests. A larger declared length ends the
   * session: the stream cannot be trusted to resynchronise after a lying length.
   */
  maxRequestBytes: 8 * 1024 * 1024,
  /** Largest reply, in bytes of UTF-8 JSON: the browsers' 1 MiB host->browser limit. */
  maxReplyBytes: 1024 * 1024,
  /** Most documents in one sign-batch or verify request. */
  maxDocumentsPerRequest: 2000,
  /** Most entries in one archive-list reply page. */
  maxArchivePage: 500,
  /**
   * Longest base64 package in `import-package`: what fits in one request frame (about 6 MiB of
   * zip, a class of 45 many times over). A larger package is imported with `hocba package import`.
   */
  maxPackageBase64: 8 * 1024 * 1024 - 4096,
});

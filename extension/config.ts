/**
 * Extension-wide constants. Units are in the names or the comments; frozen so no module can
 * change them at run time.
 */
export const EXTENSION_CONFIG = Object.freeze({
  /** ms: the helper must answer `hello` within this, or it is not (properly) installed. */
  helloTimeoutMs: 5_000,
  /** ms: one request/response exchange (status, list-tokens); token enumeration can be slow. */
  requestTimeoutMs: 20_000,
  /** ms: longest silence allowed between two events of a signing batch. */
  batchIdleTimeoutMs: 60_000,
  /** ms: after `cancel`, how long to wait for the helper's `done` before closing the port. */
  cancelGraceMs: 5_000,
  /** ms: how long an idle helper connection is kept for the next request (see HelperPool). */
  helperIdleMs: 60_000,
  /** Portal pages fetched at the same time while reading a class (be gentle with the portal). */
  crawlConcurrency: 3,
  /** Bytes: never send the helper more than this in one message (design limit, well under Chrome's). */
  maxNativeMessageBytes: 32 * 1024 * 1024,
  /** Name of the runtime port a page opens to run a signing batch. */
  signBatchPortName: "sign-batch",
  /** IndexedDB database name and schema version. */
  dbName: "hocba",
  dbVersion: 1,
});

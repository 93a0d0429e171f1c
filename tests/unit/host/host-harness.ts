import { afterEach, beforeAll } from "vitest";
import { HostProcess } from "./host-process.ts";
import { scratchDir } from "./scratch-dir.ts";
import { buildDocuments, makeTestToken, type TestToken } from "./test-token.ts";

export interface HostHarness {
  /** A fresh SoftHSM token of this test file (set in beforeAll). */
  token: TestToken;
  /** The 42 unsigned documents of the GDTX class (set in beforeAll). */
  docs: { fileName: string; xml: string }[];
  /** A new empty data folder (HOCBA_DATA_DIR). */
  dataDir: () => string;
  /**
   * Starts a helper on the token; called by Chrome unless `args` are given; `env` adds to (or
   * replaces) the token's environment. Ended after each test.
   */
  start: (data?: string, args?: string[], env?: NodeJS.ProcessEnv) => { host: HostProcess; data: string };
  /** A GVCN sign-batch request on the token's certificate 01 with the right PIN; `over` replaces fields. */
  signRequest: (
    requestId: string,
    documents: unknown[],
    over?: Record<string, unknown>,
  ) => Record<string, unknown>;
}

/**
 * The setup every helper-process test file shares: one token and one class of documents per file,
 * and every helper started in a test ended (and awaited) after it. `afterEnd` runs on each ended
 * helper, for checks that hold whatever the test did.
 */
export function useHostHarness(
  options: { dataPrefix?: string; afterEnd?: (host: HostProcess) => void } = {},
): HostHarness {
  const hosts: HostProcess[] = [];
  const dataDir = () => scratchDir(options.dataPrefix ?? "hocba-data");
  const harness: HostHarness = {
    token: undefined as unknown as TestToken,
    docs: [],
    dataDir,
    start: (data = dataDir(), args, extraEnv = {}) => {
      const env = { ...harness.token.env, HOCBA_DATA_DIR: data, ...extraEnv };
      const host = args ? new HostProcess(args, env) : HostProcess.chrome(env);
      hosts.push(host);
      return { host, data };
    },
    signRequest: (requestId, documents, over = {}) => ({
      type: "sign-batch",
      requestId,
      role: "GVCN",
      tokenLabel: harness.token.label,
      certId: "01",
      pin: harness.token.pin,
      documents,
      ...over,
    }),
  };
  beforeAll(() => {
    harness.token = makeTestToken();
    harness.docs = buildDocuments();
  }, 120_000);
  afterEach(async () => {
    for (const h of hosts.splice(0)) {
      h.end();
      await h.exited;
      options.afterEnd?.(h);
    }
  });
  return harness;
}

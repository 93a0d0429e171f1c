/** How a worker of `hocba verify` fails on purpose (tests only), and after how many answers. */
export interface TestWorkerFailure {
  /** "exit": the thread ends (process.exit). "heap": it fills its heap until its resourceLimits end it. */
  kind: "exit" | "heap";
  /** Reports it answers first; 0: it fails while starting, before it says it is ready. */
  after: number;
}

/**
 * TEST-ONLY: HOCBA_TEST_VERIFY_WORKER_FAIL makes every worker of `hocba verify` on many files
 * (verify-worker.ts) fail mid-batch, so that tests can check that its files come back to the
 * command's thread: "exit:N" or "heap:N", N answers first (see TestWorkerFailure). Read only by the
 * worker; honoured only in exactly that form, otherwise (unset, anything else) no failure.
 */
export function testWorkerFailure(
  env: Readonly<Record<string, string | undefined>>,
): TestWorkerFailure | undefined {
  const match = /^(exit|heap):(\d{1,6})$/.exec(env.HOCBA_TEST_VERIFY_WORKER_FAIL ?? "");
  if (!match) return undefined;
  return { kind: match[1] === "heap" ? "heap" : "exit", after: Number(match[2]) };
}

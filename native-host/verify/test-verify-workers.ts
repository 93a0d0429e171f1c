/**
 * TEST-ONLY: HOCBA_TEST_VERIFY_WORKERS=N (0 to 3) makes `hocba verify` start N workers at once,
 * whatever the number of files, instead of first measuring how idle the cores are: end-to-end tests
 * of its workers then do not depend on how busy the machine is. Honoured only in exactly that form;
 * otherwise undefined (the command decides).
 */
export function testVerifyWorkers(env: Readonly<Record<string, string | undefined>>): number | undefined {
  const value = env.HOCBA_TEST_VERIFY_WORKERS;
  return value !== undefined && /^[0-3]$/.test(value) ? Number(value) : undefined;
}

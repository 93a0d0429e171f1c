// Prints the closing `N passed, N failed` line from vitest's JSON report plus the script's checks.
// Exits non-zero when anything failed or the report is missing (a crash must not look green).
import { readFileSync } from "node:fs";

const [file, checksPassed, checksFailed, vitestRc] = process.argv.slice(2);
let passed = Number(checksPassed);
let failed = Number(checksFailed);
try {
  const report = JSON.parse(readFileSync(file, "utf8"));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  // A test file that fails to load has no tests but is a failure.
  failed += report.testResults.filter((r) => r.status === "failed" && r.assertionResults.length === 0).length;
  if (report.numTotalTests === 0) failed += 1;
} catch {
  failed += 1;
}
if (Number(vitestRc) !== 0 && failed === 0) failed += 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);

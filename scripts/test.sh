#!/usr/bin/env bash
# `npm test`: installs what is missing, then lint, typecheck, extension build and every test.
# Ends with the line `N passed, N failed` (tests plus the lint/typecheck/build checks).
set -uo pipefail
cd "$(dirname "$0")/.."
t0=$SECONDS
step() { echo "::: [$((SECONDS - t0))s] $*"; }

step "cài đặt phụ thuộc"
bash scripts/ensure-deps.sh || { echo "0 passed, 1 failed"; exit 1; }
mkdir -p .tmp test-artifacts
checks_passed=0; checks_failed=0
check() {
  local name=$1; shift
  step "$name"
  if "$@"; then checks_passed=$((checks_passed + 1)); else checks_failed=$((checks_failed + 1)); echo "::: THẤT BẠI: $name"; fi
}
check "lint (eslint)" npx eslint . --max-warnings=-1
check "typecheck (tsc)" npx tsc --noEmit -p .
check "format (prettier)" npx prettier --check . --log-level warn
check "build extension (chrome)" npx wxt build -b chrome
check "build extension (firefox)" npx wxt build -b firefox

step "vitest (unit, extension, e2e)"
rm -f .tmp/vitest.json
npx vitest run --reporter=default --reporter=json --outputFile.json=.tmp/vitest.json "$@"
vitest_rc=$?

node scripts/summarize-tests.mjs .tmp/vitest.json "$checks_passed" "$checks_failed" "$vitest_rc"

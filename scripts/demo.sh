#!/usr/bin/env bash
# `npm run demo [-- --headed]`: installs what is missing, then runs the whole flow (portal simulator,
# extension in Chromium, helper, SoftHSM test token) and writes the signed files and screenshots to
# ./demo-output. With --headed the browser window is shown, under xvfb-run when there is no display.
# `--smoke` signs a class of a few learners (npm test runs it). The script runs on the project's own
# TS hook, as the tests do (tsx's keepNames once broke the functions sent into the page).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
if [[ " $* " == *" --headed "* && -z "${DISPLAY:-}" ]]; then
  if command -v xvfb-run >/dev/null 2>&1; then
    exec xvfb-run -a node --import ./bin/register-ts.mjs scripts/demo/run-demo.ts "$@"
  fi
  echo "::: không có màn hình và không có xvfb-run (apt-get install xvfb): chạy ẩn (headless)"
  set -- "${@/--headed/}"
fi
exec node --import ./bin/register-ts.mjs scripts/demo/run-demo.ts "$@"

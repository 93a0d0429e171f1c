#!/usr/bin/env bash
# `npm run bench`: every benchmark, each printing its figures and the ratios measured in the same run,
# and the load average (the machine may be shared: each ratio compares runs made under the same load).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
for b in core-bench sign-bench cli-bench extension-bench; do
  if [ -f "scripts/bench/$b.ts" ]; then
    echo; echo "=== $b ==="
    node --import ./bin/register-ts.mjs "scripts/bench/$b.ts"
  fi
done

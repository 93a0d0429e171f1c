#!/usr/bin/env bash
# Installs what is missing on a fresh Debian machine with Node 20: the system packages the tests
# and the demo need, then the npm dependencies from the lockfile. Idempotent and quiet when all is there.
set -euo pipefail
cd "$(dirname "$0")/.."
# postgresql: the shared-archive tests start a throw-away cluster with its binaries (tests/support/pg-cluster.ts).
# fonts-liberation: Times New Roman's and Arial's metrics, which the printed học bạ is laid out for (a
# school PC prints with Times New Roman); chromium without its recommended packages brings only
# DejaVu, wider, and each paper then runs onto a second A4 sheet (tests/extension/print-a4.test.tsx).
PKGS=(softhsm2 opensc xmlsec1 libxml2-utils chromium openssl unzip postgresql fonts-liberation)
missing=()
for p in "${PKGS[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if ((${#missing[@]})); then
  echo "::: cài gói hệ thống: ${missing[*]}"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# Nothing is compiled: the native parts (koffi for PKCS#11, libsql for SQLite) come prebuilt in
# per-platform npm packages.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "::: npm ci"
  npm ci --no-audit --no-fund
fi

#!/usr/bin/env bash
# One-time (idempotent) set-up: Python venv with the pinned packages, and for tests Debian's
# chromium + CJK fonts. Usage: scripts/setup.sh [--dev]
set -euo pipefail
cd "$(dirname "$0")/.."
dev=0; [ "${1:-}" = "--dev" ] && dev=1

# chromium + CJK fonts: browser tests, readable Chinese in screenshots; PostgreSQL + PostGIS: the
# store tests start a throwaway cluster (tests/postgis.py)
if [ "$dev" = 1 ] && ! { command -v chromium >/dev/null && fc-list 2>/dev/null | grep -qi "Noto Sans CJK" \
    && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1; }; then
  echo "== installing Debian chromium, fonts-noto-cjk, postgresql, postgresql-15-postgis-3"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium fonts-noto-cjk postgresql postgresql-15-postgis-3 >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
  echo "== creating .venv"
  python3 -m venv .venv
fi
req=requirements.txt; [ "$dev" = 1 ] && req=requirements-dev.txt
stamp=".venv/.installed-$(cat requirements*.txt | sha256sum | cut -c1-16)-$dev"
if [ ! -f "$stamp" ]; then
  echo "== installing $req into .venv"
  .venv/bin/python -m pip install -q --disable-pip-version-check -r "$req"
  touch "$stamp"
fi

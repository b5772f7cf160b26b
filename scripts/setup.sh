#!/usr/bin/env bash
# One-time (idempotent) set-up: Python venv with the pinned packages, and for tests Debian's
# chromium + CJK fonts. Usage: scripts/setup.sh [--dev]
set -euo pipefail
cd "$(dirname "$0")/.."
dev=0; [ "${1:-}" = "--dev" ] && dev=1

# Debian packages: fonts-noto-cjk at run time too (the investor brief embeds it in its PDF and PNG);
# for tests also chromium (browser tests), poppler-utils (pdftotext, pdffonts, pdfimages read the
# brief) and PostgreSQL + PostGIS (the store tests start a throwaway cluster: tests/postgis.py).
pkgs=""
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || pkgs="fonts-noto-cjk"
if [ "$dev" = 1 ]; then
  command -v chromium >/dev/null || pkgs="$pkgs chromium"
  command -v pdftotext >/dev/null || pkgs="$pkgs poppler-utils"
  ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || pkgs="$pkgs postgresql"
  ls /usr/share/postgresql/*/extension/postgis.control >/dev/null 2>&1 || pkgs="$pkgs postgresql-15-postgis-3"
fi
if [ -n "$pkgs" ]; then
  echo "== installing Debian packages:$pkgs"
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  # shellcheck disable=SC2086  # a list of package names
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $pkgs >/dev/null
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

# The brief's PDF font: a GB2312 subset of Noto Sans CJK SC, made once (~40 s) so a brief takes
# under 3 s instead of ~9 s (.cache/, git-ignored; dashboard/brief/fonts.py).
if [ ! -f .cache/NotoSansSC-GB2312-subset.otf ]; then
  echo "== making the investor brief's font subset (once)"
  .venv/bin/python -c "from dashboard.brief import fonts; fonts.make_subset(fonts.find())" \
    || echo "   (not made: the brief will say what is missing)"
fi

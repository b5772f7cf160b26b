#!/usr/bin/env bash
# Set up if needed (venv, Debian chromium, CJK fonts), check style and types, then run the whole
# suite: unit, AppTest and real-browser tests (the browser tests start their own streamlit server).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --dev
echo "== ruff (lint, format) and mypy"
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
exec .venv/bin/python -m pytest "$@"

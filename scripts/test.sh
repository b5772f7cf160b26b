#!/usr/bin/env bash
# Set up if needed (venv, Debian chromium, CJK fonts), then run the whole suite:
# unit, AppTest and real-browser tests (the browser tests start their own streamlit server).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --dev
exec .venv/bin/python -m pytest "$@"

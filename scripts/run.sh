#!/usr/bin/env bash
# Set up if needed, then serve the dashboard on the bundled sample data: http://localhost:8501
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
exec .venv/bin/streamlit run launcher.py "$@"

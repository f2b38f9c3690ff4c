#!/usr/bin/env bash
# Browser check of `samla serve` in headless Chromium with axe-core: see check.py.
# Needs Debian chromium and chromium-driver, PyPI selenium, and a debug build (`swift build`).
# axe-core comes from the PyPI wheel axe-playwright-python==0.1.8 (axe.min.js 4.12), fetched
# with pip into scripts/output/ on first use. Screenshots go to scripts/output/browser-check/.
set -euo pipefail
cd "$(dirname "$0")/../.."

fail() { echo "browser-check: $*" >&2; exit 1; }
command -v chromium >/dev/null || fail "chromium is missing: apt-get install -y chromium chromium-driver"
command -v chromedriver >/dev/null || fail "chromedriver is missing: apt-get install -y chromium-driver"
python3 -c "import selenium" 2>/dev/null || fail "selenium is missing: pip install selenium"
BIN="${SAMLA_BIN:-.build/debug}"
[ -x "$BIN/samla" ] && [ -x "$BIN/serve-fixture" ] || fail "$BIN/samla or $BIN/serve-fixture is missing: run swift build first"

. scripts/lib/axe.sh
fetch_axe || fail "axe.min.js could not be fetched"

rm -rf scripts/output/browser-check
exec python3 scripts/browser-check/check.py --samla "$BIN/samla" --fixture "$BIN/serve-fixture" --axe "$AXE" --out scripts/output/browser-check

#!/usr/bin/env bash
# What a posted page costs in Samla's own code, without HTTP: scripts/bench/submission.sh [CONNECTIONS=64] [POSTS=400]
# Builds release (into .build-release, or uses SAMLA_BIN=DIR), makes a database of 2,000 ESEM
# responses with serve-fixture, and runs submission-bench twice: responses kept between pages
# (the default) and none kept. Set beside serve-wrk.sh, it splits a post's cost between Samla and
# the HTTP stack.
set -euo pipefail
cd "$(dirname "$0")/../.."
CONNECTIONS="${1:-64}"
POSTS="${2:-400}"
if [ -n "${SAMLA_BIN:-}" ]; then
    BIN="$SAMLA_BIN"
else
    SCRATCH="${SAMLA_SCRATCH:-.build-release}"
    swift build -c release --scratch-path "$SCRATCH" --product serve-fixture >/dev/null
    swift build -c release --scratch-path "$SCRATCH" --product submission-bench >/dev/null
    BIN="$SCRATCH/release"
fi
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
"$BIN/serve-fixture" "$WORK/fixture.sqlite" surveys/esem-se.yaml --responses 2000 --lua "$WORK/tokens.lua" >/dev/null
for kept in 4096 0; do
    rm -f "$WORK"/db.sqlite*
    sqlite3 "$WORK/fixture.sqlite" ".backup '$WORK/db.sqlite'"
    "$BIN/submission-bench" "$WORK/db.sqlite" "$WORK/tokens.lua" --kept "$kept" --connections "$CONNECTIONS" --posts "$POSTS"
done

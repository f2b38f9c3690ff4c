#!/usr/bin/env bash
# Memory and time of the admin pages' export downloads: the server's peak resident memory before
# and after downloading a round's exports, for databases of different sizes.
#
#   scripts/bench/serve-download.sh DB [ROUND=esem-se-2025] [FILE…]
#
# FILE is an export of the round page (default: responses.csv responses-long.csv euclid.zip?lang=en);
# naming one twice shows whether memory grows with each download.
# DB is a store made by `samla bench --responses N --db DB` (its rounds are esem-se-2025 and
# esem-se-2027). Uses the release build in .build-release (SAMLA_BIN=DIR to use another) and curl.
# FRAMEWORK=FILE serves with `--framework FILE`, so that euclid.zip is the cleaned package.
set -euo pipefail
cd "$(dirname "$0")/../.."
DB="$1"
ROUND="${2:-esem-se-2025}"
shift $(( $# < 2 ? $# : 2 ))
FILES=("$@")
[ ${#FILES[@]} -gt 0 ] || FILES=(responses.csv responses-long.csv "euclid.zip?lang=en")
BIN="${SAMLA_BIN:-.build-release/release}"
[ -x "$BIN/samla" ] || { echo "serve-download: $BIN/samla is missing: swift build -c release --scratch-path .build-release --product samla" >&2; exit 1; }
WORK="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT

SERVE_ARGS=(--db "$DB" --port 0 --log-level notice)
[ -z "${FRAMEWORK:-}" ] || SERVE_ARGS+=(--framework "$FRAMEWORK")
SAMLA_ADMIN_SECRET=serve-download-bench-secret "$BIN/samla" serve "${SERVE_ARGS[@]}" >"$WORK/serve.out" 2>"$WORK/serve.log" &
SERVER=$!
for _ in $(seq 100); do grep -q "listening on" "$WORK/serve.out" 2>/dev/null && break; sleep 0.1; done
BASE=$(sed -n 's#.*listening on \(http://[^/]*\)/$#\1#p' "$WORK/serve.out")
peak() { awk '/VmHWM/ { printf "%.1f MiB", $2 / 1024 }' "/proc/$SERVER/status"; }

JAR="$WORK/cookies"
CSRF=$(curl -s -c "$JAR" "$BASE/admin/login" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p')
curl -s -b "$JAR" -c "$JAR" -o /dev/null --data-urlencode "csrf=$CSRF" --data-urlencode "secret=serve-download-bench-secret" "$BASE/admin/login"
curl -s -b "$JAR" -o /dev/null "$BASE/admin/rounds/$ROUND"
echo "$(basename "$DB") round $ROUND: server peak memory after sign-in and the round page: $(peak)"
for file in "${FILES[@]}"; do
    curl -s -b "$JAR" -o "$WORK/download" -w "%{http_code} %{size_download} bytes in %{time_total} s" "$BASE/admin/rounds/$ROUND/exports/$file" >"$WORK/result"
    echo "  $file: $(cat "$WORK/result"), server peak memory so far $(peak)"
done
kill -TERM "$SERVER"
wait "$SERVER" || true

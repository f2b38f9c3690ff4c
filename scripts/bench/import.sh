#!/usr/bin/env bash
# Import benchmark (issue 3): a generated ESEM CSV of ROWS responses (default 1,000,000) through
# `samla import` into a fresh database, next to `sqlite3 .import` of the same file into a plain
# table, in one run. Prints rows/s of both, their ratio, and peak memory (/usr/bin/time -v).
#
#   scripts/bench/import.sh                # 1,000,000 rows
#   ROWS=100000 scripts/bench/import.sh
#
# Needs: swift, sqlite3 and GNU time (apt-get install sqlite3 time). Builds with -c release.
set -euo pipefail
cd "$(dirname "$0")/../.."

ROWS="${ROWS:-1000000}"
SEED="${SEED:-1}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/samla-import-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

swift build -c release --product samla >&2
SAMLA="$(swift build -c release --show-bin-path)/samla"

echo "generating $ROWS ESEM responses (seed $SEED)…" >&2
"$SAMLA" generate surveys/esem-se.yaml --rows "$ROWS" --seed "$SEED" --out "$WORK/esem.csv"
BYTES=$(stat -c %s "$WORK/esem.csv")
COLUMNS=$(head -1 "$WORK/esem.csv" | tr ',' '\n' | wc -l)

"$SAMLA" round open surveys/esem-se.yaml --name esem-se-bench --opens 2025-01-01 --closes 2099-12-31 --anonymous \
    --db "$WORK/samla.sqlite" >/dev/null

# Seconds and peak KiB from a /usr/bin/time -v log.
elapsed() { awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$1"; }
cpu() { awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { print u + s }' "$1"; }
peak() { awk -F': ' '/Maximum resident set size/ { print $2 }' "$1"; }

echo "importing with samla import, then with sqlite3 .import…" >&2
/usr/bin/time -v "$SAMLA" import --db "$WORK/samla.sqlite" --round esem-se-bench "$WORK/esem.csv" \
    >"$WORK/import.out" 2>"$WORK/import.time" || { cat "$WORK/import.out" "$WORK/import.time" >&2; exit 1; }
/usr/bin/time -v sqlite3 "$WORK/plain.sqlite" ".import --csv $WORK/esem.csv responses" >/dev/null 2>"$WORK/sqlite.time"

IMPORTED=$(sqlite3 "$WORK/samla.sqlite" "SELECT count(*) FROM responses")
PLAIN=$(sqlite3 "$WORK/plain.sqlite" "SELECT count(*) FROM responses")

tail -1 "$WORK/import.out"
awk -v rows="$ROWS" -v cols="$COLUMNS" -v bytes="$BYTES" -v imported="$IMPORTED" -v plain="$PLAIN" \
    -v ss="$(elapsed "$WORK/import.time")" -v sq="$(elapsed "$WORK/sqlite.time")" \
    -v cs="$(cpu "$WORK/import.time")" -v cq="$(cpu "$WORK/sqlite.time")" \
    -v ms="$(peak "$WORK/import.time")" -v mq="$(peak "$WORK/sqlite.time")" 'BEGIN {
    printf "file:            %d rows x %d columns, %.0f MiB\n", rows, cols, bytes / 1048576
    printf "samla import:    %7.2f s wall, %7.2f s CPU, %8.0f rows/s, peak %6.1f MiB (%d responses stored)\n", ss, cs, imported / ss, ms / 1024, imported
    printf "sqlite3 .import: %7.2f s wall, %7.2f s CPU, %8.0f rows/s, peak %6.1f MiB (%d rows stored)\n", sq, cq, plain / sq, mq / 1024, plain
    printf "ratio:           samla at %.2f x the rows/s of sqlite3 .import (goal >= 0.50); peak memory goal < 200 MiB\n", (imported / ss) / (plain / sq)
    printf "load average:    "; system("cut -d\" \" -f1-3 /proc/loadavg")
}'

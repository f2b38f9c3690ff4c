#!/usr/bin/env bash
# Import benchmark (issue 3): a generated ESEM CSV of ROWS responses (default 1,000,000) through
# `samla import` into a fresh database, next to `sqlite3 .import` of the same file into a plain
# table, one after the other in each of RUNS runs (default 3) on the same file. Prints per run
# wall and CPU time, rows/s and peak memory (/usr/bin/time -v) of both, their ratio and the load
# average, then the median ratio: the machine is shared, so one run says little.
#
#   scripts/bench/import.sh                # 1,000,000 rows, 3 runs
#   ROWS=100000 RUNS=1 scripts/bench/import.sh
#   CSV=/tmp/esem.csv scripts/bench/import.sh   # reuse a file `samla generate` wrote earlier
#   SAMLA=/tmp/samla-main scripts/bench/import.sh  # measure a given binary (another commit's build) without building
#
# Needs: swift, sqlite3 and GNU time (apt-get install sqlite3 time). Builds with -c release in
# SCRATCH (default .build-release, so that it does not wait for a debug build in .build).
set -euo pipefail
cd "$(dirname "$0")/../.."

ROWS="${ROWS:-1000000}"
SEED="${SEED:-1}"
RUNS="${RUNS:-3}"
SCRATCH="${SCRATCH:-.build-release}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/samla-import-bench.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

if [ -z "${SAMLA:-}" ]; then
    swift build -c release --scratch-path "$SCRATCH" --product samla >&2
    SAMLA="$(swift build -c release --scratch-path "$SCRATCH" --show-bin-path)/samla"
fi

if [ -n "${CSV:-}" ]; then
    ln -s "$(realpath "$CSV")" "$WORK/esem.csv"
    ROWS=$(( $(sqlite3 :memory: ".import --csv $WORK/esem.csv t" "SELECT count(*) FROM t") ))
else
    echo "generating $ROWS ESEM responses (seed $SEED)…" >&2
    "$SAMLA" generate surveys/esem-se.yaml --rows "$ROWS" --seed "$SEED" --out "$WORK/esem.csv"
fi
BYTES=$(stat -L -c %s "$WORK/esem.csv")
COLUMNS=$(head -1 "$WORK/esem.csv" | tr ',' '\n' | wc -l)

# Seconds and peak KiB from a /usr/bin/time -v log.
elapsed() { awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$1"; }
cpu() { awk -F': ' '/User time/ { u = $2 } /System time/ { s = $2 } END { print u + s }' "$1"; }
peak() { awk -F': ' '/Maximum resident set size/ { print $2 }' "$1"; }

printf "file:            %d rows x %d columns, %.0f MiB\n" "$ROWS" "$COLUMNS" "$(awk -v b="$BYTES" 'BEGIN { print b / 1048576 }')"
RATIOS=()
for run in $(seq 1 "$RUNS"); do
    rm -f "$WORK"/samla.sqlite* "$WORK"/plain.sqlite*
    "$SAMLA" round open surveys/esem-se.yaml --name esem-se-bench --opens 2025-01-01 --closes 2099-12-31 --anonymous \
        --db "$WORK/samla.sqlite" >/dev/null

    echo "run $run of $RUNS: importing with samla import, then with sqlite3 .import…" >&2
    /usr/bin/time -v "$SAMLA" import --db "$WORK/samla.sqlite" --round esem-se-bench "$WORK/esem.csv" \
        >"$WORK/import.out" 2>"$WORK/import.time" || { cat "$WORK/import.out" "$WORK/import.time" >&2; exit 1; }
    /usr/bin/time -v sqlite3 "$WORK/plain.sqlite" ".import --csv $WORK/esem.csv responses" >/dev/null 2>"$WORK/sqlite.time"

    IMPORTED=$(sqlite3 "$WORK/samla.sqlite" "SELECT count(*) FROM responses")
    PLAIN=$(sqlite3 "$WORK/plain.sqlite" "SELECT count(*) FROM responses")

    tail -1 "$WORK/import.out"
    RATIO=$(awk -v imported="$IMPORTED" -v plain="$PLAIN" -v ss="$(elapsed "$WORK/import.time")" -v sq="$(elapsed "$WORK/sqlite.time")" \
        'BEGIN { printf "%.3f", (imported / ss) / (plain / sq) }')
    RATIOS+=("$RATIO")
    awk -v run="$run" -v imported="$IMPORTED" -v plain="$PLAIN" -v ratio="$RATIO" \
        -v ss="$(elapsed "$WORK/import.time")" -v sq="$(elapsed "$WORK/sqlite.time")" \
        -v cs="$(cpu "$WORK/import.time")" -v cq="$(cpu "$WORK/sqlite.time")" \
        -v ms="$(peak "$WORK/import.time")" -v mq="$(peak "$WORK/sqlite.time")" 'BEGIN {
        printf "run %d samla import:    %7.2f s wall, %7.2f s CPU, %8.0f rows/s, peak %6.1f MiB (%d responses stored)\n", run, ss, cs, imported / ss, ms / 1024, imported
        printf "run %d sqlite3 .import: %7.2f s wall, %7.2f s CPU, %8.0f rows/s, peak %6.1f MiB (%d rows stored)\n", run, sq, cq, plain / sq, mq / 1024, plain
        printf "run %d ratio:           samla at %.2f x the rows/s of sqlite3 .import; load average ", run, ratio
        system("cut -d\" \" -f1-3 /proc/loadavg")
    }'
done
MEDIAN=$(printf "%s\n" "${RATIOS[@]}" | sort -n | awk '{ r[NR] = $1 } END { print (NR % 2 ? r[(NR + 1) / 2] : (r[NR / 2] + r[NR / 2 + 1]) / 2) }')
echo "median ratio:    samla at $MEDIAN x the rows/s of sqlite3 .import over $RUNS runs (goal >= 0.50); peak memory goal < 200 MiB"

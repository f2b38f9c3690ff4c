#!/usr/bin/env bash
# Store benchmark: scripts/bench/store.sh [rows] [long-layout rows]
# Bulk insert of ESEM-shaped responses (90 variables) through the store's raw sqlite3 path and
# through GRDB's statement layer, a scan of 20 columns, `sqlite3 .import` of the same data as CSV,
# and the long layout (one row per answer) for comparison. Each run on a fresh database in WAL mode
# with synchronous=FULL; elapsed time from the harness, peak memory and CPU time from /usr/bin/time -v.
# The harness generates 10,000 distinct responses and inserts them in turn, so that generation
# does not count in the timings.
# Needs: sqlite3, time (apt-get install -y sqlite3 time).
set -euo pipefail
cd "$(dirname "$0")/../.."
rows="${1:-1000000}"
long_rows="${2:-100000}"
work="${TMPDIR:-/tmp}/samla-store-bench"
rm -rf "$work" && mkdir -p "$work"
swift build -c release --product store-bench >/dev/null 2>&1 || swift build -c release --target store-bench
bench="$(swift build -c release --show-bin-path)/store-bench"

# Peak memory, and CPU time, which the load of other processes disturbs less than elapsed time.
peak() {
    grep "Maximum resident set size" "$1" | awk '{ printf "  peak memory %.0f MiB", $6 / 1024 }'
    grep -E "User time|System time" "$1" | awk '{ cpu += $4 } END { printf ", CPU %.2f s\n", cpu }'
}
run() {
    local name="$1"; shift
    /usr/bin/time -v "$@" 2>"$work/$name.time"
    peak "$work/$name.time"
}

echo "== $rows rows, 90 variables"
run bulk "$bench" bulk "$rows" "$work/bulk.sqlite"
ls -l "$work/bulk.sqlite" | awk '{ printf "  database %.0f MiB\n", $5 / 1048576 }'
run grdb "$bench" grdb "$rows" "$work/grdb.sqlite"
run scan "$bench" scan "$rows" "$work/bulk.sqlite"

echo "== sqlite3 .import of the same data as CSV"
"$bench" csv "$rows" "$work/responses.csv"
ls -l "$work/responses.csv" | awk '{ printf "  CSV %.0f MiB\n", $5 / 1048576 }'
start=$(date +%s.%N)
/usr/bin/time -v sqlite3 "$work/import.sqlite" "PRAGMA journal_mode=WAL;" "PRAGMA synchronous=FULL;" ".import --csv $work/responses.csv responses" 2>"$work/import.time" >/dev/null
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" -v n="$rows" 'BEGIN { printf "sqlite3 .import: %d rows in %.2f s = %.0f rows/s\n", n, e - s, n / (e - s) }'
peak "$work/import.time"
start=$(date +%s.%N)
sqlite3 "$work/import.sqlite" "SELECT count(*), sum(single_0), sum(count_0) FROM responses" >/dev/null
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" 'BEGIN { printf "sqlite3 scan of the imported table (count, 2 sums): %.2f s\n", e - s }'

echo "== long layout, $long_rows rows"
run long "$bench" long "$long_rows" "$work/long.sqlite"
ls -l "$work/long.sqlite" | awk '{ printf "  database %.0f MiB\n", $5 / 1048576 }'
rm -rf "$work"

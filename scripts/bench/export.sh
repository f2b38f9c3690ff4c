#!/usr/bin/env bash
# Wide CSV export of one large round: `samla export` next to `sqlite3 -csv` dumping the same rows
# (the round's complete responses joined to their answers), in one run, with rows/s and peak memory.
#   scripts/bench/export.sh [RESPONSES]     (default 1000000 responses in the exported round)
# Generates the round with `samla bench` (SyntheticResponses, every response checked as an import
# checks it), which fills two rounds with half each, so it asks for twice RESPONSES. Set
# EXPORT_BENCH_DB to keep (or reuse) the database. Needs sqlite3 and GNU time (/usr/bin/time).
set -euo pipefail
responses=${1:-1000000}
cd "$(dirname "$0")/../.."
swift build -c release --product samla >/dev/null
samla=$PWD/.build/release/samla
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
db=${EXPORT_BENCH_DB:-$work/bench.sqlite}
round=esem-se-2025

if [ ! -f "$db" ]; then
    echo "generating $((responses * 2)) responses (half in $round) into $db"
    /usr/bin/time -f "generation: %e s, peak %M KiB" "$samla" bench --responses $((responses * 2)) --db "$db"
fi
rows=$(sqlite3 "$db" "SELECT count(*) FROM responses r JOIN rounds o ON o.id = r.round_id WHERE o.name = '$round' AND r.status = 'complete'")
echo "round $round: $rows complete responses"

# Warm the page cache so that neither side pays for the first read.
cat "$db" > /dev/null

# Elapsed time depends on what else the machine runs; CPU time (user + system) much less, so both
# are shown and compared.
measure() {  # name, output files, command...
    local name=$1 out=$2; shift 2
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" > /dev/null
    read -r seconds user system kib < "$work/time"
    local bytes
    bytes=$(du -cb $out | tail -1 | cut -f1)
    awk -v n="$name" -v r="$rows" -v s="$seconds" -v c="$(awk -v u="$user" -v y="$system" 'BEGIN { print u + y }')" -v k="$kib" -v b="$bytes" \
        'BEGIN { printf "%-24s %8d rows  %6.2f s elapsed %9.0f rows/s  %6.2f s CPU %9.0f rows/s  peak %6.1f MiB  %6.1f MB written\n", n, r, s, r / s, c, r / c, k / 1024, b / 1e6 }'
    echo "$seconds $(awk -v u="$user" -v y="$system" 'BEGIN { print u + y }')" > "$work/$name.times"
}

query="SELECT r.id, r.language, r.submitted_at, r.source, r.api_client, a.* FROM responses r JOIN answers_esem_se a ON a.response_id = r.id
       WHERE r.round_id = (SELECT id FROM rounds WHERE name = '$round') AND r.status = 'complete' ORDER BY r.id"
echo "commands:"
echo "  samla export --db DB --round $round --out DIR"
echo "  sqlite3 -csv -header DB \"$(echo $query)\" > FILE"
measure "sqlite3 -csv" "$work/sqlite.csv" sh -c "sqlite3 -csv -header '$db' \"$query\" > '$work/sqlite.csv'"
measure "samla export" "$work/export/*" "$samla" export --db "$db" --round "$round" --out "$work/export"
read -r sqlite_elapsed sqlite_cpu < "$work/sqlite3 -csv.times"
read -r samla_elapsed samla_cpu < "$work/samla export.times"
awk -v se="$sqlite_elapsed" -v sc="$sqlite_cpu" -v xe="$samla_elapsed" -v xc="$samla_cpu" \
    'BEGIN { printf "samla export runs at %.2fx the speed of sqlite3 -csv (elapsed), %.2fx (CPU time)\n", se / xe, sc / xc }'
echo "columns: sqlite3 $(head -1 "$work/sqlite.csv" | tr ',' '\n' | wc -l), samla $(head -1 "$work/export/responses.csv" | tr ',' '\n' | wc -l) (multiple choices spread into 0/1 columns)"

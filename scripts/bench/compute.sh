#!/usr/bin/env bash
# The msi-toc framework over RESPONSES generated ESEM responses (half in esem-se-2025, half in
# esem-se-2027): `samla compute` next to hand-written SQL in the sqlite3 shell (compute.sql, over a
# plain table that `.import` made from the same responses as CSV: the best case for SQL) and
# pandas (compute.py, reading that CSV included), RUNS times each, then a check that the figures
# agree (compute-check.py).
#   scripts/bench/compute.sh [RESPONSES] [RUNS]     (defaults 1000000 and 1)
# The data comes from `samla bench --csv` (generated as CSV, imported as `samla import` does); set
# COMPUTE_BENCH_DIR to keep it (or reuse it on a later run). SAMLA_SCRATCH is the release build's
# scratch path (.build-release by default). Needs sqlite3, python3 with pandas, GNU time.
#
# What is compared: the 12 esem-se indicators of msi-toc with their disaggregations, unweighted:
# for each indicator, round and group, the base n and the estimate (share, mean, ratio, median,
# count or total), after the framework's cleaning rules (test responses, completeness ≥ 0.8,
# duplicates, eligibility). Samla also computes what the others do not (standard errors,
# intervals, suppression, targets, changes between rounds, the other surveys' and reported
# indicators); its time includes all of that and reading the responses from its database.
set -euo pipefail
responses=${1:-1000000}
runs=${2:-1}
cd "$(dirname "$0")/../.."
root=$PWD
scratch=${SAMLA_SCRATCH:-.build-release}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
swift build -c release --product samla --scratch-path "$scratch" > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
samla=$root/$scratch/release/samla
data=${COMPUTE_BENCH_DIR:-$work}
out=$data/results   # the three outputs of the last run
mkdir -p "$data" "$out"
db=$data/bench.sqlite
csv=$data/esem.csv
wide=$data/wide.sqlite

if [ ! -f "$db" ] || [ ! -f "$csv" ]; then
    rm -f "$db" "$csv" "$wide"
    echo "== samla bench --responses $responses --db $db --csv $csv"
    "$samla" bench --responses "$responses" --db "$db" --csv "$csv"
fi
if [ ! -f "$wide" ]; then
    /usr/bin/time -f "%e" -o "$work/import.time" sqlite3 "$wide" ".import --csv $csv responses"
    echo "== sqlite3 .import --csv of $(du -m "$csv" | cut -f1) MB into a plain table: $(cat "$work/import.time") s (not timed below)"
fi
# The choice labels, to read Samla's groups as codes: a data package of a two-response round.
"$samla" bench --responses 2 --db "$work/labels.sqlite" >/dev/null
"$samla" export --db "$work/labels.sqlite" --round esem-se-2025 --out "$work/labels" >/dev/null

echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $(sqlite3 --version | cut -d' ' -f1-2), python $(python3 -c 'import sys, pandas; print(sys.version.split()[0], "pandas", pandas.__version__)')"
# Warm the page cache so that no side pays for the first read from disk.
cat "$db" "$wide" "$csv" > /dev/null

measure() {  # name, output file, command...
    local name=$1 out=$2; shift 2
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" > "$out"
    read -r seconds user system kib < "$work/time"
    local cpu
    cpu=$(awk -v u="$user" -v s="$system" 'BEGIN { print u + s }')
    printf "%-16s %8.2f s elapsed %8.2f s CPU  peak %7.1f MiB\n" "$name" "$seconds" "$cpu" "$(awk -v k="$kib" 'BEGIN { print k / 1024 }')"
    echo "$seconds $cpu" >> "$work/$name.times"
}

echo "== $responses responses; commands:"
echo "  samla compute --db DB --framework frameworks/msi-toc.yaml --format csv"
echo "  sqlite3 WIDE '.read scripts/bench/compute.sql'"
echo "  python3 scripts/bench/compute.py CSV"
for run in $(seq 1 "$runs"); do
    echo "-- run $run (load average $(cut -d' ' -f1-3 /proc/loadavg))"
    measure "samla compute" "$out/samla.csv" "$samla" compute --db "$db" --framework "$root/frameworks/msi-toc.yaml" --format csv
    measure "sqlite3" "$out/sql.csv" sqlite3 "$wide" ".read $root/scripts/bench/compute.sql"
    measure "pandas" "$out/pandas.csv" python3 "$root/scripts/bench/compute.py" "$csv"
done

# Best of the runs, elapsed and CPU.
best() { sort -n -k"$2" "$work/$1.times" | head -1 | cut -d' ' -f"$2"; }
awk -v runs="$runs" -v se="$(best "samla compute" 1)" -v sc="$(best "samla compute" 2)" \
    -v qe="$(best sqlite3 1)" -v qc="$(best sqlite3 2)" -v pe="$(best pandas 1)" -v pc="$(best pandas 2)" 'BEGIN {
    printf "== best of %d: samla compute %.2f s (%.2f s CPU), sqlite3 %.2f s (%.2f s CPU), pandas %.2f s (%.2f s CPU)\n", runs, se, sc, qe, qc, pe, pc
    printf "   samla runs at %.2fx the speed of sqlite3 and %.2fx that of pandas (elapsed); %.2fx and %.2fx (CPU time)\n", qe / se, pe / se, qc / sc, pc / sc }'
python3 "$root/scripts/bench/compute-check.py" "$out/samla.csv" "$out/sql.csv" "$out/pandas.csv" "$work/labels/datapackage.json"

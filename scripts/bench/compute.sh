#!/usr/bin/env bash
# The msi-toc framework over RESPONSES generated ESEM responses (half in esem-se-2025, half in
# esem-se-2027): `samla compute` next to hand-written SQL in the sqlite3 shell (compute.sql, over a
# plain table that `.import` made from the same responses as CSV: the best case for SQL) and
# pandas (compute.py, reading that CSV included), RUNS times each, then a check that the figures
# agree (compute-check.py).
#   scripts/bench/compute.sh [RESPONSES] [RUNS]     (defaults 1000000 and 1)
# The data comes from `samla bench --csv` (generated as CSV, imported as `samla import` does); set
# COMPUTE_BENCH_DIR to keep it (or reuse it on a later run). SAMLA_SCRATCH is the release build's
# scratch path (.build-release by default); SAMLA_BIN=DIR uses DIR/samla as it is, unbuilt (to
# time two builds in turn). Needs sqlite3, python3 with pandas, GNU time.
#
# RAKED=1 times `samla compute` alone, on msi-toc with both ESEM rounds raked to region and
# legal_form (made-up counts, both margins 62,000, in raked_framework below; the eligibility rule
# also leaves out the responses without a legal form, which raking cannot weight). SQL and pandas
# compute no weighted figures, so they are not run then.
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
if [ -n "${SAMLA_BIN:-}" ]; then
    samla=$(cd "$SAMLA_BIN" && pwd)/samla
else
    swift build -c release --product samla --scratch-path "$scratch" > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
    samla=$root/$scratch/release/samla
fi
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

# msi-toc with esem-se-2025 and esem-se-2027 raked to two margins. The counts are made up (no
# register is at hand): each margin adds up to 62,000, and they differ from the generator's shares
# so that raking moves the weights.
raked_framework() {
    local rake='poststratify: {margins: [{variable: region, counts: {AB: 13000, O: 10000, M: 8000, C: 2400, E: 2800, F: 2200, T: 1900, AC: 1800, BD: 1700, W: 1800, X: 1800, Y: 1500, S: 1800, U: 1800, D: 1800, H: 1600, G: 1300, N: 2000, K: 1000, Z: 900, I: 900}}, {variable: legal_form, counts: {ideell_forening: 24000, ekonomisk_forening: 9000, ab: 16000, ab_svb: 1000, stiftelse: 4000, enskild_firma: 5000, handelsbolag: 2000, other: 1000}}], source: {sv: "Påhittade antal", en: "Made-up counts"}}'
    sed -E \
        -e "s/^(  - \{name: esem-se-20(25|27), survey: esem-se, label: .*)\}$/\1, $rake}/" \
        -e "s/^(    eligible: \".*)\"$/\1 and \\\$\{legal_form\} != ''\"/" \
        "$root/frameworks/msi-toc.yaml"
}
if [ -n "${RAKED:-}" ]; then
    framework=$work/msi-toc-raked.yaml
    raked_framework > "$framework"
    grep -q "legal_form} != ''" "$framework" && [ "$(grep -c ', poststratify: {margins' "$framework")" = 2 ] || { echo "msi-toc.yaml changed: raked_framework no longer fits it"; exit 1; }
    echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); $responses responses, both ESEM rounds raked to region and legal_form"
    echo "  $samla compute --db DB --framework $framework --format csv"
    cat "$db" > /dev/null
    for run in $(seq 1 "$runs"); do
        /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$samla" compute --db "$db" --framework "$framework" --format csv > "$out/samla-raked.csv" 2> "$out/samla-raked.notes"
        read -r seconds user system kib < "$work/time"
        printf "run %d (load average %s): %.2f s elapsed, %.2f s CPU, peak %.1f MiB\n" "$run" "$(cut -d' ' -f1-3 /proc/loadavg)" \
            "$seconds" "$(awk -v u="$user" -v s="$system" 'BEGIN { print u + s }')" "$(awk -v k="$kib" 'BEGIN { print k / 1024 }')"
    done
    echo "== $(grep -c ',esem-se-20' "$out/samla-raked.csv") rows of the ESEM rounds in $out/samla-raked.csv"
    exit 0
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

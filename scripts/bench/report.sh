#!/usr/bin/env bash
# Report generation on a large database: `samla report` for both shipped reports over generated
# ESEM responses, with elapsed and CPU time and peak memory.
#   scripts/bench/report.sh [RESPONSES]     (default 1000000 responses in all)
# Generates the database with `samla bench` (SyntheticResponses, every response checked as an
# import checks it), which puts half of RESPONSES in esem-se-2025 and half in esem-se-2027. The
# impact report computes msi-toc over both rounds (and reads the reported values); the topline
# tallies every question of esem-se-2025 after cleaning. Set REPORT_BENCH_DB to keep (or reuse)
# the database. Builds release into .build-release (REPORT_BENCH_SCRATCH to change), apart from
# the debug build. Needs GNU time (/usr/bin/time).
set -euo pipefail
responses=${1:-1000000}
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
scratch=${REPORT_BENCH_SCRATCH:-.build-release}
swift build -c release --product samla --scratch-path "$scratch" > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
samla=$PWD/$scratch/release/samla
db=${REPORT_BENCH_DB:-$work/bench.sqlite}

if [ ! -f "$db" ]; then
    echo "generating $responses responses (half in esem-se-2025, half in esem-se-2027) into $db"
    /usr/bin/time -f "generation: %e s, peak %M KiB" "$samla" bench --responses "$responses" --db "$db" > /dev/null
fi
cat "$db" > /dev/null   # warm the page cache

measure() {  # name, command...
    local name=$1; shift
    /usr/bin/time -f "%e %U %S %M" -o "$work/time" "$@" > /dev/null 2> "$work/stderr" || { cat "$work/stderr"; exit 1; }
    read -r seconds user system kib < "$work/time"
    awk -v n="$name" -v s="$seconds" -v u="$user" -v y="$system" -v k="$kib" \
        'BEGIN { printf "%-40s %7.2f s elapsed %7.2f s CPU  peak %7.1f MiB\n", n, s, u + y, k / 1024 }'
}

echo "commands:"
echo "  samla report reports/msi-impact.yaml --db DB --out FILE"
echo "  samla report reports/esem-se-topline.yaml --db DB --out FILE"
measure "msi-impact ($responses responses)" "$samla" report reports/msi-impact.yaml --db "$db" --out "$work/msi-impact.html"
measure "esem-se-topline ($((responses / 2)) in its round)" "$samla" report reports/esem-se-topline.yaml --db "$db" --out "$work/esem-se-topline.html"
measure "samla compute msi-toc (for comparison)" "$samla" compute --db "$db" --framework frameworks/msi-toc.yaml --round esem-se-2025 --round esem-se-2027
ls -l "$work"/*.html | awk '{ printf "  %s: %.0f KB\n", $NF, $5 / 1024 }'

#!/usr/bin/env bash
# Re-runs the published figures in R, as a researcher outside MSI would (docs/statistics.md,
# "Reproducing the figures in R"): makes `samla demo`, exports each round with data as MSI shares
# it (`samla export --framework`, no personal data), and holds every figure of each results.csv
# against R's survey package (reproduce-in-r.R). Then the same for the ESEM rounds weighted three
# ways, from frameworks/msi-toc.yaml with a weighting added to each ESEM round: post-stratified by
# stage; raked to stage and size class; calibrated to stage's counts and the FTE total (linear in
# 2025; in 2027 raking within bounds, where every figure is more than 20 times the responses' and
# R first rescales the weights), each with a count and an FTE total that follow the weighting and a
# share with a weight and strata of its own (left out of the calibration: its weights are no
# response's count of units, so the calibration's bounds could not reach the figures).
# The population figures are made up for the check. Exits 1 on any figure R does not reproduce.
#   scripts/stats/reproduce-in-r.sh [SAMLA]    (default .build/debug/samla; run from anywhere)
# Needs Debian's r-base-core r-cran-survey r-cran-jsonlite r-cran-mass (survey's calibrate with bounds
# calls MASS::ginv).
set -euo pipefail
fail() { echo "reproduce-in-r: $*" >&2; exit 1; }
command -v Rscript >/dev/null || fail "Rscript is missing: apt-get install -y r-base-core r-cran-survey r-cran-jsonlite r-cran-mass"
Rscript -e 'library(survey); library(jsonlite); library(MASS)' >/dev/null 2>&1 \
    || fail "R's survey, jsonlite or MASS is missing: apt-get install -y r-cran-survey r-cran-jsonlite r-cran-mass"
cd "$(dirname "$0")/../.."
samla=${1:-.build/debug/samla}
[ -x "$samla" ] || fail "$samla is missing: run swift build first"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$samla" demo --folder "$work/demo" > "$work/demo.log" 2>&1 || { cat "$work/demo.log"; fail "samla demo failed"; }
db="$work/demo/samla.sqlite"

# export FRAMEWORK NAME ROUND...: each round as a researcher receives it, into $work/NAME/ROUND.
export_rounds() {
    local framework=$1 name=$2
    shift 2
    for round in "$@"; do
        "$samla" export --db "$db" --round "$round" --out "$work/$name/$round" --framework "$framework" > "$work/export.log" 2>&1 \
            || { cat "$work/export.log"; fail "samla export --round $round --framework $framework failed"; }
    done
}

# weighted NAME WEIGHTING-2025 WEIGHTING-2027 [LINE]: msi-toc.yaml with the ESEM rounds weighted so, and
# three indicators more: two that follow the weighting (a count by stage and size, the FTE total)
# and a share whose base design has a weight and strata of its own (`year_founded`, `stage`: any
# positive number serves the check), with LINE added to it.
weighted() {
    local name=$1 file="$work/$1.yaml"
    awk -v w2025="$2" -v w2027="$3" -v own="${4:-}" '
        /^  - \{name: esem-se-2025,/ { print "  - name: esem-se-2025\n    survey: esem-se\n    label: {sv: \"ESEM 2025\", en: \"ESEM 2025\"}\n" w2025; next }
        /^  - \{name: esem-se-2027,/ { print "  - name: esem-se-2027\n    survey: esem-se\n    label: {sv: \"ESEM 2027\", en: \"ESEM 2027\"}\n" w2027; next }
        { print }
        END {
            print "  - id: esem_population\n    node: esem_monitor\n    kind: count\n    survey: esem-se"
            print "    title: {sv: \"Sociala företag\", en: \"Social enterprises\"}\n    unit: organisations\n    disaggregate: [stage, size_class]"
            print "  - id: fte_total\n    node: se_sector\n    kind: total\n    survey: esem-se"
            print "    title: {sv: \"Heltidstjänster\", en: \"Full-time equivalents\"}\n    value: \"${fte}\"\n    unit: FTE\n    disaggregate: [stage]"
            print "  - id: imm_share_by_priority\n    node: impact_practice\n    kind: proportion\n    survey: esem-se\n    numerator: \"${imm_status} = '"'"'yes'"'"'\""
            print "    title: {sv: \"Mäter nyttan, vägt\", en: \"Measure impact, weighted\"}\n    weight: year_founded\n    strata: stage\n    unit: percent\n    disaggregate: [size_class]"
            if (own != "") print own
        }' frameworks/msi-toc.yaml > "$file"
    "$samla" validate "$file" surveys/esem-se.yaml > "$work/validate.log" 2>&1 || { cat "$work/validate.log"; fail "$file is refused"; }
    export_rounds "$file" "$name" esem-se-2025 esem-se-2027
    echo "ESEM rounds $name:"
    Rscript scripts/stats/reproduce-in-r.R "$work/$name/esem-se-2025" "$work/$name/esem-se-2027"
}

echo "samla demo, frameworks/msi-toc.yaml (unweighted):"
export_rounds frameworks/msi-toc.yaml msi-toc forum-2025 esem-se-2025 esem-se-2027
Rscript scripts/stats/reproduce-in-r.R "$work/msi-toc/forum-2025" "$work/msi-toc/esem-se-2025" "$work/msi-toc/esem-se-2027"

weighted post-stratified \
    "    poststratify: {variable: stage, counts: {idea: 300, startup: 900, growth: 1500, established: 2100}}" \
    "    poststratify: {variable: stage, counts: {idea: 320, startup: 950, growth: 1600, established: 2130}}"
weighted raked \
    "    poststratify: {margins: [{variable: stage, counts: {idea: 300, startup: 900, growth: 1500, established: 2100}}, {variable: size_class, counts: {micro: 3700, small: 800, medium: 240, large: 60}}]}" \
    "    poststratify: {margins: [{variable: stage, counts: {idea: 320, startup: 950, growth: 1600, established: 2130}}, {variable: size_class, counts: {micro: 3800, small: 850, medium: 280, large: 70}}]}"
weighted calibrated \
    "    calibrate: {counts: {stage: {idea: 300, startup: 900, growth: 1500, established: 2100}}, totals: {fte: 150000}}" \
    "    calibrate: {counts: {stage: {idea: 300, startup: 1500, growth: 2500, established: 2200}}, totals: {fte: 410000}, method: raking, bounds: [0.3, 3]}" \
    "    poststratify: false"

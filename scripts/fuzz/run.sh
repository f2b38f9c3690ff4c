#!/usr/bin/env bash
# Coverage-guided fuzzing (libFuzzer, from the Swift toolchain) of what reads outside input:
#
#   scripts/fuzz/run.sh [SECONDS=120] [TARGET...]
#
# Targets: expressions (any text as an expression, checked, compiled and evaluated), csv (any
# bytes as a CSV file), requests (form and JSON API bodies of samla serve), definitions (any text
# as a survey, and as a framework over the shipped surveys and the tests' shop survey), answers
# (any cells as a response to a shipped survey, checked as complete), compute (any text as a
# framework over the shop survey of the aggregation tests, computed over a fixed store of web, API
# and imported responses: cleaning, post-stratification, raking, calibration, breakdowns and
# estimates), reports
# (any text as a report definition rendered to HTML over a fixed store of the shop, club and
# shipped surveys' rounds, its framework one of those written to scripts/output/fuzz/reports/
# frameworks/: the shipped ones, the report tests' club framework and weighted variants). Each
# runs SECONDS from seeds taken from the repository (surveys, frameworks, reports, test fixtures),
# with scripts/fuzz/TARGET.dict as libFuzzer's dictionary where there is one. A crash, a hang
# (10 s) or running out of memory fails the script, which prints the input that did it, saved
# under scripts/output/fuzz/TARGET/. The corpus grows there from run to run. Builds with
# SAMLA_FUZZ=1 into .build-fuzz (apart from .build).
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_EACH="${1:-120}"
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(expressions csv requests definitions answers compute reports)
OUT=scripts/output/fuzz

# Frameworks over the shop survey of the aggregation tests using every round, cleaning and
# indicator key: post-stratified (by a choice and by a calculated text), raked, calibrated (to a
# population's size, counts and numeric totals, some extreme, some over answers left empty), speed
# rules, samla.source breakdowns, indicators out of the weighting, rounds the responses refuse, and
# definitions refused as they load (`-invalid`, which the reports target leaves out).
shop_frameworks() {
    python3 - "$1" Tests/AggregationTests/Fixtures/shop-toc.yaml <<'PY'
import sys, pathlib
out, toc = pathlib.Path(sys.argv[1]), open(sys.argv[2], encoding="utf-8").read()
r2024 = '  - {name: shop-2024, survey: shop, label: {sv: "2024", en: "2024"}}'
r2025 = '  - {name: shop-2025, survey: shop, label: {sv: "2025", en: "2025"}}'
source = ', source: {sv: "Registret", en: "The register"}'
def round_with(line, poststratify, key="poststratify"):
    return line[:-1] + ", " + key + ": " + poststratify + "}"
def calibrated(line, calibrate):
    return round_with(line, calibrate, "calibrate")
region = "{variable: region, counts: {north: 600, south: 400}" + source + "}"
area = "{variable: area, counts: {north-m: 100, north-x: 300, south-m: 250, south-x: 350}}"
raked = "{margins: [{variable: region, counts: {north: 600, south: 400}}, {variable: area, counts: {north-m: 100, north-x: 500, south-m: 150, south-x: 250}}]" + source + "}"
extra = ("  - {id: customers, node: happy_customers, kind: count, survey: shop, title: {sv: \"Kunder\", en: \"Customers\"}, universe: \"${consent} = 'yes'\"}\n"
         "  - {id: spend_total, node: happy_customers, kind: total, survey: shop, title: {sv: \"Summa\", en: \"Sum\"}, value: \"${spend}\", disaggregate: [area, samla.source]}\n"
         "  - {id: spend_median, node: happy_customers, kind: median, survey: shop, title: {sv: \"Median\", en: \"Median\"}, value: \"${spend}\", weight: weight}\n"
         "  - {id: per_score, node: happy_customers, kind: ratio, survey: shop, title: {sv: \"Kvot\", en: \"Ratio\"}, value: \"${spend}\", denominator: \"${score}\", poststratify: false}\n"
         "  - id: courses\n")
rich = toc.replace("  - id: courses\n", extra).replace("disaggregate: [region, member]", "disaggregate: [region, member, samla.source]")
eligible = "eligible: \"${consent} = 'yes'\""
eligible_region = "eligible: \"${consent} = 'yes' and ${region} != ''\""
eligible_area = "eligible: \"${consent} = 'yes' and ${area} != ''\""
eligible_spend = "eligible: \"${consent} = 'yes' and ${region} != '' and ${spend} != ''\""
eligible_numbers = "eligible: \"${consent} = 'yes' and ${area} != '' and ${spend} != '' and ${score} != ''\""
eligible_weighted = "eligible: \"${consent} = 'yes' and ${score} != '' and ${weight} != ''\""
calibrate_region_spend = "{counts: {region: {north: 600, south: 400}}, totals: {spend: 12000}" + source + "}"
calibrate_population = "{population: 1000, totals: {score: 2500, weight: 1e12}}"
calibrate_area = "{population: 1000, counts: {area: {north-m: 100, north-x: 300, south-m: 250, south-x: 350}}, totals: {spend: 9000, score: 2500}}"
calibrate_extreme = "{counts: {region: {north: 1e12, south: 1}}, totals: {spend: 1.7976931348623157e308, score: -1e308}}"
calibrate_zero = "{population: 1e-300, totals: {spend: 0, score: -1}}"
calibrate_raking = "{counts: {region: {north: 600, south: 400}}, totals: {spend: 12000}, method: raking}"
calibrate_logit = "{population: 1000, totals: {score: 2500}, method: logit, bounds: [0.5, 2]}"
calibrate_bounded_narrow = "{counts: {region: {north: 600, south: 400}}, totals: {spend: 1e9}, bounds: [0.999999, 1.000001]}"
speed = "    min_minutes: 3\n    duplicate_key: [name]\n"
variants = {
    "shop-toc": toc,
    "rich": rich,
    "speed": rich.replace("    duplicate_key: [name]\n", speed),
    "speed-partial": rich.replace("    duplicate_key: [name]\n", "    min_minutes: 0.5\n").replace("min_completeness: 0.5", "min_completeness: 0.1"),
    "poststratified": rich.replace(r2024, round_with(r2024, region)).replace(eligible, eligible_region),
    "poststratified-area": rich.replace(r2025, round_with(r2025, area)).replace("    duplicate_key: [name]\n", speed).replace(eligible, eligible_area),
    "poststratified-refused": rich.replace(r2024, round_with(r2024, region)),
    "raked": rich.replace(r2024, round_with(r2024, raked)).replace(r2025, round_with(r2025, raked)).replace(eligible, eligible_area),
    "raked-refused": rich.replace(r2024, round_with(r2024, raked)),
    "calibrated": rich.replace(r2024, calibrated(r2024, calibrate_region_spend)).replace(eligible, eligible_spend),
    "calibrated-population": rich.replace(r2025, calibrated(r2025, calibrate_population)).replace(eligible, eligible_weighted),
    "calibrated-population-empty": rich.replace(r2025, calibrated(r2025, calibrate_population)).replace(eligible, eligible_numbers),
    "calibrated-area": rich.replace(r2024, calibrated(r2024, calibrate_area)).replace(r2025, calibrated(r2025, calibrate_region_spend)).replace(eligible, eligible_numbers),
    "calibrated-extreme": rich.replace(r2024, calibrated(r2024, calibrate_extreme)).replace(r2025, calibrated(r2025, calibrate_zero)).replace(eligible, eligible_numbers),
    "calibrated-empty": rich.replace(r2024, calibrated(r2024, calibrate_region_spend)),
    "calibrated-raking-logit": rich.replace(r2024, calibrated(r2024, calibrate_raking)).replace(r2025, calibrated(r2025, calibrate_logit)).replace(eligible, eligible_numbers),
    "calibrated-bounded-narrow": rich.replace(r2024, calibrated(r2024, calibrate_bounded_narrow)).replace(eligible, eligible_spend),
    "calibrated-and-poststratified-invalid": rich.replace(r2024, round_with(calibrated(r2024, calibrate_population), region)).replace(eligible, eligible_numbers),
    "calibrated-false": rich.replace(r2024, calibrated(r2024, calibrate_region_spend)).replace("    weight: weight\n", "    weight: weight\n    poststratify: false\n").replace(eligible, eligible_spend),
    "poststratify-false": rich.replace(r2024, round_with(r2024, region)).replace("    weight: weight\n", "    weight: weight\n    poststratify: false\n").replace(eligible, eligible_region),
}
for name, text in variants.items():
    (out / name).write_text(text, encoding="utf-8")
PY
}

seed() {
    local target="$1" corpus="$OUT/$1/corpus"
    mkdir -p "$corpus"
    case "$target" in
        expressions)
            python3 - "$corpus" surveys/*.yaml frameworks/*.yaml <<'PY'
import re, sys, hashlib, pathlib
out = pathlib.Path(sys.argv[1])
for path in sys.argv[2:]:
    for match in re.finditer(r'(?:relevant|constraint|calculation|choice_filter|numerator|universe|value|denominator|eligible|test): "((?:[^"\\]|\\.)*)"', open(path, encoding="utf-8").read()):
        text = match.group(1).encode()
        (out / hashlib.sha1(text).hexdigest()).write_bytes(text)
PY
            ;;
        csv) cp Tests/CSVTests/Fixtures/*.csv Tests/IntakeTests/Fixtures/*.csv "$corpus/" ;;
        requests)
            printf 'csrf=abc&page=p1&org_name=Hej+d%%C3%%A5&sdg=3&sdg=8&action=next' > "$corpus/form"
            printf '%%zz=1&=&&a=%%C3&b' > "$corpus/form-odd"
            printf '{"founded": 2016, "sdg": ["3", "8"], "n\\u0061me": "x", "a\\"b": {"c": [1, 2.5e3, null, true]}}' > "$corpus/json"
            printf '{"a":1,"a":2}' > "$corpus/json-twice"
            ;;
        definitions)
            find surveys frameworks reports Tests -name '*.yaml' -exec cp {} "$corpus/" \;
            shop_frameworks "$corpus"
            ;;
        compute) shop_frameworks "$corpus" ;;
        reports)
            # The target reads its frameworks from beside the report it takes the input to be.
            local frameworks="$OUT/reports/frameworks"
            rm -rf "$frameworks" && mkdir -p "$frameworks"
            cp frameworks/*.yaml Tests/ReportsTests/Fixtures/club-toc.yaml "$frameworks/"
            shop_frameworks "$frameworks"
            for file in "$frameworks"/*; do [[ "$file" == *.yaml ]] || mv "$file" "$file.yaml"; done
            python3 - "$frameworks" "$corpus" reports/*.yaml Tests/ReportsTests/Fixtures/*report*.yaml Tests/ReportsTests/Fixtures/missing-framework.yaml <<'PY'
import sys, re, pathlib
frameworks, corpus, reports = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), sys.argv[3:]
club = (frameworks / "club-toc.yaml").read_text(encoding="utf-8")
c2024 = '  - {name: club-2024, survey: club, label: {sv: "Klubb 2024", en: "Club 2024"}}'
c2025 = '  - {name: club-2025, survey: club, label: {sv: "Klubb 2025", en: "Club 2025"}}'
register = ', source: {sv: "Förbundets register", en: "The federation register"}'
def weighted(line, poststratify):
    return line[:-1] + ", poststratify: {" + poststratify + register + "}}"
sizes = "variable: size, counts: {small: 120, large: 60, tiny: 20}"
raked = "margins: [{variable: member, counts: {\"yes\": 150, \"no\": 50}}, {" + sizes + "}]"
# Responses without a size cannot be weighted by it: the weighted variants leave them out.
club = club.replace("    test: \"${remark} = 'TEST'\"\n", "    test: \"${remark} = 'TEST'\"\n    eligible: \"${size} != ''\"\n")
variants = {
    "club-weighted": club.replace(c2024, weighted(c2024, sizes)).replace("disaggregate: [size]", "disaggregate: [size, samla.source]"),
    "club-raked": club.replace(c2025, weighted(c2025, raked)).replace("    value: \"${score}\"\n", "    value: \"${score}\"\n    weight: score\n"),
    "club-unweighted": club.replace(c2025, weighted(c2025, sizes)).replace("    unit: points\n", "    unit: points\n    poststratify: false\n"),
}
for name, text in variants.items():
    (frameworks / f"{name}.yaml").write_text(text, encoding="utf-8")
for path in reports:
    text = re.sub(r"framework: \.\./frameworks/", "framework: ", open(path, encoding="utf-8").read())
    (corpus / pathlib.Path(path).name).write_text(text, encoding="utf-8")
# Every key of the report format, over each club and shop framework.
def every_key(framework, rounds, only, topline):
    return (f"id: all-{framework}\n"
            f"title: {{sv: \"Allt om {framework} <b>&</b>\", en: \"All of {framework}\"}}\n"
            f"population: {{sv: \"alla\", en: \"everyone\"}}\n"
            f"language: en\n"
            f"framework: {framework}.yaml\n"
            f"rounds: [{', '.join(rounds)}]\n"
            f"output: output/all-{framework}.html\n"
            f"sections:\n  - summary\n  - theory_of_change\n"
            f"  - {{type: indicators, only: [{only}], breakdowns: false}}\n  - indicators\n  - methods\n"
            f"  - {{type: topline, round: {topline}, open_answers: 3}}\n  - type: topline\n    round: {topline}\n    open_answers: 0\n")
for name in ["club-toc"] + list(variants):  # club-toc.yaml as the report tests have it, without `eligible`
    (corpus / f"all-{name}.yaml").write_text(every_key(name, ["club-2024", "club-2025", "year-2025"], "happy, meetings", "club-2025"), encoding="utf-8")
for path in sorted(frameworks.glob("*.yaml")):
    if path.stem not in ("msi-toc", "samverkansforum", "club-toc") and not path.stem.startswith("club-") and not path.stem.endswith("-invalid"):
        (corpus / f"all-{path.stem}.yaml").write_text(every_key(path.stem, ["shop-2024", "shop-2025", "year-2025"], "satisfied, courses", "shop-2024"), encoding="utf-8")
PY
            ;;
        answers)
            python3 - "$corpus" Tests/IntakeTests/Fixtures/valid.csv Tests/IntakeTests/Fixtures/bad-cells.csv <<'PY'
import csv, sys, pathlib
out = pathlib.Path(sys.argv[1])
for n, path in enumerate(sys.argv[2:]):
    for i, row in enumerate(list(csv.reader(open(path, encoding="utf-8-sig")))[1:]):
        (out / f"{n}-{i}").write_bytes(bytes([i % 3]) + "\x1f".join(row).encode())
PY
            ;;
    esac
}

failed=()
for target in "${TARGETS[@]}"; do
    [ -d "scripts/fuzz/$target" ] || { echo "fuzz: no target $target" >&2; exit 2; }
    mkdir -p "$OUT/$target"
    if ! SAMLA_FUZZ=1 swift build --sanitize=fuzzer --scratch-path .build-fuzz --product "fuzz-$target" >"$OUT/$target/build.log" 2>&1; then
        grep -E "error" "$OUT/$target/build.log" >&2 || tail -20 "$OUT/$target/build.log" >&2
        echo "fuzz: fuzz-$target did not build (the log: $OUT/$target/build.log)" >&2
        exit 1
    fi
    grep -E "warning: .*scripts/fuzz" "$OUT/$target/build.log" || true
    seed "$target"
    dictionary=()
    [ -f "scripts/fuzz/$target.dict" ] && dictionary=(-dict="scripts/fuzz/$target.dict")
    echo "fuzz-$target: ${SECONDS_EACH} s"
    # Swift's own backtracer would take the crash before libFuzzer saves the input.
    if ! SWIFT_BACKTRACE=enable=no ".build-fuzz/debug/fuzz-$target" "$OUT/$target/corpus" "${dictionary[@]}" \
        -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=4096 -max_len=65536 -print_final_stats=1 \
        -artifact_prefix="$OUT/$target/" > "$OUT/$target/log" 2>&1; then
        failed+=("$target")
        grep -E "Fatal error|ERROR: libFuzzer|SUMMARY|Test unit written" "$OUT/$target/log" >&2 || tail -20 "$OUT/$target/log" >&2
    fi
    grep -E "^stat::number_of_executed_units|^Done" "$OUT/$target/log" || true
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz: failed: ${failed[*]} (inputs and logs under $OUT)" >&2
    exit 1
fi
echo "fuzz: no crash, hang or memory blow-up in ${TARGETS[*]}"

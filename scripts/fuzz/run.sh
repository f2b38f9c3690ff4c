#!/usr/bin/env bash
# Coverage-guided fuzzing (libFuzzer, from the Swift toolchain) of what reads outside input:
#
#   scripts/fuzz/run.sh [SECONDS=120] [TARGET...]
#
# Targets: expressions (any text as an expression, checked, compiled and evaluated), csv (any
# bytes as a CSV file), requests (form and JSON API bodies of samla serve), definitions (any text
# as a survey and as a framework), answers (any cells as a response to a shipped survey, checked
# as complete). Each runs SECONDS from seeds taken from the repository (surveys, frameworks,
# reports, test fixtures). A crash, a hang (10 s) or running out of memory fails the script,
# which prints the input that did it, saved under scripts/output/fuzz/TARGET/. The corpus grows
# there from run to run. Builds with SAMLA_FUZZ=1 into .build-fuzz (apart from .build).
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_EACH="${1:-120}"
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(expressions csv requests definitions answers)
OUT=scripts/output/fuzz

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
    SAMLA_FUZZ=1 swift build --sanitize=fuzzer --scratch-path .build-fuzz --product "fuzz-$target" 2>&1 | grep -E "error|warning: .*scripts/fuzz" || true
    seed "$target"
    echo "fuzz-$target: ${SECONDS_EACH} s"
    # Swift's own backtracer would take the crash before libFuzzer saves the input.
    if ! SWIFT_BACKTRACE=enable=no ".build-fuzz/debug/fuzz-$target" "$OUT/$target/corpus" \
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

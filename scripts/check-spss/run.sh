#!/usr/bin/env bash
# Holds the SPSS syntax file of Samla's exports against GNU PSPP and pyreadstat: `samla demo` makes
# its database, each export below runs its responses.sps with `pspp` to write responses.sav, and
# check.py reads the .sav with pyreadstat and compares every variable's name, label, type, level and
# value labels, the case count and every cell with the export's codebook.csv and data file.
#   scripts/check-spss/run.sh [SAMLA]    (default .build/debug/samla; run from anywhere)
# Needs: apt-get install -y --no-install-recommends pspp; python3 -m pip install pyreadstat
set -euo pipefail
cd "$(dirname "$0")/../.."
samla=${1:-.build/debug/samla}
command -v pspp >/dev/null || { echo "FAILED: pspp is not installed (apt-get install pspp)"; exit 1; }
python3 -c "import pyreadstat" || { echo "FAILED: pyreadstat is not installed (python3 -m pip install pyreadstat)"; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0

"$samla" demo --folder "$work/demo" >/dev/null 2>"$work/demo.err"
db="$work/demo/samla.sqlite"

check() {
    local name=$1; shift
    # Warnings (W601 for a partner package) are expected; a refusal stops the script.
    "$samla" export --db "$db" --out "$work/$name" "$@" >/dev/null 2>"$work/$name.err" || { cat "$work/$name.err"; exit 1; }
    python3 scripts/check-spss/check.py "$work/$name" || failed=$((failed + 1))
}

# Every round of the demo, as the standard export writes it.
rounds=$("$samla" round list --db "$db" --format json | python3 -c "import json, sys; print(' '.join(r['name'] for r in json.load(sys.stdin)['rounds']))")
[ -n "$rounds" ] || { echo "FAILED: the demo's database lists no round"; exit 1; }
for round in $rounds; do
    check "codes-$round" --round "$round" --include-partial
done
check euclid --round esem-se-2025 --profile euclid --framework frameworks/msi-toc.yaml
check euclid-free-text --round esem-se-2025 --profile euclid --include-free-text
check english --round esem-se-2025 --lang en --include-pii
check excel-sv --round esem-se-2025 --delimiter ";" --decimal-comma

# Names, labels and texts SPSS needs handled (fixtures/edge.yaml): renamed names, cut labels,
# line breaks read from responses-spss.csv, apostrophes of spreadsheet safety removed.
"$samla" round open scripts/check-spss/fixtures/edge.yaml --name spss-edge-2025 --opens 2025-01-01 --closes 2025-12-31 --anonymous --db "$work/edge.sqlite" >/dev/null
"$samla" import --round spss-edge-2025 --db "$work/edge.sqlite" scripts/check-spss/fixtures/edge-responses.csv >/dev/null
db="$work/edge.sqlite"
check edge --round spss-edge-2025
[ -f "$work/edge/responses-spss.csv" ] || { echo "FAILED: edge: no responses-spss.csv for texts with line breaks"; failed=$((failed + 1)); }
check edge-en-excel --round spss-edge-2025 --lang en --delimiter ";" --decimal-comma

# A definition mended while the round collects: the export adds each response's definition_version.
sed 's/^version: .*/version: "2025.9-mended"/' scripts/check-spss/fixtures/edge.yaml > "$work/edge-mended.yaml"
"$samla" round open "$work/edge-mended.yaml" --name spss-edge-2025 --db "$work/edge.sqlite" >/dev/null
python3 - scripts/check-spss/fixtures/edge-responses.csv "$work/edge-more.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
csv.writer(open(sys.argv[2], "w", encoding="utf-8", newline="")).writerows(rows[:3])
PY
"$samla" import --round spss-edge-2025 --db "$work/edge.sqlite" "$work/edge-more.csv" >/dev/null
check edge-mended --round spss-edge-2025
head -n 1 "$work/edge-mended/responses.csv" | grep -q definition_version || { echo "FAILED: edge-mended: no definition_version column"; failed=$((failed + 1)); }

# The check must be able to fail: a copy whose .sps reads one variable as a number.
cp -r "$work/english" "$work/broken"
python3 - "$work/broken/responses.sps" <<'PY'
import re, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
text = re.sub(r"^(    \S+) A\d+$", r"\1 F40.0", text, count=2, flags=re.M)
open(path, "w", encoding="utf-8").write(text)
PY
rm -f "$work/broken/responses.sav"
if python3 scripts/check-spss/check.py "$work/broken" > "$work/broken.out"; then
    echo "FAILED: check.py accepted a syntax file that reads a text as a number"
    failed=$((failed + 1))
else
    echo "ok: check.py refuses a syntax file that reads a text as a number"
fi

if [ "$failed" -gt 0 ]; then
    echo "check-spss: $failed export(s) FAILED"
    exit 1
fi
echo "check-spss: every export's responses.sav matches its codebook and data file"

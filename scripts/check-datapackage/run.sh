#!/usr/bin/env bash
# Holds Samla's exports against an independent checker: `frictionless validate` (PyPI frictionless 5)
# must accept every kind of package `samla export` writes, and must refuse packages broken on purpose
# (a value outside its categories, text in an integer column), so that a green run means something.
#   scripts/check-datapackage/run.sh [SAMLA]    (default .build/debug/samla; run from anywhere)
# Needs: python3 -m pip install 'frictionless>=5,<6'
set -euo pipefail
cd "$(dirname "$0")/../.."
samla=${1:-.build/debug/samla}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

pass() { passed=$((passed + 1)); echo "ok: $1"; }
fail() { failed=$((failed + 1)); echo "FAILED: $1"; }

# Generated ESEM responses (checked as an import checks them) in rounds esem-se-2025 and esem-se-2027.
"$samla" bench --responses 800 --db "$work/db.sqlite" >/dev/null

export_and_validate() {
    local name=$1; shift
    "$samla" export --db "$work/db.sqlite" --out "$work/$name" "$@" >/dev/null
    if frictionless validate --json "$work/$name/datapackage.json" > "$work/$name.report.json"; then
        pass "$name: frictionless validate accepts the package"
    else
        fail "$name: frictionless validate refused the package (report: $(head -c 2000 "$work/$name.report.json"))"
    fi
}

export_and_validate codes --round esem-se-2025
export_and_validate labels-en-long --round esem-se-2025 --labels --lang en --format long
export_and_validate pii-labels --round esem-se-2027 --include-pii --labels
export_and_validate euclid-cleaned --round esem-se-2025 --profile euclid --framework frameworks/msi-toc.yaml
export_and_validate euclid-long --round esem-se-2025 --profile euclid --format long
export_and_validate excel-sv --round esem-se-2025 --delimiter ";" --decimal-comma --framework frameworks/msi-toc.yaml

# A next year's round on a changed definition (docs/rounds.md, "The next year's round": the choice
# "No opinion" added to pol_support): its codebook marks the changed column, in a partner package
# too, and the package stays valid. Its round before is esem-se-2027: bench opens both its rounds on
# 2025-01-01, and of two opened the same day the later opened in the database is the later.
sed -e 's/^version: "2025.1"/version: "2026.1"/' \
    -e 's/^    - {value: 5, label: {sv: "Mycket högt", en: "Very high"}}$/&\n    - {value: 9, label: {sv: "Ingen uppfattning", en: "No opinion"}}/' \
    surveys/esem-se.yaml > "$work/esem-se-2026.yaml"
"$samla" round open "$work/esem-se-2026.yaml" --name esem-se-2026 --opens 2026-10-01 --closes 2027-01-31 --db "$work/db.sqlite" >/dev/null
"$samla" generate "$work/esem-se-2026.yaml" --rows 40 --seed 26 --out "$work/esem-2026.csv" >/dev/null
"$samla" import --round esem-se-2026 "$work/esem-2026.csv" --db "$work/db.sqlite" >/dev/null 2>&1
export_and_validate next-year --round esem-se-2026
export_and_validate next-year-euclid --round esem-se-2026 --profile euclid --lang en
if grep -q '^pol_support,.*,esem-se-2027,changed,nya svarsalternativ: 9' "$work/next-year/codebook.csv" \
    && grep -q '^ESEM_POLSUPPORT,.*,esem-se-2027,changed,choices added: 9' "$work/next-year-euclid/codebook.csv"; then
    pass "next-year: the codebooks mark pol_support changed since esem-se-2027"
else
    fail "next-year: the codebooks do not mark pol_support changed since esem-se-2027"
fi

# Break a copy of a valid package: in FILE of package SOURCE, replace data row ROW's value of COLUMN
# by VALUE (the file keeps its BOM, CRLF and the delimiter its package declares), and expect
# frictionless to refuse it with ERROR.
cat > "$work/edit.py" <<'PY'
import csv, json, os, sys
path, column, value, row = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
package = json.load(open(os.path.join(os.path.dirname(path), "datapackage.json")))
resource = next(r for r in package["resources"] if r["path"] == os.path.basename(path))
delimiter = resource["dialect"]["delimiter"]
with open(path, newline="", encoding="utf-8-sig") as f:
    rows = list(csv.reader(f, delimiter=delimiter))
rows[row][rows[0].index(column)] = value
with open(path, "w", newline="", encoding="utf-8-sig") as f:
    csv.writer(f, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
PY
break_and_expect() {
    local name=$1 error=$2 source=$3 file=$4 column=$5 value=$6 row=${7:-1}
    cp -r "$work/$source" "$work/$name"
    python3 "$work/edit.py" "$work/$name/$file" "$column" "$value" "$row"
    if frictionless validate --json "$work/$name/datapackage.json" > "$work/$name.report.json"; then
        fail "$name: frictionless validate accepted a broken package"
    elif python3 -c "
import json, sys
report = json.load(open(sys.argv[1]))
types = {e['type'] for t in report['tasks'] for e in t['errors']}
sys.exit(0 if sys.argv[2] in types else 1)" "$work/$name.report.json" "$error"; then
        pass "$name: frictionless validate refuses it with $error"
    else
        fail "$name: refused, but without $error"
    fi
}

break_and_expect outside-categories constraint-error codes responses.csv legal_form gmbh
break_and_expect text-in-integer type-error codes responses.csv year_founded nineteen-ninety
# How a response was collected is one of web, import and api, in a partner package too.
break_and_expect source-not-a-mode constraint-error euclid-cleaned responses.csv source paper
# A partner package writes founding years in the definition's bands (export_bands): an exact year
# is outside them.
break_and_expect year-not-a-band constraint-error euclid-cleaned responses.csv ESEM_FOUNDED 1987
# A package with decimal commas declares them: a decimal point there is not a number.
break_and_expect point-in-decimal-comma type-error excel-sv responses.csv fte 2.5
# Why a result has no interval is one of Samla's codes.
break_and_expect unknown-interval-note constraint-error euclid-cleaned results.csv interval_note made-up
# The codebook's second row describes `language`, which every response of the long file has.
break_and_expect variable-not-in-codebook foreign-key euclid-long codebook.csv column ESEM_UNKNOWN 2
# The disclosure table of a partner package names columns of the codebook, and counts are not negative.
break_and_expect disclosure-column-not-in-codebook foreign-key euclid-cleaned disclosure.csv column ESEM_UNKNOWN
break_and_expect disclosure-negative-count constraint-error euclid-cleaned disclosure.csv suppressed -1
# A codebook row is new or changed since the round before, or neither.
break_and_expect change-not-a-code constraint-error next-year codebook.csv change renamed

echo "check-datapackage: $passed passed, $failed failed"
[ "$failed" -eq 0 ]

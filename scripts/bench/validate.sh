#!/usr/bin/env bash
# Time of `samla validate` (read, parse, check) on the shipped surveys and on a generated large
# survey, with the release binary. Uses hyperfine when installed (apt-get install hyperfine), else time.
#   scripts/bench/validate.sh [PAGES]     (default 300 pages of 13 questions, about 0.9 MB)
set -euo pipefail
pages=${1:-300}
cd "$(dirname "$0")/../.."
swift build -c release --product samla >/dev/null
samla=$PWD/.build/release/samla
work=${VALIDATE_BENCH_DIR:-$(mktemp -d)}
[ -n "${VALIDATE_BENCH_DIR:-}" ] || trap 'rm -rf "$work"' EXIT

# Every page: a count that later pages and questions depend on, then twelve questions of mixed
# types with labels, hints, relevance, constraints, choice filters and calculations.
python3 - "$pages" > "$work/large.yaml" <<'PY'
import random, sys
random.seed(1)
pages = int(sys.argv[1])
out = ['id: large-survey', 'version: "1"', 'title: {sv: "Stor enkät", en: "Large survey"}', 'languages: [sv, en]', 'choices:']
for l in range(50):
    out.append(f'  list{l}:')
    for c in range(8):
        out.append(f'    - {{value: c{c}, group: g{c % 3}, label: {{sv: "Val {c} i lista {l}", en: "Choice {c} of list {l}"}}}}')
out.append('pages:')
n = 0
for p in range(pages):
    out += [f'  - id: page{p}', f'    title: {{sv: "Sida {p}", en: "Page {p}"}}']
    if p > 0:
        out.append(f'    relevant: "${{n{p - 1}}} >= 0"')
    out += ['    questions:', f'      - name: n{p}', '        type: integer',
            f'        label: {{sv: "Antal {p}", en: "Number {p}"}}', '        constraint: ". >= 0 and . <= 100000"',
            '        constraint_message: {sv: "Mellan 0 och 100000", en: "Between 0 and 100000"}']
    for k in range(12):
        n += 1
        t = random.choice(['text', 'select_one', 'select_multiple', 'decimal', 'boolean', 'date', 'calculate'])
        out += [f'      - name: q{n}', f'        type: {t}']
        if t != 'calculate':
            out += [f'        label: {{sv: "Fråga {n} på sidan {p}", en: "Question {n} on page {p}"}}',
                    f'        hint: {{sv: "Ledtext {n}", en: "Hint {n}"}}', f'        relevant: "${{n{p}}} > {k}"']
        if t in ('select_one', 'select_multiple'):
            out.append(f'        choices: list{n % 50}')
            if t == 'select_one':
                out.append(f'        choice_filter: "group = \'g{k % 3}\'"')
        if t == 'decimal':
            out += ['        constraint: ". >= 0"', '        unit: SEK']
        if t == 'calculate':
            out.append(f'        calculation: "${{n{p}}} * 2 + {k}"')
print('\n'.join(out))
PY
"$samla" validate "$work/large.yaml" >/dev/null
echo "generated: $(du -k "$work/large.yaml" | cut -f1) KiB, $(grep -c '      - name:' "$work/large.yaml") questions"

files=()
for survey in surveys/*.yaml; do [ -e "$survey" ] && files+=("$survey"); done
files+=("$work/large.yaml")
if command -v hyperfine >/dev/null; then
    commands=()
    for file in "${files[@]}"; do commands+=("$samla validate $file"); done
    hyperfine -N --warmup 3 --runs 30 "$samla --version" "${commands[@]}"
else
    for file in "${files[@]}"; do echo "$file"; time "$samla" validate "$file" >/dev/null; done
fi

#!/usr/bin/env bash
# Evaluation speed of the expression language: builds Expressions in release mode, links a small
# harness against it and prints nanoseconds per evaluation.
# Usage: scripts/bench/expressions.sh [ROWS [EXPRESSION...]] (variables a b c d t x, see ExpressionsBench.swift)
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build -c release --target Expressions >/dev/null
release=.build/release
out=${BENCH_OUT:-$(mktemp -d)}
[ -n "${BENCH_OUT:-}" ] || trap 'rm -rf "$out"' EXIT
swiftc -O -I "$release/Modules" scripts/bench/ExpressionsBench.swift \
    "$release"/Expressions.build/*.o "$release"/Diagnostics.build/*.o -o "$out/expressions-bench"
"$out/expressions-bench" "${1:-1000000}" "${@:2}"

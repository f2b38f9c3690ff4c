#!/usr/bin/env bash
# Times the Estimators module on generated data: scripts/bench/estimators.sh [observations]
# Compiles the module's sources with the benchmark's main.swift (optimised), then runs it.
set -euo pipefail
cd "$(dirname "$0")/../.."
out="${TMPDIR:-/tmp}/samla-estimators-bench"
swiftc -O -module-name EstimatorsBench -o "$out" \
    Sources/Analysis/Estimators/*.swift Sources/Analysis/Estimators/*/*.swift scripts/bench/estimators/main.swift
"$out" "${1:-1000000}"

#!/usr/bin/env bash
# Throughput and peak memory of the CSV module against sqlite3 and wc on one generated file.
#   scripts/bench/csv.sh [ROWS]        (default 1000000 rows x 90 columns, about 310 MB)
# Builds a throwaway harness (release) in $CSV_BENCH_DIR (default /tmp/samla-csv-bench) that links
# Sources/Common/CSV as its own module, as callers do. Needs sqlite3 and GNU time (/usr/bin/time).
set -euo pipefail
rows=${1:-1000000}
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=${CSV_BENCH_DIR:-/tmp/samla-csv-bench}
mkdir -p "$work/Sources/bench"
ln -sfn "$repo/Sources/Common/CSV" "$work/Sources/CSV"
cat > "$work/Package.swift" <<'EOF'
// swift-tools-version:6.1
import PackageDescription
let package = Package(name: "csvbench", targets: [
    .target(name: "CSV"),
    .executableTarget(name: "bench", dependencies: ["CSV"]),
])
EOF
cat > "$work/Sources/bench/main.swift" <<'EOF'
import CSV
import Foundation

let arguments = CommandLine.arguments
let mode = arguments[1]
let path = arguments[2]
switch mode {
case "write-ints", "write-strings":
    // An id, then 89 answers: empty cells, short texts (some quoted), small codes.
    let rows = Int(arguments[3])!
    let codes = (0..<150).map(String.init)
    let texts = ["ja", "nej", "vet ej", "Göteborg", "Malmö, Skåne", "\"citat\""]
    let asInts = mode == "write-ints"
    let writer = try CSVWriter(path: path)
    try writer.writeRecord((0..<90).map { "q\($0)" })
    for row in 0..<rows {
        try writer.write(row)
        for column in 1..<90 {
            switch column % 10 {
            case 1: try writer.write("")
            case 2: try writer.write(text: texts[(row &+ column) % texts.count])
            default:
                let code = (row &* 31 &+ column &* 17) % 150
                if asInts { try writer.write(code) } else { try writer.write(codes[code]) }
            }
        }
        try writer.endRecord()
    }
    try writer.close()
case "read-bytes":
    // Every field's bytes seen, no String made.
    let reader = try CSVReader(path: path)
    _ = try reader.readHeader()
    var rows = 0, bytes = 0
    while let record = try reader.next() {
        rows += 1
        for index in 0..<record.count { bytes &+= record.byteCount(at: index) }
    }
    print("\(rows) rows, \(bytes) field bytes")
case "read-integers":
    // What an importer does with numeric columns: empty test, then an integer parsed from the bytes.
    let reader = try CSVReader(path: path)
    _ = try reader.readHeader()
    var rows = 0, sum = 0, empty = 0, text = 0
    while let record = try reader.next() {
        rows += 1
        for index in 0..<record.count {
            if record.isEmpty(at: index) { empty += 1; continue }
            let value: Int? = record.withUnsafeBytes(at: index) { bytes in
                var value = 0
                for byte in bytes {
                    guard byte &- 48 < 10 else { return nil }
                    value = value &* 10 &+ Int(byte &- 48)
                }
                return value
            }
            if let value { sum &+= value } else { text += 1 }
        }
    }
    print("\(rows) rows, \(empty) empty, \(text) text, sum \(sum)")
case "read-strings":
    let reader = try CSVReader(path: path)
    _ = try reader.readHeader()
    var rows = 0, bytes = 0
    while let record = try reader.next() {
        rows += 1
        for index in 0..<record.count { bytes &+= record.string(at: index).utf8.count }
    }
    print("\(rows) rows, \(bytes) bytes as strings")
default:
    fatalError("unknown mode \(mode)")
}
EOF
(cd "$work" && swift build -c release 2>&1 | tail -1)
bench="$work/.build/release/bench"
csv="$work/responses.csv"
db="$work/responses.sqlite"
rm -f "$db"

measure() {  # name, command...
    local name=$1; shift
    /usr/bin/time -f "%e %M" -o "$work/time" "$@" > "$work/out" 2>&1 || { cat "$work/out"; exit 1; }
    read -r seconds kib < "$work/time"
    printf '%-44s %8.2f s %9.1f MiB peak\n' "$name" "$seconds" "$(echo "$kib / 1024" | bc -l)"
}

echo "rows: $rows x 90 columns"
measure "CSVWriter, integers (write(Int))" "$bench" write-ints "$csv" "$rows"
measure "CSVWriter, strings (write(String))" "$bench" write-strings "$csv" "$rows"
echo "file: $(du -m "$csv" | cut -f1) MiB, $(wc -l < "$csv") lines"
measure "wc -l" wc -l "$csv"
measure "sqlite3 :memory: .import --csv" sqlite3 :memory: ".import --csv $csv t"
measure "CSVReader, bytes only" "$bench" read-bytes "$csv"
measure "CSVReader, empty test + integer parse" "$bench" read-integers "$csv"
measure "CSVReader, every field as String" "$bench" read-strings "$csv"
sqlite3 "$db" ".import --csv $csv t"
measure "sqlite3 -csv export (to a file)" sh -c "sqlite3 -csv -header '$db' 'select * from t' > '$work/export.csv'"
rm -f "$db" "$work/export.csv"

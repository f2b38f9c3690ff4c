import Foundation
@testable import CSV

/// Test helpers: reading whole inputs, fixtures, a seeded generator and an independent reference parser.
enum Support {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func fixture(_ name: String) -> String {
        fixtures.appendingPathComponent(name).path
    }

    /// Every record of `reader` as strings.
    static func records(of reader: CSVReader) throws(CSVReadError) -> [[String]] {
        var records: [[String]] = []
        while let record = try reader.next() { records.append(record.strings) }
        return records
    }

    static func records(_ text: String, bufferSize: Int = 256 * 1024) throws(CSVReadError) -> [[String]] {
        try records(of: CSVReader(string: text, options: .init(bufferSize: bufferSize)))
    }

    static func records(bytes: [UInt8], bufferSize: Int = 256 * 1024) throws(CSVReadError) -> [[String]] {
        try records(of: CSVReader(bytes: bytes, options: .init(bufferSize: bufferSize)))
    }

    /// The error reading `text` stops at, or nil when it reads to the end.
    static func error(_ text: String, bufferSize: Int = 256 * 1024) -> CSVReadError? {
        error(bytes: Array(text.utf8), bufferSize: bufferSize)
    }

    static func error(bytes: [UInt8], bufferSize: Int = 256 * 1024) -> CSVReadError? {
        do {
            _ = try records(bytes: bytes, bufferSize: bufferSize)
            return nil
        } catch {
            return error
        }
    }

    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("csvtests-\(UUID().uuidString)-\(name)").path
    }
}

/// SplitMix64: the same sequence on every run and platform.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A deliberately simple RFC 4180 parser over whole strings, written from the grammar and sharing no
/// code with the reader: the oracle for the buffer-boundary tests. Returns nil where the input is not
/// valid CSV (the reader's errors are checked separately).
enum ReferenceParser {
    static func parse(_ text: String) -> [[String]]? {
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var index = 0
        guard !scalars.isEmpty else { return [] }
        while true {
            // A field starts here.
            if index < scalars.count && scalars[index] == "\"" {
                index += 1
                while true {
                    guard index < scalars.count else { return nil }
                    if scalars[index] == "\"" {
                        if index + 1 < scalars.count && scalars[index + 1] == "\"" {
                            field.unicodeScalars.append("\"")
                            index += 2
                        } else {
                            index += 1
                            break
                        }
                    } else {
                        field.unicodeScalars.append(scalars[index])
                        index += 1
                    }
                }
            } else {
                while index < scalars.count && !",\r\n".unicodeScalars.contains(scalars[index]) {
                    if scalars[index] == "\"" { return nil }
                    field.unicodeScalars.append(scalars[index])
                    index += 1
                }
            }
            record.append(field)
            field = ""
            if index == scalars.count {
                records.append(record)
                return records
            }
            switch scalars[index] {
            case ",":
                index += 1
            case "\r":
                guard index + 1 < scalars.count, scalars[index + 1] == "\n" else { return nil }
                index += 2
                records.append(record)
                record = []
                if index == scalars.count { return records }
            case "\n":
                index += 1
                records.append(record)
                record = []
                if index == scalars.count { return records }
            default:
                return nil
            }
        }
    }
}

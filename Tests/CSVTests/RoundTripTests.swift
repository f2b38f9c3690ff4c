import Testing
@testable import CSV

/// Random fields from a seeded generator: delimiters, quotes, CR, LF, spaces, Swedish letters, emoji.
enum RandomFields {
    static let pieces = [
        "a", "b", "xyz", "0", "-5", "3.14", " ", "  ", ",", ";", "\"", "\"\"", "\r", "\n", "\r\n", "\t",
        "å", "ä", "ö", "Å", "Ö", "é", "😀", "👩‍👩‍👧", "🇸🇪", "=SUM(A1)", "@x", "+1", "'", "日本",
    ]

    static func field(using generator: inout SeededGenerator) -> String {
        let length = Int.random(in: 0...6, using: &generator)
        return (0..<length).map { _ in pieces.randomElement(using: &generator)! }.joined()
    }

    static func records(using generator: inout SeededGenerator) -> [[String]] {
        let columns = Int.random(in: 1...6, using: &generator)
        return (0..<Int.random(in: 0...8, using: &generator)).map { _ in
            (0..<columns).map { _ in field(using: &generator) }
        }
    }
}

@Suite struct RoundTripTests {
    @Test(arguments: [CSVWriter.Options.LineEnding.crlf, .lf], [",", ";", "\t"] as [Unicode.Scalar])
    func randomFieldsComeBackUnchanged(lineEnding: CSVWriter.Options.LineEnding, delimiter: Unicode.Scalar) throws {
        var generator = SeededGenerator(seed: 20_260_415)
        for _ in 0..<300 {
            let records = RandomFields.records(using: &generator)
            let writeBuffer = Int.random(in: 1...32, using: &generator)
            let bytes = try CSVWriter.bytes(options: .init(delimiter: delimiter, lineEnding: lineEnding, bufferSize: writeBuffer)) { writer in
                for record in records { try writer.writeRecord(record) }
            }
            let readBuffer = Int.random(in: 1...32, using: &generator)
            let reader = CSVReader(bytes: bytes, options: .init(delimiter: delimiter, bufferSize: readBuffer))
            // A record of no fields cannot be told from a blank line in CSV; every generated record has one or more.
            #expect(try Support.records(of: reader) == records)
        }
    }

    @Test func bytesFromTheReaderCanBeWrittenAgain() throws {
        let input = "id,text\r\n1,\"a,\"\"b\"\"\nc\"\r\n2,=x\r\n"
        let reader = CSVReader(string: input)
        let output = try CSVWriter.string { writer in
            while let record = try reader.next() {
                for index in 0..<record.count {
                    try record.withUnsafeBytes(at: index) { bytes throws(CSVWriteError) in try writer.write(utf8: bytes) }
                }
                try writer.endRecord()
            }
        }
        #expect(output == input)
    }

    @Test func aLargeDocumentThroughAFile() throws {
        var generator = SeededGenerator(seed: 7)
        let path = Support.temporaryPath("large.csv")
        defer { try? FileManager.default.removeItem(atPath: path) }
        var expected: [[String]] = []
        let writer = try CSVWriter(path: path, options: .init(bufferSize: 1000))
        for row in 0..<5000 {
            let record = [String(row)] + (0..<5).map { _ in RandomFields.field(using: &generator) }
            expected.append(record)
            try writer.writeRecord(record)
        }
        try writer.close()
        #expect(try Support.records(of: CSVReader(path: path, options: .init(bufferSize: 777))) == expected)
    }
}

import Foundation

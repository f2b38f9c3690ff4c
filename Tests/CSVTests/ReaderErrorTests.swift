import Foundation
import Testing
@testable import CSV

@Suite struct ReaderErrorTests {
    /// The error's kind and 1-based line, column and field.
    private func failure(_ text: String, bufferSize: Int = 256 * 1024) -> (CSVReadError.Kind, Int, Int, Int)? {
        guard let error = Support.error(text, bufferSize: bufferSize), let position = error.position else { return nil }
        return (error.kind, position.line, position.column, position.fieldNumber)
    }

    @Test func unterminatedQuotedFieldPointsAtTheOpeningQuote() throws {
        let found = try #require(failure("id,text\n1,ok\n2,\"never\nclosed,\n"))
        #expect(found.0 == .unterminatedQuotedField)
        #expect((found.1, found.2, found.3) == (3, 3, 2))
    }

    @Test func quoteInsideAnUnquotedField() throws {
        let found = try #require(failure("a,b\nx,ab\"c\n"))
        #expect(found.0 == .quoteInUnquotedField)
        #expect((found.1, found.2, found.3) == (2, 5, 2))
        // A space before the opening quote makes the field unquoted.
        let spaced = try #require(failure("a, \"b\"\n"))
        #expect(spaced.0 == .quoteInUnquotedField)
        #expect((spaced.1, spaced.2, spaced.3) == (1, 4, 2))
    }

    @Test func characterAfterClosingQuote() throws {
        let found = try #require(failure("a,b\n\"x\"y,z\n"))
        #expect(found.0 == .characterAfterClosingQuote("y", openedAt: CSVPosition(line: 2, column: 1, fieldNumber: 1, byteOffset: 4)))
        #expect((found.1, found.2, found.3) == (2, 4, 1))
        let spaced = try #require(failure("\"x\" ,z\n"))
        #expect(spaced.0 == .characterAfterClosingQuote(" ", openedAt: CSVPosition(line: 1, column: 1, fieldNumber: 1, byteOffset: 0)))
        #expect((spaced.1, spaced.2) == (1, 4))
    }

    /// A quote left open (`"oj,` for `oj`) is closed by the opening quote of a later field, which a
    /// letter follows: the error shows that letter, not its first byte, and where the quote was opened.
    @Test(arguments: [1, 2, 3, 64])
    func aQuoteLeftOpenIsNamedWhereTheNextQuoteSeemsToCloseIt(bufferSize: Int) throws {
        let error = try #require(Support.error("a,b,c\n1,\"oj,2,\"Öppet\"\n", bufferSize: bufferSize))
        #expect(error.kind == .characterAfterClosingQuote("Ö", openedAt: CSVPosition(line: 2, column: 3, fieldNumber: 2, byteOffset: 8)))
        #expect(error.position == CSVPosition(line: 2, column: 10, fieldNumber: 2, byteOffset: 15))
        #expect(error.message.hasPrefix("'Ö' after the closing quote of the quoted field that starts at line 2, column 3;"))
    }

    @Test func bytesAfterAClosingQuoteThatAreNoUTF8AreNamedAsSuch() {
        for bufferSize in [1, 2, 64] {
            #expect(Support.error(bytes: Array("a,\"x\"".utf8) + [0xC3], bufferSize: bufferSize)?.kind == .invalidUTF8(0xC3))
            #expect(Support.error(bytes: Array("a,\"x\"".utf8) + [0xF6, 0x0A], bufferSize: bufferSize)?.kind == .invalidUTF8(0xF6))
        }
    }

    @Test func columnsCountCharactersAfterQuotedLineBreaks() throws {
        // Line 3 is "åäö" x"; the stray x is its 6th character.
        let found = try #require(failure("h1,h2\n1,\"first\nåäö\" x\n"))
        #expect(found.0 == .characterAfterClosingQuote(" ", openedAt: CSVPosition(line: 2, column: 3, fieldNumber: 2, byteOffset: 8)))
        #expect((found.1, found.2, found.3) == (3, 5, 2))
    }

    @Test func loneCarriageReturn() throws {
        let found = try #require(failure("a,b\rc,d\r"))
        #expect(found.0 == .loneCarriageReturn)
        #expect((found.1, found.2, found.3) == (1, 4, 2))
        let atEnd = try #require(failure("a,b\r\nc,d\r"))
        #expect(atEnd.0 == .loneCarriageReturn)
        #expect((atEnd.1, atEnd.2) == (2, 4))
        let afterQuote = try #require(failure("\"a\"\rb"))
        #expect(afterQuote.0 == .loneCarriageReturn)
    }

    @Test func invalidUTF8NamesTheByte() throws {
        let error = try #require(Support.error(bytes: Array("a,b\nok,G".utf8) + [0xF6] + Array("teborg\n".utf8)))
        #expect(error.kind == .invalidUTF8(0xF6))
        #expect(error.position == CSVPosition(line: 2, column: 5, fieldNumber: 2, byteOffset: 8))
        #expect(error.description.hasPrefix("line 2, column 5: byte 0xF6 (ö in Windows-1252) is not valid UTF-8"))
        // Excel's dash in a Windows-1252 file is named too; a byte Windows-1252 leaves undefined is not.
        let dash = try #require(Support.error(bytes: Array("a,b\n1".utf8) + [0x96] + Array("3,x\n".utf8)))
        #expect(dash.description.hasPrefix("line 2, column 2: byte 0x96 (– in Windows-1252) is not valid UTF-8"), "\(dash.description)")
        let undefined = try #require(Support.error(bytes: Array("a,b\n1".utf8) + [0x81] + Array("3,x\n".utf8)))
        #expect(undefined.description.hasPrefix("line 2, column 2: byte 0x81 is not valid UTF-8"), "\(undefined.description)")
    }

    @Test func invalidUTF8Forms() {
        let cases: [(bytes: [UInt8], bad: UInt8)] = [
            ([0x80], 0x80),  // continuation byte alone
            ([0xC0, 0xAF], 0xC0),  // overlong
            ([0xE0, 0x80, 0x80], 0xE0),  // overlong three bytes
            ([0xED, 0xA0, 0x80], 0xED),  // surrogate
            ([0xF4, 0x90, 0x80, 0x80], 0xF4),  // above U+10FFFF
            ([0xF5, 0x80, 0x80, 0x80], 0xF5),
            ([0xC3], 0xC3),  // cut off at the end of the input
            ([0xE2, 0x82], 0xE2),
            ([0xC3, 0x41], 0xC3),  // cut off by an ASCII byte
        ]
        for (bytes, bad) in cases {
            for quoted in [false, true] {
                let input = Array("x,".utf8) + (quoted ? [0x22] : []) + bytes + (quoted ? [0x22] : [])
                for bufferSize in [1, 2, 3, 64] {
                    let error = Support.error(bytes: input, bufferSize: bufferSize)
                    #expect(error?.kind == .invalidUTF8(bad), "\(bytes) quoted: \(quoted) buffer \(bufferSize)")
                    #expect(error?.position?.column == (quoted ? 4 : 3))
                    #expect(error?.position?.byteOffset == (quoted ? 3 : 2))
                }
            }
        }
    }

    /// A UTF-16 file, as Excel saves "Unicode Text", with or without its byte order mark: read as
    /// UTF-8 its header was names with NULs between the letters, or "byte 0xFF … probably Windows-1252".
    @Test(arguments: [String.Encoding.utf16LittleEndian, .utf16BigEndian])
    func utf16IsNamedAsSuch(encoding: String.Encoding) throws {
        let text = try #require("språk,år\nsv,2025\n".data(using: encoding))
        let byteOrderMark: [UInt8] = encoding == .utf16LittleEndian ? [0xFF, 0xFE] : [0xFE, 0xFF]
        for bytes in [Array(text), byteOrderMark + Array(text)] {
            let error = try #require(Support.error(bytes: bytes, bufferSize: 1))
            #expect(error.kind == .utf16, "\(bytes.prefix(4))")
            #expect(error.position == CSVPosition(line: 1, column: 1, fieldNumber: 1, byteOffset: 0))
            #expect(error.message == "the file is UTF-16 text (as Excel saves \"Unicode Text\"), not UTF-8: save it as \"CSV UTF-8\"")
        }
    }

    /// A workbook, an old Excel file or a PDF saved under a .csv name is named for what it is, at its
    /// start, instead of as text in another encoding at its first byte that is not UTF-8.
    @Test func spreadsheetsAndDocumentsAreNamedAsSuch() throws {
        let cases: [(fixture: String, format: BinaryFormat, says: String)] = [
            ("workbook.xlsx", .zip, "the file is an Excel workbook (.xlsx)"),
            ("workbook.xls", .compoundFile, "the file is an Excel 97–2003 workbook (.xls)"),
            ("document.pdf", .pdf, "the file is a PDF document, not CSV text"),
        ]
        for (fixture, format, says) in cases {
            for bufferSize in [1, 5, 64] {
                let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: Support.fixture(fixture))))
                let error = try #require(Support.error(bytes: bytes, bufferSize: bufferSize))
                #expect(error.kind == .binary(format), "\(fixture)")
                #expect(error.position == CSVPosition(line: 1, column: 1, fieldNumber: 1, byteOffset: 0))
                #expect(error.message.hasPrefix(says))
            }
        }
        // Text that begins as a signature does is text.
        #expect(try Support.records(bytes: Array("PK,%PDF\n1,2\n".utf8)) == [["PK", "%PDF"], ["1", "2"]])
    }

    @Test func aNulAfterTheFirstCharactersIsNoUTF16() throws {
        #expect(try Support.records(bytes: Array("ab,c\n\"x\u{0}y\",d\n".utf8), bufferSize: 1) == [["ab", "c"], ["x\u{0}y", "d"]])
    }

    @Test func latin1FixtureIsRefusedWithItsPlace() throws {
        do {
            _ = try Support.records(of: CSVReader(path: Support.fixture("windows-1252.csv")))
            Issue.record("a Windows-1252 file was read as UTF-8")
        } catch {
            #expect(error.kind == .invalidUTF8(0xF6))
            #expect(error.position?.line == 2)
            #expect(error.position?.column == 7)
            #expect(error.message.contains("CSV UTF-8"))
        }
    }

    @Test func theFirstErrorStopsTheReader() throws {
        let reader = CSVReader(string: "ok\nx\"y\nfine\n")
        #expect(try reader.next()?.strings == ["ok"])
        let first = #expect(throws: CSVReadError.self) { try reader.next() }
        let again = #expect(throws: CSVReadError.self) { try reader.next() }
        #expect(first == again)
    }

    @Test func errorsBeforeTheFirstOneAreFoundInOrder() throws {
        // Bad UTF-8 comes before the stray quote on the same line.
        let error = try #require(Support.error(bytes: Array("a".utf8) + [0xFF] + Array("b\"c\n".utf8)))
        #expect(error.kind == .invalidUTF8(0xFF))
    }

    @Test func recordTooLarge() throws {
        let options = CSVReader.Options(bufferSize: 4, maximumRecordSize: 10)
        #expect(try Support.records(of: CSVReader(string: "012345678\nab\n", options: options)) == [["012345678"], ["ab"]])
        #expect(try Support.records(of: CSVReader(string: "01234567\r\n", options: options)) == [["01234567"]])
        #expect(Support.error("0123456789\n") == nil)
        let atLineEnd = CSVReader(string: "012345678\r\n", options: .init(bufferSize: 64, maximumRecordSize: 10))
        #expect(throws: CSVReadError.self) { try atLineEnd.next() }
        let long = #expect(throws: CSVReadError.self) {
            try Support.records(of: CSVReader(string: "ok\n01234,56789x\n", options: options))
        }
        #expect(long?.kind == .recordTooLarge(limit: 10, inQuotedField: false))
        #expect(long?.message.hasPrefix("the row that starts here is longer than 10 bytes, the most a row may hold: shorten the long value") == true)
        #expect(long?.position?.line == 2)
        let unclosed = #expect(throws: CSVReadError.self) {
            try Support.records(of: CSVReader(string: "a,\"bc\ndef\nghi\njkl\n", options: options))
        }
        #expect(unclosed?.kind == .recordTooLarge(limit: 10, inQuotedField: true))
        #expect(unclosed?.message.hasPrefix("the quoted field that starts here runs past 10 bytes, the most a row may hold: its closing quote is probably missing") == true)
        #expect(CSVReadError(.recordTooLarge(limit: 16 << 20, inQuotedField: true), at: nil).message.contains("runs past 16 MiB,"))
        #expect(unclosed?.position?.line == 1)
        #expect(unclosed?.position?.column == 3)
    }

    @Test func missingFile() {
        let error = #expect(throws: CSVReadError.self) { try CSVReader(path: "/nonexistent/responses.csv") }
        #expect(error?.position == nil)
        #expect(error?.description == "cannot open /nonexistent/responses.csv: No such file or directory")
    }

    @Test func aFolderIsRefusedAsSuchWhenOpened() {
        let error = #expect(throws: CSVReadError.self) { try CSVReader(path: "/tmp") }
        #expect(error?.description == "cannot open /tmp: it is a folder, not a file; give the path of the CSV file in it")
    }

    @Test func messagesSayWhatToDo() {
        #expect(Support.error("a\"b")?.description
            == "line 1, column 2: a quote (\") inside a field that does not start with a quote; enclose the whole field in quotes and write the inner quote twice (\"\")")
        #expect(Support.error("\"a\"b")?.message.hasPrefix("'b' after the closing quote") == true)
        #expect(Support.error("\"a\"\u{1}")?.message.hasPrefix("the character U+0001 after the closing quote") == true)
        #expect(Support.error("\"a")?.message.hasPrefix("a quoted field starts here but has no closing quote") == true)
        #expect(Support.error("a\rb")?.message.contains("LF or CRLF") == true)
    }
}

import Foundation
import Testing
@testable import CSV

@Suite struct ReaderTests {
    @Test func plainRecordsWithLFAndCRLF() throws {
        #expect(try Support.records("a,b,c\n1,2,3\n") == [["a", "b", "c"], ["1", "2", "3"]])
        #expect(try Support.records("a,b,c\r\n1,2,3\r\n") == [["a", "b", "c"], ["1", "2", "3"]])
        #expect(try Support.records("a,b\r\n1,2\n3,4\r\n") == [["a", "b"], ["1", "2"], ["3", "4"]])
    }

    @Test func lastRecordWithoutLineEnd() throws {
        #expect(try Support.records("a,b\n1,2") == [["a", "b"], ["1", "2"]])
        #expect(try Support.records("a,b\r\n\"1\",\"2\"") == [["a", "b"], ["1", "2"]])
    }

    @Test func emptyFieldsAndEmptyLastField() throws {
        #expect(try Support.records("a,,c\n,,\n") == [["a", "", "c"], ["", "", ""]])
        #expect(try Support.records("a,b,\n1,2,") == [["a", "b", ""], ["1", "2", ""]])
        #expect(try Support.records("a,\"\",c\n") == [["a", "", "c"]])
    }

    @Test func quotedFieldsHoldDelimitersQuotesAndLineBreaks() throws {
        let text = "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\",\"cr\r\nlf\"\n"
        #expect(try Support.records(text) == [["a,b", "say \"hi\"", "two\nlines", "cr\r\nlf"]])
        #expect(try Support.records("\"\"\"\"\n") == [["\""]])
        #expect(try Support.records("\"\"\"\",\"\"\"\"\"\"\"\"\n") == [["\"", "\"\"\""]])
    }

    @Test func quotedLoneCarriageReturnIsData() throws {
        #expect(try Support.records("\"a\rb\",c\n") == [["a\rb", "c"]])
    }

    @Test func emptyInputsHaveNoRecords() throws {
        #expect(try Support.records("") == [])
        #expect(try Support.records(bytes: [0xEF, 0xBB, 0xBF]) == [])
        #expect(try CSVReader(string: "").readHeader() == nil)
    }

    @Test func headerOnlyFileHasNoRows() throws {
        for text in ["id,name", "id,name\n", "id,name\r\n", "\u{FEFF}id,name\r\n"] {
            let reader = CSVReader(string: text)
            let header = try #require(try reader.readHeader())
            #expect(header.names == ["id", "name"])
            #expect(try reader.next()?.strings == nil)
        }
    }

    @Test func byteOrderMarkIsSkipped() throws {
        let reader = CSVReader(bytes: [0xEF, 0xBB, 0xBF] + Array("id,n\n1,2\n".utf8))
        #expect(try reader.readHeader()?.names == ["id", "n"])
        #expect(try Support.records(of: reader) == [["1", "2"]])
        // Only at the very start: later it is an ordinary character of a field.
        #expect(try Support.records("a\n\u{FEFF}b\n") == [["a"], ["\u{FEFF}b"]])
    }

    @Test func blankLinesAreRecordsOfOneEmptyField() throws {
        let reader = CSVReader(string: "a,b\n\n\"\"\n1,2\n\n")
        var blank: [Bool] = []
        while let record = try reader.next() { blank.append(record.isBlankLine) }
        #expect(blank == [false, true, false, false, true])
    }

    /// A spreadsheet writes the rows below its data that once held something as delimiters only.
    @Test func aRowOfOnlyDelimitersOrSpacesIsBlank() throws {
        let reader = CSVReader(string: "a;b;c\n;;\n ; \t;\n\"\";;\n;x;\n\n", options: .init(delimiter: ";"))
        _ = try reader.readHeader()
        var blank: [Bool] = []
        while let record = try reader.next() { blank.append(record.isBlank) }
        #expect(blank == [true, true, true, false, true])
    }

    @Test func linesAndRowsCountQuotedLineBreaks() throws {
        let reader = CSVReader(string: "id,text\r\n1,\"a\r\nb\r\nc\"\r\n2,x\n3,\"\n\"\n4,y")
        #expect(try reader.readHeader()?.line == 1)
        var seen: [(row: Int, line: Int)] = []
        while let record = try reader.next() { seen.append((record.row, record.line)) }
        #expect(seen.map(\.row) == [1, 2, 3, 4])
        #expect(seen.map(\.line) == [2, 5, 6, 8])
    }

    @Test func rowsCountFromTheFirstRecordWithoutHeader() throws {
        let reader = CSVReader(string: "a\nb\n")
        #expect(try reader.next()?.row == 1)
        #expect(try reader.next()?.row == 2)
    }

    @Test func fieldBytesWithoutStrings() throws {
        let reader = CSVReader(string: "42,\"x\"\"y\",,é\n")
        let record = try #require(try reader.next())
        #expect(record.count == 4)
        let number = record.withUnsafeBytes(at: 0) { bytes in bytes.reduce(0) { $0 * 10 + Int($1 - 48) } }
        #expect(number == 42)
        #expect(record.withUnsafeBytes(at: 1) { Array($0) } == Array("x\"y".utf8))
        #expect(record.withSpan(at: 1) { $0.count } == 3)
        #expect(record.byteCount(at: 3) == 2)
        #expect(record.isEmpty(at: 2))
        #expect(!record.isEmpty(at: 3))
        #expect([0, 1, 2, 3].map(record.isQuoted(at:)) == [false, true, false, false])
        #expect(record[3] == "é")
    }

    @Test func quotedEmptyFieldIsToldFromUnquoted() throws {
        let record = try #require(try CSVReader(string: "\"\",\n").next())
        #expect(record.isEmpty(at: 0) && record.isQuoted(at: 0))
        #expect(record.isEmpty(at: 1) && !record.isQuoted(at: 1))
    }

    @Test func otherDelimiters() throws {
        let semicolon = CSVReader(string: "namn;ålder\r\n\"Ek; Bo\";4,5\r\n", options: .init(delimiter: ";"))
        #expect(try Support.records(of: semicolon) == [["namn", "ålder"], ["Ek; Bo", "4,5"]])
        let tab = CSVReader(string: "a\tb\n1\t\"x\ty\"\n", options: .init(delimiter: "\t"))
        #expect(try Support.records(of: tab) == [["a", "b"], ["1", "x\ty"]])
    }

    @Test func nonASCIIText() throws {
        let text = "namn,hälsning\nÅsa Öberg,\"Hej 👋🏽, välkommen\"\n日本,🇸🇪\n"
        #expect(try Support.records(text) == [["namn", "hälsning"], ["Åsa Öberg", "Hej 👋🏽, välkommen"], ["日本", "🇸🇪"]])
    }

    @Test func readsAFileWithBOMAndCRLF() throws {
        let reader = try CSVReader(path: Support.fixture("excel-utf8-bom-crlf.csv"))
        #expect(try reader.readHeader()?.names == ["namn", "ålder", "kommentar"])
        let first = try #require(try reader.next())
        #expect(first.strings == ["Ström, Åsa", "41", "sa \"hej\"\r\noch gick"])
        #expect((first.row, first.line) == (1, 2))
        let second = try #require(try reader.next())
        #expect(second.strings == ["Bo", "7", ""])
        #expect((second.row, second.line) == (2, 4))
        #expect(try reader.next()?.strings == nil)
    }

    @Test func readsAFileThroughAFileHandleAndData() throws {
        let path = Support.fixture("quoted-newlines-lf.csv")
        let expected = [["id", "text"], ["1", "first\nsecond\nthird"], ["2", "plain"], ["3", "x\"y"]]
        let handle = try #require(FileHandle(forReadingAtPath: path))
        defer { try? handle.close() }
        #expect(try Support.records(of: CSVReader(fileHandle: handle, options: .init(bufferSize: 5))) == expected)
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(try Support.records(of: CSVReader(data: data)) == expected)
    }

    @Test func longRecordsGrowTheBuffer() throws {
        let long = String(repeating: "å", count: 5000)
        let text = "\(long),\"\(long)\n\(long)\"\nx\n"
        #expect(try Support.records(text, bufferSize: 16) == [[long, "\(long)\n\(long)"], ["x"]])
    }

    @Test func delimiterMustNotBeAQuoteOrLineEnd() async {
        await #expect(processExitsWith: .failure) { _ = CSVReader(string: "", options: .init(delimiter: "\"")) }
        await #expect(processExitsWith: .failure) { _ = try CSVWriter.string(options: .init(delimiter: "\n")) { _ in } }
        await #expect(processExitsWith: .failure) { _ = CSVReader(string: "", options: .init(delimiter: "é")) }
    }

    @Test func recordAfterNextStopsBeingValid() async {
        await #expect(processExitsWith: .failure) {
            let reader = CSVReader(string: "a\nb\n")
            let first = try reader.next()!
            _ = try reader.next()
            _ = first.string(at: 0)
        }
    }
}

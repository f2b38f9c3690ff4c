import Testing
@testable import CSV

@Suite struct HeaderTests {
    @Test func findsDuplicatesInOrderOfFirstUse() {
        let header = CSVHeader(names: ["id", "age", "name", "age", "id", "age"])
        #expect(header.duplicates.map(\.name) == ["id", "age"])
        #expect(header.duplicates.map(\.indices) == [[0, 4], [1, 3, 5]])
        #expect(header.index(of: "age") == 1)
        #expect(header.index(of: "Age") == nil)
    }

    @Test func findsEmptyNames() {
        let header = CSVHeader(names: ["id", "", " ", "x", ""])
        #expect(header.emptyNameIndices == [1, 2, 4])
        #expect(header.problems == [.emptyName(index: 1), .emptyName(index: 2), .emptyName(index: 4)])
    }

    @Test func problemsSayWhichColumns() {
        let header = CSVHeader(names: ["q1", "q1", "", "q2", "q2", "q2"])
        #expect(header.problems.map(\.description) == [
            "columns 1 and 2 are both named 'q1'",
            "columns 4, 5 and 6 are all named 'q2'",
            "column 3 has no name",
        ])
        #expect(CSVHeader(names: ["a", "b"]).problems.isEmpty)
    }

    @Test func namesAreKeptExactly() throws {
        let reader = CSVReader(string: "\u{FEFF}\" id \",\"a,b\",\"two\nlines\"\r\n1,2,3\r\n")
        let header = try #require(try reader.readHeader())
        #expect(header.names == [" id ", "a,b", "two\nlines"])
        #expect(header.line == 1)
        let row = try #require(try reader.next())
        #expect((row.row, row.line) == (1, 3))
    }
}

@Suite struct DelimiterGuessTests {
    @Test(arguments: [
        ("namn;ort, län;email\nAnna;Lund, Skåne;a@x.se\n", ";"),
        ("\u{FEFF}language;org;share\n", ";"),
        ("org,share\n\"a;b;c\",1\n", ","),
        ("\"a;b;c\",d\n", ","),
        ("org;\"name, first, last\"\n", ";"),
        ("a,b;c\n", ","),
        ("org\n1;2;3\n", ","),
        ("token\tname\temail\tlink\n", "\t"),
        ("\"a\tb\",c\n", ","),
        ("namn;ort\tlän;email\n", ";"),
        ("", ","),
    ])
    func theHeaderLineOutsideQuotesDecides(start: String, delimiter: String) {
        #expect(CSVReader.Options.delimiter(ofHeaderIn: Array(start.utf8)) == Unicode.Scalar(delimiter)!, "\(start)")
    }

    @Test(arguments: [
        ("sep=;\na,b;c\n", ";"),
        ("\u{FEFF}sep=,\r\na;b;c\r\n", ","),
        ("sep=\t\na\tb\n", "\t"),
        ("sep=;;;;\na;b;c;d;e\n", ";"),
        ("sep=;", ";"),
    ])
    func excelsSepLineNamesTheDelimiterAndIsSkipped(start: String, delimiter: String) throws {
        let options = try CSVReader.Options(forInputStartingWith: Array(start.utf8))
        #expect(options.delimiter == Unicode.Scalar(delimiter)!, "\(start)")
        #expect(options.skipsSeparatorLine)
    }

    @Test(arguments: ["a,b\nsep=;\n", "\"sep=;\",b\n", " sep=;\n", "SEP=;\n", "a;b\n"])
    func onlyAFirstLineSepIsExcels(start: String) throws {
        let options = try CSVReader.Options(forInputStartingWith: Array(start.utf8))
        #expect(!options.skipsSeparatorLine, "\(start)")
        #expect(options.delimiter == CSVReader.Options.delimiter(ofHeaderIn: Array(start.utf8)))
    }

    @Test(arguments: [("sep=|\na|b\n", "|"), ("sep=\na\n", ""), ("sep=;,\n", ";,"), ("\u{FEFF}sep=|\r\n", "|")])
    func aSepLineNamingAnotherDelimiterIsRefusedAtLineOne(start: String, named: String) {
        #expect(throws: CSVReadError(.unsupportedSeparatorLine(named), at: CSVPosition(line: 1, column: 5, fieldNumber: 1,
                                     byteOffset: start.hasPrefix("\u{FEFF}") ? 7 : 4))) {
            try CSVReader.Options(forInputStartingWith: Array(start.utf8))
        }
    }

    /// The reader skips the `sep=` line but counts it: the header is line 2, its rows count from 1,
    /// and errors name the file's own line; also when the line crosses reads.
    @Test(arguments: [1, 3, 256])
    func theSkippedSepLineKeepsTheFilesLineNumbers(bufferSize: Int) throws {
        let bytes = Array("\u{FEFF}sep=;\r\nname;email\r\nA;a@x.se\r\nB;\"b\"x\r\n".utf8)
        var options = try CSVReader.Options(forInputStartingWith: bytes)
        options.bufferSize = bufferSize
        let reader = CSVReader(bytes: bytes, options: options)
        let header = try #require(try reader.readHeader())
        #expect(header.names == ["name", "email"])
        #expect(header.line == 2)
        let first = try #require(try reader.next())
        #expect((first.strings, first.line, first.row) == (["A", "a@x.se"], 3, 1))
        #expect(throws: CSVReadError(.characterAfterClosingQuote("x", openedAt: CSVPosition(line: 4, column: 3, fieldNumber: 2, byteOffset: 34)), at: CSVPosition(line: 4, column: 6, fieldNumber: 2, byteOffset: 37))) {
            try reader.next()
        }
    }
}

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
        ("", ","),
    ])
    func theHeaderLineOutsideQuotesDecides(start: String, delimiter: String) {
        #expect(CSVReader.Options.delimiter(ofHeaderIn: Array(start.utf8)) == Unicode.Scalar(delimiter)!, "\(start)")
    }
}

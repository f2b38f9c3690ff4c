import Diagnostics
import Expressions
import Foundation
import Store
import SurveyDefinition
import Testing
@testable import Intake

@Suite struct ImportTests {
    @Test func aValidFileIsImportedWithTypedValues() throws {
        let fixture = try ImportFixture()
        defer { fixture.cleanUp() }
        let result = fixture.importFile(ImportFixture.fixture("valid.csv"))
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(!result.isRefused)
        #expect(result.rowsRead == 4)
        #expect(result.imported == 4)
        #expect(try fixture.responseCount() == 4)

        var stored: [[String: AnswerValue]] = []
        var languages: [String] = []
        try fixture.store.scanResponses(round: ImportFixture.round, variables: ["org", "share", "active", "sdg", "legal_form_other", "size", "email"], selection: .complete) { row in
            var answers: [String: AnswerValue] = [:]
            for (i, name) in ["org", "share", "active", "sdg", "legal_form_other", "size", "email"].enumerated() {
                if let value = row.value(i) { answers[name] = value }
            }
            stored.append(answers)
            languages.append(row.language)
        }
        #expect(stored.count == 4)
        #expect(languages == ["sv", "en", "sv", "sv"])
        #expect(stored[0]["share"] == .decimal(3.5))
        #expect(stored[0]["active"] == .boolean(true))
        #expect(stored[0]["sdg"] == .choices(["3", "8"]))
        #expect(stored[0]["size"] == .text("large"))
        #expect(stored[0]["email"] == .text("info@kafe.se"))
        #expect(stored[1]["org"] == .text("Smith, Jones & Partners"))
        #expect(stored[2]["org"] == .text("Återbruket\nVäst"))
        #expect(stored[2]["legal_form_other"] == .text("Stiftelse"))
        #expect(stored[2]["size"] == .text("small"))
        #expect(stored[3]["org"] == .text("Quoted \"name\""))
        #expect(stored[3]["sdg"] == .choices(["1", "3", "8"]))
    }

    @Test(arguments: [
        ("LF", false, "\n"), ("CRLF", false, "\r\n"), ("BOM and LF", true, "\n"), ("BOM and CRLF", true, "\r\n"),
    ])
    func byteOrderMarksAndLineEndsMakeNoDifference(label: String, bom: Bool, lineEnd: String) throws {
        let fixture = try ImportFixture()
        defer { fixture.cleanUp() }
        let text = try String(contentsOfFile: ImportFixture.fixture("valid.csv"), encoding: .utf8)
        // Line ends outside quotes only: the quoted line break in row 3 stays as written.
        let converted = text.replacingOccurrences(of: "Återbruket\nVäst", with: "Återbruket\u{0}Väst")
            .replacingOccurrences(of: "\n", with: lineEnd)
            .replacingOccurrences(of: "\u{0}", with: "\n")
        let path = try fixture.write("valid-\(label).csv", bytes: (bom ? [0xEF, 0xBB, 0xBF] : []) + Array(converted.utf8))
        let result = fixture.importFile(path)
        #expect(result.diagnostics.isEmpty, "\(label): \(result.diagnostics)")
        #expect(result.imported == 4, "\(label)")
        #expect(try fixture.responseCount() == 4)
    }

    /// As Excel writes "CSV UTF-8" in a Swedish locale: semicolons, decimal commas without quotes.
    @Test func aFileSeparatedBySemicolonsIsReadAsSuch() throws {
        let fixture = try ImportFixture()
        defer { fixture.cleanUp() }
        let path = try fixture.write("semicolons.csv", bytes: [0xEF, 0xBB, 0xBF] + Array("""
            language;submitted_at;org;founded;share;active;started;email;legal_form;legal_form_other;has_staff;staff;sdg;voice_staff;voice_users;women\r
            sv;2025-10-12T09:30:00Z;Kafé Kollektivet;2015;3,5;ja;2015-03-01;info@kafe.se;ek;;yes;12;3 8;3;2;7\r
            en;2025-10-13;Smith, Jones & Partners;1999;0,25;no;;;ab;;no;;10;1;1;\r
            sv;;"Semi;kolon";;;;;;other;Stiftelse;yes;3;;2;3;3\r

            """.utf8))
        let result = fixture.importFile(path)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.imported == 3)
        var stored: [[String: AnswerValue]] = []
        try fixture.store.scanResponses(round: ImportFixture.round, variables: ["org", "share", "sdg"], selection: .complete) { row in
            stored.append(Dictionary(uniqueKeysWithValues: (0..<3).compactMap { i in row.value(i).map { (["org", "share", "sdg"][i], $0) } }))
        }
        #expect(stored.map { $0["org"] } == [.text("Kafé Kollektivet"), .text("Smith, Jones & Partners"), .text("Semi;kolon")])
        #expect(stored.map { $0["share"] } == [.decimal(3.5), .decimal(0.25), nil])
        #expect(stored[0]["sdg"] == .choices(["3", "8"]))
    }

    /// Excel's first line `sep=;` names the delimiter and is no data: the header is line 2, and a
    /// problem is reported at the file's own line (the bad year below is on line 4, data row 2).
    @Test func excelsSepLineNamesTheDelimiterAndKeepsTheFilesLineNumbers() throws {
        let fixture = try ImportFixture()
        defer { fixture.cleanUp() }
        let path = try fixture.write("sep-semicolon.csv", bytes: [0xEF, 0xBB, 0xBF] + Array("""
            sep=;\r
            org;founded;share;legal_form;has_staff;voice_staff;voice_users\r
            Kafé Kollektivet;2015;3,5;ek;no;3;2\r
            Smith, Jones & Partners;1700;0,25;ab;no;1;1\r
            Återbruket;2001;;ab;no;2;3\r

            """.utf8))
        let refused = fixture.importFile(path)
        #expect(refused.imported == 0)
        #expect(refused.diagnostics.map(\.location) == [.record(file: path, row: 2, column: "founded", line: 4)], "\(refused.diagnostics)")

        let skipping = fixture.importFile(path, options: ImportOptions(skipInvalid: true))
        #expect(skipping.imported == 2)
        var stored: [[AnswerValue?]] = []
        try fixture.store.scanResponses(round: ImportFixture.round, variables: ["org", "share"], selection: .complete) { row in
            stored.append([row.value(0), row.value(1)])
        }
        #expect(stored == [[.text("Kafé Kollektivet"), .decimal(3.5)], [.text("Återbruket"), nil]])
    }

    /// `sep=,` names commas, though the header has more semicolons than commas.
    @Test func excelsSepLineOverridesTheHeadersGuess() throws {
        let fixture = try ImportFixture()
        defer { fixture.cleanUp() }
        let path = try fixture.write("sep-comma.csv", bytes: Array("""
            sep=,
            org,founded,legal_form,has_staff,voice_staff,voice_users
            Semi;kolon;och;mer,2015,ek,no,3,2

            """.utf8))
        let result = fixture.importFile(path)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.imported == 1)
    }

    /// A `sep=` line naming a delimiter Samla does not read is refused at line 1, saying what the line is.
    @Test func aSepLineNamingAnotherDelimiterIsRefused() throws {
        let fixture = try ImportFixture()
        defer { fixture.cleanUp() }
        let path = try fixture.write("sep-bar.csv", bytes: Array("sep=|\norg|founded\nKafé|2015\n".utf8))
        let result = fixture.importFile(path)
        #expect(result.isRefused)
        #expect(result.diagnostics.map(\.code) == [.malformedCSV])
        #expect(result.diagnostics.first?.description.hasPrefix(
            "\(path):1:5: error[E424]: the first line is Excel's sep= line, which names the delimiter, but it names '|'") == true,
            "\(result.diagnostics)")
    }

    /// Excel writes the rows below the data that once held something as delimiters only
    /// (`;;;;`); they are blank lines, not responses with every answer missing.
    @Test func rowsOfOnlyDelimitersAreSkippedLikeBlankLines() throws {
        let fixture = try ImportFixture()
        defer { fixture.cleanUp() }
        let path = try fixture.write("trailing-rows.csv", bytes: [0xEF, 0xBB, 0xBF] + Array("""
            org;founded;legal_form;has_staff;sdg;voice_staff;voice_users;women\r
            Kafé Kollektivet;2015;ek;no;3 8;3;2;\r
            ;;;;;;;\r
            ; ;;;;;;\r
            Återbruket;2001;ab;no;10;1;1;\r
            ;;;;;;;\r

            """.utf8))
        let result = fixture.importFile(path)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(result.rowsRead == 2)
        #expect(result.imported == 2)
        #expect(try fixture.responseCount() == 2)
    }

    /// Every kind of bad cell, one per row (row 19 has three), each named by row and column.
    @Test func everyBadCellIsReportedByRowAndColumn() throws {
        let fixture = try ImportFixture()
        defer { fixture.cleanUp() }
        let before = try fixture.contentDump()
        let path = ImportFixture.fixture("bad-cells.csv")
        let result = fixture.importFile(path)
        let found = result.diagnostics.map { d -> String in
            guard case .record(_, let row, let column, _) = d.location else { return "\(d.code.id) \(d.location)" }
            return "\(row) \(column ?? "-") \(d.code.id)"
        }
        #expect(found == [
            "1 founded E400", "2 founded E401", "3 founded E402", "4 share E400", "5 active E403", "6 started E404",
            "7 email E405", "8 legal_form E406", "9 sdg E408", "10 legal_form E409", "11 legal_form_other E410",
            "12 founded E411", "13 org E412", "14 staff E413", "15 women E411", "16 language E426",
            "17 submitted_at E427", "18 - E423", "19 sdg E411", "19 voice_staff E406", "19 voice_users E412",
        ])
        #expect(result.isRefused)
        #expect(result.imported == 0)
        #expect(result.rowsRead == 19)
        #expect(result.refusedRows == 19)
        #expect(result.errorCount == 21)
        #expect(result.errorsByCode.first.map { "\($0.code.id) \($0.count)" } == "E411 3")
        #expect(result.errorsByColumn.first.map { "\($0.column) \($0.count)" } == "founded 4")
        #expect(try fixture.contentDump() == before)
    }

    @Test func aRefusedAnswerIsQuotedAsTheCellWritesIt() throws {
        let fixture = try ImportFixture()
        defer { fixture.cleanUp() }
        let header = "language,submitted_at,org,founded,share,active,started,email,legal_form,legal_form_other,has_staff,staff,sdg,voice_staff,voice_users,women"
        let path = try fixture.write("padded.csv", bytes: Array((header + "\nsv,,Kafé,01700,,ja,,,ek,,no,,,3,2,\n").utf8))
        let reportPath = path + "-refused.csv"
        let result = fixture.importFile(path, options: ImportOptions(skipInvalid: true, reportPath: reportPath, today: CalendarDate(year: 2025, month: 12, day: 1)!))
        #expect(result.diagnostics.map(\.description).contains("\(path):2: error[E411]: row 1, column founded: “01700” is not accepted: Enter a year between 1850 and 2025."))
        let report = try String(contentsOfFile: reportPath, encoding: .utf8)
        #expect(report.contains(",founded,01700,E411,"), "\(report)")
    }

    @Test func messagesSayWhyAndWhatToWrite() throws {
        let fixture = try ImportFixture()
        defer { fixture.cleanUp() }
        let path = ImportFixture.fixture("bad-cells.csv")
        let lines = fixture.importFile(path).diagnostics.map(\.description)
        #expect(lines.contains("\(path):2: error[E400]: row 1, column founded: “tolv” is not a whole number: write it in digits, e.g. 7"))
        #expect(lines.contains("\(path):9: error[E406]: row 8, column legal_form: “aktiebolag” is not a code of the list forms (did you mean ab?); its codes are ab, ek, ideell, other"))
        #expect(lines.contains("\(path):13: error[E411]: row 12, column founded: “1700” is not accepted: Enter a year between 1850 and 2025."))
        #expect(lines.contains("\(path):15: error[E413]: row 14, column staff: there is an answer, but the question is not asked of this response (it is shown only when ${has_staff} = 'yes'): leave it empty"))
        #expect(lines.contains("\(path):19: error[E423]: row 18: the row has 11 fields but the header has 16; check for a missing or extra delimiter, or a line break in a value without quotes"))
    }

    @Test func skipInvalidWritesTheValidRowsAndAReport() throws {
        let fixture = try ImportFixture()
        defer { fixture.cleanUp() }
        let text = try String(contentsOfFile: ImportFixture.fixture("bad-cells.csv"), encoding: .utf8)
        let good = "Good row,2001,,,,,ek,,yes,4,1,2,3,2,en,2025-10-01\n"
        let path = try fixture.write("mixed.csv", bytes: Array((text + good).utf8))
        let reportPath = fixture.folder.appendingPathComponent("refused.csv").path
        let result = fixture.importFile(path, options: ImportOptions(skipInvalid: true, reportPath: reportPath, today: CalendarDate(year: 2025, month: 12, day: 1)!))
        #expect(!result.isRefused)
        #expect(result.imported == 1)
        #expect(result.refusedRows == 19)
        #expect(result.reportPath == reportPath)
        #expect(try fixture.responseCount() == 1)
        let report = try String(contentsOfFile: reportPath, encoding: .utf8).split(separator: "\r\n").map(String.init)
        #expect(report.first == "row,line,column,value,code,message")
        #expect(report.count == 22)
        #expect(report[1] == "1,2,founded,tolv,E400,\"“tolv” is not a whole number: write it in digits, e.g. 7\"")
    }

    @Test func aReportOverTheImportedFileOrTheDatabaseIsRefused() throws {
        let fixture = try ImportFixture()
        defer { fixture.cleanUp() }
        let bytes = try Data(contentsOf: URL(fileURLWithPath: ImportFixture.fixture("bad-cells.csv")))
        let path = try fixture.write("responses.csv", bytes: Array(bytes))
        let database = try Data(contentsOf: URL(fileURLWithPath: fixture.databasePath))
        // The same file, also when spelled another way or reached through a hard link.
        let link = fixture.folder.appendingPathComponent("linked.csv").path
        try FileManager.default.linkItem(atPath: path, toPath: link)
        let spellings = [path, fixture.folder.appendingPathComponent("sub/../responses.csv").path, link, fixture.databasePath]
        for reportPath in spellings {
            for skipInvalid in [false, true] {
                let result = fixture.importFile(path, options: ImportOptions(
                    skipInvalid: skipInvalid, reportPath: reportPath, today: CalendarDate(year: 2025, month: 12, day: 1)!))
                #expect(result.isRefused)
                #expect(result.reportPath == nil)
                let what = reportPath == fixture.databasePath ? "the database" : "the file being imported"
                #expect(result.diagnostics.map(\.description) == [
                    "\(reportPath): error[E429]: the report would replace \(what); choose another --report file",
                ])
            }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == bytes, "the responses file is as it was")
        #expect(try Data(contentsOf: URL(fileURLWithPath: fixture.databasePath)) == database)
        #expect(try fixture.responseCount() == 0)
    }

    @Test func noReportIsWrittenWhenNoRowIsRefused() throws {
        let fixture = try ImportFixture()
        defer { fixture.cleanUp() }
        let reportPath = fixture.folder.appendingPathComponent("refused.csv").path
        let result = fixture.importFile(ImportFixture.fixture("valid.csv"), options: ImportOptions(skipInvalid: true, reportPath: reportPath, today: CalendarDate(year: 2025, month: 12, day: 1)!))
        #expect(result.imported == 4)
        #expect(result.reportPath == nil)
        #expect(!FileManager.default.fileExists(atPath: reportPath))
    }

    @Test func aWrongOrDuplicatedHeaderIsRefusedWithEveryProblem() throws {
        let fixture = try ImportFixture()
        defer { fixture.cleanUp() }
        let before = try fixture.contentDump()
        let path = ImportFixture.fixture("wrong-header.csv")
        let result = fixture.importFile(path)
        #expect(result.isRefused)
        #expect(result.diagnostics.map(\.description) == [
            "\(path):1:5: error[E420]: column foundd is not a variable of survey import-test (did you mean founded?)",
            "\(path):1:18: error[E421]: column 4 is named share, like column 3; each variable may have one column only",
            "\(path):1:24: error[E422]: column 5 of the header has no name; name it after a variable of survey import-test or remove the column",
            "\(path):1:70: warning[W420]: column size is calculated from other answers; its values are not read",
        ])
        #expect(try fixture.contentDump() == before)
    }

    @Test func anEmptyFileIsRefused() throws {
        let fixture = try ImportFixture()
        defer { fixture.cleanUp() }
        let result = fixture.importFile(ImportFixture.fixture("empty.csv"))
        #expect(result.isRefused)
        #expect(result.diagnostics.map(\.code) == [.fileEmpty])
    }

    @Test func aFileWithOnlyAHeaderImportsNothingWithAWarning() throws {
        let fixture = try ImportFixture()
        defer { fixture.cleanUp() }
        let result = fixture.importFile(ImportFixture.fixture("header-only.csv"))
        #expect(!result.isRefused)
        #expect(result.imported == 0)
        #expect(result.rowsRead == 0)
        #expect(result.diagnostics.map(\.code) == [.noDataRows])
        #expect(try fixture.responseCount() == 0)
    }

    @Test func aBrokenQuoteRefusesTheWholeFile() throws {
        let fixture = try ImportFixture()
        defer { fixture.cleanUp() }
        let before = try fixture.contentDump()
        let path = ImportFixture.fixture("malformed.csv")
        let result = fixture.importFile(path, options: ImportOptions(skipInvalid: true, today: CalendarDate(year: 2025, month: 12, day: 1)!))
        #expect(result.isRefused)
        #expect(result.diagnostics.map(\.code) == [.malformedCSV])
        #expect(result.diagnostics.first?.description.hasPrefix("\(path):3:1: error[E424]: column org: a quoted field starts here") == true)
        #expect(try fixture.contentDump() == before)
    }

    /// A file saved as UTF-16 (Excel's "Unicode Text") is refused as such, at its start, with or
    /// without its byte order mark; without one it was read as columns with NULs in their names (E420).
    @Test func aUTF16FileIsRefusedAsSuch() throws {
        let fixture = try ImportFixture()
        defer { fixture.cleanUp() }
        let before = try fixture.contentDump()
        let text = try String(contentsOfFile: ImportFixture.fixture("valid.csv"), encoding: .utf8)
        for (name, bytes) in [("bom.csv", [0xFF, 0xFE] + Array(text.data(using: .utf16LittleEndian)!)), ("plain.csv", Array(text.data(using: .utf16LittleEndian)!))] {
            let path = try fixture.write(name, bytes: bytes)
            let result = fixture.importFile(path, options: ImportOptions(skipInvalid: true, today: CalendarDate(year: 2025, month: 12, day: 1)!))
            #expect(result.isRefused)
            #expect(result.diagnostics.map(\.description) == [
                "\(path):1:1: error[E425]: the file is UTF-16 text (as Excel saves \"Unicode Text\"), not UTF-8: save it as \"CSV UTF-8\"; nothing was imported",
            ])
        }
        #expect(try fixture.contentDump() == before)
    }

    @Test func aRefusedImportLeavesEarlierResponsesAsTheyWere() throws {
        let fixture = try ImportFixture()
        defer { fixture.cleanUp() }
        #expect(fixture.importFile(ImportFixture.fixture("valid.csv")).imported == 4)
        let before = try fixture.contentDump()
        let result = fixture.importFile(ImportFixture.fixture("bad-cells.csv"))
        #expect(result.isRefused)
        #expect(try fixture.contentDump() == before)
        #expect(try fixture.responseCount() == 4)
    }

    @Test func anUnknownRoundIsNamedWithASuggestion() throws {
        let fixture = try ImportFixture()
        defer { fixture.cleanUp() }
        let result = ResponseImporter(store: fixture.store, database: fixture.databasePath)
            .importFile(ImportFixture.fixture("valid.csv"), round: "test-2052")
        #expect(result.isRefused)
        #expect(result.diagnostics.first?.code.id == "E441")
        #expect(result.diagnostics.first?.message.contains("did you mean test-2025?") == true)
    }

    @Test func theListedErrorsAreCappedButTheTotalsCountAll() throws {
        let fixture = try ImportFixture()
        defer { fixture.cleanUp() }
        var text = "org,legal_form,has_staff,voice_staff,voice_users,founded\n"
        for i in 1...500 { text += "Org \(i),ab,no,1,1,year\(i)\n" }
        let path = try fixture.write("many.csv", bytes: Array(text.utf8))
        let result = fixture.importFile(path, options: ImportOptions(listedErrorLimit: 10, today: CalendarDate(year: 2025, month: 12, day: 1)!))
        #expect(result.diagnostics.count == 10)
        #expect(result.errorCount == 500)
        #expect(result.unlistedErrorCount == 490)
        #expect(result.errorsByColumn.map(\.column) == ["founded"])
    }
}

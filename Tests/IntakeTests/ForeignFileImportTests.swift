import Diagnostics
import Foundation
import Testing
@testable import Intake

/// Files as they reach MSI from spreadsheets and other tools: each refused with what it is, where
/// (file, line, column and the header's column), what to do, and nothing stored.
@Suite struct ForeignFileImportTests {
    private func refusal(of fixtureName: String) throws -> (result: ImportResult, path: String, unchanged: Bool) {
        try ImportFixture.importOnce { _ in ImportFixture.fixture(fixtureName) }
    }

    /// Excel's "CSV (semicolon delimited)" in a Swedish locale (Windows-1252, semicolons, decimal
    /// commas), and a workbook renamed to .csv, which was "byte 0x81 is not valid UTF-8 … probably Windows-1252".
    @Test(arguments: [
        ("windows-1252-semicolon.csv", "2:18: error[E425]: column org: byte 0xE9 (é in Windows-1252) is not valid UTF-8; the file is probably in "
            + "another encoding (Excel's plain \"CSV\" is Windows-1252): save it as \"CSV UTF-8\"; nothing was imported"),
        ("workbook.xlsx", "1:1: error[E425]: the file is an Excel workbook (.xlsx), an OpenDocument spreadsheet (.ods) or another ZIP archive, "
            + "not CSV text: open it in the spreadsheet and save it as \"CSV UTF-8\" (File > Save As); nothing was imported"),
    ])
    func aFileThatIsNotUTF8TextSaysWhatItIs(fixtureName: String, diagnostic: String) throws {
        let (result, path, unchanged) = try refusal(of: fixtureName)
        #expect(result.isRefused && result.imported == 0 && unchanged)
        #expect(result.diagnostics.map(\.description) == ["\(path):\(diagnostic)"])
    }

    /// `"ab,` left open in row 2 is closed by the quote that opens a cell of row 3: the error is
    /// where that shows, and names the line and column where the quote was opened.
    @Test func aQuoteLeftOpenIsTracedToItsOpeningQuote() throws {
        let (result, path, unchanged) = try refusal(of: "quote-left-open.csv")
        #expect(result.isRefused && result.imported == 0 && unchanged)
        #expect(result.errorsByCode.map(\.code) == [.malformedCSV])
        #expect(result.diagnostics.first?.description.hasPrefix(
            "\(path):4:19: error[E424]: column legal_form: 'Ö' after the closing quote of the quoted field that starts at line 3, column 12;") == true)
    }

    /// A header of the form's question texts (any language) names the variable each one is, and
    /// those variables are not also reported missing in every row.
    @Test func aHeaderOfQuestionLabelsNamesTheVariables() throws {
        let (result, path, unchanged) = try refusal(of: "label-header.csv")
        #expect(result.isRefused && result.imported == 0 && unchanged)
        #expect(result.diagnostics.filter { $0.code == .unknownColumn }.map(\.description) == [
            "\(path):1:1: error[E420]: column Organisationens namn is the label (sv) of question org, not its name: name the column org; "
                + "a header names the variables (samla generate SURVEY.yaml --rows 0 writes one)",
            "\(path):1:33: error[E420]: column Do you have staff? is the label (en) of question has_staff, not its name: name the column has_staff; "
                + "a header names the variables (samla generate SURVEY.yaml --rows 0 writes one)",
        ])
        #expect(!result.errorsByCode.contains { $0.code == .requiredMissing }, "\(result.errorsByCode)")
    }
}

/// A UTF-8 file that Excel opened as Windows-1252 and saved again as UTF-8 reads as valid UTF-8:
/// its texts are imported as written, with one warning that names where.
@Suite struct MisencodedTextTests {
    @Test func textsOfAFileExcelReadAsWindows1252AreImportedWithAWarning() throws {
        let (result, path, _) = try ImportFixture.importOnce { _ in ImportFixture.fixture("excel-resaved-utf8.csv") }
        #expect(!result.isRefused && result.imported == 4)
        #expect(result.diagnostics.map(\.description) == [
            "\(path): warning[W429]: 2 imported text answers look like UTF-8 read as Windows-1252 and saved again (Ã¤ for ä, Ã¶ for ö, Ã¥ for å), "
                + "as Excel saves a CSV file without a byte order mark that was opened with a double-click: row 1, column org (“KafÃ©”); "
                + "row 3, column org (“Ã…terbruket”). They were imported as written. If those letters are wrong: take this import back "
                + "(`samla import undo --round test-2025 --id 1` shows what that removes, and with --yes removes it), and import the file as it was "
                + "before Excel saved it, or open that file in Excel through Data > From Text/CSV with the file origin 65001: Unicode (UTF-8) "
                + "and save it as \"CSV UTF-8\"",
        ])
    }

    @Test func theSameFileAsWrittenHasNoWarning() throws {
        let result = try ImportFixture.importOnce { _ in ImportFixture.fixture("valid.csv") }.result
        #expect(result.imported == 4 && result.diagnostics.isEmpty, "\(result.diagnostics)")
    }

    @Test func onlyÃBeforeALetterThatIsNotASCIIIsTheSign() {
        func looks(_ text: String) -> Bool { Array(text.utf8).withUnsafeBytes(MisencodedTextCheck.looksMisencoded) }
        #expect(looks("VÃ¤xjÃ¶") && looks("Ã–rebro") && looks("Ã…") && looks("cafÃ©"))
        #expect(!looks("Växjö") && !looks("SÃO PAULO") && !looks("Ã") && !looks(""))
    }
}

/// A `submitted_at` that a spreadsheet reformatted as a date keeps the day and time but loses the zone.
@Suite struct ZonelessTimeTests {
    @Test func aTimeWithoutAZoneIsRefusedSayingWhatItLacks() throws {
        let text = "org,legal_form,has_staff,voice_staff,voice_users,submitted_at\nA,ab,no,1,1,2025-10-12 09:30\nB,ab,no,1,1,12/10/2025\n"
        let (result, path, unchanged) = try ImportFixture.importOnce { try $0.write("excel.csv", bytes: Array(text.utf8)) }
        #expect(result.isRefused && result.imported == 0 && unchanged)
        #expect(result.diagnostics.map(\.location) == [2, 3].map { .record(file: path, row: $0 - 1, column: "submitted_at", line: $0) })
        #expect(result.diagnostics.map(\.message) == [
            "“2025-10-12 09:30” has no time zone, so the moment is unknown: add Z for UTC (2025-10-12 09:30Z) "
                + "or the zone's offset (2025-10-12 09:30+01:00 for Swedish winter time), or write the day alone (2025-10-12); "
                + "a spreadsheet that reformats the cell as a date leaves the zone out",
            "“12/10/2025” is not a time: write ISO 8601, e.g. 2025-10-12T09:30:00Z or 2025-10-12",
        ])
    }
}

/// A header below a title, a note or an empty row: the refusal says where it is, instead of the first
/// line's words as unknown columns and every row as the wrong length.
@Suite struct LaterHeaderTests {
    @Test func aTitleAboveTheHeaderIsToBeDeleted() throws {
        let (result, path, unchanged) = try ImportFixture.importOnce { _ in ImportFixture.fixture("title-above-header.csv") }
        #expect(result.isRefused && result.imported == 0 && result.rowsRead == 0 && unchanged)
        #expect(result.diagnostics.map(\.description) == [
            "\(path):1:1: error[E420]: line 1 names no variable of survey import-test, but line 2 does (org, legal_form, has_staff, …): "
                + "the header must be the first line; delete the line above it (a title, a note or an empty row) and import the file again",
        ])
    }

    @Test func emptyRowsAboveTheHeaderAreCounted() throws {
        let valid = try ImportFixture.valid(replacing: [:])
        let result = try ImportFixture.importOnce { try $0.write("below.csv", bytes: Array(",,\n\n".utf8) + valid) }.result
        #expect(result.diagnostics.map(\.message) == [
            "line 1 names no variable of survey import-test, but line 3 does (language, submitted_at, org, …): the header must be the first line; "
                + "delete the 2 lines above it (a title, a note or an empty row) and import the file again",
        ])
    }

    /// A header of another survey names nothing here, and no line below it does: its columns are
    /// refused, and its rows, which cannot be read by it, are not checked.
    @Test func aHeaderOfAnotherSurveyIsRefusedWithoutItsRows() throws {
        let result = try ImportFixture.importOnce { try $0.write("other.csv", bytes: Array("node,activity\nMalmö,forum\nUmeå,lab\n".utf8)) }.result
        #expect(result.isRefused && result.rowsRead == 0)
        #expect(result.diagnostics.map(\.code) == [.unknownColumn, .unknownColumn])
    }
}

/// Two files joined with their headers (`cat a.csv b.csv`, byte order marks included).
@Suite struct RepeatedHeaderTests {
    @Test func aRowThatRepeatsTheHeaderIsSkippedWithAWarning() throws {
        let file = [0xEF, 0xBB, 0xBF] + (try ImportFixture.valid(replacing: [:]))
        let (result, path, _) = try ImportFixture.importOnce { try $0.write("joined.csv", bytes: file + file + file) }
        #expect(!result.isRefused && result.imported == 12 && result.rowsRead == 12)
        #expect(result.diagnostics.map(\.description) == [
            "\(path): warning[W430]: 2 rows repeat the header (rows 5, 10), as when files are joined with their headers; they are no response and were skipped",
        ])
    }

    @Test func aRowWithSomeOfTheHeadersNamesIsAnOrdinaryRow() throws {
        let text = "org,legal_form,has_staff,voice_staff,voice_users\norg,legal_form,has_staff,voice_staff,1\n"
        let result = try ImportFixture.importOnce { try $0.write("almost.csv", bytes: Array(text.utf8)) }.result
        #expect(result.isRefused && result.rowsRead == 1)
        #expect(!result.diagnostics.contains { $0.code == .repeatedHeaderSkipped })
    }
}

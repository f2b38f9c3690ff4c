import Diagnostics
import Foundation
import Testing
@testable import Intake

/// Files as they reach MSI from spreadsheets and other tools: each refused with what it is, where
/// (file, line, column and the header's column), what to do, and nothing stored.
@Suite struct ForeignFileImportTests {
    private func refusal(of fixtureName: String) throws -> (result: ImportResult, path: String, unchanged: Bool) {
        let fixture = try ImportFixture()
        defer { fixture.cleanUp() }
        let before = try fixture.contentDump()
        let path = ImportFixture.fixture(fixtureName)
        let result = fixture.importFile(path)
        return (result, path, try fixture.contentDump() == before)
    }

    /// Excel's "CSV (semicolon delimited)" in a Swedish locale: Windows-1252, semicolons, decimal commas.
    @Test func aWindows1252FileNamesTheCharacterItsByteIsThere() throws {
        let (result, path, unchanged) = try refusal(of: "windows-1252-semicolon.csv")
        #expect(result.isRefused && result.imported == 0 && unchanged)
        #expect(result.diagnostics.map(\.description) == [
            "\(path):2:18: error[E425]: column org: byte 0xE9 (é in Windows-1252) is not valid UTF-8; the file is probably in another encoding "
                + "(Excel's plain \"CSV\" is Windows-1252): save it as \"CSV UTF-8\"; nothing was imported",
        ])
    }

    /// A workbook renamed to .csv was "byte 0x81 is not valid UTF-8 … probably Windows-1252".
    @Test func aWorkbookRenamedToCSVIsNamedAsAWorkbook() throws {
        let (result, path, unchanged) = try refusal(of: "workbook.xlsx")
        #expect(result.isRefused && result.imported == 0 && unchanged)
        #expect(result.diagnostics.map(\.description) == [
            "\(path):1:1: error[E425]: the file is an Excel workbook (.xlsx), an OpenDocument spreadsheet (.ods) or another ZIP archive, "
                + "not CSV text: open it in the spreadsheet and save it as \"CSV UTF-8\" (File > Save As); nothing was imported",
        ])
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

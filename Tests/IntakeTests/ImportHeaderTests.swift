import Diagnostics
import Expressions
import Foundation
import Testing
@testable import Intake

/// Header problems that refuse the file are reported once, not again in every row.
@Suite struct HeaderFollowUpTests {
    /// `Org` for `org` is E420 with "did you mean org?"; org is then not also reported missing
    /// (E412) in every row, while the rows' other problems still are.
    @Test func aMisnamedColumnIsNotAlsoMissingInEveryRow() throws {
        let file = try ImportFixture.valid(replacing: [",org,": ",Org,", "Kafé Kollektivet,2015,": "Kafé Kollektivet,1492,"])
        let (result, _, unchanged) = try ImportFixture.importOnce { try $0.write("misnamed.csv", bytes: file) }
        #expect(result.isRefused && unchanged)
        #expect(result.diagnostics.filter { $0.code == .unknownColumn }.map(\.message) == ["column Org is not a variable of survey import-test (did you mean org?)"])
        #expect(!result.errorsByCode.contains { $0.code == .requiredMissing }, "\(result.errorsByCode)")
        #expect(result.errorsByCode.contains { $0.code == .constraintFailed }, "the rows are still checked: \(result.errorsByCode)")
    }

    /// A column named after a matrix says that its rows are the columns: it was "not a variable of
    /// survey import-test", which sent the author looking for a typo.
    @Test func aColumnNamedAfterAMatrixNamesItsRows() throws {
        let file = try ImportFixture.valid(replacing: [",voice_staff,": ",voice,"])
        let (result, _, unchanged) = try ImportFixture.importOnce { try $0.write("matrix.csv", bytes: file) }
        #expect(result.isRefused && unchanged)
        #expect(result.diagnostics.filter { $0.code == .unknownColumn }.map(\.message)
            == ["column voice is not a variable: voice is a matrix, answered by one variable per row: voice_staff, voice_users"])
    }

    /// A misnamed column that decides whether other questions are shown (here by its label): their
    /// answers are not reported as not shown (E413) in every row either.
    @Test func answersBehindAMisnamedConditionAreNotReportedAsNotShown() throws {
        let file = try ImportFixture.valid(replacing: [",has_staff,": ",Har ni anställda?,", "Kafé Kollektivet,2015,": "Kafé Kollektivet,1492,"])
        let (result, _, unchanged) = try ImportFixture.importOnce { try $0.write("labelled.csv", bytes: file) }
        #expect(result.isRefused && unchanged)
        #expect(result.errorsByCode.map(\.code).sorted { $0.id < $1.id } == [.constraintFailed, .unknownColumn], "\(result.errorsByCode)")
        // Without the header problem the same answers are refused as not shown.
        let shown = try ImportFixture.importOnce { try $0.write("no.csv", bytes: try ImportFixture.valid(replacing: [",yes,12,": ",no,12,"])) }
        #expect(shown.result.errorsByCode.map(\.code) == [.answerNotRelevant])
    }
}

/// Columns without a name at the end of the header, as Excel writes trailing delimiters.
@Suite struct UnnamedColumnsAtEndTests {
    /// valid.csv with `extra` appended to every line (the quoted line break inside row 3 kept).
    func validWith(_ extra: (Int) -> String) throws -> String {
        let text = try String(contentsOfFile: ImportFixture.fixture("valid.csv"), encoding: .utf8)
        let lines = text.replacingOccurrences(of: "Återbruket\nVäst", with: "Återbruket\u{0}Väst").split(separator: "\n")
        return lines.enumerated().map { i, line in line + extra(i) }.joined(separator: "\n")
            .replacingOccurrences(of: "\u{0}", with: "\n") + "\n"
    }

    @Test func emptyUnnamedColumnsAtTheEndAreIgnoredWithAWarning() throws {
        let fixture = try ImportFixture()
        defer { fixture.cleanUp() }
        let path = try fixture.write("excel.csv", bytes: Array(try validWith { $0 == 0 ? ",," : ", ," }.utf8))
        let result = fixture.importFile(path)
        #expect(!result.isRefused, "\(result.diagnostics)")
        #expect(result.imported == 4)
        #expect(result.diagnostics.map(\.code) == [.unnamedColumnsIgnored])
        #expect(result.diagnostics.first?.message
            == "the header ends in 2 columns without a name, empty in every row (trailing delimiters, as Excel writes them); they were ignored")
    }

    @Test func anUnnamedColumnAtTheEndWithAValueRefusesTheFile() throws {
        let fixture = try ImportFixture()
        defer { fixture.cleanUp() }
        let path = try fixture.write("excel.csv", bytes: Array(try validWith { $0 == 0 ? ",," : $0 == 3 ? ",,note" : ",," }.utf8))
        for skipInvalid in [false, true] {
            let result = fixture.importFile(path, options: ImportOptions(skipInvalid: skipInvalid, today: CalendarDate(year: 2025, month: 12, day: 1)!))
            #expect(result.isRefused, "skipInvalid \(skipInvalid)")
            #expect(result.imported == 0)
            #expect(result.errorsByCode.map(\.code) == [.emptyColumnName])
            #expect(result.diagnostics.contains { $0.description.contains("row 3: column 18 has no name in the header but a value in this row (“note”)") },
                    "\(result.diagnostics.map(\.description))")
            #expect(!result.diagnostics.contains { $0.code == .unnamedColumnsIgnored })
        }
        #expect(try fixture.responseCount() == 0)
    }

    @Test func anUnnamedColumnInTheMiddleIsStillRefused() throws {
        let fixture = try ImportFixture()
        defer { fixture.cleanUp() }
        let text = try validWith { _ in "" }.replacingOccurrences(of: "language,submitted_at,", with: "language,,")
        let result = fixture.importFile(try fixture.write("middle.csv", bytes: Array(text.utf8)))
        #expect(result.isRefused)
        #expect(result.errorsByCode.first?.code == .emptyColumnName)
    }
}

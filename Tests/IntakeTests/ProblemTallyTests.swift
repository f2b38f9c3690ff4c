import Diagnostics
import Foundation
import Testing
@testable import Intake

/// The totals of an import's problems: every error by code, and by column only when it has one.
@Suite struct ProblemTallyTests {
    static func record(_ row: Int, _ column: String?) -> DiagnosticLocation {
        .record(file: "r.csv", row: row, column: column, line: row + 1)
    }

    @Test func problemsWithoutAColumnAreCountedByCodeButInNoColumn() {
        var tally = ProblemTally(limit: 10)
        tally.add(Diagnostic(.notANumber, at: Self.record(1, "founded"), "x"))
        tally.add(Diagnostic(.notANumber, at: Self.record(2, "founded"), "x"))
        tally.add(Diagnostic(.unknownLanguage, at: .field("language"), "x"))
        tally.add(Diagnostic(.wrongFieldCount, at: Self.record(3, nil), "x"))
        tally.add(Diagnostic(.unknownRound, at: .file("samla.sqlite"), "x"))
        tally.add(Diagnostic(.unknownColumn, at: .source(SourceLocation(file: "r.csv", line: 1, column: 5)), "x"))
        tally.add(Diagnostic(.fileUnreadable, at: .file("r.csv"), "x"))
        tally.add(Diagnostic(.calculatedColumnIgnored, at: .source(SourceLocation(file: "r.csv", line: 1, column: 9)), "x"))

        #expect(tally.errorCount == 7)
        #expect(tally.warnings.count == 1)
        #expect(tally.listed.count == 7, "every problem is still reported")
        #expect(tally.errorsByColumn.map { "\($0.column) \($0.count)" } == ["founded 2", "language 1"])
        #expect(tally.errorsByCode.reduce(0) { $0 + $1.count } == 7)
        #expect(!tally.errorsByColumn.contains { $0.column == "-" })
    }

    @Test func mergingKeepsProblemsWithoutAColumnOutOfTheColumnTotals() {
        var reading = ProblemTally(limit: 10)
        reading.add(Diagnostic(.wrongFieldCount, at: Self.record(4, nil), "x"))
        reading.add(Diagnostic(.notABoolean, at: Self.record(5, "active"), "x"))
        var file = ProblemTally(limit: 10)
        file.add(Diagnostic(.malformedCSV, at: .source(SourceLocation(file: "r.csv", line: 9, column: 3)), "x"))
        file.merge(reading)
        #expect(file.errorCount == 3)
        #expect(file.errorsByColumn.map { "\($0.column) \($0.count)" } == ["active 1"])
        #expect(Set(file.errorsByCode.map(\.code.id)) == ["E424", "E423", "E403"])
    }

    @Test func anImportRefusedForAFileLevelReasonHasNoColumnTotals() throws {
        let fixture = try ImportFixture()
        defer { fixture.cleanUp() }
        let unknownRound = ResponseImporter(store: fixture.store, database: fixture.databasePath)
            .importFile(ImportFixture.fixture("valid.csv"), round: "nope")
        #expect(unknownRound.isRefused)
        #expect(unknownRound.errorCount == 1)
        #expect(unknownRound.diagnostics.map(\.code.id) == ["E441"], "the problem itself is still reported")
        #expect(unknownRound.errorsByCode.map(\.code.id) == ["E441"])
        #expect(unknownRound.errorsByColumn.isEmpty)

        let header = fixture.importFile(ImportFixture.fixture("wrong-header.csv"))
        #expect(header.isRefused)
        #expect(!header.errorsByColumn.contains { $0.column == "-" })

        let badCells = fixture.importFile(ImportFixture.fixture("bad-cells.csv"))
        #expect(badCells.errorCount == 21)
        #expect(badCells.errorsByColumn.reduce(0) { $0 + $1.count } == 20, "the row with the wrong field count is in no column")
        #expect(!badCells.errorsByColumn.contains { $0.column == "-" })
    }
}

extension ProblemTallyTests {
    /// The report of refused rows that did not fit on the disk (E800) came after thousands of
    /// refused rows, past the listed ones, and only its count was shown: "E800 1".
    @Test func aProblemOfAWholeFileIsListedPastTheLimit() {
        var tally = ProblemTally(limit: 2)
        for row in 1...5 { tally.add(Diagnostic(.notANumber, at: Self.record(row, "fte"), "x")) }
        tally.add(Diagnostic(.outputDiskFull, at: .file("refused.csv"), "the report cannot be written"))
        #expect(tally.listed.map(\.code.id) == ["E400", "E400", "E800"])
        #expect(tally.errorCount == 6)

        var merged = ProblemTally(limit: 2)
        merged.merge(tally)
        #expect(merged.listed.map(\.code.id) == ["E400", "E400", "E800"])
    }
}

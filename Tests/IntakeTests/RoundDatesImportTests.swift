import Diagnostics
import Expressions
import Foundation
import GRDB
import Store
import SurveyDefinition
import Testing
@testable import Intake

/// Rows whose `submitted_at` falls outside the round's days are imported with one warning per side
/// (W425, W426); a time more than a day after the import is refused (E496).
@Suite struct RoundDatesImportTests {
    static let round = "test-2026"
    static let header = "language,submitted_at,org,founded,share,active,started,email,legal_form,legal_form_other,has_staff,staff,sdg,voice_staff,voice_users,women"
    /// The time of the import in these tests, two weeks after the round closed.
    static let now = Date(timeIntervalSince1970: 1_797_336_000) // 2026-12-15T12:00:00Z
    static let kiritimati = TimeZone(identifier: "Pacific/Kiritimati")! // UTC+14
    static let pagoPago = TimeZone(identifier: "Pacific/Pago_Pago")! // UTC−11

    let fixture: ImportFixture

    /// The import-test survey's round of November 2026, beside the fixture's own round.
    init() throws {
        fixture = try ImportFixture()
        let document = try #require(SurveyLoader.load(contentsOf: ImportFixture.fixture("import-test.yaml")).document)
        _ = try fixture.store.openRound(RoundRequest(
            name: Self.round, document: document,
            opens: CalendarDate(year: 2026, month: 11, day: 1), closes: CalendarDate(year: 2026, month: 11, day: 30), anonymous: true))
    }

    /// A file of one valid row per time, in order.
    func file(_ times: [String]) throws -> String {
        let rows = times.map { "sv,\($0),Kafé,1990,,ja,,,ek,,no,,,3,2," }
        return try fixture.write("dates-\(UUID().uuidString).csv", bytes: Array(([Self.header] + rows).joined(separator: "\n").appending("\n").utf8))
    }

    func importFile(_ path: String, in timeZone: TimeZone, skipInvalid: Bool = false) -> ImportResult {
        let options = ImportOptions(skipInvalid: skipInvalid, today: CalendarDate(year: 2026, month: 12, day: 15)!, now: Self.now, timeZone: timeZone)
        return ResponseImporter(store: fixture.store, database: fixture.databasePath, options: options).importFile(path, round: Self.round)
    }

    func storedTimes() throws -> [String?] {
        try DatabaseQueue(path: fixture.databasePath).read { db in
            try String?.fetchAll(db, sql: "SELECT submitted_at FROM responses ORDER BY id")
        }
    }

    /// At UTC+14 the round's first day begins at 10:00 UTC the day before and its last day ends at
    /// 10:00 UTC on it: the second before the one and the moment after the other are outside.
    @Test func theFirstAndLastDayAreInsideInAZoneAheadOfUTC() throws {
        defer { fixture.cleanUp() }
        let path = try file(["2026-10-31T09:59:59Z", "2026-10-31T10:00:00Z", "2026-11-30T09:59:59Z", "2026-11-30T10:00:00Z"])
        let result = importFile(path, in: Self.kiritimati)
        #expect(!result.isRefused, "\(result.diagnostics)")
        #expect(result.imported == 4)
        #expect(result.diagnostics.map(\.code) == [.submittedBeforeRound, .submittedAfterRound])
        #expect(result.diagnostics.first?.message.contains(": row 1 (2026-10-31T09:59:59Z). ") == true, "\(result.diagnostics)")
        #expect(result.diagnostics.last?.message.contains(": row 4 (2026-11-30T10:00:00Z). ") == true, "\(result.diagnostics)")
    }

    /// At UTC−11 the same days begin and end eleven hours after UTC's: 2026-11-01T10:59:59Z is
    /// still 31 October, and 2026-12-01T10:59:59Z still 30 November.
    @Test func theFirstAndLastDayAreInsideInAZoneBehindUTC() throws {
        defer { fixture.cleanUp() }
        let path = try file(["2026-11-01T10:59:59Z", "2026-11-01T11:00:00Z", "2026-11-01 00:30-11:00", "2026-12-01T10:59:59Z", "2026-12-01T11:00:00Z"])
        let result = importFile(path, in: Self.pagoPago)
        #expect(!result.isRefused, "\(result.diagnostics)")
        #expect(result.imported == 5)
        #expect(result.diagnostics.map(\.code) == [.submittedBeforeRound, .submittedAfterRound])
        #expect(result.diagnostics.first?.message.contains(": row 1 (2026-11-01T10:59:59Z). ") == true, "\(result.diagnostics)")
        #expect(result.diagnostics.last?.message.contains(": row 5 (2026-12-01T11:00:00Z). ") == true, "\(result.diagnostics)")
    }

    /// One warning per side, however many rows: how many, the first three with their times as
    /// written, the round's days and what to do. The rows are imported with their times.
    @Test func rowsOutsideTheRoundAreImportedWithOneWarningPerSide() throws {
        defer { fixture.cleanUp() }
        let times = ["2025-10-12", "2025-10-13T09:30:00Z", "2026-11-15T12:00:00Z", "2025-11-02 08:00+01:00", "2025-10-20", "2025-10-21", "2026-12-03"]
        let path = try file(times)
        let result = importFile(path, in: Self.kiritimati)
        #expect(!result.isRefused, "\(result.diagnostics)")
        #expect(result.imported == 7)
        #expect(try storedTimes() == [
            "2025-10-12T00:00:00.000Z", "2025-10-13T09:30:00.000Z", "2026-11-15T12:00:00.000Z", "2025-11-02T07:00:00.000Z",
            "2025-10-20T00:00:00.000Z", "2025-10-21T00:00:00.000Z", "2026-12-03T00:00:00.000Z",
        ])
        let todo = " They were imported with those times, and the round page's responses per day shows them so. If the answers were given then, leave them. "
            + "If the dates are mistyped: an import replaces no response, so take this import back "
            + "(`samla import undo --round test-2026 --id 1` shows what that removes, and with --yes removes it), correct the dates in the file and import it again"
        #expect(result.diagnostics.map(\.description) == [
            "\(path): warning[W425]: 5 imported rows have a submitted_at before round test-2026 opens (2026-11-01 to 2026-11-30, both days included, "
                + "in the time zone Pacific/Kiritimati): row 1 (2025-10-12), row 2 (2025-10-13T09:30:00Z), row 4 (2025-11-02 08:00+01:00) and 2 more." + todo,
            "\(path): warning[W426]: 1 imported row has a submitted_at after round test-2026 closes (2026-11-01 to 2026-11-30, both days included, "
                + "in the time zone Pacific/Kiritimati): row 7 (2026-12-03)." + todo,
        ])
    }

    /// A refused import stores nothing, so it says nothing of dates; rows without a time (the time
    /// of the import) are not compared.
    @Test func aRefusedImportOrAnEmptyTimeWarnsOfNoDates() throws {
        defer { fixture.cleanUp() }
        let refused = try file(["2025-10-12", "not a time"])
        #expect(importFile(refused, in: Self.kiritimati).diagnostics.map(\.code) == [.invalidTimestamp])
        let undated = try file(["", "2025-10-12"])
        let result = importFile(undated, in: Self.kiritimati)
        #expect(result.imported == 2)
        #expect(result.diagnostics.map(\.code) == [.submittedBeforeRound])
        #expect(result.diagnostics.first?.message.hasPrefix("1 imported row has a submitted_at before round test-2026 opens") == true)
    }

    /// A time more than a day after the import is refused at its row and column, and the file with
    /// it (nothing stored); up to a day ahead is a clock's or a zone's difference and is taken.
    @Test func aTimeMoreThanADayAheadIsRefused() throws {
        defer { fixture.cleanUp() }
        let path = try file(["2026-11-15", "2026-12-16T12:00:00Z", "2026-12-16T12:00:00.001Z", "2062-11-15"])
        let before = try fixture.contentDump()
        let result = importFile(path, in: Self.kiritimati)
        #expect(result.isRefused)
        #expect(result.diagnostics.map(\.description) == [
            "\(path):4: error[E496]: row 3, column submitted_at: “2026-12-16T12:00:00.001Z” is more than a day after the time of the import (2026-12-15T12:00:00.000Z): "
                + "no answer was given then, so it is a typing error; correct the time, or leave the cell empty for the time of the import",
            "\(path):5: error[E496]: row 4, column submitted_at: “2062-11-15” is more than a day after the time of the import (2026-12-15T12:00:00.000Z): "
                + "no answer was given then, so it is a typing error; correct the time, or leave the cell empty for the time of the import",
        ])
        #expect(try fixture.contentDump() == before)

        let skipping = importFile(path, in: Self.kiritimati, skipInvalid: true)
        #expect(skipping.imported == 2)
        #expect(skipping.refusedRows == 2)
        #expect(skipping.diagnostics.map(\.code) == [.submittedAfterRound, .submittedInFuture, .submittedInFuture])
        #expect(try storedTimes() == ["2026-11-15T00:00:00.000Z", "2026-12-16T12:00:00.000Z"])
    }
}

import Diagnostics
import Expressions
import Foundation
import GRDB
import Testing
@testable import Intake
@testable import Store

/// An import whose database cannot take it (a full disk, another process holding the write lock)
/// is refused whole with the database's own error (E433, E432), leaves the database as it was,
/// and goes through once the database takes writes again.
@Suite struct DatabaseFailureImportTests {
    /// The rows of valid.csv repeated until the file needs many new pages of the database.
    func largeFile(_ fixture: ImportFixture, copies: Int = 400) throws -> String {
        let lines = try String(contentsOfFile: ImportFixture.fixture("valid.csv"), encoding: .utf8).split(separator: "\n")
        let rows = Array(repeating: lines.dropFirst().joined(separator: "\n"), count: copies).joined(separator: "\n")
        return try fixture.write("many.csv", bytes: Array((lines[0] + "\n" + rows + "\n").utf8))
    }

    /// Limits the database to the pages it has now plus `extra` (SQLite's `max_page_count`), as a full disk would.
    func limitPages(_ store: SQLiteStore, extra: Int) throws {
        try store.pool.writeWithoutTransaction { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            try db.execute(sql: "PRAGMA max_page_count = \(pages + extra)")
        }
    }

    @Test func aFullDiskRefusesTheWholeImportNamingTheDatabase() throws {
        let fixture = try ImportFixture()
        defer { fixture.cleanUp() }
        let file = try largeFile(fixture)
        let before = try fixture.contentDump()
        try limitPages(fixture.store, extra: 4)

        let refused = fixture.importFile(file)
        #expect(refused.isRefused)
        #expect(refused.imported == 0)
        #expect(refused.errorsByCode.map(\.code) == [.databaseFull])
        #expect(refused.diagnostics.map(\.description) == [
            "\(fixture.databasePath): error[E433]: the disk that holds the database is full; nothing was written and what was stored is intact; free space on that disk and try again",
        ])
        #expect(try fixture.contentDump() == before, "nothing of the file is stored, and nothing else changed")
        let check = try DatabaseQueue(path: fixture.databasePath).read { try String.fetchOne($0, sql: "PRAGMA integrity_check") }
        #expect(check == "ok")

        try limitPages(fixture.store, extra: 1_000_000)
        let again = fixture.importFile(file)
        #expect(!again.isRefused, "\(again.diagnostics)")
        #expect(again.imported == 1_600)
    }

    /// A database whose tables another program changed refuses the rows with SQLite's words, never
    /// the statement: the message quoted GRDB's description, `… - while executing `INSERT INTO …``.
    @Test func aChangedTableRefusesTheImportWithoutShowingSQL() throws {
        let fixture = try ImportFixture()
        defer { fixture.cleanUp() }
        try fixture.store.pool.writeWithoutTransaction { db in try db.execute(sql: "ALTER TABLE answers_import_test DROP COLUMN share") }
        let before = try fixture.contentDump()
        let refused = fixture.importFile(ImportFixture.fixture("valid.csv"))
        #expect(refused.isRefused)
        #expect(refused.diagnostics.map(\.description) == [
            "\(fixture.databasePath): error[E428]: the database refused the rows (SQLite error 1: table answers_import_test has no column named share); nothing was written",
        ])
        #expect(try fixture.contentDump() == before)
    }

    @Test func aWriteLockHeldElsewhereRefusesTheImportAsBusy() throws {
        let fixture = try ImportFixture()
        defer { fixture.cleanUp() }
        let before = try fixture.contentDump()
        let impatient = try SQLiteStore(path: fixture.databasePath, busyTimeout: 0.2)
        let importer = ResponseImporter(store: impatient, database: fixture.databasePath, options: ImportOptions(today: CalendarDate(year: 2025, month: 12, day: 1)!))

        var holding = Configuration()
        holding.allowsUnsafeTransactions = true
        let other = try DatabaseQueue(path: fixture.databasePath, configuration: holding)
        try other.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }
        let refused = importer.importFile(ImportFixture.fixture("valid.csv"), round: ImportFixture.round)
        try other.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") }

        #expect(refused.isRefused)
        #expect(refused.errorsByCode.map(\.code) == [.databaseBusy])
        let message = try #require(refused.diagnostics.first).description
        #expect(message.hasPrefix("\(fixture.databasePath): error[E432]: another process (an import, `samla round open`, or another server on this file) held the database's write lock"))
        #expect(message.hasSuffix("nothing was written; try again when it has finished"))
        #expect(try fixture.contentDump() == before)

        let again = importer.importFile(ImportFixture.fixture("valid.csv"), round: ImportFixture.round)
        #expect(again.imported == 4, "\(again.diagnostics)")
    }
}

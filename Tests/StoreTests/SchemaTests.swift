import Foundation
import GRDB
import Testing
@testable import Store

@Suite struct SchemaTests {
    @Test func newStoreIsMigratedDurableAndInWALMode() throws {
        let temporary = try TemporaryStore()
        #expect(try temporary.store.appliedMigrations() == Schema.migrator.migrations.sorted(), "every migration, from v1 to the last")
        #expect(try temporary.store.appliedMigrations().contains(Schema.suppressionsMigration))
        let settings = try temporary.store.durabilitySettings()
        #expect(settings.journalMode == "wal")
        #expect(settings.synchronous == 2, "synchronous = FULL")
        let foreignKeys = try temporary.store.pool.read { try Int.fetchOne($0, sql: "PRAGMA foreign_keys") }
        #expect(foreignKeys == 1)
        let secureDelete = try temporary.store.pool.write { try Int.fetchOne($0, sql: "PRAGMA secure_delete") }
        #expect(secureDelete == 1, "erased personal data is overwritten")
    }

    @Test func reopeningAStoreKeepsItsData() throws {
        let temporary = try TemporaryStore()
        try temporary.open("shop-2025", TestSurveys.document())
        let again = try SQLiteStore(path: temporary.path)
        #expect(try again.round(named: "shop-2025")?.surveyID == "shop")
        #expect(try again.appliedMigrations() == Schema.migrator.migrations.sorted())
    }

    /// An import holds the write lock for its whole length. A store that is up to date opens and
    /// reads without it, so `samla round list`, an export or the server starting meanwhile are not
    /// refused with E432 after the wait; only a write is.
    @Test func anUpToDateStoreOpensAndReadsWhileAnotherConnectionHoldsTheWriteLock() throws {
        let temporary = try TemporaryStore()
        try temporary.open("shop-2025", TestSurveys.document())
        var holding = Configuration()
        holding.allowsUnsafeTransactions = true
        let holder = try DatabaseQueue(path: temporary.path, configuration: holding)
        try holder.writeWithoutTransaction { db in try db.execute(sql: "BEGIN IMMEDIATE") }
        defer { try? holder.writeWithoutTransaction { db in try db.execute(sql: "ROLLBACK") } }
        let reader = try SQLiteStore(path: temporary.path, busyTimeout: 0.2)
        #expect(try reader.round(named: "shop-2025")?.surveyID == "shop")
        #expect {
            try reader.pool.write { db in try db.execute(sql: "PRAGMA user_version = 1") }
        } throws: { error in StoreError(databaseFailure: error, path: temporary.path) == .databaseBusy(path: temporary.path) }
    }

    @Test func aFileThatIsNotADatabaseIsRefused() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("samla-notadb-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("notes.sqlite").path
        try Data(String(repeating: "these are my notes, not a database\n", count: 200).utf8).write(to: URL(fileURLWithPath: path))
        #expect {
            _ = try SQLiteStore(path: path)
        } throws: { error in
            guard case StoreError.unusableDatabase(let p, let reason) = error else { return false }
            return p == path && reason.contains("not an SQLite database")
        }
    }

    /// SQLite takes a file of one byte for an empty database and writes a new one over it.
    @Test(arguments: [Data("x".utf8), Data("no".utf8), Data("SQLite format 3".utf8), Data([0])])
    func aShortFileThatIsNotADatabaseIsRefusedAndLeftAsItWas(content: Data) throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("samla-short-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("samla.sqlite").path
        try content.write(to: URL(fileURLWithPath: path))
        let refusal = StoreError.unusableDatabase(
            path: path, reason: "the file is not an SQLite database; nothing was changed; give --db a new path or a Samla store")
        #expect(throws: refusal) { _ = try SQLiteStore(path: path) }
        #expect(throws: refusal) { _ = try SQLiteStore(readingOnly: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == content)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["samla.sqlite"], "no -wal or -shm file was made")
    }

    @Test func anEmptyFileBecomesAStore() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("samla-empty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("samla.sqlite").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        let store = try SQLiteStore(path: path)
        #expect(try store.appliedMigrations().contains(Schema.firstMigration))
    }

    @Test func aDatabaseOfAnotherProgramIsRefusedAndLeftAsItWas() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("samla-foreign-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("places.sqlite").path
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT); INSERT INTO notes (body) VALUES ('mine')")
        }
        #expect {
            _ = try SQLiteStore(path: path)
        } throws: { error in
            guard case StoreError.unusableDatabase(let p, let reason) = error else { return false }
            return p == path && reason == "this is an SQLite database of another program (tables notes), not a Samla store; nothing was changed; give --db a new path or a Samla store"
        }
        let (tables, journal) = try DatabaseQueue(path: path).read { db in
            (try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"), try String.fetchOne(db, sql: "PRAGMA journal_mode"))
        }
        #expect(tables == ["notes"], "no Samla table was added")
        #expect(journal == "delete", "the journal mode was not switched to WAL")
    }

    @Test func aStoreFromANewerSamlaIsRefused() throws {
        let temporary = try TemporaryStore()
        try temporary.store.pool.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v9: from the future')")
        }
        #expect {
            _ = try SQLiteStore(path: temporary.path)
        } throws: { error in
            guard case StoreError.unusableDatabase(_, let reason) = error else { return false }
            return reason.contains("newer version")
        }
    }

    /// A newer Samla's store that no program has open is refused before anything is written:
    /// opening it for writing switched it to WAL mode (a `samla backup` copy is in rollback-journal
    /// mode) and, with no `-wal` file beside it, wrote a table made and dropped at once.
    @Test func aStoreFromANewerSamlaIsLeftByteForByte() throws {
        let temporary = try TemporaryStore()
        try temporary.store.pool.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99: from the future')")
        }
        try temporary.store.close()
        let copy = try DatabaseQueue(path: temporary.path)
        #expect(try copy.writeWithoutTransaction { db in try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE") } == "delete")
        try copy.close()
        let before = try Data(contentsOf: URL(fileURLWithPath: temporary.path))
        #expect(throws: StoreError.self) { try SQLiteStore(path: temporary.path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: temporary.path)) == before)
    }

    /// A downgrade names the migration the older binary does not know and its own latest, so that
    /// the operator can tell which binary the database needs; it said only "a newer version".
    @Test func aStoreFromANewerSamlaIsRefusedNamingTheMigrations() throws {
        let temporary = try TemporaryStore()
        try temporary.store.pool.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99: from the future')")
        }
        let latest = try #require(Schema.migrator.migrations.last)
        for open: () throws -> Void in [{ _ = try SQLiteStore(path: temporary.path) }, { _ = try SQLiteStore(readingOnly: temporary.path) }] {
            let error = try #require(#expect(throws: StoreError.self) { try open() })
            let message = error.diagnostics(database: temporary.path).map(\.description).joined()
            #expect(message.contains(
                "error[E460]: the database was written by a newer version of Samla: it has the migration \"v99: from the future\", which this version does not know "
                    + "(its latest is \"\(latest)\"); nothing was changed; use the newer samla it was upgraded with, or restore the backup made before the upgrade"), "\(message)")
        }
    }

    /// A store of an earlier schema is not brought up to date while another connection has it open
    /// (the older `samla serve` left running when the binary was upgraded): E805, nothing changed.
    /// Once that program has stopped, the same open migrates it.
    @Test func anUpgradeWaitsUntilNoOtherProgramHasTheDatabaseOpen() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("samla-upgrade-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("samla.sqlite").path
        try SQLiteStore(path: path).pool.writeWithoutTransaction { db in
            try db.execute(sql: "DROP TABLE suppressions; DELETE FROM grdb_migrations WHERE identifier = '\(Schema.suppressionsMigration)'")
        }
        let running = try DatabaseQueue(path: path)
        _ = try running.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM responses") }
        let error = try #require(#expect(throws: StoreError.self) { try SQLiteStore(path: path, busyTimeout: 0.2) })
        let message = error.diagnostics(database: path).map(\.description).joined()
        #expect(message.hasPrefix("\(path): error[E805]: the database was made by an earlier version of Samla"), "\(message)")
        #expect(message.contains("another program has it open, such as the earlier samla serve still running on it"), "\(message)")
        let tables = try running.read { try String.fetchAll($0, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") }
        #expect(!tables.contains("suppressions"), "nothing was migrated")
        try running.close()
        #expect(try SQLiteStore(path: path).appliedMigrations().contains(Schema.suppressionsMigration))
    }

    /// An SQLite error the store has no refusal for is put in words without its statement.
    @Test func anSQLiteErrorIsPutInWordsWithoutItsSQL() throws {
        let temporary = try TemporaryStore()
        let error = try #require(#expect(throws: DatabaseError.self) {
            try temporary.store.pool.read { db in try db.execute(sql: "SELECT no_such_column FROM rounds") }
        })
        #expect("\(error)".contains("SELECT no_such_column FROM rounds"), "GRDB's description carries the statement")
        #expect(StoreError.words(for: error) == "SQLite error 1: no such column: no_such_column")
        struct Other: Error, CustomStringConvertible { var description: String { "other" } }
        #expect(StoreError.words(for: Other()) == "other")
    }

    @Test func unusableDatabaseBecomesADiagnostic() {
        let diagnostics = StoreError.unusableDatabase(path: "x.sqlite", reason: "the file is not an SQLite database").diagnostics(database: "x.sqlite")
        #expect(diagnostics.map(\.description) == ["x.sqlite: error[E460]: the file is not an SQLite database"])
    }
}

import Foundation
import GRDB
import Testing
@testable import Store

/// `SQLiteStore.restore(from:to:)`: a checked backup put in place as the database, numbering new
/// responses past the ones the lost database may have given, and never onto a database or a damaged backup.
@Suite struct RestoreTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("samla-restore-\(UUID().uuidString)")
        for name in ["lost", "new", "backups"] {
            try FileManager.default.createDirectory(at: folder.appendingPathComponent(name), withIntermediateDirectories: true)
        }
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
    func removeFolder() { try? FileManager.default.removeItem(at: folder) }
    func files(_ name: String) throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: path(name)).sorted() }

    /// A backup of a database with 12 complete and 3 partial responses, made while it is open, and the database.
    func backup() throws -> (backup: String, database: String) {
        let store = try SQLiteStore(path: path("lost/samla.sqlite"))
        try BackupTests.fill(store, complete: 12, partial: 3)
        _ = try SQLiteStore(readingOnly: path("lost/samla.sqlite")).backup(to: path("backups/samla.sqlite"))
        return (path("backups/samla.sqlite"), path("lost/samla.sqlite"))
    }

    /// The response number the store at `database` gives the next response.
    static func nextResponseID(_ database: String) throws -> Int64 {
        let store = try SQLiteStore(path: database)
        try store.insertCompleteResponses(round: "shop-2025", document: BackupTests.document, source: .import) { inserter in
            try inserter.insert(TestSurveys.answers(0), info: ImportedResponseInfo(language: "sv"))
        }
        return try store.pool.read { db in try Int64.fetchOne(db, sql: "SELECT max(id) FROM responses") ?? 0 }
    }

    @Test func aBackupIsRestoredRowForRowAndNumbersNewResponsesPastAGap() throws {
        defer { removeFolder() }
        let (backup, database) = try backup()
        let restored = try SQLiteStore.restore(from: backup, to: path("new/samla.sqlite"))

        #expect(try BackupTests.dump(path("new/samla.sqlite")) == BackupTests.dump(database))
        #expect(restored.rounds == 1 && restored.completeResponses == 12 && restored.partialResponses == 3)
        #expect(restored.lastResponseID == 15 && restored.firstNewResponseID == 11_001)
        #expect(restored.latestWrite != nil && restored.lastErasure == nil && restored.earlierSchema == nil)
        #expect(try BackupTests.headerJournalMode(path("new/samla.sqlite")) == [2, 2], "the restored database is in WAL mode")
        let mode = try FileManager.default.attributesOfItem(atPath: path("new/samla.sqlite"))[.posixPermissions] as? Int
        #expect(mode == 0o600, "readable by the user who restored it alone")
        #expect(try !files("new").contains { $0.contains("incomplete") }, "no temporary file left")
        #expect(try Self.nextResponseID(path("new/samla.sqlite")) == 11_001, "the numbers 16 to 11,000 are left to the lost database")
        #expect(try Self.nextResponseID(database) == 16)
    }

    @Test func theGapIsAsLargeAsTheBackupsNumbersAndAtLeastTenThousand() {
        #expect(SQLiteStore.firstResponseID(afterRestoring: 0) == 10_001)
        #expect(SQLiteStore.firstResponseID(afterRestoring: 169) == 11_001)
        #expect(SQLiteStore.firstResponseID(afterRestoring: 300_000) == 600_001)
        #expect(SQLiteStore.firstResponseID(afterRestoring: 300_001) == 601_001)
    }

    @Test func aRestoreNeverReplacesADatabaseNorGoesBesideAnOldWALFile() throws {
        defer { removeFolder() }
        let (backup, database) = try backup()
        let before = try Data(contentsOf: URL(fileURLWithPath: database))
        #expect(throws: StoreError.restoreOntoDatabase(path: database, files: ["samla.sqlite"])) {
            try SQLiteStore.restore(from: backup, to: database)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: database)) == before)

        try Data(repeating: 7, count: 100).write(to: URL(fileURLWithPath: path("new/samla.sqlite-wal")))
        #expect(throws: StoreError.restoreOntoDatabase(path: path("new/samla.sqlite"), files: ["samla.sqlite-wal"])) {
            try SQLiteStore.restore(from: backup, to: path("new/samla.sqlite"))
        }
        #expect(try files("new") == ["samla.sqlite-wal"])
    }

    @Test func aDamagedCutShortOrForeignBackupIsRefusedAndNothingIsLeft() throws {
        defer { removeFolder() }
        let (backup, _) = try backup()
        let bytes = try Data(contentsOf: URL(fileURLWithPath: backup))
        try bytes.prefix(bytes.count / 2).write(to: URL(fileURLWithPath: path("backups/cut.sqlite")))
        var damaged = bytes
        let root = try DatabaseQueue(path: backup).read { db in try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_master WHERE name = 'answers_shop'") ?? 0 }
        damaged.replaceSubrange((root - 1) * 4096 ..< (root - 1) * 4096 + 64, with: Data(repeating: 0xff, count: 64))
        try damaged.write(to: URL(fileURLWithPath: path("backups/damaged.sqlite")))
        try Data("response_id,consent\n1,yes\n".utf8).write(to: URL(fileURLWithPath: path("backups/text.sqlite")))
        let other = try DatabaseQueue(path: path("backups/other.sqlite"))
        try other.write { db in try db.execute(sql: "CREATE TABLE notes (body TEXT)") }
        try other.close()

        for (name, words) in [("cut", "damaged"), ("damaged", "integrity check"), ("text", "not an SQLite database"),
                              ("other", "another program"), ("missing", "there is no file here")] {
            do {
                _ = try SQLiteStore.restore(from: path("backups/\(name).sqlite"), to: path("new/samla.sqlite"))
                Issue.record("\(name) was restored")
            } catch let StoreError.backupNotRestorable(refused, reason) {
                #expect(refused == path("backups/\(name).sqlite"))
                #expect(reason.contains(words), "\(name): \(reason)")
            }
            #expect(try files("new") == [], "\(name) left nothing")
        }
    }
}

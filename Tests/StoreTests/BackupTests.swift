import Foundation
import GRDB
import Testing
@testable import Store

/// `SQLiteStore.backup(to:replacing:)`: a consistent, checked copy of the database in one file,
/// made while another connection writes, and nothing left behind when it is refused or fails.
@Suite struct BackupTests {
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("samla-backup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("backups"), withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
    func removeFolder() { try? FileManager.default.removeItem(at: folder) }
    func backups() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: path("backups")).sorted() }

    /// The definition of round shop-2025, made once: the text of each `TestSurveys.document()`, and with it its hash, may differ.
    static let document = TestSurveys.document()

    /// Round shop-2025 with `complete` complete and `partial` partial responses, written by `store`.
    static func fill(_ store: SQLiteStore, complete: Int, partial: Int) throws {
        try store.openRound(RoundRequest(name: "shop-2025", document: Self.document, opens: TestSurveys.opens, closes: TestSurveys.closes))
        try store.insertCompleteResponses(round: "shop-2025", document: Self.document, source: .import) { inserter in
            for i in 0..<complete { try inserter.insert(TestSurveys.answers(i), info: ImportedResponseInfo(language: "sv")) }
            for i in 0..<partial {
                try inserter.insert(TestSurveys.answers(i), info: ImportedResponseInfo(language: "en", status: .partial, currentPage: "profile"))
            }
        }
    }

    /// Every response row and answer row of `database`, in id order, as text.
    static func dump(_ database: String) throws -> [String] {
        var configuration = Configuration()
        configuration.readonly = true
        return try DatabaseQueue(path: database, configuration: configuration).read { db in
            try ["responses", "answers_shop", "pii_answers_shop", "rounds"].flatMap { table in
                try Row.fetchAll(db, sql: "SELECT * FROM \(table) ORDER BY rowid").map { "\(table): \($0)" }
            }
        }
    }

    /// The journal mode a database file's header sets: 1 rollback journal, 2 WAL (bytes 18 and 19).
    static func headerJournalMode(_ path: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path))[18...19])
    }

    @Test func aBackupIsOneCheckedFileWithTheCommitsOfTheWAL() throws {
        defer { removeFolder() }
        let database = path("samla.sqlite")
        let store = try SQLiteStore(path: database)
        try Self.fill(store, complete: 12, partial: 3)
        #expect(try FileManager.default.attributesOfItem(atPath: database + "-wal")[.size] as? Int ?? 0 > 0, "the commits are in the -wal file")

        let backup = try SQLiteStore(readingOnly: database).backup(to: path("backups/copy.sqlite"))
        #expect(backup == BackupSummary(file: path("backups/copy.sqlite"), bytes: try FileManager.default.attributesOfItem(atPath: path("backups/copy.sqlite"))[.size] as? Int ?? -1,
                                        rounds: 1, completeResponses: 12, partialResponses: 3,
                                        checksumFile: path("backups/copy.sqlite.sha256"), sha256: try BackupChecksumTests.sha256(path("backups/copy.sqlite"))))
        #expect(try backups() == ["copy.sqlite", "copy.sqlite.sha256"], "one file and its checksum: no -wal, -shm, journal or temporary file")
        #expect(try Self.headerJournalMode(path("backups/copy.sqlite")) == [1, 1], "rollback-journal mode, not WAL")
        #expect(try Self.dump(path("backups/copy.sqlite")) == Self.dump(database))
        let copy = try SQLiteStore(readingOnly: path("backups/copy.sqlite"))
        #expect(copy.access == .readOnly)
        #expect(try copy.roundSummaries() == store.roundSummaries())
        #expect(try copy.appliedMigrations() == store.appliedMigrations())
        #expect(try backups() == ["copy.sqlite", "copy.sqlite.sha256"], "reading the copy makes no -wal or -shm file")
    }

    /// A writer commits three responses per transaction while backups are taken: every write
    /// succeeds and is stored, and each copy holds whole transactions only, a prefix of the writes.
    @Test func writesDuringABackupAreNeitherRefusedNorLostAndEachCopyIsOneCommit() throws {
        defer { removeFolder() }
        let database = path("samla.sqlite")
        try Self.fill(try SQLiteStore(path: database), complete: 3, partial: 0)
        let writer = Writer(database: database)
        let thread = Thread { writer.run() }
        thread.start()
        writer.waitForFirstCommit()

        let reader = try SQLiteStore(readingOnly: database)
        var copies: [BackupSummary] = []
        for index in 0..<8 {
            copies.append(try reader.backup(to: path("backups/copy-\(index).sqlite")))
        }
        let written = writer.stop()

        #expect(writer.failure == nil, "every write succeeded: \(String(describing: writer.failure))")
        #expect(written > 0)
        let live = try SQLiteStore(readingOnly: database).roundSummaries()
        #expect(live.map(\.complete) == [3 + 3 * written], "every acknowledged write is in the database")
        let liveResponses = try Self.dump(database).filter { $0.hasPrefix("responses: ") }
        for (index, copy) in copies.enumerated() {
            #expect(copy.completeResponses % 3 == 0, "whole transactions only: \(copy.completeResponses)")
            #expect(copy.completeResponses >= 3 && copy.completeResponses <= 3 + 3 * written)
            let rows = try Self.dump(path("backups/copy-\(index).sqlite"))
            #expect(rows.filter { $0.hasPrefix("responses: ") }.count == copy.completeResponses)
            #expect(rows.filter { $0.hasPrefix("answers_shop: ") }.count == copy.completeResponses, "each response with its answers")
            #expect(Array(liveResponses.prefix(copy.completeResponses)) == rows.filter { $0.hasPrefix("responses: ") },
                    "the copy is the database as of one of its commits")
        }
        #expect(try backups() == (0..<8).flatMap { ["copy-\($0).sqlite", "copy-\($0).sqlite.sha256"] })
    }

    /// Writes three responses per transaction through a store of its own (as `samla serve` would)
    /// until stopped.
    final class Writer: @unchecked Sendable {
        let database: String
        private let condition = NSCondition()
        private var stopping = false
        private var finished = false
        private var commits = 0
        private(set) var failure: (any Error)?

        init(database: String) { self.database = database }

        func run() {
            var failure: (any Error)?
            do {
                let store = try SQLiteStore(path: database)
                while !isStopping {
                    try store.insertCompleteResponses(round: "shop-2025", document: BackupTests.document, source: .import) { inserter in
                        for i in 0..<3 { try inserter.insert(TestSurveys.answers(i), info: ImportedResponseInfo(language: "sv")) }
                    }
                    update { commits += 1 }
                }
            } catch {
                failure = error
            }
            update {
                self.failure = failure
                finished = true
            }
        }

        func waitForFirstCommit() {
            condition.lock()
            while commits == 0 && !finished { condition.wait() }
            condition.unlock()
        }

        /// Stops the writer after its current transaction; the transactions it committed.
        func stop() -> Int {
            condition.lock()
            defer { condition.unlock() }
            stopping = true
            while !finished { condition.wait() }
            return commits
        }

        private var isStopping: Bool {
            condition.lock()
            defer { condition.unlock() }
            return stopping
        }

        private func update(_ change: () -> Void) {
            condition.lock()
            change()
            condition.broadcast()
            condition.unlock()
        }
    }

    @Test func refusalsWriteNothing() throws {
        defer { removeFolder() }
        let database = path("samla.sqlite")
        try Self.fill(try SQLiteStore(path: database), complete: 2, partial: 1)
        let store = try SQLiteStore(readingOnly: database)
        let earlier = path("backups/earlier.sqlite")
        try Data("an earlier backup".utf8).write(to: URL(fileURLWithPath: earlier))
        let databaseFiles = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        try FileManager.default.createSymbolicLink(atPath: path("backups/link"), withDestinationPath: folder.path)

        #expect(throws: StoreError.backupExists(path: earlier)) { try store.backup(to: earlier) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: earlier)) == Data("an earlier backup".utf8))
        for same in [database, database + "-wal", path("backups/../samla.sqlite"), path("backups/link/samla.sqlite")] {
            #expect(throws: StoreError.backupIsDatabase(path: same, database: database)) { try store.backup(to: same, replacing: true) }
        }
        #expect(throws: StoreError.backupUnwritable(path: path("missing/copy.sqlite"),
            reason: "the folder \(path("missing")) does not exist; make it first, or give --to a file in a folder that exists")) {
            try store.backup(to: path("missing/copy.sqlite"))
        }
        #expect(throws: StoreError.backupUnwritable(path: path("backups"),
            reason: "this is a folder; --to names the backup file, e.g. \(path("backups/samla-backup.sqlite"))")) {
            try store.backup(to: path("backups"), replacing: true)
        }
        #expect(try backups() == ["earlier.sqlite", "link"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == databaseFiles)

        let replaced = try store.backup(to: earlier, replacing: true)
        #expect(replaced.responses == 3)
        #expect(try backups() == ["earlier.sqlite", "earlier.sqlite.sha256", "link"])
    }

    /// A disk that fills up during the copy (SQLite's `max_page_count` standing in for it): refused
    /// with the backup's path, the earlier backup kept, and no temporary file left.
    @Test func aFullDiskLeavesTheEarlierBackupAndNoTemporaryFile() throws {
        defer { removeFolder() }
        let database = path("samla.sqlite")
        try Self.fill(try SQLiteStore(path: database), complete: 40, partial: 0)
        let store = try SQLiteStore(readingOnly: database)
        let file = path("backups/samla.sqlite")
        _ = try store.backup(to: file)
        let earlier = try Data(contentsOf: URL(fileURLWithPath: file))
        let bytes = try FileManager.default.attributesOfItem(atPath: database)[.size] as? Int ?? -1

        #expect(throws: StoreError.backupDiskFull(path: file, databaseBytes: bytes)) {
            try store.backup(to: file, replacing: true, pageLimit: 4)
        }
        #expect(try backups() == ["samla.sqlite", "samla.sqlite.sha256"], "the earlier backup with its checksum file")
        #expect(try Data(contentsOf: URL(fileURLWithPath: file)) == earlier)
        #expect(try String(contentsOfFile: file + ".sha256", encoding: .utf8) == "\(try BackupChecksumTests.sha256(file))  samla.sqlite\n")
    }

    /// A database with a damaged page is copied as it is, and the copy's check refuses it: with the
    /// check's findings, or with SQLite's error where the damage stops the check.
    @Test(arguments: [(offset: 8, byte: UInt8(0x55)), (offset: 0, byte: UInt8(0x55))])
    func aCopyThatFailsTheIntegrityCheckIsRemoved(damage: (offset: Int, byte: UInt8)) throws {
        defer { removeFolder() }
        let database = path("samla.sqlite")
        try Self.fill(try SQLiteStore(path: database), complete: 40, partial: 0)
        let (root, pageSize) = try DatabaseQueue(path: database).read { db in
            (try Int.fetchOne(db, sql: "SELECT rootpage FROM sqlite_master WHERE name = 'answers_shop'") ?? 0,
             try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0)
        }
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: database))
        try handle.seek(toOffset: UInt64((root - 1) * pageSize + damage.offset))
        try handle.write(contentsOf: Data(repeating: damage.byte, count: 64))
        try handle.close()

        let file = path("backups/samla.sqlite")
        do {
            _ = try SQLiteStore(readingOnly: database).backup(to: file)
            Issue.record("the damaged copy was taken")
        } catch StoreError.backupDamaged(let refused, let problems) {
            #expect(refused == file)
            #expect(!problems.isEmpty && !problems.contains("ok"), "\(problems)")
        }
        #expect(try backups() == [])
    }
}

import Foundation
import GRDB
import Testing
@testable import Store

/// The store opened for reading only (`SQLiteStore(readingOnly:)`), as the commands that only read
/// open it: it reads a database this user cannot write and leaves the file's bytes and modification
/// time as they were.
///
/// A folder that cannot take SQLite's `-shm` file is made read-only (`chmod`) for a user that is not
/// root. Root ignores file modes, so for root a `-shm` symbolic link stands for it as well: SQLite
/// does not follow links (O_NOFOLLOW), so it can neither open nor make the `-shm` file, just as in a
/// read-only folder. Each test first shows that SQLite's plain read-only open indeed fails there.
@Suite struct ReadOnlyStoreTests {
    /// SQL that turns a database of the current schema back into one of schema v4.
    static let backToSchemaV4 = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/back-to-schema-v4.sql")

    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("samla-read-only-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    func removeFolder() {
        try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
        try? FileManager.default.removeItem(at: folder)
    }

    /// A store at `path` with round shop-2025 and 5 complete responses, closed: its last connection
    /// moved the commits into the file and removed the `-wal` file.
    static func makeStore(at path: String) throws {
        let store = try SQLiteStore(path: path)
        let document = TestSurveys.document()
        try store.openRound(RoundRequest(name: "shop-2025", document: document, opens: TestSurveys.opens, closes: TestSurveys.closes))
        try store.insertCompleteResponses(round: "shop-2025", document: document, source: .import) { inserter in
            for i in 0..<5 { try inserter.insert(TestSurveys.answers(i), info: ImportedResponseInfo(language: "sv")) }
        }
    }

    /// A copy, in `copy`, of a store whose `-wal` file holds committed data the database file does
    /// not: round shop-2025 is in the file, round shop-2026 only in the `-wal` file.
    static func makeCopyWithCommitsInItsWAL(source: String, copy: String) throws {
        try makeStore(at: source)
        let store = try SQLiteStore(path: source)
        try store.openRound(RoundRequest(name: "shop-2026", document: TestSurveys.document(), opens: TestSurveys.opens, closes: TestSurveys.closes))
        // Copied while the store is open and idle: its commits are in the -wal file, not checkpointed.
        for suffix in ["", "-wal"] { try FileManager.default.copyItem(atPath: source + suffix, toPath: copy + suffix) }
    }

    struct FileState: Equatable {
        var bytes: Data
        var modified: Date
    }

    static func state(_ path: String) throws -> FileState {
        FileState(bytes: try Data(contentsOf: URL(fileURLWithPath: path)),
                  modified: try #require(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date))
    }

    /// Makes the database read-only and the folder unable to take its `-shm` file, for any user.
    func forbidSharedMemory(_ database: String) throws {
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: database)
        if geteuid() == 0 {
            try FileManager.default.createSymbolicLink(atPath: database + "-shm", withDestinationPath: "/nonexistent/samla-shm")
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
        var readOnly = Configuration()
        readOnly.readonly = true
        #expect(throws: DatabaseError.self, "SQLite's plain read-only open fails here") {
            try DatabaseQueue(path: database, configuration: readOnly).read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM rounds") }
        }
    }

    func roundNames(_ store: SQLiteStore) throws -> [String] {
        try store.roundSummaries().map(\.round.name)
    }

    @Test func aStoreOpenedReadOnlyReadsAndWritesNothing() throws {
        defer { removeFolder() }
        let database = path("samla.sqlite")
        try Self.makeStore(at: database)
        let before = try Self.state(database)
        do {
            let store = try SQLiteStore(readingOnly: database)
            #expect(store.access == .readOnly)
            #expect(try store.roundSummaries().map(\.complete) == [5])
            #expect(try store.scanResponses(round: "shop-2025", variables: ["founded"], selection: .complete) { _ in } == 5)
            #expect {
                try store.closeRound(named: "shop-2025")
            } throws: { error in StoreError(databaseFailure: error, path: database) == .databaseUnwritable(path: database) }
        }
        #expect(try Self.state(database) == before)
        #expect(try SQLiteStore(path: database).round(named: "shop-2025")?.status == .open)
    }

    @Test func aDatabaseWhoseFolderCannotTakeItsSharedMemoryIsReadAsAnUnchangingFile() throws {
        defer { removeFolder() }
        let database = path("samla.sqlite")
        try Self.makeStore(at: database)
        try forbidSharedMemory(database)
        let before = try Self.state(database)
        do {
            let store = try SQLiteStore(readingOnly: database)
            #expect(store.access == .unchangingFile)
            #expect(try store.roundSummaries().map(\.complete) == [5])
            var founded: [Int64] = []
            try store.scanResponses(round: "shop-2025", variables: ["founded"], selection: .complete) { row in founded.append(row.integer(0) ?? -1) }
            #expect(founded == [1990, 1991, 1992, 1993, 1994])
        }
        #expect(try Self.state(database) == before)
    }

    /// With its `-wal` file and a folder that can take the `-shm` file, a copy is read read-only with
    /// the commits of its `-wal` file, which an immutable read would miss.
    @Test func commitsInTheWALAreReadWhenSQLiteCanMakeTheSharedMemory() throws {
        defer { removeFolder() }
        let copy = path("copy.sqlite")
        try Self.makeCopyWithCommitsInItsWAL(source: path("samla.sqlite"), copy: copy)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: copy)
        let before = try Self.state(copy)
        do {
            let store = try SQLiteStore(readingOnly: copy)
            #expect(store.access == .readOnly)
            #expect(try roundNames(store) == ["shop-2025", "shop-2026"])
        }
        var readOnly = Configuration()
        readOnly.readonly = true
        let immutable = try DatabaseQueue(path: SQLiteStore.unchangingFileURI(copy), configuration: readOnly).read { db in
            try String.fetchAll(db, sql: "SELECT name FROM rounds ORDER BY id")
        }
        #expect(immutable == ["shop-2025"], "an immutable read ignores the -wal file")
        #expect(try Self.state(copy) == before)
    }

    @Test func commitsInTheWALThatCannotBeReadAreRefused() throws {
        defer { removeFolder() }
        let copy = path("copy.sqlite")
        try Self.makeCopyWithCommitsInItsWAL(source: path("samla.sqlite"), copy: copy)
        let walBytes = try #require(try FileManager.default.attributesOfItem(atPath: copy + "-wal")[.size] as? Int)
        #expect(walBytes > 0)
        try forbidSharedMemory(copy)
        let before = try Self.state(copy)
        #expect(throws: StoreError.uncheckpointedCommits(path: copy, walBytes: walBytes)) {
            try SQLiteStore(readingOnly: copy)
        }
        #expect(try Self.state(copy) == before)
        #expect(StoreError.uncheckpointedCommits(path: copy, walBytes: walBytes).diagnostics(database: copy).map(\.description) == [
            "\(copy): error[E434]: copy.sqlite-wal holds \(walBytes) bytes of commits that are not in the database file yet, and SQLite reads them only with "
                + "copy.sqlite-shm, which it can neither open nor make beside the database (the folder or that file is read-only for this user); "
                + "nothing was read or changed; copy the database together with its -wal file to a writable folder (cp \(copy) \(copy)-wal FOLDER/) "
                + "and give --db the copy, or have the database's owner run sqlite3 \(copy) 'PRAGMA wal_checkpoint(TRUNCATE)', which moves the commits into the file",
        ])
    }

    /// A `VACUUM INTO` copy is in rollback-journal mode: read read-only without a `-shm` file.
    @Test func aCopyInRollbackJournalModeNeedsNoSharedMemory() throws {
        defer { removeFolder() }
        let database = path("samla.sqlite"), copy = path("copy.sqlite")
        try Self.makeStore(at: database)
        try DatabaseQueue(path: database).writeWithoutTransaction { db in try db.execute(sql: "VACUUM INTO ?", arguments: [copy]) }
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: copy)
        if geteuid() == 0 { try FileManager.default.createSymbolicLink(atPath: copy + "-shm", withDestinationPath: "/nonexistent/samla-shm") }
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: folder.path)
        let before = try Self.state(copy)
        do {
            let store = try SQLiteStore(readingOnly: copy)
            #expect(store.access == .readOnly)
            #expect(try store.roundSummaries().map(\.complete) == [5])
        }
        #expect(try Self.state(copy) == before)
    }

    /// The schema is not migrated read-only: a store of an earlier Samla is refused, saying which.
    @Test func aStoreOfAnEarlierSchemaIsRefusedAndNotMigrated() throws {
        defer { removeFolder() }
        let database = path("samla.sqlite")
        try Self.makeStore(at: database)
        try DatabaseQueue(path: database).write { db in
            try db.execute(sql: String(contentsOf: Self.backToSchemaV4, encoding: .utf8))
        }
        let before = try Self.state(database)
        let refusal = StoreError.outdatedSchema(path: database, latest: "v4: ended admin sessions", pending: ["v5: API clients", "v6: erasures", "v7: invitation dispositions", "v8: suppressions"])
        #expect(throws: refusal) { try SQLiteStore(readingOnly: database) }
        #expect(try Self.state(database) == before)
        #expect(refusal.diagnostics(database: database).map(\.description) == [
            "\(database): error[E460]: the database was made by an earlier version of Samla (its latest migration is \"v4: ended admin sessions\"; this version adds "
                + "\"v5: API clients\", \"v6: erasures\", \"v7: invitation dispositions\", \"v8: suppressions\"), and bringing it up to date needs to write it, which this user cannot (the file or its folder is read-only); "
                + "nothing was changed; copy it to a writable folder and give --db the copy, which is then brought up to date, or read it with the version of Samla that wrote it",
        ])
        #expect(try SQLiteStore(path: database).appliedMigrations() == Schema.migrator.migrations.sorted(), "opened for writing, it is brought up to date")
    }

    @Test func anEmptyFileIsNotTakenForAStore() throws {
        defer { removeFolder() }
        let database = path("samla.sqlite")
        #expect(FileManager.default.createFile(atPath: database, contents: Data()))
        #expect {
            try SQLiteStore(readingOnly: database)
        } throws: { error in
            guard case StoreError.unusableDatabase(let p, let reason) = error else { return false }
            return p == database && reason == "the database is empty, not a Samla store yet; `samla round open` makes one"
        }
        #expect(try Self.state(database).bytes.isEmpty)
        #expect(throws: StoreError.unusableDatabase(path: path("missing.sqlite"), reason: "there is no database here")) {
            try SQLiteStore(readingOnly: path("missing.sqlite"))
        }
        #expect(!FileManager.default.fileExists(atPath: path("missing.sqlite")))
    }

    /// A round's pseudonym key is made on its first partner export: through a connection of its own
    /// when the database can be written, and refused when it cannot; a key made before is read.
    @Test func aPseudonymKeyIsMadeOnlyWhereTheDatabaseCanBeWritten() throws {
        defer { removeFolder() }
        let database = path("samla.sqlite")
        try Self.makeStore(at: database)
        do {
            let store = try SQLiteStore(path: database)
            try store.openRound(RoundRequest(name: "shop-2026", document: TestSurveys.document(), opens: TestSurveys.opens, closes: TestSurveys.closes))
        }
        let key = try SQLiteStore(readingOnly: database).pseudonymKey(round: "shop-2025")
        #expect(key.count == 32)
        #expect(try SQLiteStore(path: database).pseudonymKey(round: "shop-2025") == key, "kept in the database")

        try forbidSharedMemory(database)
        let store = try SQLiteStore(readingOnly: database)
        #expect(store.access == .unchangingFile)
        #expect(try store.pseudonymKey(round: "shop-2025") == key)
        #expect(throws: StoreError.pseudonymKeyUnavailable(round: "shop-2026", path: database)) {
            try store.pseudonymKey(round: "shop-2026")
        }
    }
}
